import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNew } from '../../src/cli/new';
import { main } from '../../src/cli/main';
import type { NewIssueClock } from '../../src/core/newIssue';

const utc: NewIssueClock = {
  today: { year: 2030, month: 1, day: 1 },
  time: { hour: 9, minute: 0, second: 0 },
  offsetMinutes: () => 0,
};

const issue = (n: number, isoDay: string) => `---\ntitle: DEVOPS WEEKLY ISSUE \\#${n} - some day\ndate: ${isoDay}T10:00:00+00:00\n---\n\nIntro.\n`;

describe('newsletter-desk new', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({ out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: dir });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsletter-new-'));
    out = [];
    err = [];
    mkdirSync(join(dir, '_posts'));
    writeFileSync(join(dir, '_posts', '2019-12-22-469.md'), issue(469, '2019-12-22'));
    writeFileSync(join(dir, '_posts', '2019-12-29-470.md'), issue(470, '2019-12-29'));
    writeFileSync(join(dir, 'README.md'), '# Not an issue\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the next issue into _posts and says where', () => {
    assert.equal(runNew([], io(), utc), 0);
    const text = readFileSync(join(dir, '_posts', '2020-01-05-471.md'), 'utf8');
    // The time of day is the archive's habit (every issue at 10:00), not the clock's 09:00.
    assert.match(text, /^---\ntitle: DEVOPS WEEKLY ISSUE \\#471 - 5th January 2020\ndate: 2020-01-05T10:00:00\+00:00\n---\n/);
    assert.deepEqual(out, ['Created _posts/2020-01-05-471.md: issue #471 of 2020-01-05']);
  });

  test('counts a draft already in the folder, so the next file gets the next number', () => {
    writeFileSync(join(dir, '_posts', '2020-01-05-471.md'), 'my draft');
    assert.equal(runNew([], io(), utc), 0);
    assert.equal(readFileSync(join(dir, '_posts', '2020-01-05-471.md'), 'utf8'), 'my draft');
    assert.deepEqual(out, ['Created _posts/2020-01-12-472.md: issue #472 of 2020-01-12']);
  });

  test('never writes over a path that exists, even one the scan could not read (a dangling link): exit 1', () => {
    symlinkSync(join(dir, 'nowhere.md'), join(dir, '_posts', '2020-01-05-471.md'));
    assert.equal(runNew([], io(), utc), 1);
    assert.match(err.join('\n'), /_posts\/2020-01-05-471\.md already exists; nothing was written/);
    assert.equal(existsSync(join(dir, 'nowhere.md')), false, 'nothing was written through the link');
  });

  test('writes into --dir, creating it, and still numbers after the issues of the project', () => {
    assert.equal(runNew(['--dir', 'drafts/next'], io(), utc), 0);
    assert.deepEqual(readdirSync(join(dir, 'drafts', 'next')), ['2020-01-05-471.md']);
  });

  test('uses the project config file for the folder and interval', () => {
    writeFileSync(join(dir, '.newsletter-desk.json'), JSON.stringify({ postsFolder: 'posts', publicationIntervalDays: 14, files: ['posts/*.md'] }));
    mkdirSync(join(dir, 'posts'));
    writeFileSync(join(dir, 'posts', '2021-03-07-12.md'), issue(12, '2021-03-07'));
    rmSync(join(dir, '_posts'), { recursive: true });
    assert.equal(runNew([], io(), utc), 0);
    assert.deepEqual(readdirSync(join(dir, 'posts')).sort(), ['2021-03-07-12.md', '2021-03-21-13.md']);
  });

  test('says so when the format names a template the project does not have, and still writes the issue', () => {
    writeFileSync(join(dir, '.newsletter-desk.json'), JSON.stringify({ format: { preset: 'devops-weekly', newIssue: { template: 'drafts/TEMPLATE.md' } } }));
    assert.equal(runNew([], io(), utc), 0);
    assert.ok(existsSync(join(dir, '_posts', '2020-01-05-471.md')));
    assert.match(err.join('\n'), /template drafts\/TEMPLATE\.md is not in \./);
    err.length = 0;
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'TEMPLATE.md'), '---\ntitle: {title}\ndate: {date}\n---\n\nFrom the template.\n');
    assert.equal(runNew([], io(), utc), 0);
    assert.deepEqual(err, [], 'no note once the template is there');
  });

  test('is dispatched by main and listed in the usage text, with bad arguments exiting 2', () => {
    assert.equal(main(['new', 'extra-arg'], io()), 2);
    assert.match(err.join('\n'), /new takes no file arguments/);
    assert.equal(main(['--help'], io()), 0);
    assert.match(out.join('\n'), /^ {2}new \[--dir FOLDER\]/m);
  });
});
