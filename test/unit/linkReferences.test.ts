import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { applyFixes } from '../../src/core/fix';
import { THIS_WEEK_IN_RUST } from '../../src/core/format/presets';
import type { Finding } from '../../src/core/model';

/** Reference links whose label and definition do not meet: link.reference-undefined, link.reference-defined-twice. */
const config = { format: THIS_WEEK_IN_RUST, rules: {}, emailFooter: '' };
const NAME = '2015-03-23-this-week-in-rust.md';
const twir = (body: string) => `Title: This Week in Rust 75\nNumber: 75\nDate: 2015-03-23\n\n## Updates from Rust Community\n\n${body}`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

function findings(text: string, code: string): Finding[] {
  return runRules(parseWithConfig(text, NAME, config), { config }).filter((f) => f.code === code);
}

describe('link.reference-defined-twice', () => {
  test('one label defined twice for two URLs, reported at the second with the first as related', () => {
    const text = twir('* [Type ascription][asc].\n\n[asc]: https://example.org/rfcs/0803-type-ascription.md\n\n## Other\n\n* [Ascription as lvalues][asc].\n\n[asc]: https://example.org/rfcs/pull/987\n');
    const found = findings(text, 'link.reference-defined-twice');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.equal(found[0].range.start.line, lineOf(text, 'pull/987'));
    assert.equal(found[0].related?.[0]?.range.start.line, lineOf(text, '0803-type'));
  });

  test('is quiet when the two definitions give one URL (written alike or not), and for two labels', () => {
    const text = twir('* [A][a] and [B][b].\n\n[a]: https://example.org/x\n[a]: http://www.example.org/x/\n[b]: https://example.org/y\n');
    assert.deepEqual(findings(text, 'link.reference-defined-twice'), []);
  });
});

describe('link.reference-undefined, with the definition it was meant for', () => {
  test('a label a letter off an unused definition: related points at it, and the fix takes its label', () => {
    const text = twir('* [Maidsafe discusses Rust][maidsafe]. Some advice.\n\n[maidesafe]: https://example.org/r/rust/comments/2xwe4r/\n');
    const [found] = findings(text, 'link.reference-undefined');
    assert.ok(found);
    assert.match(found.message, /\[maidesafe\]/);
    assert.equal(found.related?.[0]?.range.start.line, lineOf(text, '[maidesafe]:'));
    assert.match(applyFixes(text, [found.fixes![0]]).text, /^\* \[Maidsafe discusses Rust\]\[maidesafe\]\. Some advice\.$/m);
  });

  test('a `[label]` alone is a broken reference when an unused definition has nearly its label; the fix keeps the text', () => {
    const text = twir('* [rust-bitfield]. A macro to generate bitfields.\n\n[rust-bitfields]: https://example.org/bitfield\n');
    const [found] = findings(text, 'link.reference-undefined');
    assert.ok(found);
    assert.equal(found.range.start.line, lineOf(text, '* [rust-bitfield]'));
    assert.match(applyFixes(text, [found.fixes![0]]).text, /^\* \[rust-bitfield\]\[rust-bitfields\]\. A macro/m);
  });

  test('plain brackets with no definition near them stay plain text', () => {
    const text = twir('* [A post](https://example.org/a) [sic], with [WIP] and [ml] in it.\n\n[rfc]: https://example.org/rfc\n[mls]: https://example.org/mls\n');
    assert.deepEqual(findings(text, 'link.reference-undefined').map((f) => f.message), []);
  });

  test('a reference whose text runs over two lines', () => {
    const text = twir('* [A Quick Comparison of Nim\n  vs. Rust][nim]. [/r/rust][nim-r-rust].\n\n[nim-r-rust]: https://example.org/r/rust/nim\n');
    const found = findings(text, 'link.reference-undefined');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.range.end.line]), [[lineOf(text, 'Comparison of Nim'), lineOf(text, 'vs. Rust')]]);
    assert.match(found[0].message, /`\[nim\]`/);
  });

  test('brackets do not pair across two list items: `[` in one item and `][label]` in the next are no reference', () => {
    const text = twir('* [An open bracket in one item\n* and a stray][nim] in the next. [Nim over\n  two lines][nim].\n');
    const found = findings(text, 'link.reference-undefined');
    // Only the reference inside the second item, over its two lines; the first item's `[` pairs with nothing.
    assert.deepEqual(found.map((f) => [f.range.start.line, f.range.end.line]), [[lineOf(text, '[Nim over'), lineOf(text, 'two lines][nim]')]]);
  });
});

describe('an item title that lost its URL, and URL slips', () => {
  test('`* [Title]` alone or `* [name] - what it is`, with no definition, is an undefined reference; a tag or a defined name is not', () => {
    const text = twir('* [Lead Engineer at Example (Berlin, DE)]\n* [gizmo] - a crate for gizmos\n* [maud] - a macro for markup\n* [video] - a talk\n\n[maud]: https://example.org/maud\n');
    const found = findings(text, 'link.reference-undefined');
    assert.deepEqual(found.map((f) => f.range.start.line), [lineOf(text, 'Lead Engineer'), lineOf(text, '[gizmo]')]);
  });

  test('the tail of a second URL right after a link, and a quote inside a URL', () => {
    const text = twir('* [extend the messages](https://example.org/rust/pull/85596)ippy/pull/7264)\n* [Closures and traits](https://example.org/posts/clo""sure-traits/)\n');
    const [tail] = findings(text, 'link.syntax');
    assert.ok(tail);
    assert.match(tail.message, /`ippy\/pull\/7264\)`/);
    assert.equal(tail.fixes, undefined);
    const quote = findings(text, 'link.malformed').filter((f) => /`"`/.test(f.message));
    assert.deepEqual(quote.map((f) => f.range.start.line), [lineOf(text, 'clo""sure')]);
  });
});

describe('link targets that are not URLs', () => {
  test('a bare host is a schemeless URL (with the https fix); a code name is not a URL; a file name is left alone', () => {
    const text = twir('* Point it at [the new registry](registry.k8s.example.io) now.\n* The helper is [reusable now](rest.DefaultServerUrlFor) for URLs.\n* See [the notes](notes.html) and [the script](setup.sh).\n');
    const found = findings(text, 'link.malformed');
    assert.deepEqual(found.map((f) => f.range.start.line), [lineOf(text, 'registry.k8s'), lineOf(text, 'DefaultServerUrlFor')]);
    assert.match(applyFixes(text, [found[0].fixes![0]]).text, /\[the new registry\]\(https:\/\/registry\.k8s\.example\.io\)/);
    assert.match(found[1].message, /not a URL/);
  });
});
