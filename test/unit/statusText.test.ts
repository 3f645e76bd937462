import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusOf } from '../../src/core/statusText';
import type { IssueSummary } from '../../src/core/outline';

/**
 * The status bar's tooltip: a table whose header words stay apart and whose numbers line up
 * (right-aligned under their column), in a block the hover shows in a fixed-width font.
 */
const summary: IssueSummary = {
  number: 512,
  entries: 15,
  links: 118,
  sections: [
    { name: 'News', depth: 0, entries: 12, links: 14 },
    { name: 'Tools', depth: 1, entries: 3, links: 104 },
    { name: 'Sponsor | ads', depth: 0, entries: 0, links: 0 },
  ],
};

function tableOf(tooltip: string): string[] {
  const m = /^(`{3,})text\n([\s\S]*?)\n\1$/m.exec(tooltip);
  assert.ok(m, `the tooltip has a fenced text block:\n${tooltip}`);
  return m[2].split('\n');
}

test('the tooltip lays the sections out as aligned columns', () => {
  const rows = tableOf(statusOf(summary).tooltip);
  assert.deepEqual(rows, [
    'Section        Entries  Links',
    'News                12     14',
    '  Tools              3    104',
    'Sponsor | ads        0      0',
  ]);
});

test('the header words are apart and every number ends where its column header ends', () => {
  const rows = tableOf(statusOf({ ...summary, sections: [{ name: 'A very long section name indeed', depth: 0, entries: 1234, links: 5 }] }).tooltip);
  const header = rows[0];
  assert.match(header, /^Section {2,}Entries {2,}Links$/);
  const entriesEnd = header.indexOf('Entries') + 'Entries'.length;
  for (const row of rows.slice(1)) {
    assert.equal(row.length, header.length, row);
    assert.match(row.slice(0, entriesEnd), /\d$/, `entries right-aligned under "Entries": ${row}`);
  }
});

test('a section name with backticks cannot close the block', () => {
  const tooltip = statusOf({ ...summary, sections: [{ name: 'Code ```fences```', depth: 0, entries: 1, links: 1 }] }).tooltip;
  const rows = tableOf(tooltip);
  assert.ok(rows.some((r) => r.startsWith('Code ```fences```')), tooltip);
});

test('the summary line and the count in the status bar text', () => {
  const status = statusOf(summary);
  assert.equal(status.text, '$(book) #512 · 118 links');
  assert.match(status.tooltip, /^\*\*Newsletter issue #512\*\*: 15 entries, 118 links$/m);
  assert.match(statusOf({ entries: 0, links: 1, sections: [] }).tooltip, /No sections yet\./);
});
