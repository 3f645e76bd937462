import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { resolveConfig } from '../../src/core/config';
import { renderPlainText } from '../../src/core/render';
import { withoutTrailingBlanks } from '../../src/core/text/trailingBlanks';

/**
 * Long runs of one character (spaces, underscores, dots) in a line: the rules' searches start at
 * the start of a run, so an issue with such runs gets the findings it gets with short ones, and
 * is not read again from every character of every run (once minutes for a line of `**` and spaces).
 */
const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;
const FILE = '/x/content/2024-05-01-this-week-in-rust.md';

function issue(run: (c: string) => string): string {
  return [
    'Title: This Week in Rust 545', 'Number: 545', 'Date: 2024-05-01', 'Category: This Week in Rust', '',
    '## Updates from Rust Community', '',
    `* [Announcing${run(' ')}... Gizmo](https://example.org/a)`,
    `* [gizmo${run('_')}tool](https://github.com/acme/other)`,
    `* [Docs](https://example.org/docs${run('.')}a)`,
    `* [Widget is **fast **now](https://example.org/w)`,
    '',
    `Some **${run(' ')}x here${run(' ')}and there.`,
    '',
    `[label]: https://example.org/x${run(' ')}"title`,
    '',
  ].join('\n');
}

const found = (text: string) => runRules(parseWithConfig(text, FILE, TWIR), { config: TWIR }).map((f) => `${f.range.start.line} ${f.code}`).sort();

describe('long runs of one character', () => {
  test('give the findings that short runs give', () => {
    const short = found(issue((c) => c.repeat(3)));
    assert.ok(short.some((f) => f.endsWith('markdown.emphasis-space')), `the line with \`**fast **\` is reported: ${short.join(', ')}`);
    assert.deepEqual(found(issue((c) => c.repeat(5_000))), short);
  });

  test('trailing blanks: only the spaces and tabs at the end go, however long the run in the middle', () => {
    const middle = ' '.repeat(50_000);
    assert.equal(withoutTrailingBlanks(`a${middle}b \t `), `a${middle}b`);
    assert.equal(withoutTrailingBlanks(`a${middle}b`), `a${middle}b`);
    assert.equal(withoutTrailingBlanks('a\u00a0 '), 'a\u00a0', 'a no-break space is text');
    assert.equal(withoutTrailingBlanks('  '), '');
  });

  test('the plain-text email of an issue with long runs keeps its text', () => {
    const email = renderPlainText(parseWithConfig(issue((c) => c.repeat(5_000)), FILE, TWIR));
    assert.match(email, /and there\./);
  });
});
