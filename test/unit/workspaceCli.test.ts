import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const ISSUE_510 = `---
title: DEVOPS WEEKLY ISSUE \\#510 - 4th October 2020
date: 2020-10-04T09:30:00+01:00
---

News
====

A post featured for the first time.
<br>[https://example.org/a](https://example.org/a)
`;

const ISSUE_511 = `---
title: DEVOPS WEEKLY ISSUE \\#510 -  11th October 2020
date: 2020-10-11T09:30:00+01:00
---

>From the archive: one post again.


News
====

The same post, a week later.

<br>[https://example.org/a/](https://example.org/a/)
`;

let folder: string;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: folder });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'newsletter-desk-'));
  mkdirSync(join(folder, '_posts'));
  writeFileSync(join(folder, '_posts', '2020-10-04-510.md'), ISSUE_510);
  writeFileSync(join(folder, '_posts', '2020-10-11-511.md'), ISSUE_511);
  writeFileSync(join(folder, 'README.md'), '# Notes\n\nhttps://example.org/a\n');
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('newsletter-desk check over a folder', () => {
  test('builds the workspace index over the checked files, so cross-issue rules work in CI', async () => {
    const result = await run('check', '_posts');
    assert.match(result.out, /2020-10-11-511\.md:\d+:\d+ {2}info {2}link\.seen-before {2}Already featured in issue 510/);
    assert.match(result.out, /2020-10-11-511\.md:2:\d+ {2}error {2}issue\.number-duplicate/);
    assert.equal(result.code, 1);
  });

  test('says so when the format takes none of the Markdown files for an issue, and not otherwise', async () => {
    mkdirSync(join(folder, 'content'));
    writeFileSync(join(folder, 'content', '2022-10-12-this-week-in-rust.md'), 'Title: This Week in Rust 464\nNumber: 464\nDate: 2022-10-12\nCategory: This Week in Rust\n\nHello and welcome.\n');
    const none = await run('check', 'content');
    assert.equal(none.code, 0);
    assert.match(none.out, /0 issue files checked/);
    assert.match(none.err, /none of the 1 Markdown file found is an issue file for the default "devops-weekly" format \(no \.newsletter-desk\.json found\)/);
    assert.match(none.err, /newsletter-desk init/);
    assert.ok(!none.err.includes('\n'), 'one line');
    // Named in the project file, the format takes it: no note.
    writeFileSync(join(folder, '.newsletter-desk.json'), JSON.stringify({ format: 'this-week-in-rust' }));
    assert.doesNotMatch((await run('check', 'content')).err, /none of the/);
    // Issues found: no note, though other Markdown files were not issues.
    rmSync(join(folder, '.newsletter-desk.json'));
    assert.doesNotMatch((await run('check', '_posts', 'README.md')).err, /none of the/);
  });

  test('does not compare with issues outside the paths it was given', async () => {
    const result = await run('check', '_posts/2020-10-11-511.md');
    assert.doesNotMatch(result.out, /link\.seen-before|issue\.number-duplicate/);
  });
});

describe('newsletter-desk check --fix', () => {
  test('applies the safe fixes to the files, says which, and reports what remains', async () => {
    const result = await run('check', '--fix', '_posts');
    const fixed = readFileSync(join(folder, '_posts', '2020-10-11-511.md'), 'utf8');
    assert.match(fixed, /^title: DEVOPS WEEKLY ISSUE \\#510 - 11th October 2020$/m);
    assert.match(fixed, /^From the archive/m);
    assert.match(fixed, /a week later\.\n<br>\[https:\/\/example\.org\/a\/\]/);
    assert.equal(readFileSync(join(folder, '_posts', '2020-10-04-510.md'), 'utf8'), ISSUE_510, 'a clean file is not rewritten');
    assert.match(result.out, /^fixed _posts[\\/]2020-10-11-511\.md: .*Remove the `>`/m);
    assert.match(result.out, /^3 fixes applied to 1 file$/m);
    // What cannot be fixed safely is still reported.
    assert.match(result.out, /issue\.number-duplicate/);
    assert.doesNotMatch(result.out, /section\.quoted-heading|entry\.split|title\.format/);
  });

  test('changes nothing the second time', async () => {
    await run('check', '--fix', '_posts');
    const once = readFileSync(join(folder, '_posts', '2020-10-11-511.md'), 'utf8');
    const second = await run('check', '--fix', '_posts');
    assert.equal(readFileSync(join(folder, '_posts', '2020-10-11-511.md'), 'utf8'), once);
    assert.match(second.out, /^0 fixes applied to 0 files$/m);
  });

  test('keeps stdout valid JSON with --format json and says what it fixed on stderr', async () => {
    const result = await run('check', '--fix', '--format', 'json', '_posts');
    assert.ok(Array.isArray(JSON.parse(result.out)));
    assert.match(result.err, /3 fixes applied to 1 file/);
  });
});
