import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { LWKD, THIS_WEEK_IN_RUST } from '../../src/core/format/presets';
import type { FormatProfile } from '../../src/core/format/profile';

/** Repeated URLs and titles, told apart by what the titles say: link.same-url-other-title, link.duplicate-title. */
function findings(text: string, fileName: string, format: FormatProfile, code: string) {
  const config = { format, rules: {}, emailFooter: '' };
  return runRules(parseWithConfig(text, fileName, config), { config }).filter((f) => f.code === code);
}

const TWIR_HEAD = 'Title: This Week in Rust 3\nNumber: 3\nDate: 2024-05-15\n\n';
const TWIR_NAME = '2024-05-15-this-week-in-rust.md';
const twir = (body: string) => `${TWIR_HEAD}${body}`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

describe('link.same-url-other-title', () => {
  test('an item under another heading that repeats a URL under a title sharing no word with it (but `Rust`, which most titles have)', () => {
    const text = twir('## Updates from Rust Community\n\n* [Macros in Rust: a tutorial with examples](https://blog.example/macros-tutorial)\n* [Fearless concurrency in Rust](https://blog.example/concurrency)\n\n## Call for Participation\n\n* [Rust Berlin is searching for co-organizers](https://blog.example/macros-tutorial)\n');
    const found = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'link.same-url-other-title');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
    assert.equal(found[0].range.start.line, lineOf(text, 'co-organizers'));
    assert.match(found[0].message, /Macros in Rust/);
    assert.equal(found[0].related?.[0]?.range.start.line, lineOf(text, 'Macros in Rust'));
    assert.equal(findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'link.duplicate').length, 0, 'across sections, link.duplicate stays quiet');
  });

  test('for a reference link, also points at the definition that holds the URL', () => {
    const text = twir('## Updates from Rust Community\n\n* [RFC 968: closure return type syntax][close].\n\n## Approved RFCs\n\n* [Add an environment concurrency hint][conc].\n\n[close]: https://example.org/rfcs/0968-closure-return-type-syntax.md\n[conc]: https://example.org/rfcs/0968-closure-return-type-syntax.md\n');
    const [found] = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'link.same-url-other-title');
    assert.ok(found);
    assert.deepEqual(found.related?.map((r) => r.range.start.line), [lineOf(text, '[close].'), lineOf(text, '[conc]: ')]);
  });

  test('is quiet on one page under related titles, a headline linked again, and texts that name nothing', () => {
    const text = twir([
      '## Updates from Rust Community',
      '',
      '* [Play.rust-lang.org was rewritten in Rust](https://example.org/playground/187)',
      '* [Announcing Gizmo 1.0](https://example.org/gizmo)',
      '* [Compiler internals, in Rust](https://example.org/rust-compiler)',
      '* [Widgets](https://example.org/widgets)',
      '',
      '## Project Updates',
      '',
      '* [The playground backend is now written in Rust](https://example.org/playground/187)',
      '* [Gizmo announcement](https://example.org/gizmo)',
      '* [A tour of the compiler](https://example.org/rust-compiler)',
      '* [here](https://example.org/widgets)',
      '* [https://example.org/widgets](https://example.org/widgets)',
    ].join('\n'));
    assert.deepEqual(findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'link.same-url-other-title').map((f) => f.message), []);
    const lwkd = '---\nlayout: post\ntitle: Week Ending May 5, 2024\ndate: 2024-05-05 22:00:00 -0000\n---\n\n## KEP of the Week\n\n### [#69386: Update to go1.11.1](https://example.org/pull/69386)\n\nThe toolchain moves on.\n\n## Other Merges\n\n* [golang to 1.11.1](https://example.org/pull/69386)\n';
    assert.deepEqual(findings(lwkd, '2024-05-05-update.md', LWKD, 'link.same-url-other-title').map((f) => f.message), []);
  });
});

describe('link.duplicate-title, spelt with keyboard dashes and ellipses', () => {
  test('`--` for `—` and `...` with or without a space are one title', () => {
    const text = twir('## Updates from Rust Community\n\n* [What would a database look like in Rust? -- Part 1](https://dev.example/db-part-1-2np4)\n* [Why learning Rust is great... As a second language](https://blog.example/second-language)\n* [What would a database look like in Rust? — Part 1](https://mirror.example/db-part-1-4a84)\n* [Why learning Rust is great...As a second language](https://dev.example/second-language-5583)\n');
    const found = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'link.duplicate-title');
    assert.deepEqual(found.map((f) => f.range.start.line), [lineOf(text, 'mirror.example'), lineOf(text, 'second-language-5583')]);
  });
});
