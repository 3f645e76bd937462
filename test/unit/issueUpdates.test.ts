import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IssueDocument } from '../../src/core/model';
import type { TextChange } from '../../src/core/parse/incremental';
import { DEVOPS_WEEKLY, THIS_WEEK_IN_RUST } from '../../src/core/format/presets';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { LineIndex } from '../../src/core/text/lineIndex';
import { IssueUpdates } from '../../src/vscode/issueUpdates';
import { TWIR_TEXT } from './helpers/issueTexts';

/**
 * The editor's parse path (src/vscode/issueDocuments.ts keeps one `IssueUpdates` per open
 * document): change events recorded by version and replayed on the previous document must give
 * the document a fresh parse gives, whether the events come one by one, several per parse, with
 * several changes each (multi-cursor edits arrive last-first), or with a version missing.
 */
function comparable(document: IssueDocument): unknown {
  const lineStarts: number[] = [];
  for (let line = 0; line < document.lines.lineCount; line++) lineStarts.push(document.lines.offsetAt({ line, character: 0 }));
  return { ...document, lines: { lineCount: document.lines.lineCount, lineStarts } };
}


/** A change event for `[offset, offset + length)` of `text`, as VS Code reports it. */
function changeOf(text: string, offset: number, length: number, insert: string): TextChange {
  const lines = new LineIndex(text);
  return { range: { start: lines.positionAt(offset), end: lines.positionAt(offset + length) }, rangeOffset: offset, rangeLength: length, text: insert };
}

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.rangeOffset) + change.text + text.slice((change.rangeOffset ?? 0) + (change.rangeLength ?? 0));
}

/** mulberry32, so that a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', ' ', '\n', '\n\n', '* [New](https://example.com/new)\n', '### A heading\n', '`', '[', ']', '(https://x.example/)', '---\n'];

describe('IssueUpdates: the editor hands edits to the incremental parser', () => {
  test('random edits, batched and split, equal a fresh parse after every parse', () => {
    const random = prng(13);
    const profile = THIS_WEEK_IN_RUST;
    const updates = new IssueUpdates();
    let text = TWIR_TEXT;
    let version = 1;
    updates.parse(text, version, 'issue-9.md', profile);
    let parses = 0;
    for (let round = 0; round < 150; round++) {
      // One to three change events between parses (the debounce lets several through).
      const events = 1 + Math.floor(random() * 3);
      for (let e = 0; e < events; e++) {
        // One or two changes per event; two are given last-first, as VS Code gives multi-cursor edits.
        const changes: TextChange[] = [];
        const count = random() < 0.2 ? 2 : 1;
        const offsets = Array.from({ length: count }, () => Math.floor(random() * text.length)).sort((a, b) => b - a);
        if (count === 2 && offsets[0] === offsets[1]) offsets.pop();
        let next = text;
        for (const offset of offsets) {
          const length = random() < 0.4 ? Math.min(Math.floor(random() * 12), text.length - offset) : 0;
          const insert = random() < 0.7 ? PIECES[Math.floor(random() * PIECES.length)] : '';
          // Ranges refer to the text as it was, which the descending order keeps valid for each.
          const change = changeOf(text, offset, length, insert);
          changes.push(change);
          next = apply(next, change);
        }
        version++;
        updates.changed(version, changes);
        text = next;
      }
      const got = updates.parse(text, version, 'issue-9.md', profile);
      parses++;
      assert.deepStrictEqual(comparable(got.document), comparable(parseIssue(text, 'issue-9.md', { profile })), `round ${round}`);
    }
    assert.equal(parses, 150);
    assert.ok(updates.stats.incremental > 0, 'some parses took the fast path');
  });

  test('a skipped version parses the whole text, and is still right', () => {
    const updates = new IssueUpdates();
    const profile = THIS_WEEK_IN_RUST;
    updates.parse(TWIR_TEXT, 1, 'issue-9.md', profile);
    const at = TWIR_TEXT.indexOf('Another one');
    const first = changeOf(TWIR_TEXT, at, 0, 'X');
    const afterFirst = apply(TWIR_TEXT, first);
    const second = changeOf(afterFirst, at, 0, 'Y');
    const afterSecond = apply(afterFirst, second);
    // Version 2's event never arrived: version 3's alone cannot give the text.
    updates.changed(3, [second]);
    const fullBefore = updates.stats.full;
    const got = updates.parse(afterSecond, 3, 'issue-9.md', profile);
    assert.equal(updates.stats.full, fullBefore + 1);
    assert.deepStrictEqual(comparable(got.document), comparable(parseIssue(afterSecond, 'issue-9.md', { profile })));
  });

  test('the same version is parsed once; one edit goes through updateIssue with its delta', () => {
    const updates = new IssueUpdates();
    const profile = THIS_WEEK_IN_RUST;
    const first = updates.parse(TWIR_TEXT, 1, 'issue-9.md', profile).document;
    assert.equal(updates.parse(TWIR_TEXT, 1, 'issue-9.md', profile).document, first);
    const change = changeOf(TWIR_TEXT, TWIR_TEXT.indexOf('Another one') + 8, 0, 'good ');
    updates.changed(2, [change]);
    const got = updates.parse(apply(TWIR_TEXT, change), 2, 'issue-9.md', profile);
    assert.ok(got.delta, 'an update, with its delta');
    assert.deepStrictEqual(comparable(got.document), comparable(parseIssue(apply(TWIR_TEXT, change), 'issue-9.md', { profile })));
    assert.equal(got.document.text.includes('Another good one'), true);
    assert.equal(updates.stats.full + updates.stats.incremental, 2);
  });

  test('another profile parses whole with that profile', () => {
    const updates = new IssueUpdates();
    updates.parse(TWIR_TEXT, 1, 'issue-9.md', THIS_WEEK_IN_RUST);
    const got = updates.parse(TWIR_TEXT, 1, 'issue-9.md', DEVOPS_WEEKLY);
    assert.deepStrictEqual(comparable(got.document), comparable(parseIssue(TWIR_TEXT, 'issue-9.md', { profile: DEVOPS_WEEKLY })));
  });
});
