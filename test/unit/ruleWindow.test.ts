import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RootContent } from 'mdast';
import type { Finding } from '../../src/core/model';
import type { TextChange } from '../../src/core/parse/incremental';
import { resolveConfig } from '../../src/core/config';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import type { Rule } from '../../src/core/rules/rule';
import { IssueUpdates } from '../../src/vscode/issueUpdates';

/**
 * The editor's diagnostics after an edit (`IssueUpdates.findings`, `rules/incremental.ts`): rules
 * whose codes all reach one block re-run on the edited blocks only, the others on the whole issue,
 * and the findings are those `runRules` gives for a fresh parse of the new text, also when the
 * findings were not asked for at every version (the lines changed since are composed).
 */
const config = resolveConfig({ format: 'devops-weekly' }).config;

const TEXT = [
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
  'A piece about deploying on Fridays, see [the post](http://example.com/friday?utm_source=x).',
  '<br>[https://example.com/friday](https://example.com/friday)',
  '',
  'Another piece about on-call rotas that work.',
  '<br>[https://example.com/oncall](https://example.com/oncall)',
  '',
  'A third piece, the same link again.',
  '<br>[https://example.com/friday](https://example.com/friday)',
  '',
  'Tools',
  '=====',
  '',
  'A tool that lints configuration files [docs](http://example.org/docs).',
  '<br>[https://example.com/lint](https://example.com/lint)',
  '',
  'Closing words.',
  '',
].join('\n');

/** Replays `edits` (offset in the current text, text typed there) through one `IssueUpdates`. */
function replay(edits: readonly { at: (text: string) => number; text: string; ask: boolean }[], rules?: readonly Rule[]) {
  const updates = new IssueUpdates();
  let text = TEXT;
  let version = 1;
  let document = updates.parse(text, version, '2025-03-02-9.md', config.format).document;
  const options = { config, ...(rules ? { rules } : {}) };
  const asked: { findings: Finding[]; expected: Finding[]; windowed: number }[] = [];
  asked.push({ findings: updates.findings(document, options), expected: runRules(parseIssue(text, '2025-03-02-9.md', { profile: config.format }), options), windowed: updates.windowedRules });
  for (const edit of edits) {
    const offset = edit.at(text);
    assert.ok(offset >= 0, `the text holds the place of the edit ${JSON.stringify(edit.text)}`);
    const change: TextChange = { range: { start: document.lines.positionAt(offset), end: document.lines.positionAt(offset) }, rangeOffset: offset, rangeLength: 0, text: edit.text };
    text = text.slice(0, offset) + edit.text + text.slice(offset);
    updates.changed(++version, [change]);
    document = updates.parse(text, version, '2025-03-02-9.md', config.format).document;
    if (!edit.ask) continue;
    const findings = updates.findings(document, options);
    asked.push({ findings, expected: runRules(parseIssue(text, '2025-03-02-9.md', { profile: config.format }), options), windowed: updates.windowedRules });
  }
  return asked;
}

const after = (needle: string) => (text: string) => {
  const at = text.indexOf(needle);
  return at < 0 ? -1 : at + needle.length;
};

describe('rules after an edit', () => {
  test('typing in entries, with findings asked for at some versions only, gives what runRules gives afresh', () => {
    const asked = replay([
      { at: after('deploying'), text: ' safely', ask: false },
      { at: after('rotas'), text: ' and pagers', ask: true },
      { at: after('A tool that'), text: ' quickly', ask: false },
      { at: after('A third piece'), text: ' (again)', ask: false },
      { at: after('Closing'), text: ' and final', ask: true },
      { at: after('[docs](http://example.org/docs'), text: '?utm_medium=mail', ask: true },
      { at: after('Another piece about on-call rotas and pagers that work.'), text: ' See http://example.net/x for more.', ask: true },
    ]);
    assert.ok(asked[0].findings.some((f) => f.code === 'link.insecure'), 'the text has block findings (link.insecure)');
    assert.ok(asked[0].findings.some((f) => f.code === 'link.duplicate'), 'and issue-wide ones (link.duplicate)');
    for (const [i, run] of asked.entries()) assert.deepStrictEqual(run.findings, run.expected, `findings asked for the ${i}th time`);
    assert.ok(asked.slice(1).every((run) => run.windowed > 0), 'every re-check after an edit ran the block rules on the edited blocks only');
  });

  test('a rule that declares no reach sees the whole issue after an edit; a block rule sees the edited blocks', () => {
    const seen = { whole: [] as number[], block: [] as number[] };
    // One finding per top-level paragraph, at its first line: what each probe saw shows in its findings.
    const probe = (name: 'whole' | 'block'): Rule => ({
      name: `probe-${name}`,
      codes: [{ code: `probe.${name}`, defaultSeverity: 'info', description: 'A probe.', ...(name === 'block' ? { reach: 'block' as const } : {}) }],
      check: ({ document }) => {
        seen[name].push(document.markdown.tree.children.length);
        const bodyLine = document.lines.positionAt(document.markdown.bodyOffset).line;
        return document.markdown.tree.children.filter((node) => node.type === 'paragraph').map((node) => {
          const line = bodyLine + (node.position?.start.line ?? 1) - 1;
          return { code: `probe.${name}`, severity: 'info' as const, message: document.lines.lineText(line).split(' ')[0], range: { start: { line, character: 0 }, end: { line, character: 1 } } };
        });
      },
    });
    const rules = [probe('whole'), probe('block')];
    const asked = replay([
      { at: after('rotas'), text: ' and pagers', ask: true },
      { at: after('Hello'), text: '\n\nWelcome', ask: true },
    ], rules);
    for (const [i, run] of asked.entries()) assert.deepStrictEqual(run.findings, run.expected, `findings asked for the ${i}th time`);
    // Each probe ran for `findings` and then for the fresh `runRules` that it is compared with, in turn.
    const ours = (runs: number[]) => runs.filter((_, i) => i % 2 === 0);
    const blocks = (text: string) => parseIssue(text, '2025-03-02-9.md', { profile: config.format }).markdown.tree.children.length;
    const before = blocks(TEXT);
    assert.deepStrictEqual(ours(seen.whole), [before, before, before + 1], 'the undeclared rule ran on the whole issue every time (the last edit added a paragraph)');
    assert.equal(ours(seen.block)[0], before, 'the block rule ran on the whole issue first');
    for (const n of ours(seen.block).slice(1)) assert.ok(n < before, `after an edit, the block rule saw ${n} of ${before} blocks`);
    assert.deepStrictEqual(asked.map((run) => run.windowed), [0, 1, 1]);
  });

  test('an item rule sees, after an edit inside a list, the items it touched and the items next to them', () => {
    const twir = resolveConfig({ format: 'this-week-in-rust' }).config;
    const items = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
    const text = ['Title: This Week in Rust 9', 'Number: 9', 'Date: 2025-03-05', '', '## Updates', '', ...items.map((name) => `* [${name} news](https://example.com/${name.toLowerCase()})`), '', '## Jobs', '', 'None this week.', ''].join('\n');
    const seen: string[][] = [];
    // One finding per list item, naming it and the item after it: a finding that reads the next line too.
    const probe: Rule = {
      name: 'probe-item',
      codes: [{ code: 'probe.item', defaultSeverity: 'info', description: 'A probe.', reach: 'item' }],
      check: ({ document }) => {
        const names: string[] = [];
        const findings: Finding[] = [];
        for (const entry of document.sections.flatMap((section) => section.entries)) {
          const line = entry.range.start.line;
          names.push(entry.primaryLink?.text ?? '');
          findings.push({ code: 'probe.item', severity: 'info', message: `${entry.primaryLink?.text} before ${document.lines.lineText(line + 1)}`, range: { start: { line, character: 0 }, end: { line, character: 1 } } });
        }
        seen.push(names);
        return findings;
      },
    };
    const options = { config: twir, rules: [probe] };
    const updates = new IssueUpdates();
    let current = text;
    let document = updates.parse(current, 1, '2025-03-05-this-week-in-rust.md', twir.format).document;
    updates.findings(document, options);
    const typed = [' and more', 's'];
    for (const [i, more] of typed.entries()) {
      const offset = current.indexOf(i === 0 ? 'Gamma news' : 'Delta news') + 5;
      const change: TextChange = { range: { start: document.lines.positionAt(offset), end: document.lines.positionAt(offset) }, rangeOffset: offset, rangeLength: 0, text: more };
      current = current.slice(0, offset) + more + current.slice(offset);
      updates.changed(i + 2, [change]);
      document = updates.parse(current, i + 2, '2025-03-05-this-week-in-rust.md', twir.format).document;
      const findings = updates.findings(document, options);
      assert.deepStrictEqual(findings, runRules(parseIssue(current, '2025-03-05-this-week-in-rust.md', { profile: twir.format }), options), `findings after edit ${i}`);
      assert.equal(updates.windowedRules, 1);
    }
    // The probe ran for the first `findings`, then for each edit's `findings` and the fresh `runRules` in turn.
    const ours = seen.filter((_, i) => i % 2 === 1 || i === 0);
    assert.deepStrictEqual(ours, [
      [...items.map((name) => `${name} news`), ''],
      ['Beta news', 'Gamma and more news', 'Delta news'],
      ['Gamma and more news', 'Deltas news', 'Epsilon news'],
    ], 'the whole list first; then each time the edited item and the items on either side of it');
  });

  test('link syntax, inline markup, hash headings and swallowed tags, item rules: edits that garble and repair list items give what runRules gives afresh', () => {
    const twir = resolveConfig({ format: 'this-week-in-rust' }).config;
    const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta'];
    const lines = names.map((name, i) => i === 5
      ? `* [${name} news](https://example.com/${name.toLowerCase()})\n    with \`code\` and a [second link](https://example.com/second)`
      : `* [${name} news](https://example.com/${name.toLowerCase()}) about \`${name.toLowerCase()}()\` and **bold** text`);
    const text = ['Title: This Week in Rust 9', 'Number: 9', 'Date: 2025-03-05', '', '## Updates', '', ...lines, '', '## Jobs', '', 'None this week.', ''].join('\n');
    const fileName = '2025-03-05-this-week-in-rust.md';
    // Each edit: where (after which text), what it removes and what it types.
    const edits: { after: string; remove: number; type: string; code?: string }[] = [
      { after: '[Gamma news]', remove: 0, type: ' ', code: 'link.syntax' }, // `] (`
      { after: '[Gamma news] ', remove: 1, type: '' }, // repaired
      { after: 'about `delta()', remove: 1, type: '', code: 'markdown.code-span-unbalanced' }, // the closing backtick lost
      { after: 'about `delta()', remove: 0, type: '`' }, // put back
      { after: 'about `beta()` and **', remove: 0, type: ' ', code: 'markdown.emphasis-space' }, // `** bold**`
      { after: 'about `beta()` and **', remove: 1, type: '' },
      { after: '(https://example.com/epsilon', remove: 0, type: ')', code: 'link.syntax' }, // a stray `)`
      { after: '[second link](https://example.com/second', remove: 1, type: '', code: 'link.syntax' }, // the URL not closed, on the item's second line
      { after: '[second link](https://example.com/second', remove: 0, type: ')' },
      { after: '(https://example.com/zeta)\n    ', remove: 0, type: '#tag ', code: 'render.hash-heading' }, // Python-Markdown's heading, on the item's second line
      { after: 'about `theta()` and ', remove: 0, type: 'Vec<T> ', code: 'html.swallowed' },
      { after: '* [Eta news]', remove: '(https://example.com/eta)'.length, type: '[nowhere]', code: 'link.reference-undefined' }, // `[Eta news][nowhere]`: no such definition
    ];
    const updates = new IssueUpdates();
    let current = text;
    let document = updates.parse(current, 1, fileName, twir.format).document;
    const options = { config: twir };
    assert.deepStrictEqual(updates.findings(document, options), runRules(parseIssue(current, fileName, { profile: twir.format }), options));
    const reported = new Set<string>();
    for (const [i, edit] of edits.entries()) {
      const offset = current.indexOf(edit.after) + edit.after.length;
      assert.ok(offset >= edit.after.length, `edit ${i} finds its place`);
      const change: TextChange = { range: { start: document.lines.positionAt(offset), end: document.lines.positionAt(offset + edit.remove) }, rangeOffset: offset, rangeLength: edit.remove, text: edit.type };
      current = current.slice(0, offset) + edit.type + current.slice(offset + edit.remove);
      updates.changed(i + 2, [change]);
      document = updates.parse(current, i + 2, fileName, twir.format).document;
      const findings = updates.findings(document, options);
      assert.deepStrictEqual(findings, runRules(parseIssue(current, fileName, { profile: twir.format }), options), `findings after edit ${i}`);
      assert.ok(updates.windowedRules > 0, `edit ${i}: some rules ran on the edited items only`);
      for (const f of findings) reported.add(f.code);
      if (edit.code) assert.ok(findings.some((f) => f.code === edit.code), `edit ${i} gives ${edit.code}`);
    }
    assert.ok(['link.syntax', 'markdown.code-span-unbalanced', 'markdown.emphasis-space', 'render.hash-heading', 'html.swallowed', 'link.reference-undefined'].every((code) => reported.has(code)));
  });

  test('a section rule sees the top-level sections the edit touched, all their blocks', () => {
    const seen: string[][] = [];
    // One finding per paragraph saying how many paragraphs its top-level section holds: a finding
    // that changes when a paragraph is added anywhere in the section, beyond the edited blocks.
    const probe: Rule = {
      name: 'probe-section',
      codes: [{ code: 'probe.section', defaultSeverity: 'info', description: 'A probe.', reach: 'section' }],
      check: ({ document }) => {
        const bodyLine = document.lines.positionAt(document.markdown.bodyOffset).line;
        const lineOf = (node: RootContent) => bodyLine + (node.position?.start.line ?? 1) - 1;
        const children = document.markdown.tree.children;
        seen.push(children.map((node) => document.lines.lineText(lineOf(node)).split(' ')[0]));
        const sectionOf = (line: number) => document.sections.filter((s) => s.depth === 0 && s.headingRange.start.line <= line).length;
        const paragraphs = children.filter((node) => node.type === 'paragraph').map(lineOf);
        return paragraphs.map((line) => ({
          code: 'probe.section', severity: 'info' as const, range: { start: { line, character: 0 }, end: { line, character: 1 } },
          message: `${paragraphs.filter((other) => sectionOf(other) === sectionOf(line)).length} paragraphs in this section`,
        }));
      },
    };
    const asked = replay([
      { at: after('rotas'), text: ' and pagers', ask: true },
      { at: after('(https://example.com/oncall)'), text: '\n\nAn extra piece.', ask: true },
      { at: after('Hello'), text: '\n\nWelcome', ask: true },
    ], [probe]);
    for (const [i, run] of asked.entries()) assert.deepStrictEqual(run.findings, run.expected, `findings asked for the ${i}th time`);
    assert.ok(asked[2].findings.some((f) => f.message === '4 paragraphs in this section' && f.range.start.line === 11), 'the paragraph above the edited blocks has its new count');
    const ours = seen.filter((_, i) => i % 2 === 0);
    assert.deepStrictEqual(ours.slice(1), [
      ['News', 'A', 'Another', 'A'],
      ['News', 'A', 'Another', 'An', 'A'],
      // The edited blocks' neighbours count as edited (a block rule may read the line after its
      // block): the News heading, right after the intro, brings its section in.
      ['Hello', 'Welcome', 'News', 'A', 'Another', 'An', 'A'],
    ], 'after each edit the rule saw the blocks of the edited top-level sections, not the Tools section');
    assert.deepStrictEqual(asked.map((run) => run.windowed), [0, 1, 1, 1]);
  });
});
