import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { applyFixes, fixAll } from '../../src/core/fix';
import { LWKD, THIS_WEEK_IN_RUST } from '../../src/core/format/presets';
import type { FormatProfile } from '../../src/core/format/profile';

function configOf(format: FormatProfile) {
  return { format, rules: {}, emailFooter: '' };
}

function findings(text: string, fileName: string, format: FormatProfile, code: string) {
  const config = configOf(format);
  return runRules(parseWithConfig(text, fileName, config), { config }).filter((f) => f.code === code);
}

const TWIR_HEAD = 'Title: This Week in Rust 3\nNumber: 3\nDate: 2024-05-15\n\n';
const TWIR_NAME = '2024-05-15-this-week-in-rust.md';

describe('template leftovers', () => {
  test('removes an empty list item and nothing else, in fix-all', () => {
    const text = `${TWIR_HEAD}## Updates from Rust Community\n\n* [A post](https://example.org/a)\n*\n* [Another](https://example.org/b)\n`;
    const result = fixAll(text, { fileName: TWIR_NAME, config: configOf(THIS_WEEK_IN_RUST) });
    assert.equal(result.text, `${TWIR_HEAD}## Updates from Rust Community\n\n* [A post](https://example.org/a)\n* [Another](https://example.org/b)\n`);
  });

  test("reports the profile's own placeholder keys, and not the same words filled in", () => {
    const head = (title: string) => `---\nlayout: post\ntitle: ${title}\ndate: 2024-05-21 22:00:00 -0000\nslug: 2024-05-19-update\n---\n\n## Other Merges\n\n* The gadget [loses an option](https://example.org/pull/1)\n`;
    assert.equal(findings(head('Week Ending Month DD, YYYY'), '2024-05-19-update.md', LWKD, 'template.placeholder').length, 1);
    assert.equal(findings(head('Week Ending May 19, 2024'), '2024-05-19-update.md', LWKD, 'template.placeholder').length, 0);
  });

  test('reports each placeholder once at its place, and none in a fence', () => {
    const entry = '* [INSERT_LINK_HERE](https://example.org/a) for $twir_issue_number, in 2024-W00';
    const text = `${TWIR_HEAD}## Updates from Rust Community\n\n${entry}\n\n\`\`\`\nREDDIT_LINK_HERE\n\`\`\`\n`;
    const line = text.split('\n').indexOf(entry);
    const found = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'template.placeholder');
    // `$twir_issue_number` is the profile's key and a shell-style variable too: one finding.
    assert.deepEqual(found.map((f) => [f.range.start.line, entry.slice(f.range.start.character, f.range.end.character)]), [
      [line, 'INSERT_LINK_HERE'], [line, '$twir_issue_number'], [line, '2024-W00'],
    ]);
  });

  test('leaves a placeholder quoted in a code span alone', () => {
    const text = `${TWIR_HEAD}## Updates from Rust Community\n\n* [Why \`INSERT_LINK_HERE\` stays](https://example.org/a)\n`;
    assert.deepEqual(findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'template.placeholder'), []);
  });
});

describe('header agreement', () => {
  const lwkd = (slug: string, title = 'Week Ending May 19, 2024') => `---\nlayout: post\ntitle: ${title}\ndate: 2024-05-21 22:00:00 -0000\nslug: ${slug}\n---\n\n## Other Merges\n\n* The gadget [loses an option](https://example.org/pull/1)\n`;

  test("fixes a slug that names another day than the file name's", () => {
    const [found] = findings(lwkd('2024-05-12-update'), '2024-05-19-update.md', LWKD, 'header.slug-mismatch');
    assert.ok(found);
    assert.match(applyFixes(lwkd('2024-05-12-update'), [found.fixes![0]]).text, /^slug: 2024-05-19-update$/m);
  });

  test('offers no slug fix when the title agrees with the slug', () => {
    const [found] = findings(lwkd('2024-05-12-update', 'Week Ending May 12, 2024'), '2024-05-19-update.md', LWKD, 'header.slug-mismatch');
    assert.ok(found);
    assert.equal(found.fixes, undefined);
  });

  test('reports a search range that ends before it starts', () => {
    const text = `${TWIR_HEAD}## Updates from the Rust Project\n\n[merged]: https://github.com/search?q=is%3Amerged+merged%3A2024-05-08..2024-05-01\n`;
    assert.equal(findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'date.impossible-in-text').length, 1);
  });

  test('skips what a fence holds, and reads on after it closes', () => {
    const text = `${TWIR_HEAD}## Updates from the Rust Project\n\n\`\`\`\nlog of 2024-13-01\n\`\`\`\n\nSee 2024-02-30 and 2024-05-08..2024-05-01.\n`;
    const found = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'date.impossible-in-text');
    const after = text.split('\n').findIndex((line) => line.startsWith('See '));
    assert.deepEqual(found.map((f) => f.range.start.line), [after, after]);
    assert.deepEqual(found.map((f) => f.message.slice(0, 12)), ['`2024-02-30`', 'This range e']);
  });
});

describe('heading.level', () => {
  test("writes an indented heading at its neighbour's level", () => {
    const text = `${TWIR_HEAD}# Upcoming Events\n\n### Europe\n\n* 2024-05-20 | Berlin, DE | [Rust Berlin](https://example.org/berlin)\n\n # Asia Pacific\n\n* 2024-05-21 | Tokyo, JP | [Rust Tokyo](https://example.org/tokyo)\n`;
    const [found] = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'heading.level');
    assert.ok(found);
    assert.match(applyFixes(text, [found.fixes![0]]).text, /^### Asia Pacific$/m);
    assert.equal(found.fixes![0].safe, false, 'a fix that changes the level is not for fix-all');
  });
});

describe('link.duplicate-title', () => {
  test('reports one long title under two hosts, whatever the dash, and not a short one', () => {
    const text = `${TWIR_HEAD}## Updates from Rust Community\n\n* [Building a site with Rust — part 3](https://blog.example/site-3)\n* [Building a site with Rust - Part 3](https://mirror.example/site-3-29ll)\n* [Two years of Rust](https://a.example/two)\n* [Two years of Rust](https://b.example/two)\n`;
    const found = findings(text, TWIR_NAME, THIS_WEEK_IN_RUST, 'link.duplicate-title');
    assert.deepEqual(found.map((f) => f.range.start.line), [7]);
  });
});
