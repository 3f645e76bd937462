import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/workspace';
import { contentSignature, fixAll, lost } from '../../src/core/fix';
import type { Finding } from '../../src/core/model';
import { CORPUS_MISSING, corpusDir } from './helpers/text';

/**
 * The rules on the real archive. The title, date, file name and number defects are recomputed
 * here by a deliberately simple oracle (regular expressions over the raw files, FORMAT.md's
 * conventions), and the rules must report exactly those. Other defect classes are asserted on
 * instances found and checked by hand (see docs/rules.md for what each code means).
 */
const corpus = corpusDir();
const skip = corpus ? false : CORPUS_MISSING;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface CorpusFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

function readCorpus(): CorpusFile[] {
  if (!corpus) return [];
  const folder = join(corpus, 'posts');
  return readdirSync(folder).filter((n) => n.endsWith('.md')).sort().map((name) => ({ name, path: join(folder, name), text: readFileSync(join(folder, name), 'utf8') }));
}

function suffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** file name -> codes the oracle expects among the header rules. */
function oracle(files: readonly CorpusFile[]): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  const add = (name: string, code: string) => expected.set(name, [...(expected.get(name) ?? []), code]);
  const rows: Array<{ name: string; number: number; day: number }> = [];
  for (const file of files) {
    const title = /^title:[ \t]*(.*?)[ \t]*$/m.exec(file.text)?.[1] ?? '';
    const date = /^date:[ \t]*(\d{4})-(\d\d)-(\d\d)/m.exec(file.text);
    const fileName = /^(\d{4})-(\d\d)-(\d\d)-(\d+)\.md$/.exec(file.name);
    const parts = /\\#(\d+) - (\d{1,2})([a-z]{2}) ([A-Z][a-z]+) (\d{4})$/.exec(title);
    if (!parts) add(file.name, 'title.format');
    const loose = /#(\d+)\s+-\s+(\d{1,2})([a-z]{2})\s+([A-Z][a-z]+)\s+(\d{4})/.exec(title);
    if (!loose || !date || !fileName) throw new Error(`the oracle cannot read ${file.name}`);
    const [number, day, ordinal, month, year] = [Number(loose[1]), Number(loose[2]), loose[3], MONTHS.indexOf(loose[4]) + 1, Number(loose[5])];
    if (ordinal !== suffix(day)) add(file.name, 'title.ordinal');
    const dateDay = `${date[1]}-${date[2]}-${date[3]}`;
    if (`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` !== dateDay) add(file.name, 'title.date-mismatch');
    if (`${fileName[1]}-${fileName[2]}-${fileName[3]}` !== dateDay) add(file.name, 'filename.mismatch');
    if (Number(fileName[4]) !== number) add(file.name, 'filename.mismatch');
    rows.push({ name: file.name, number, day: Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) / 86_400_000 });
  }
  rows.sort((a, b) => a.day - b.day || a.number - b.number);
  const seen = new Map<number, string>();
  rows.forEach((row, i) => {
    if (seen.has(row.number)) add(row.name, 'issue.number-duplicate');
    seen.set(row.number, row.name);
    const previous = rows[i - 1];
    if (!previous || previous.number === row.number) return;
    if (row.number !== previous.number + 1) add(row.name, 'issue.number-sequence');
    if (row.day - previous.day !== 7) add(row.name, 'issue.number-sequence');
  });
  return expected;
}

const HEADER_CODES = new Set(['title.format', 'title.ordinal', 'title.date-mismatch', 'filename.mismatch', 'issue.number-duplicate', 'issue.number-sequence', 'title.missing', 'date.invalid', 'frontmatter.missing', 'frontmatter.invalid']);

describe('the rules on the real corpus', { skip }, () => {
  let files: CorpusFile[] = [];
  const findings = new Map<string, Finding[]>();
  const counts = new Map<string, number>();
  const config = DEFAULT_CONFIG;

  before(() => {
    files = readCorpus();
    const index = new WorkspaceIndex(config);
    for (const file of files) index.update({ id: file.path, relativePath: `_posts/${file.name}` }, file.text);
    for (const file of files) {
      const found = runRules(parseIssue(file.text, file.path), { config, workspace: index });
      findings.set(file.name, found);
      for (const f of found) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
    }
  });

  test('counts the findings of each code (printed for the record)', (t) => {
    t.diagnostic([...counts].sort().map(([code, n]) => `${code}: ${n}`).join(', '));
    assert.equal(counts.get('rule.crashed') ?? 0, 0);
    assert.equal(counts.get('parse.failed') ?? 0, 0);
  });

  test('finds exactly the title, date, file name and number defects the corpus contains', () => {
    const expected = oracle(files);
    const actual = new Map<string, string[]>();
    for (const [name, found] of findings) {
      const codes = found.map((f) => f.code).filter((code) => HEADER_CODES.has(code));
      if (codes.length > 0) actual.set(name, codes.sort());
    }
    for (const codes of expected.values()) codes.sort();
    assert.deepEqual(Object.fromEntries([...actual].sort()), Object.fromEntries([...expected].sort()));
    assert.ok(expected.size >= 15, 'the corpus is known to hold at least 15 such defects');
  });

  const at = (name: string, code: string) => (findings.get(name) ?? []).filter((f) => f.code === code).map((f) => f.range.start.line + 1);

  test('finds the known body defects, checked by hand', () => {
    assert.deepEqual(at('2016-02-28-270.md', 'section.quoted-heading').length, 1, '>From in the intro');
    assert.deepEqual(at('2014-01-19-159.md', 'entry.bare-url'), [53], 'www. URL on its own line');
    assert.deepEqual(at('2016-07-17-290.md', 'entry.split'), [63]);
    assert.deepEqual(at('2013-12-22-155.md', 'link.duplicate'), [37], 'the same link line twice');
    assert.deepEqual(at('2016-05-08-280.md', 'link.duplicate'), [], 'two jobs on one careers page differ by fragment');
    assert.ok(at('2014-11-16-202.md', 'link.malformed').includes(55), 'a ) inside the link text');
    assert.ok((counts.get('link.insecure') ?? 0) > 1000);
    assert.ok((counts.get('link.seen-before') ?? 0) > 0);
  });

  test('takes the sponsor footers at the end of an issue for sponsor content, not entries without links', () => {
    assert.equal(counts.get('entry.missing-link') ?? 0, 0);
    assert.deepEqual(at('2016-12-04-310.md', 'link.seen-before'), [], 'the footer repeats the sponsor\'s link');
  });

  test('fix-all keeps every URL and description word of every file, and is idempotent', () => {
    let changed = 0;
    for (const file of files) {
      const once = fixAll(file.text, { fileName: file.path, config });
      if (once.text === file.text) continue; // nothing to fix: fixing again is the same computation
      changed++;
      const before = contentSignature(parseIssue(file.text));
      const after = contentSignature(parseIssue(once.text));
      assert.deepEqual(lost(before.urls, after.urls), [], `${file.name} lost URLs`);
      assert.deepEqual(lost(before.words, after.words), [], `${file.name} lost words`);
      assert.deepEqual(lost(after.urls, before.urls), [], `${file.name} gained URLs`);
      assert.equal(fixAll(once.text, { fileName: file.path, config }).text, once.text, `${file.name}: fix-all twice differs from once`);
    }
    assert.ok(changed > 50, `fix-all changed ${changed} files`);
  });
});
