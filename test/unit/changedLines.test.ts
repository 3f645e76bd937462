import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { changedLines } from '../../src/core/text/changedLines';

const lines = (...items: string[]) => items.join('\n');
const sorted = (set: Set<number>) => [...set].sort((x, y) => x - y);

describe('changedLines', () => {
  test('reports nothing for the same text, whatever its line breaks', () => {
    assert.deepEqual(sorted(changedLines(lines('a', 'b', 'c'), lines('a', 'b', 'c'))), []);
    assert.deepEqual(sorted(changedLines('a\nb\nc\n', 'a\r\nb\r\nc\r\n')), []);
  });

  test('reports added lines where they stand in the new text', () => {
    assert.deepEqual(sorted(changedLines(lines('a', 'b', 'c'), lines('a', 'x', 'b', 'c', 'y'))), [1, 4]);
    assert.deepEqual(sorted(changedLines('', lines('a', 'b'))), [0, 1]);
  });

  test('reports a changed line, and nothing for a removed one', () => {
    assert.deepEqual(sorted(changedLines(lines('a', 'b', 'c', 'd'), lines('a', 'B', 'c'))), [1]);
    assert.deepEqual(sorted(changedLines(lines('a', 'b', 'c'), lines('a', 'c'))), []);
  });

  test('finds the shortest edit among repeated lines', () => {
    // Blank lines repeat in every issue: a new entry between two blank lines is one block.
    const before = lines('x', '', 'e1', '', 'e2', '', 'e3');
    const after = lines('x', '', 'e1', '', 'new', '', 'e2', '', 'e3');
    assert.deepEqual(sorted(changedLines(before, after)), [4, 5]);
    assert.deepEqual(sorted(changedLines(lines('a', 'b', 'c', 'a', 'b', 'b', 'a'), lines('c', 'b', 'a', 'b', 'a', 'c'))).length, 2, 'the classic example: 5 edits, 2 of them insertions');
  });

  test('reports a line that moved down past others as changed at its new place', () => {
    assert.deepEqual(sorted(changedLines(lines('m', 'a', 'b', 'c'), lines('a', 'b', 'c', 'm'))), [3]);
  });
});
