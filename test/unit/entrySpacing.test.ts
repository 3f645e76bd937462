import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { blankLinesBetweenEntries, entrySpacingEdits, lineContextOf } from '../../src/core/editingContext';
import { applyFixes } from '../../src/core/fix';

/** Issue 12.7: an inserted entry (the `entry` snippet, a pasted URL) leaves the blank lines its neighbours use. */
const DW = resolveConfig({}).config;
const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;
const LWKD = resolveConfig({ format: 'lwkd' }).config;

/** Writes `entry` on `line` (a blank line) with the spacing edits, as the completion and paste do. */
function insertAt(text: string, fileName: string, config: NewsletterConfig, line: number, entry: string): string {
  const document = parseWithConfig(text, fileName, config);
  const edits = entrySpacingEdits(document, line, config.format);
  const at = { line, character: 0 };
  const result = applyFixes(text, [{ title: 'insert', edits: [{ range: { start: at, end: { line, character: document.lines.lineText(line).length } }, newText: entry }, ...edits] }]);
  assert.equal(result.applied.length, 1, 'the edits do not overlap');
  return result.text;
}

describe('entry spacing (issue 12.7)', () => {
  const dw = ['---', 'title: DEVOPS WEEKLY ISSUE \\#900 - 4th January 2026', 'date: 2026-01-04T09:00:00+00:00', '---', '', 'News', '====', '',
    'One.', '<br>[https://a.example/1](https://a.example/1)', '', '', 'Two.', '<br>[https://a.example/2](https://a.example/2)', '', '', 'Three.', '<br>[https://a.example/3](https://a.example/3)', ''].join('\n');

  test('DevOps Weekly: two blank lines around an entry written between two, where one was left', () => {
    const document = parseWithConfig(dw, '/w/_posts/2026-01-04-900.md', DW);
    assert.equal(blankLinesBetweenEntries(document, lineContextOf(document, 10).section, DW.format), 2);
    // Line 11 is the second blank line after "One.": one blank above it, none below.
    const text = dw.replace('\n\n\nTwo.', '\n\n\n\nTwo.');
    const fixed = insertAt(text, '/w/_posts/2026-01-04-900.md', DW, 11, 'New.\n<br>[https://a.example/n](https://a.example/n)');
    assert.ok(fixed.includes('a.example/1)\n\n\nNew.\n<br>[https://a.example/n](https://a.example/n)\n\n\nTwo.'), fixed);
  });

  test('This Week in Rust: a list without blank lines stays one', () => {
    const text = 'Title: This Week in Rust 12\nNumber: 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\n* [One](https://a.example/1)\n* [Two](https://a.example/2)\n\n* [Three](https://a.example/3)\n* [Four](https://a.example/4)\n';
    const fixed = insertAt(text, '/w/content/2024-05-01-this-week-in-rust.md', TWIR, 8, '* [New](https://a.example/n)');
    assert.ok(fixed.includes('* [Two](https://a.example/2)\n* [New](https://a.example/n)\n* [Three]'), fixed);
  });

  test('LWKD link headings: the one blank line the section uses, counted in the section', () => {
    const text = '---\ntitle: Week Ending May 5, 2024\ndate: 2024-05-05 22:00:00 -0000\n---\n\n## Featured PRs\n\n### [One](https://a.example/1)\n\nText one.\n\n### [Two](https://a.example/2)\n\nText two.\n\n\n\n\n';
    // Line 15, after "Text two." and a blank line; three more blank lines follow, then the end.
    const fixed = insertAt(text, '/w/_posts/2024-05-05-update.md', LWKD, 16, '### [New](https://a.example/n)');
    assert.ok(fixed.includes('Text two.\n\n### [New](https://a.example/n)\n'), fixed);
  });

  test('next to a heading nothing moves: the heading keeps its own spacing', () => {
    const document = parseWithConfig(dw, '/w/_posts/2026-01-04-900.md', DW);
    assert.deepEqual(entrySpacingEdits(document, 7, DW.format).filter((e) => e.range.start.line < 7), []);
  });
});
