import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IssueDocument } from '../../src/core/model';
import type { FormatProfile } from '../../src/core/format/profile';
import { DEVOPS_WEEKLY, THIS_WEEK_IN_RUST } from '../../src/core/format/presets';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { lineSpanOf, parseForUpdates, updateIssue, type TextChange, type UpdateResult } from '../../src/core/parse/incremental';
import { resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { runRules } from '../../src/core/rules/runner';
import { checkIssue, type RuleResults } from '../../src/core/rules/incremental';
import { allEntries } from '../../src/core/entries';
import { CORPUS_MISSING, corpusDir } from './helpers/text';
import { TWIR_TEXT } from './helpers/issueTexts';

/**
 * `updateIssue` must give exactly the document `parseIssue` gives for the new text, after every
 * edit. The comparison, defined once: every field of the document, the Markdown tree with all its
 * positions included; `lines` (an object with methods) by its line count and the offset of each line.
 */
function comparable(document: IssueDocument): unknown {
  const lineStarts: number[] = [];
  for (let line = 0; line < document.lines.lineCount; line++) lineStarts.push(document.lines.offsetAt({ line, character: 0 }));
  return { ...document, lines: { lineCount: document.lines.lineCount, lineStarts } };
}

interface Edit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/**
 * Applies one edit through `updateIssue` and checks the result against a fresh parse; with `rules`,
 * also the findings of `checkIssue` after the edit (block rules re-run on the edited blocks only)
 * against `runRules` on the fresh parse: codes, levels, ranges, messages, fixes, related places.
 */
function applyAndCompare(document: IssueDocument, edit: Edit, profile: FormatProfile, label: string, rules?: { config: NewsletterConfig; results: RuleResults }): UpdateResult {
  const old = document.text;
  const change: TextChange = {
    range: { start: document.lines.positionAt(edit.offset), end: document.lines.positionAt(edit.offset + edit.length) },
    rangeOffset: edit.offset,
    rangeLength: edit.length,
    text: edit.text,
  };
  const newText = (document.hadBom ? '\ufeff' : '') + old.slice(0, edit.offset) + edit.text + old.slice(edit.offset + edit.length);
  const result = updateIssue(document, newText, [change], { profile });
  const expected = parseIssue(newText, document.fileName, { profile });
  assert.deepStrictEqual(comparable(result.document), comparable(expected), `${label}: ${JSON.stringify(edit)} (${result.delta.incremental ? 'fast path' : `full: ${result.delta.reason}`})`);
  if (rules) {
    rules.results = checkIssue(result.document, { config: rules.config }, rules.results, lineSpanOf(result.delta));
    assert.deepStrictEqual(rules.results.findings, runRules(expected, { config: rules.config }), `${label}: findings after ${JSON.stringify(edit)} (${rules.results.windowed} rules on the edited blocks)`);
  }
  return result;
}

/** mulberry32: a small seeded PRNG, so that a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPED = 'abcdefghij klmnopqrstuvwxyz ABC 0123456789 .,;:!?\'"()[]<>*_-+=#`~>|\\/&\t\n\n\n';
const PASTES = [
  '\n<br>[https://example.com/a/b](https://example.com/a/b)',
  '* [A new tool](https://example.org/tool) makes things faster.\n',
  '\n\n### [PR 1234: faster things](https://example.net/pr/1234)\n\nWhat it does.\n',
  '- [Something](https://example.com/x) in a list\n',
  '\n\n## A new section\n\n',
  'See https://example.com/bare for more. ',
  '\n```\ncode here\n```\n',
  '\n===\n',
  '\n1. first\n2. second\n',
  '> quoted\n',
  '<!-- a comment\n',
  '\n[ref]: https://example.com/ref\n',
  '[text][ref] ',
  '    indented\n',
];

/** Replays `count` random edits on the files, in turn; returns how many took the fast path. */
function replay(dir: string, files: readonly string[], config: NewsletterConfig, count: number, seed: number): { edits: number; fast: number; windowed: number; reasons: Map<string, number> } {
  const profile = config.format;
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let edits = 0;
  let fast = 0;
  let windowed = 0;
  const reasons = new Map<string, number>();
  const perFile = Math.ceil(count / files.length);
  for (const file of files) {
    let document = parseForUpdates(readFileSync(join(dir, file), 'utf8'), file, { profile });
    const rules = { config, results: checkIssue(document, { config }) };
    const undo: Edit[] = [];
    for (let i = 0; i < perFile && edits < count; i++) {
      const text = document.text;
      const at = Math.floor(random() * (text.length + 1));
      const kind = random();
      let edit: Edit;
      if (kind < 0.15 && undo.length > 0) {
        edit = undo.pop() as Edit;
      } else {
        if (kind < 0.55) {
          edit = { offset: at, length: 0, text: pick([...TYPED]) };
        } else if (kind < 0.75) {
          edit = { offset: at, length: Math.min(text.length - at, 1 + Math.floor(random() * (random() < 0.2 ? 300 : 12))), text: '' };
        } else if (kind < 0.85) {
          // delete a whole line
          const start = text.lastIndexOf('\n', at - 1) + 1;
          const next = text.indexOf('\n', at);
          edit = { offset: start, length: (next < 0 ? text.length : next + 1) - start, text: '' };
        } else {
          edit = { offset: at, length: 0, text: pick(PASTES) };
        }
        undo.push({ offset: edit.offset, length: edit.text.length, text: text.slice(edit.offset, edit.offset + edit.length) });
      }
      const result = applyAndCompare(document, edit, profile, `${file} edit ${i}`, rules);
      document = result.document;
      edits++;
      if (rules.results.windowed > 0) windowed++;
      if (result.delta.incremental) fast++;
      else reasons.set(result.delta.reason ?? '', (reasons.get(result.delta.reason ?? '') ?? 0) + 1);
    }
  }
  return { edits, fast, windowed, reasons };
}

const corpus = corpusDir();
/**
 * Every edit is checked against a fresh parse, which costs what a whole parse costs (30 KB This Week
 * in Rust issues take the longest): the default counts keep the run within a minute on a loaded
 * 2-core machine. `INCREMENTAL_EDITS=3000` replays that many edits on each corpus.
 */
const EDITS = process.env.INCREMENTAL_EDITS ? Number(process.env.INCREMENTAL_EDITS) : undefined;

describe('incremental parse: random edits on the corpus equal a fresh parse', { skip: corpus ? false : CORPUS_MISSING }, () => {
  const cases: { name: string; folder: string; config: NewsletterConfig; files: number; edits: number }[] = [
    { name: 'DevOps Weekly', folder: 'posts', config: resolveConfig({ format: 'devops-weekly' }).config, files: 15, edits: EDITS ?? 1000 },
    { name: 'This Week in Rust', folder: 'this-week-in-rust/content', config: resolveConfig({ format: 'this-week-in-rust' }).config, files: 15, edits: EDITS ?? 300 },
    { name: 'LWKD', folder: 'lwkd/_posts', config: resolveConfig({ format: 'lwkd' }).config, files: 15, edits: EDITS ?? 1000 },
  ];
  for (const c of cases) {
    test(`${c.name}: ${c.edits} edits`, () => {
      const dir = join(corpus ?? '', c.folder);
      const all = readdirSync(dir).filter((f) => /\.(md|markdown)$/.test(f)).sort();
      assert.ok(all.length > 100, `expected the ${c.name} issues in ${dir}`);
      // Spread over the archive: old and new issues, small and large.
      const files = Array.from({ length: c.files }, (_, i) => all[Math.floor((i * (all.length - 1)) / (c.files - 1))]);
      const { edits, fast, windowed, reasons } = replay(dir, files, c.config, c.edits, 1234 + c.name.length);
      const why = [...reasons].sort((x, y) => y[1] - x[1]).map(([reason, n]) => `${n} ${reason}`).join('; ');
      console.log(`# ${c.name}: ${edits} random edits on ${files.length} issues replayed, ${fast} on the fast path (${((100 * fast) / edits).toFixed(1)}%), ${windowed} with the block rules on the edited blocks only; all equal to a fresh parse and its runRules; whole parses: ${why}`);
      assert.equal(edits, c.edits);
    });
  }
});

const DW_TEXT = [
  '---',
  'layout: post',
  'title: "DEVOPS WEEKLY ISSUE #9 - 2nd March 2025"',
  'date: 2025-03-02T09:00:00+00:00',
  '---',
  '',
  'Hello to everyone reading this week.',
  '',
  'News',
  '====',
  '',
  'A piece about deploying on Fridays and why it is fine.',
  '<br>[https://example.com/friday](https://example.com/friday)',
  '',
  'Another piece about on-call rotas that work.',
  '<br>[https://example.com/oncall](https://example.com/oncall)',
  '',
  'Tools',
  '=====',
  '',
  'A tool that lints configuration files.',
  '<br>[https://example.com/lint](https://example.com/lint)',
  '',
  '* first item',
  '* second item',
  '',
  'Closing words.',
  '',
].join('\n');


function offsetOf(text: string, needle: string, after = 0): number {
  const at = text.indexOf(needle, after);
  assert.ok(at >= 0, `${needle} in the text`);
  return at;
}

/** Applies the edits in turn, checking each; returns the results. */
function steps(text: string, profile: FormatProfile, edits: (doc: IssueDocument) => Edit, times: number, fileName = '2025-03-02-9.md'): UpdateResult[] {
  let document = parseForUpdates(text, fileName, { profile });
  const results: UpdateResult[] = [];
  for (let i = 0; i < times; i++) {
    const result = applyAndCompare(document, edits(document), profile, `step ${i}`);
    results.push(result);
    document = result.document;
  }
  return results;
}

describe('incremental parse: edge cases on our own text', () => {
  test('typing in a description takes the fast path and re-parses only that entry', () => {
    const at = offsetOf(DW_TEXT, 'on-call');
    const results = steps(DW_TEXT, DEVOPS_WEEKLY, (d) => ({ offset: at + d.text.length - DW_TEXT.length, length: 0, text: 'x' }), 5);
    for (const r of results) {
      assert.equal(r.delta.incremental, true, r.delta.reason);
      assert.deepEqual(r.delta.changedEntries, [{ section: 0, entry: 1 }]);
      assert.deepEqual(r.delta.changedSections, [0]);
      assert.equal(r.delta.structureChanged, false);
    }
  });

  test('pasting a link line, deleting a line and adding a section take the fast path', () => {
    let document = parseForUpdates(DW_TEXT, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY });
    const paste = applyAndCompare(document, { offset: offsetOf(DW_TEXT, 'rotas that work.') + 16, length: 0, text: '\n<br>[https://example.com/x](https://example.com/x)' }, DEVOPS_WEEKLY, 'paste');
    assert.equal(paste.delta.incremental, true, paste.delta.reason);
    document = paste.document;
    const lineStart = offsetOf(document.text, 'A tool that');
    const deleted = applyAndCompare(document, { offset: lineStart, length: document.text.indexOf('\n', lineStart) + 1 - lineStart, text: '' }, DEVOPS_WEEKLY, 'delete line');
    assert.equal(deleted.delta.incremental, true, deleted.delta.reason);
    document = deleted.document;
    const before = offsetOf(document.text, 'Closing words.');
    const added = applyAndCompare(document, { offset: before, length: 0, text: 'Events\n======\n\nA conference.\n\n' }, DEVOPS_WEEKLY, 'add section');
    assert.equal(added.delta.incremental, true, added.delta.reason);
    assert.equal(added.delta.structureChanged, true);
    assert.deepEqual(added.document.sections.map((s) => s.name), ['News', 'Tools', 'Events']);
  });

  test('a fence opened swallows what follows, and closed gives it back', () => {
    let document = parseForUpdates(DW_TEXT, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY });
    const open = applyAndCompare(document, { offset: offsetOf(DW_TEXT, 'A piece about'), length: 0, text: '```\n' }, DEVOPS_WEEKLY, 'open fence');
    assert.deepEqual(open.document.sections.map((s) => s.name), ['News']);
    document = open.document;
    const close = applyAndCompare(document, { offset: offsetOf(document.text, 'Another piece'), length: 0, text: '```\n' }, DEVOPS_WEEKLY, 'close fence');
    assert.deepEqual(close.document.sections.map((s) => s.name), ['News', 'Tools']);
  });

  test('a setext underline typed under a paragraph makes it a section, one character at a time', () => {
    const at = offsetOf(DW_TEXT, 'Closing words.') + 'Closing words.'.length;
    let step = 0;
    const results = steps(DW_TEXT, DEVOPS_WEEKLY, () => (step++ === 0 ? { offset: at, length: 0, text: '\n=' } : { offset: at + 1, length: 0, text: '=' }), 3);
    assert.deepEqual(results[0].document.sections.map((s) => s.name), ['News', 'Tools', 'Closing words.']);
    assert.equal(results[2].document.text.slice(at, at + 4), '\n===');
    assert.equal(results[2].document.sections[2].headingStyle, 'setext');
  });

  test('a list that changes type or tightness', () => {
    let document = parseForUpdates(DW_TEXT, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY });
    const second = offsetOf(DW_TEXT, '* second');
    for (const [label, edit] of [
      ['bullet changed', { offset: second, length: 1, text: '-' }],
      ['ordered', { offset: second, length: 1, text: '1.' }],
      ['back', { offset: second, length: 2, text: '*' }],
      ['loose', { offset: second, length: 0, text: '\n' }],
      ['tight again', { offset: second, length: 1, text: '' }],
    ] as const) {
      document = applyAndCompare(document, edit, DEVOPS_WEEKLY, label).document;
    }
  });

  test('a heading typed at the start of a paragraph line', () => {
    const results = steps(TWIR_TEXT, THIS_WEEK_IN_RUST, (d) => ({ offset: offsetOf(d.text, 'This week\'s crate') , length: 0, text: '#' }), 1);
    const results2 = steps(results[0].document.text, THIS_WEEK_IN_RUST, (d) => ({ offset: offsetOf(d.text, '#This week'), length: 0, text: '## ' }), 1);
    assert.ok(results2[0].document.sections.some((s) => s.name.startsWith('#This week')));
  });

  test('list items of a nested section: typing, a reference kept, a definition added', () => {
    const typing = steps(TWIR_TEXT, THIS_WEEK_IN_RUST, (d) => ({ offset: offsetOf(d.text, ' project went'), length: 0, text: 'z' }), 3);
    for (const r of typing) assert.equal(r.delta.incremental, true, r.delta.reason);
    const last = typing[2].document;
    const item = last.sections.find((s) => s.name === 'Project updates')?.entries[0];
    assert.equal(item?.primaryLink?.target, 'https://example.com/fast');
    const added = steps(last.text, THIS_WEEK_IN_RUST, (d) => ({ offset: offsetOf(d.text, '[fast]:'), length: 0, text: '[p2]: https://example.com/p2-ref\n' }), 1);
    assert.ok(added[0].document.markdown.tree.children.filter((n) => n.type === 'definition').length === 2);
  });

  test('references typed, broken and respelt in items and paragraphs resolve as in a fresh parse, with only the definitions they name parsed beside them', () => {
    // Definitions at the end that the edits name in other cases and spacings, and one they never name.
    const text = TWIR_TEXT.replace('[fast]: https://example.com/fast\n', '[fast]: https://example.com/fast\n[Other  Name]: https://example.com/other\n[unused]: https://example.com/unused\n');
    let document = parseForUpdates(text, '2025-03-05-this-week-in-rust.md', { profile: THIS_WEEK_IN_RUST });
    const edits: { label: string; at: (t: string) => number; length?: number; text: string }[] = [
      { label: 'a full reference typed in an item', at: (t) => offsetOf(t, '(https://example.com/n2)'), length: '(https://example.com/n2)'.length, text: '[FAST]' },
      { label: 'its label broken', at: (t) => offsetOf(t, '[FAST]') + 2, length: 1, text: '' },
      { label: 'and mended', at: (t) => offsetOf(t, '[FST]') + 2, text: 'A' },
      { label: 'a shortcut reference over a line break, in another case', at: (t) => offsetOf(t, 'a crate for things.'), text: '[other\nname] ' },
      { label: 'a collapsed reference in an item', at: (t) => offsetOf(t, 'got smaller](https://example.com/p2)') + 'got smaller]'.length, length: '(https://example.com/p2)'.length, text: ' and [other name][]' },
    ];
    for (const edit of edits) {
      const result = applyAndCompare(document, { offset: edit.at(document.text), length: edit.length ?? 0, text: edit.text }, THIS_WEEK_IN_RUST, edit.label);
      assert.equal(result.delta.incremental, true, `${edit.label}: ${result.delta.reason}`);
      document = result.document;
    }
    const targets = allEntries(document).flatMap((entry) => entry.links.map((link) => link.target));
    assert.ok(targets.includes('https://example.com/fast') && targets.includes('https://example.com/other'), 'the references typed are links to their definitions');
  });

  test('CRLF text: typing, a new line, a line deleted', () => {
    const crlf = DW_TEXT.replace(/\n/g, '\r\n');
    let document = parseForUpdates(crlf, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY });
    const typed = applyAndCompare(document, { offset: offsetOf(crlf, 'on-call'), length: 0, text: 'y' }, DEVOPS_WEEKLY, 'crlf type');
    assert.equal(typed.delta.incremental, true, typed.delta.reason);
    document = typed.document;
    document = applyAndCompare(document, { offset: offsetOf(document.text, 'rotas'), length: 0, text: '\r\n' }, DEVOPS_WEEKLY, 'crlf newline').document;
    const lineStart = offsetOf(document.text, 'A tool that');
    document = applyAndCompare(document, { offset: lineStart, length: document.text.indexOf('\r\n', lineStart) + 2 - lineStart, text: '' }, DEVOPS_WEEKLY, 'crlf delete line').document;
    applyAndCompare(document, { offset: offsetOf(document.text, 'Closing') - 1, length: 0, text: '\r' }, DEVOPS_WEEKLY, 'lone CR before LF');
  });

  test('several changes in one event, as VS Code sends them (last first)', () => {
    const document = parseForUpdates(DW_TEXT, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY });
    const a = offsetOf(DW_TEXT, 'deploying');
    const b = offsetOf(DW_TEXT, 'lints');
    const changes: TextChange[] = [
      { range: { start: document.lines.positionAt(b), end: document.lines.positionAt(b + 5) }, text: 'checks' },
      { range: { start: document.lines.positionAt(a), end: document.lines.positionAt(a) }, text: 'safely ' },
    ];
    const newText = DW_TEXT.slice(0, a) + 'safely ' + DW_TEXT.slice(a, b) + 'checks' + DW_TEXT.slice(b + 5);
    const result = updateIssue(document, newText, changes, { profile: DEVOPS_WEEKLY });
    assert.equal(result.delta.incremental, true, result.delta.reason);
    assert.deepStrictEqual(comparable(result.document), comparable(parseIssue(newText, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY })));
  });

  test('edits in the header, and edits that do not give the new text, parse the whole issue', () => {
    const document = parseForUpdates(DW_TEXT, '2025-03-02-9.md', { profile: DEVOPS_WEEKLY });
    const header = applyAndCompare(document, { offset: offsetOf(DW_TEXT, '#9') + 1, length: 1, text: '10' }, DEVOPS_WEEKLY, 'header');
    assert.equal(header.delta.incremental, false);
    assert.equal(header.document.title?.number?.value, 10);
    const wrong = updateIssue(document, DW_TEXT + 'more', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], { profile: DEVOPS_WEEKLY });
    assert.equal(wrong.delta.incremental, false);
    assert.deepStrictEqual(comparable(wrong.document), comparable(parseIssue(DW_TEXT + 'more', '2025-03-02-9.md')));
  });
});
