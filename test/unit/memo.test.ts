import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache, memoized } from '../../src/core/text/memo';

test('memoized: one computation per distinct key, the same answer for an equal key cut from another text', () => {
  const asked: string[] = [];
  const upper = memoized((key: string) => {
    asked.push(key);
    return key.toUpperCase();
  });
  const first = 'the first line of an issue, long enough to be sliced\nand its second line';
  const second = `${first} with more typed`;
  const line = first.slice(0, first.indexOf('\n'));
  assert.equal(upper(line), line.toUpperCase());
  // The same line cut from the next version of the text: an equal key, answered from the map.
  assert.equal(upper(second.slice(0, second.indexOf('\n'))), line.toUpperCase());
  assert.deepStrictEqual(asked, [line], 'computed once, with a key equal to the one asked');
  assert.equal(upper('short'), 'SHORT');
  assert.equal(asked.length, 2);
});

test('memoized: the map is dropped when it reaches its limit, and answers stay right', () => {
  let computed = 0;
  const twice = memoized((key: string) => {
    computed++;
    return `${key}${key}`;
  }, 3);
  for (const key of ['a', 'b', 'c']) twice(key);
  assert.equal(computed, 3);
  assert.equal(twice('a'), 'aa', 'still known below the limit');
  assert.equal(computed, 3);
  twice('d'); // the fourth key: the map is dropped before it is kept
  assert.equal(twice('a'), 'aa');
  assert.equal(computed, 5, "'a' is computed again after the drop");
});

test('memoized: the map is dropped when its keys reach their length limit, and answers stay right', () => {
  let computed = 0;
  const twice = memoized((key: string) => {
    computed++;
    return `${key}${key}`;
  }, 100, 10);
  twice('abcd');
  twice('efgh'); // 8 characters kept
  assert.equal(twice('abcd'), 'abcdabcd');
  assert.equal(computed, 2, 'still known below the limit');
  twice('ijkl'); // 12 characters: the map is dropped before it is kept
  assert.equal(twice('abcd'), 'abcdabcd');
  assert.equal(computed, 4, "'abcd' is computed again after the drop");
});

test('BoundedCache: a value set again under a kept key keeps its place; a new key past the length limit empties the map', () => {
  const cache = new BoundedCache<number>(100, 10);
  cache.set('abcd', 1);
  cache.set('efgh', 2); // 8 characters kept
  cache.set('abcd', 3); // the same key: replaced, no more characters
  cache.set('ij', 4); // 10 characters: still within the limit
  assert.deepEqual(['abcd', 'efgh', 'ij'].map((k) => cache.get(k)), [3, 2, 4]);
  cache.set('k', 5); // 11 characters: the map is emptied before it is kept
  assert.deepEqual(['abcd', 'efgh', 'ij', 'k'].map((k) => cache.has(k)), [false, false, false, true]);
  assert.equal(cache.get('k'), 5);
});
