import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesOf } from '../../src/core/rules/helpers';

/** What the test compares: each match's text, index and groups. */
const shape = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => ({ text: m[0], index: m.index, groups: [...m].slice(1) }));

test('matchesOf gives what matchAll gives, empty matches and astral characters included', () => {
  const cases: [RegExp, string][] = [
    [/\[([^[\]\n]+)\]\[([^[\]\n]*)\]/g, 'See [a][b] and [c][] then [d](e) [f][g]'],
    [/x*/g, 'axxbx'],
    [/(?:)/gu, 'a😀b'],
    [/\p{L}+/gu, 'naïve 😀 café, Zürich'],
    [/^\* /gm, '* one\n* two\ntext * three'],
    [/nothing/g, 'a line with no match'],
  ];
  for (const [pattern, text] of cases) {
    assert.deepEqual(shape(matchesOf(pattern, text)), shape(text.matchAll(pattern)), `${pattern} on ${JSON.stringify(text)}`);
    assert.equal(pattern.lastIndex, 0, `${pattern}: left ready for the next text`);
  }
});

test('matchesOf refuses an expression without the g flag (exec would find its first match forever)', () => {
  assert.throws(() => matchesOf(/a/, 'aaa'), TypeError);
});
