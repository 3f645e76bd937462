/**
 * `check --changed-since REF` in a temporary git repository of two commits; the links point at
 * servers of ours on 127.0.0.31 (nothing else is contacted), which count what is requested.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { SimulatedHosts } from '../fixtures/linkcheck/simulatedHosts';

const A = '127.0.0.31';
let hosts: SimulatedHosts;

before(async () => {
  // The temporary folders must not count as inside any repository above them.
  process.env.GIT_CEILING_DIRECTORIES = tmpdir();
  hosts = await SimulatedHosts.start([A], (request, response) => {
    response.writeHead(request.url?.startsWith('/dead') ? 404 : 200);
    response.end();
  });
});

after(async () => {
  await hosts.close();
});

/** A well-formed issue (title, date and file name agree) with one entry per URL, in order. */
function issueText(urls: readonly string[], intro = 'This week: links.'): string {
  const entries = urls.map((url, i) => `Entry ${i + 1} describes a post worth reading.\n<br>[${url}](${url})\n`).join('\n\n');
  return `---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 4th January 2026\ndate: 2026-01-04T09:30:00+00:00\n---\n\n${intro}\n\n\nNews\n====\n\n${entries}`;
}

/** The 0-based line of the link line of entry `i` (see `issueText`): entries start at line 11, four lines apart. */
const linkLine = (i: number) => 12 + 4 * i;

describe('newsletter-desk check --changed-since', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = async (args: string[]) => main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
  const url = (path: string) => hosts.url(A, path);
  const requested = () => hosts.log.map((r) => r.path).sort();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsletter-since-'));
    out = [];
    err = [];
    mkdirSync(join(dir, '_posts'));
    writeFileSync(join(dir, '.newsletter-desk.json'), JSON.stringify({ linkCheck: { allowPrivateHosts: true, minGapMs: 0, retries: 0 } }));
    hosts.resetStats();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Two commits: the issue as it was (old links, one of them dead), then as the pull request made it. */
  function twoCommits(before: readonly string[], afterward: readonly string[], introAfter?: string): void {
    git('init', '-q');
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText(before));
    git('add', '-A');
    git('commit', '-q', '-m', 'issue 1');
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText(afterward, introAfter));
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', 'new links');
  }

  test('requests only the URLs of added or changed lines and reports findings only on those lines; a URL moved to another line is not requested again', async () => {
    const old = [url('/one'), url('/two'), url('/dead-old')];
    // The pull request adds two entries (one dead) before the old ones, moves /two to the end, and
    // edits the link line of /one (a fragment: the same page, so not asked again either).
    const now = [url('/new-ok'), url('/dead-new'), `${url('/one')}#part`, url('/dead-old'), url('/two')];
    twoCommits(old, now);
    assert.equal(await run(['check', '--links', '--changed-since', 'HEAD~1', '--format', 'json']), 1);
    assert.deepEqual(requested(), ['/dead-new', '/dead-new', '/new-ok'], 'HEAD then GET for the 404, HEAD for the 200; nothing that was in the file before');

    const { files, links } = JSON.parse(out.join('\n')) as { files: Array<{ messages: Array<{ code: string; line: number; message: string }> }>; links: Record<string, unknown> };
    const messages = files[0].messages;
    const broken = messages.filter((m) => m.code === 'link.broken');
    assert.deepEqual(broken.map((m) => m.line), [linkLine(1) + 1], 'the new dead link only, not the old one (line 1-based)');
    // Findings of the rules (link.insecure: our servers speak http) only on the lines the pull request touched.
    const changed = [0, 1, 2, 3, 4].map((i) => [linkLine(i) - 1, linkLine(i)]).flat().filter((l) => l !== linkLine(3) - 1 && l !== linkLine(3));
    for (const m of messages) assert.ok(changed.includes(m.line - 1), `${m.code} on line ${m.line}, which did not change`);
    assert.ok(messages.some((m) => m.code === 'link.insecure' && m.line === linkLine(0) + 1), 'a rule finding on a new line is reported');
    assert.equal(messages.some((m) => m.line === linkLine(3) + 1), false, 'nothing on the old /dead-old line, which did not change');
    assert.deepEqual(
      { checked: links.checked, requested: links.requested, fromCache: links.fromCache, unchangedSince: links.unchangedSince },
      { checked: 2, requested: 2, fromCache: 0, unchangedSince: { ref: 'HEAD~1', urls: 3 } },
    );
  });

  test('reports rule findings only on changed lines without --links, and requests nothing', async () => {
    twoCommits([url('/a'), url('/b')], [url('/a'), url('/b'), url('/c')]);
    assert.equal(await run(['check', '--changed-since', 'HEAD~1']), 0);
    const lines = out.join('\n').split('\n').filter((l) => l.includes('2026-01-04-1.md:'));
    assert.ok(lines.length > 0, 'the new entry has its own findings');
    for (const line of lines) assert.match(line, new RegExp(`2026-01-04-1\\.md:(${linkLine(2)}|${linkLine(2) + 1}):`));
    assert.equal(hosts.totalRequests, 0);
  });

  test('counts every line of a file that is not in REF as new', async () => {
    twoCommits([], []);
    writeFileSync(join(dir, '_posts', '2026-01-11-2.md'), issueText([url('/fresh')]).replace('#1 - 4th', '#2 - 11th').replace('2026-01-04T', '2026-01-11T'));
    assert.equal(await run(['check', '--links', '--changed-since', 'HEAD']), 0);
    assert.deepEqual(requested(), ['/fresh']);
  });

  test('exits 2 with one line when the folder is not in a git repository, REF names no commit, or git is missing', async () => {
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText([url('/x')]));
    assert.equal(await run(['check', '--links', '--changed-since', 'HEAD~1']), 2);
    assert.equal(err.length, 1);
    assert.match(err[0], /^newsletter-desk: --changed-since needs a git repository, and .* is not in one$/);

    err = [];
    twoCommits([url('/x')], [url('/x')]);
    assert.equal(await run(['check', '--links', '--changed-since', 'no-such-branch']), 2);
    assert.deepEqual(err, ['newsletter-desk: --changed-since: "no-such-branch" does not name a commit in this repository']);

    err = [];
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-such-folder');
    try {
      assert.equal(await run(['check', '--links', '--changed-since', 'HEAD']), 2);
    } finally {
      process.env.PATH = path;
    }
    assert.deepEqual(err, ['newsletter-desk: --changed-since needs git, and git is not installed (or not on the PATH)']);
    assert.equal(hosts.totalRequests, 0);
  });
});
