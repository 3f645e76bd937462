import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config';
import { fixAll } from '../../src/core/fix';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import type { Finding } from '../../src/core/model';
import { textAt } from './helpers/text';

/**
 * Blank lines, punctuation, mangled HTML tags and bullets: the layout and punctuation slips that
 * the fix histories show editors correcting by hand, on issues in the list-item format.
 */
const config = resolveConfig({ format: 'this-week-in-rust' }).config;
const HEADER = 'Title: This Week in Rust 9\nNumber: 9\nDate: 2024-05-01\nCategory: This Week in Rust\n\n';
const FILE = '2024-05-01-this-week-in-rust.md';
const findingsOf = (body: string, code: string): Finding[] => runRules(parseWithConfig(HEADER + body, FILE, config), { config }).filter((f) => f.code === code);
/** What each finding of `code` covers, as text of the body. */
const covered = (body: string, code: string): string[] => {
  const document = parseWithConfig(HEADER + body, FILE, config);
  return runRules(document, { config }).filter((f) => f.code === code).map((f) => textAt(document, f.range));
};
/** The body after fix-all with every level on, so that hints are fixed too. */
const fixed = (body: string) => fixAll(HEADER + body, { fileName: FILE, config }).text.slice(HEADER.length);

const ITEMS = (n: number, end = '') => Array.from({ length: n }, (_, i) => `* [Post ${i + 1}](https://example.org/${i + 1})${end}\n`).join('');

describe('markdown.blank-lines-extra', () => {
  test('two blank lines in an issue that separates its blocks with one: reported, and the fix removes one', () => {
    const bad = `## News\n\n${ITEMS(2)}\n\n## Jobs\n\n${ITEMS(1)}\nThat is all.\n`;
    assert.equal(findingsOf(bad, 'markdown.blank-lines-extra').length, 1);
    assert.equal(fixed(bad), `## News\n\n${ITEMS(2)}\n## Jobs\n\n${ITEMS(1)}\nThat is all.\n`);
    assert.equal(fixed(fixed(bad)), fixed(bad), 'twice is once');
  });

  test('three blank lines keep one', () => {
    const bad = `Intro.\n\nMore.\n\n\n\nEnd.\n\nReally.\n\nTruly.\n\nDone.\n`;
    assert.equal(fixed(bad), 'Intro.\n\nMore.\n\nEnd.\n\nReally.\n\nTruly.\n\nDone.\n');
  });

  test('an issue that mostly uses two blank lines between blocks is left alone, and so are blank lines in code', () => {
    const wide = 'Intro.\n\n\nNews\n====\n\nA post.\n\n\nAnother post.\n\n\n\nThe end.\n';
    assert.deepEqual(findingsOf(wide, 'markdown.blank-lines-extra'), []);
    const code = 'Intro.\n\n```\nfn main() {\n\n\n}\n```\n\nEnd.\n';
    assert.deepEqual(findingsOf(code, 'markdown.blank-lines-extra'), []);
  });

  test('a blank line between a heading and its list, where the other headings of that level have none', () => {
    const bad = `### Official\n${ITEMS(1)}\n### Tooling\n\n${ITEMS(1)}\n### Research\n${ITEMS(1)}`;
    assert.deepEqual(covered(bad, 'markdown.blank-lines-extra'), ['']);
    assert.equal(fixed(bad), `### Official\n${ITEMS(1)}\n### Tooling\n${ITEMS(1)}\n### Research\n${ITEMS(1)}`);
    // Where most headings of the level have the blank line, it is the house style.
    const spaced = `### Official\n\n${ITEMS(1)}\n### Tooling\n\n${ITEMS(1)}\n### Research\n${ITEMS(1)}`;
    assert.deepEqual(findingsOf(spaced, 'markdown.blank-lines-extra'), []);
  });
});

describe('text.bracket-unpaired', () => {
  test('an opening bracket that is never closed in its item or paragraph', () => {
    assert.deepEqual(covered('* [Rust jobs at Example (Berlin, remote](https://example.org/jobs)\n', 'text.bracket-unpaired'), ['(']);
    assert.deepEqual(covered('* [disable reordering](https://example.org/pr/1) (rolled back for now\n', 'text.bracket-unpaired'), ['(']);
    assert.deepEqual(covered('* [ZH] [第二部之 《Rust Pin 进阶](https://example.org/pin)\n', 'text.bracket-unpaired'), ['《']);
    // An escaped closer closes nothing.
    assert.deepEqual(covered('* A paren (opened, and an escaped \\) one\n', 'text.bracket-unpaired'), ['(']);
  });

  test('pairs across lines, in URLs, in code and escaped brackets are not reported', () => {
    const fine = [
      'A paragraph (that goes\non to the next line) is fine.\n',
      '* [A post](https://en.example.org/wiki/Rust_(language))\n',
      '* [add `f(` to the parser](https://example.org/pr/2)\n',
      '* A smiley \\( is escaped.\n',
      '* [Rust jobs (Berlin)](https://example.org/jobs) (remote too)\n',
    ];
    for (const body of fine) assert.deepEqual(findingsOf(body, 'text.bracket-unpaired'), [], body);
  });
});

describe('text.space-before-comma', () => {
  test('reported outside code, and the fix removes the space', () => {
    const bad = '* 2024-05-02 | Virtual (Columbus , OH, US) | [Rust Columbus](https://example.org/c)\n';
    assert.equal(findingsOf(bad, 'text.space-before-comma').length, 1);
    assert.equal(fixed(bad), '* 2024-05-02 | Virtual (Columbus, OH, US) | [Rust Columbus](https://example.org/c)\n');
    assert.deepEqual(findingsOf('* [use `f(a , b)`](https://example.org/pr/3), fine\n', 'text.space-before-comma'), []);
  });
});

describe('list.final-punctuation', () => {
  test('an item without the period its section\'s link items end with', () => {
    const bad = `## News\n\n${ITEMS(4, '.')}* [Async in depth](https://example.org/async)\n`;
    assert.deepEqual(covered(bad, 'list.final-punctuation'), [')']);
    assert.equal(fixed(bad), `## News\n\n${ITEMS(4, '.')}* [Async in depth](https://example.org/async).\n`);
  });

  test('a period inside the link text and after it', () => {
    const bad = '* [Lay the ground work for SIMD.](https://example.org/simd).\n';
    assert.equal(findingsOf(bad, 'list.final-punctuation').length, 1);
    assert.equal(fixed(bad), '* [Lay the ground work for SIMD](https://example.org/simd).\n');
    assert.deepEqual(findingsOf('* [Wait for it...](https://example.org/w).\n', 'list.final-punctuation'), [], 'an ellipsis is no doubled period');
  });

  test('sections whose items mostly end without a period, or too few to tell, are left alone', () => {
    assert.deepEqual(findingsOf(`## News\n\n${ITEMS(4)}* [Async](https://example.org/async).\n`, 'list.final-punctuation'), []);
    assert.deepEqual(findingsOf(`## News\n\n${ITEMS(2, '.')}* [Async](https://example.org/async)\n`, 'list.final-punctuation'), []);
  });
});

describe('html.tag-mangled', () => {
  test('a closing tag that lost its `</`: reported, and the fix writes it back', () => {
    const bad = '<small>[Discuss on r/rust](https://example.org/discuss)small>\n';
    assert.deepEqual(covered(bad, 'html.tag-mangled'), ['small>']);
    assert.equal(fixed(bad), '<small>[Discuss on r/rust](https://example.org/discuss)</small>\n');
    assert.equal(fixed('<sup>new/sup> items\n'), '<sup>new</sup> items\n');
  });

  test('closed tags, void tags, and `word>` with no tag open are not reported', () => {
    for (const body of ['<small>[Discuss](https://example.org/d)</small>\n', 'Line<br>small> text\n', 'Compare a small> b here.\n']) {
      assert.deepEqual(findingsOf(body, 'html.tag-mangled'), [], body);
    }
  });
});

describe('list.bullet-inconsistent and list.bullet-missing in short lists', () => {
  const issue = (odd: string) => `### Official\n${ITEMS(4)}\n### Tooling\n${ITEMS(4)}\n### Walkthroughs\n${odd}\n### Research\n${ITEMS(1)}`;

  test('a short list with another bullet than the issue\'s is measured against the issue', () => {
    const bad = issue('- [Actors with Tokio](https://example.org/actors)\n');
    assert.equal(findingsOf(bad, 'list.bullet-inconsistent').length, 1);
    assert.equal(fixed(bad), issue('* [Actors with Tokio](https://example.org/actors)\n'));
    assert.equal(findingsOf(issue(' - [Actors](https://example.org/a)\n- [Tasks](https://example.org/t)\n'), 'list.bullet-inconsistent').length, 2);
  });

  test('an attribution under a quote, and a long list of its own bullet, are left alone', () => {
    assert.deepEqual(findingsOf(issue('> Rust is fine.\n\n- [Ferris on the forum](https://example.org/quote)\n'), 'list.bullet-inconsistent'), []);
    assert.deepEqual(findingsOf(issue(ITEMS(4).replace(/^\*/gm, '-')), 'list.bullet-inconsistent'), []);
  });

  test('a link that lost its bullet right under a heading, or among nested items', () => {
    const underHeading = `### Observations\n[Abusing Serde](https://example.org/serde)\n${ITEMS(1)}`;
    assert.deepEqual(covered(underHeading, 'list.bullet-missing'), ['[']);
    assert.ok(fixed(underHeading).startsWith('### Observations\n* [Abusing Serde](https://example.org/serde)\n'));
    const nested = '* 2024-05-02 | Berlin | [Rust Berlin](https://example.org/b)\n    * [Hack](https://example.org/h)\n'
      + '* 2024-05-03 | Weiden | [Rust Weiden](https://example.org/w)\n    [**The hype**](https://example.org/hype)\n'
      + '* 2024-05-04 | Paris | [Rust Paris](https://example.org/p)\n    * [Meetup](https://example.org/m)\n';
    assert.deepEqual(covered(nested, 'list.bullet-missing'), ['[']);
    assert.ok(fixed(nested).includes('    * [**The hype**](https://example.org/hype)\n'));
    // A paragraph that continues the line above is no lost item.
    assert.deepEqual(findingsOf(`Read about it in\n[the post](https://example.org/p)\n${ITEMS(1)}`, 'list.bullet-missing'), []);
  });
});

describe('markdown.emphasis-space with one `*`', () => {
  test('`* text*` is not italic: reported, and the fix moves the space outside', () => {
    const bad = '* [rustaceans.org](https://example.org/r): * Find who is behind a nick.*\n';
    assert.deepEqual(covered(bad, 'markdown.emphasis-space'), ['* Find who is behind a nick.*']);
    assert.equal(fixed(bad), '* [rustaceans.org](https://example.org/r):  *Find who is behind a nick.*\n');
    for (const body of ['Compute 2 * 3 * 4 here, and *this* is fine.\n', '* [make *const (), *mut () okay for FFI](https://example.org/pr/4)\n', '* [constify impl Fn* &(mut) Fn*](https://example.org/pr/5)\n']) {
      assert.deepEqual(findingsOf(body, 'markdown.emphasis-space'), [], body);
    }
  });
});

describe('text.doubled-word', () => {
  test('the same word twice in a row, but not a name or a deliberate double', () => {
    assert.deepEqual(covered('Rust is a programming language language for everyone.\n', 'text.doubled-word'), ['language language']);
    assert.deepEqual(covered('* [The the post](https://example.org/p)\n', 'text.doubled-word'), ['The the']);
    assert.deepEqual(covered('Tabs\tand\tand more.\n', 'text.doubled-word'), ['and\tand']);
    assert.deepEqual(covered('Un café déjà déjà vu.\n', 'text.doubled-word'), ['déjà déjà']);
    for (const body of ['We met in Walla Walla.\n', 'So from is from From.\n', 'It had had a bug, and you really really should upgrade.\n', 'Use `for for` here and [for](https://example.org/f) for loops.\n']) {
      assert.deepEqual(findingsOf(body, 'text.doubled-word'), [], body);
    }
  });
});
