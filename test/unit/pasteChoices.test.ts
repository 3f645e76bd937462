import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { pasteChoices } from '../../src/core/editingContext';
import { withoutTrackingParameters } from '../../src/core/urls';
import { applyFixes } from '../../src/core/fix';

/** Issue 12.8 (tracking parameters) and 12.7 (spacing) for a pasted URL, in each format. */
const DW = resolveConfig({}).config;
const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;
const LWKD = resolveConfig({ format: 'lwkd' }).config;

const TRACKED = 'https://blog.example.org/post?id=7&utm_source=newsletter&utm_medium=email#part-2';
const CLEAN = 'https://blog.example.org/post?id=7#part-2';

function paste(text: string, fileName: string, config: NewsletterConfig, line: number, pasted: string) {
  const document = parseWithConfig(text, fileName, config);
  const lines = text.split('\n');
  return pasteChoices(document, line, lines[line].trim() === '', pasted, config.format, lines[line + 1] ?? '');
}

function applied(text: string, line: number, choice: { text: string; edits: readonly { range: import('../../src/core/model').Range; newText: string }[] }): string {
  const at = { line, character: 0 };
  return applyFixes(text, [{ title: 'paste', edits: [{ range: { start: at, end: at }, newText: choice.text }, ...choice.edits] }]).text;
}

describe('withoutTrackingParameters', () => {
  test('drops utm_* and the other tracking parameters, keeps the rest as written', () => {
    assert.equal(withoutTrackingParameters(TRACKED), CLEAN);
    assert.equal(withoutTrackingParameters('https://a.example/?utm_source=x&fbclid=y'), 'https://a.example/');
    assert.equal(withoutTrackingParameters('https://github.com/o/r/blob/x?ref=main'), 'https://github.com/o/r/blob/x?ref=main');
    assert.equal(withoutTrackingParameters('https://a.example/x'), 'https://a.example/x');
  });
});

describe('pasting a URL with tracking parameters (issue 12.8)', () => {
  const cases = [
    { name: 'DevOps Weekly', config: DW, file: '/w/_posts/2026-01-04-900.md', text: '---\ntitle: DEVOPS WEEKLY ISSUE \\#900 - 4th January 2026\ndate: 2026-01-04T09:00:00+00:00\n---\n\nNews\n====\n\nA post.\n\n', line: 9, entry: `<br>[${CLEAN}](${CLEAN})` },
    { name: 'This Week in Rust', config: TWIR, file: '/w/content/2024-05-01-this-week-in-rust.md', text: 'Title: This Week in Rust 12\nNumber: 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\n* [One](https://a.example/1)\n\n', line: 7, entry: `* [${CLEAN}](${CLEAN})` },
    { name: 'LWKD', config: LWKD, file: '/w/_posts/2024-05-05-update.md', text: '---\ntitle: Week Ending May 5, 2024\ndate: 2024-05-05 22:00:00 -0000\n---\n\n## Featured PRs\n\n', line: 7, entry: `### [${CLEAN}](${CLEAN})` },
  ];
  for (const c of cases) {
    test(`${c.name}: the entry is pasted with the clean URL; the URL as copied is the next choice`, () => {
      const choices = paste(c.text, c.file, c.config, c.line, TRACKED);
      assert.equal(choices.length, 2);
      assert.equal(choices[0].text.trimEnd(), c.entry);
      assert.ok(choices[1].text.includes(TRACKED));
    });
  }

  test('in a sentence, the URL alone without its tracking parameters; a clean URL gives nothing of ours there', () => {
    const c = cases[0];
    const text = c.text.replace('A post.', 'A post at ');
    const choices = paste(text, c.file, c.config, 8, TRACKED);
    assert.deepEqual(choices.map((x) => [x.kind, x.text]), [['url', CLEAN]]);
    assert.deepEqual(paste(text, c.file, c.config, 8, CLEAN), []);
  });
});

describe('a pasted entry leaves the blank lines of its neighbours (issue 12.7)', () => {
  test('This Week in Rust: an item pasted in a list with no blank lines between its items', () => {
    const text = 'Title: This Week in Rust 12\nNumber: 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\n* [One](https://a.example/1)\n* [Two](https://a.example/2)\n\n* [Three](https://a.example/3)\n* [Four](https://a.example/4)\n';
    const [choice] = paste(text, '/w/content/2024-05-01-this-week-in-rust.md', TWIR, 8, 'https://a.example/n');
    assert.ok(applied(text, 8, choice).includes('* [Two](https://a.example/2)\n* [https://a.example/n](https://a.example/n)\n* [Three]'), applied(text, 8, choice));
  });

  test('DevOps Weekly: two blank lines before the next entry, where the issue uses two', () => {
    const text = '---\ntitle: DEVOPS WEEKLY ISSUE \\#900 - 4th January 2026\ndate: 2026-01-04T09:00:00+00:00\n---\n\nNews\n====\n\nOne.\n<br>[https://a.example/1](https://a.example/1)\n\n\nTwo.\n<br>[https://a.example/2](https://a.example/2)\n\n\nThree.\n<br>[https://a.example/3](https://a.example/3)\n';
    // Right under "Two."'s link line, a further link line: nothing to space.
    const [under] = paste(text, '/w/_posts/2026-01-04-900.md', DW, 14, 'https://a.example/n');
    assert.deepEqual(under.edits, []);
  });
});
