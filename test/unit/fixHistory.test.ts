import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { inferProfile } from '../../src/core/format/infer';
import { readArchive } from '../../src/cli/init';
import type { FormatProfile } from '../../src/core/format/profile';
import type { Finding, Range } from '../../src/core/model';
import { CORPUS_MISSING, corpusDir, fixture } from './helpers/text';

/**
 * The fix histories: every pre-fix file of the corpus' `fixes/` is checked, and a commit counts as
 * caught when some finding touches a line its fix changed. The kinds come from our own
 * classification (test/fixtures/fixHistory/*.tsv, see its README). Each archive is checked with
 * the profile that `init` infers from it (not its preset). A hint counts only for the kinds its code
 * was written to find (test/fixtures/fixHistory/kind-codes.tsv): a house-style rule such as
 * `list.bullet-inconsistent` is quiet by default but does find its kind, while an ambient hint such
 * as `link.insecure` touches many lines for reasons of its own.
 */
const corpus = corpusDir();
const skip = corpus ? false : CORPUS_MISSING;

/** The share of mechanical commits caught, below which this test fails (a regression guard). */
const MECHANICAL_FLOOR = 0.8;

/** Kinds whose missed commits are listed, for whoever works on their rules: `FIX_HISTORY_MISSES=kind,kind`. */
const SHOW_MISSES = new Set((process.env.FIX_HISTORY_MISSES ?? '').split(',').filter(Boolean));

interface Row {
  readonly commit: string;
  readonly mechanical: boolean;
  readonly kind: string;
}

/** Per kind of mistake, the codes written to find it: their hints count for that kind. */
function readKindCodes(): Map<string, Set<string>> {
  const [, ...lines] = fixture('fixHistory', 'kind-codes.tsv').split('\n').filter((line) => line.trim() !== '');
  return new Map(lines.map((line) => {
    const [kind, codes] = line.split('\t');
    return [kind, new Set(codes.split(',').map((code) => code.trim()).filter(Boolean))];
  }));
}

function readRows(name: string): Row[] {
  const [, ...lines] = fixture('fixHistory', name).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const [commit, mechanical, kind] = line.split('\t');
    return { commit, mechanical: mechanical === 'yes', kind };
  });
}

/**
 * The 0-based lines of the pre-fix file that the fix changed, from a unified diff with no context
 * (`-U0`): the removed lines, and for a pure insertion the lines on either side of it.
 */
export function changedLines(diff: string): Set<number> {
  const lines = new Set<number>();
  for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (count === 0) {
      // Inserted after line `start` (1-based): the line before and the line after the gap.
      if (start > 0) lines.add(start - 1);
      lines.add(start);
    } else {
      for (let line = start; line < start + count; line++) lines.add(line - 1);
    }
  }
  return lines;
}

function rangeTouches(range: Range, lines: Set<number>): boolean {
  for (let line = range.start.line; line <= range.end.line; line++) if (lines.has(line)) return true;
  return false;
}

/**
 * A finding touches the fix when its range, or a place of the same file it points to (the first of
 * two duplicates, which the editor may well be the one to remove), covers a changed line.
 */
function touches(finding: Finding, lines: Set<number>, fileName: string): boolean {
  return rangeTouches(finding.range, lines) || (finding.related ?? []).some((r) => r.fileName === fileName && rangeTouches(r.range, lines));
}

interface Tally { mechanical: boolean; caught: number; total: number; codes: Map<string, number> }

function measure(folder: string, tsv: string, profile: FormatProfile, tallies: Map<string, Tally>, overall: { caught: number; total: number }, kindCodes: Map<string, Set<string>>): void {
  const fixes = join(corpus as string, folder, 'fixes');
  const files = new Map<string, string>();
  for (const line of readFileSync(join(fixes, 'index.tsv'), 'utf8').split('\n').slice(1)) {
    const [commit, , file] = line.split('\t');
    if (commit && file) files.set(commit, basename(file));
  }
  const config = { format: profile, rules: {}, emailFooter: '' };
  for (const row of readRows(tsv)) {
    const name = files.get(row.commit);
    assert.ok(name, `${row.commit} is in ${tsv} but not in ${folder}/fixes/index.tsv`);
    const before = join(fixes, 'before', `${row.commit}-${name}`);
    const diff = join(fixes, 'before', `${row.commit}.diff`);
    if (!existsSync(before) || !existsSync(diff)) assert.fail(`${row.commit}: the pre-fix file or the diff is missing`);
    const document = parseWithConfig(readFileSync(before, 'utf8'), name, config);
    const changed = changedLines(readFileSync(diff, 'utf8'));
    const ownCodes = kindCodes.get(row.kind) ?? new Set<string>();
    const counts = (finding: Finding) => finding.severity !== 'hint' || ownCodes.has(finding.code);
    const hits = runRules(document, { config }).filter((finding) => counts(finding) && touches(finding, changed, name));
    const tally = tallies.get(row.kind) ?? { mechanical: row.mechanical, caught: 0, total: 0, codes: new Map() };
    tally.total++;
    if (hits.length === 0 && SHOW_MISSES.has(row.kind)) console.log(`missed ${row.kind} ${row.commit} ${name}`);
    if (hits.length > 0) tally.caught++;
    if (row.mechanical) { overall.total++; if (hits.length > 0) overall.caught++; }
    for (const code of new Set(hits.map((hit) => hit.code))) tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
    tallies.set(row.kind, tally);
  }
}

test('changedLines reads the pre-fix lines of a zero-context diff', () => {
  const diff = '@@ -3 +3 @@ x\n-a\n+b\n@@ -10,2 +9,0 @@\n-c\n-d\n@@ -20,0 +19,1 @@\n+e\n';
  assert.deepEqual([...changedLines(diff)].sort((a, b) => a - b), [2, 9, 10, 19, 20]);
});

test('the rules find the mechanical mistakes of the fix histories', { skip }, () => {
  const tallies = new Map<string, Tally>();
  const overall = { caught: 0, total: 0 };
  const inferred = (folder: string) => {
    const { files, others } = readArchive(join(corpus as string, folder));
    return inferProfile(files, others).profile;
  };
  const kindCodes = readKindCodes();
  measure('this-week-in-rust', 'this-week-in-rust.tsv', inferred('this-week-in-rust'), tallies, overall, kindCodes);
  measure('lwkd', 'lwkd.tsv', inferred('lwkd'), tallies, overall, kindCodes);
  const rows = [...tallies.entries()].sort((a, b) => Number(b[1].mechanical) - Number(a[1].mechanical) || b[1].total - a[1].total);
  const lines = ['kind\tmechanical\tcaught/total\tcodes'];
  for (const [kind, tally] of rows) {
    const codes = [...tally.codes.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
    lines.push(`${kind}\t${tally.mechanical ? 'yes' : 'no'}\t${tally.caught}/${tally.total}\t${codes}`);
  }
  const { caught, total } = overall;
  const rate = total === 0 ? 0 : caught / total;
  lines.push(`all mechanical\tyes\t${caught}/${total} (${(rate * 100).toFixed(1)}%)`);
  console.log(lines.join('\n'));
  assert.ok(rate >= MECHANICAL_FLOOR, `only ${(rate * 100).toFixed(1)}% of the mechanical mistakes were found (floor ${MECHANICAL_FLOOR * 100}%)`);
});
