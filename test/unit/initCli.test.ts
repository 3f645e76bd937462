import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { widgetArchive, writeArchive } from './helpers/archive';

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-init-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface OutlineSection { name: string; line: number; level: number; kind: string; entries: { line: number; url?: string; text: string }[]; sections: OutlineSection[] }
interface OutlineIssue { file: string; title?: string; number?: number; date?: string; sections: OutlineSection[] }

describe('newsletter-desk init', () => {
  test('infers the profile of an archive, writes it and says what it found', async (t) => {
    const dir = tempDir(t);
    writeArchive(dir, widgetArchive());
    const result = await run(dir, 'init');
    assert.equal(result.code, 0, result.err);
    const written = JSON.parse(readFileSync(join(dir, '.newsletter-desk.json'), 'utf8')) as { format: { header: { kind: string }; title: { template: string } } };
    assert.equal(written.format.header.kind, 'toml');
    assert.equal(written.format.title.template, 'Weekly Widgets #{number}: {month} {day}, {year}');
    assert.match(result.out, /^Found 8 issues/);
    for (const part of ['header', 'title', 'files', 'section names', 'entries', 'interval', 'renderer']) assert.match(result.out, new RegExp(`\\n {2}${part} +.*\\(\\d+% sure`), part);
    assert.match(result.out, /issue-\{number\}\.md/);
    assert.match(result.out, /14 days/);
  });

  test('never writes over an existing config without --force', async (t) => {
    const dir = tempDir(t);
    writeArchive(dir, widgetArchive());
    writeFileSync(join(dir, '.newsletter-desk.json'), '{"format": "lwkd"}\n');
    const refused = await run(dir, 'init', '.');
    assert.equal(refused.code, 1);
    assert.equal(refused.err.split('\n').length, 1);
    assert.match(refused.err, /already exists/);
    assert.equal(readFileSync(join(dir, '.newsletter-desk.json'), 'utf8'), '{"format": "lwkd"}\n');
    const forced = await run(dir, 'init', '.', '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.match(readFileSync(join(dir, '.newsletter-desk.json'), 'utf8'), /"toml"/);
  });

  test('a folder given from elsewhere is the one read and written', async (t) => {
    const dir = tempDir(t);
    writeArchive(join(dir, 'archive'), widgetArchive());
    assert.equal((await run(dir, 'init', 'archive')).code, 0);
    assert.ok(existsSync(join(dir, 'archive', '.newsletter-desk.json')));
    assert.ok(!existsSync(join(dir, '.newsletter-desk.json')));
  });

  for (const [why, setup, args] of [
    ['a folder without Markdown', (dir: string) => writeFileSync(join(dir, 'notes.txt'), 'no issues here'), ['init']],
    ['a folder that does not exist', () => undefined, ['init', 'no-such-folder']],
    ['Markdown that looks like no issue', (dir: string) => writeFileSync(join(dir, 'README.md'), '# Read me\n'), ['init']],
  ] as const) {
    test(`${why} is a one-line error and writes nothing`, async (t) => {
      const dir = tempDir(t);
      setup(dir);
      const result = await run(dir, ...args);
      assert.notEqual(result.code, 0);
      assert.equal(result.err.split('\n').length, 1, result.err);
      assert.ok(!existsSync(join(dir, '.newsletter-desk.json')));
    });
  }
});

describe('check and outline read the profile the project folder holds', () => {
  test('with no path, from a subfolder: the config is found upward and its globs name the issues', async (t) => {
    const dir = tempDir(t);
    writeArchive(dir, widgetArchive());
    assert.equal((await run(dir, 'init')).code, 0);
    mkdirSync(join(dir, 'elsewhere'));
    const check = await run(join(dir, 'elsewhere'), 'check', '--format', 'json');
    const reports = JSON.parse(check.out) as { file: string }[];
    assert.deepEqual(reports.map((r) => r.file.replace(/\\/g, '/')).sort(), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `../newsletter/issue-${n}.md`).sort());
    const outline = JSON.parse((await run(join(dir, 'elsewhere'), 'outline', '--format', 'json')).out) as OutlineIssue[];
    assert.equal(outline.length, 8);
  });

  test('outline gives each issue its title, number, date and section tree with entries (1-based lines)', async (t) => {
    const dir = tempDir(t);
    writeArchive(dir, widgetArchive());
    assert.equal((await run(dir, 'init')).code, 0);
    const result = await run(dir, 'outline', 'newsletter/issue-2.md', '--format', 'json');
    assert.equal(result.code, 0, result.err);
    const [issue] = JSON.parse(result.out) as OutlineIssue[];
    assert.equal(issue.file.replace(/\\/g, '/'), 'newsletter/issue-2.md');
    assert.equal(issue.title, 'Weekly Widgets #2: January 19, 2024');
    assert.equal(issue.number, 2);
    assert.equal(issue.date, '2024-01-19');
    assert.deepEqual(issue.sections.map((s) => [s.name, s.line, s.level, s.kind]), [['Links', 10, 2, 'links'], ['Releases', 16, 2, 'links'], ['Upcoming Events', 20, 2, 'events'], ['Sponsor', 24, 2, 'sponsor']]);
    assert.deepEqual(issue.sections[0].entries, [
      { line: 12, url: 'https://sprockets.example/part-2', text: 'Sprockets explained, part 2' },
      { line: 13, url: 'https://cogs.example/why/2', text: 'Why cogs turn' },
      { line: 14, url: 'https://video.example/show-2', text: 'Widget show 2' },
    ]);
    const text = await run(dir, 'outline', 'newsletter/issue-2.md');
    assert.match(text.out, /^newsletter[\\/]issue-2\.md: Weekly Widgets #2: January 19, 2024 {2}#2 {2}2024-01-19\n {2}Links {2}\[links, level 2, line 10\]\n {4}- 12: Sprockets explained, part 2 {2}<https:\/\/sprockets\.example\/part-2>/);
  });

  test('outline nests subsections under their section', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content', '2024-05-01-digest.md'), 'Title: Digest 7\nNumber: 7\nDate: 2024-05-01\n\n## Community\n\n### Blogs\n\n* [A post](https://blog.example/a)\n\n### Talks\n\n* [A talk](https://talks.example/t)\n\n## Events\n\n* [A meetup](https://meet.example/m)\n');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ format: { preset: 'this-week-in-rust', title: { template: 'Digest {number}' }, files: { globs: ['content/*.md'], folder: 'content', name: '{yyyy}-{mm}-{dd}-digest.md' } } }));
    const [issue] = JSON.parse((await run(dir, 'outline', '--config', 'config.json', '--format', 'json')).out) as OutlineIssue[];
    assert.deepEqual(issue.sections.map((s) => [s.name, s.sections.map((c) => [c.name, c.level, c.entries.map((e) => e.url)])]), [
      ['Community', [['Blogs', 3, ['https://blog.example/a']], ['Talks', 3, ['https://talks.example/t']]]],
      ['Events', []],
    ]);
    assert.equal(issue.number, 7);
  });

  test('check of a folder named by its absolute path finds the same issues from any working folder', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'site', '_posts'), { recursive: true });
    // A damaged title: only the `_posts` glob says it is an issue.
    writeFileSync(join(dir, 'site', '_posts', '2021-03-07-40.md'), '---\ntitle: DEVOPS WEKLY 40\ndate: 2021-03-07\n---\n\nNews\n====\n\nA piece.\n<br>[https://a.example/](https://a.example/)\n');
    mkdirSync(join(dir, 'other'));
    const posts = join(dir, 'site', '_posts');
    const fromSite = JSON.parse((await run(join(dir, 'site'), 'check', posts, '--format', 'json')).out) as { file: string; messages: unknown[] }[];
    const fromOther = JSON.parse((await run(join(dir, 'other'), 'check', posts, '--format', 'json')).out) as { file: string; messages: unknown[] }[];
    assert.equal(fromSite.length, 1);
    assert.equal(fromOther.length, 1);
    assert.deepEqual(fromOther[0].messages, fromSite[0].messages);
  });
});
