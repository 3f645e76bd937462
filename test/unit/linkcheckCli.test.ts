import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { checkLinksOfReports } from '../../src/cli/links';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { parseIssue } from '../../src/core';
import { issueUrls } from '../../src/linkcheck/issueLinks';
import { linkFindings } from '../../src/linkcheck/findings';
import type { LinkResult } from '../../src/linkcheck/types';
import { SimulatedHosts } from '../fixtures/linkcheck/simulatedHosts';

const A = '127.0.0.6';
const B = '127.0.0.7';
let hosts: SimulatedHosts;

before(async () => {
  hosts = await SimulatedHosts.start([A, B], (request, response) => {
    const path = request.url ?? '/';
    if (path === '/old') response.writeHead(301, { location: '/new' });
    else if (path === '/dead') response.writeHead(404);
    else if (path === '/robots-no') response.writeHead(403);
    else response.writeHead(200);
    response.end();
  });
});

after(async () => {
  await hosts.close();
});

/** A well-formed issue (title, date and file name agree) whose links point at our servers. */
function issueText(urls: readonly string[]): string {
  const entries = urls.map((url, i) => `Entry ${i + 1} describes a post worth reading.\n<br>[${url}](${url})\n`).join('\n\n');
  return `---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 4th January 2026\ndate: 2026-01-04T09:30:00+00:00\n---\n\nThis week: links.\n\n\nNews\n====\n\n${entries}`;
}

describe('newsletter-desk check --links', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({ out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: dir });
  const run = async (args: string[]) => main(args, io());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsletter-links-'));
    out = [];
    err = [];
    mkdirSync(join(dir, '_posts'));
    // Our servers are on loopback: the project file must allow private hosts for them to be checked.
    writeFileSync(join(dir, '.newsletter-desk.json'), JSON.stringify({ linkCheck: { allowPrivateHosts: true, minGapMs: 0, retries: 0 } }));
    hosts.resetStats();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints each problem and a summary, exits 1 on a broken link, and fills the cache file', async () => {
    const urls = [hosts.url(A, '/fine'), hosts.url(A, '/old'), hosts.url(B, '/dead'), hosts.url(B, '/robots-no')];
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText(urls));
    assert.equal(await run(['check', '--links']), 1);
    const text = out.join('\n');
    assert.match(text, /link\.broken/);
    assert.match(text, /link\.redirected .*\/new/);
    assert.match(text, /link\.blocked/);
    assert.match(text, /4 links checked: 1 ok, 1 redirected, 1 broken, 0 unreachable, 1 blocked \(0 from cache/);
    assert.ok(existsSync(join(dir, '.newsletter-desk', 'link-cache.json')));

    out = [];
    hosts.resetStats();
    assert.equal(await run(['check', '--links']), 1);
    assert.match(out.join('\n'), /4 links checked: 1 ok, 1 redirected, 1 broken, 0 unreachable, 1 blocked \(4 from cache, 0 skipped, 0 requests\)/);
    assert.equal(hosts.totalRequests, 0);
  });

  test('exits 0 when no link is broken, and uses the cache file given with --cache', async () => {
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText([hosts.url(A, '/fine'), hosts.url(B, '/old')]));
    assert.equal(await run(['check', '--links', '--cache', 'ci/links.json']), 0);
    assert.ok(existsSync(join(dir, 'ci', 'links.json')));
    assert.equal(existsSync(join(dir, '.newsletter-desk')), false);
    const cached = JSON.parse(readFileSync(join(dir, 'ci', 'links.json'), 'utf8'));
    assert.equal(Object.keys(cached.entries).length, 2);
  });

  test('does not request loopback hosts when the project file does not allow them', async () => {
    writeFileSync(join(dir, '.newsletter-desk.json'), '{}');
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText([hosts.url(A, '/fine')]));
    assert.equal(await run(['check', '--links']), 0);
    assert.match(out.join('\n'), /0 links checked: .*1 skipped, 0 requests/);
    assert.equal(hosts.totalRequests, 0);
  });

  test('keeps stdout valid JSON with --format json, the link findings among the messages and the summary of the run beside them (and on stderr)', async () => {
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText([hosts.url(A, '/fine'), hosts.url(B, '/dead')]));
    assert.equal(await run(['check', '--links', '--format', 'json']), 1);
    const { files, links } = JSON.parse(out.join('\n')) as { files: Array<{ file: string; messages: Array<{ code: string; line: number }> }>; links: Record<string, unknown> };
    const broken = files[0].messages.filter((m) => m.code === 'link.broken');
    assert.equal(broken.length, 1);
    assert.equal(broken[0].line, 17); // the second entry's link line: front matter 1-4, intro 6, News 9-10, entries 12-13 and 16-17
    assert.match(err.join('\n'), /2 links checked: 1 ok, 0 redirected, 1 broken/);
    assert.deepEqual(links, {
      checked: 2, requested: 2, fromCache: 0, notRequested: 0,
      notRequestedBy: { 'invalid-url': 0, scheme: 0, credentials: 0, excluded: 0, 'private-address': 0 },
      httpRequests: 3, byStatus: { ok: 1, redirected: 0, broken: 1, unreachable: 0, blocked: 0 }, cancelled: false,
    });
  });

  test('takes the URLs the rule check read from its parse instead of reading and parsing the file again', async () => {
    const issue = parseIssue(issueText([hosts.url(B, '/dead')]), '2026-01-04-1.md');
    // No such file on disk: reading it would fail, so the link found can only come from `urlsOf`.
    const asked: string[] = [];
    const run = await checkLinksOfReports([{ file: join('_posts', 'gone.md'), findings: [] }], {
      cwd: dir, projectFile: JSON.parse(readFileSync(join(dir, '.newsletter-desk.json'), 'utf8')), config: DEFAULT_CONFIG, err: () => {},
      urlsOf: (path) => (asked.push(path), issueUrls(issue)),
    });
    assert.deepEqual(asked, [join(dir, '_posts', 'gone.md')]);
    assert.deepEqual(run.reports[0].findings.map((f) => f.code), ['link.broken']);
  });

  test('rejects --link-cache without --links (alone, --cache is the index cache: see indexCacheCli.test.ts)', async () => {
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), issueText([]));
    assert.equal(await run(['check', '--link-cache', 'x.json']), 2);
    assert.match(err.join('\n'), /--link-cache goes with --links/);
  });
});

describe('link findings', () => {
  const url = 'https://site.org/old';
  const text = issueText([url]);
  const document = parseIssue(text, '2026-01-04-1.md');
  const urls = issueUrls(document);
  const results: Record<string, LinkResult> = {
    redirected: { url, status: 'redirected', reason: '', checkedAt: 0, requests: 2, redirect: { kind: 'permanent', finalUrl: 'https://site.org/new', chain: [{ url, httpStatus: 301 }] } },
    broken: { url, status: 'broken', reason: '404 Not Found', checkedAt: 0, requests: 2 },
  };
  const apply = (edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]) => {
    let result = text;
    for (const edit of [...edits].sort((a, b) => document.lines.offsetAt(b.range.start) - document.lines.offsetAt(a.range.start))) {
      result = result.slice(0, document.lines.offsetAt(edit.range.start)) + edit.newText + result.slice(document.lines.offsetAt(edit.range.end));
    }
    return result;
  };

  test('offers to replace a redirected link, text and target alike, with its final URL', () => {
    const [finding] = linkFindings(urls, () => results.redirected);
    assert.equal(finding.code, 'link.redirected');
    assert.equal(finding.fixes?.[0].preferred, true);
    assert.match(apply(finding.fixes?.[0].edits ?? []), /<br>\[https:\/\/site\.org\/new\]\(https:\/\/site\.org\/new\)/);
  });

  test('offers an archived copy of a broken link', () => {
    const [finding] = linkFindings(urls, () => results.broken);
    assert.equal(finding.code, 'link.broken');
    const archived = apply(finding.fixes?.[0].edits ?? []);
    assert.match(archived, /<br>\[https:\/\/web\.archive\.org\/web\/https:\/\/site\.org\/old\]\(https:\/\/web\.archive\.org\/web\/https:\/\/site\.org\/old\)/);
  });

  test('says why a link was not requested when its host resolves to a private address', () => {
    const refusal = { kind: 'private-address' as const, reason: 'host site.org resolves to 10.0.0.5, a private address' };
    const [finding, ...rest] = linkFindings(urls, () => undefined, {}, () => refusal);
    assert.equal(rest.length, 0);
    assert.equal(finding.code, 'link.private-address');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.message, 'Link not requested: host site.org resolves to 10.0.0.5, a private address.');
    assert.deepEqual(finding.range, urls[0].range);
    assert.equal(linkFindings(urls, () => undefined, {}, () => ({ kind: 'excluded', reason: 'host site.org is excluded (site.org)' })).length, 0, 'an excluded host is the editor\'s choice: nothing to report');
  });

  test('reports nothing for an ok link, nor for a code turned off in the rules', () => {
    assert.equal(linkFindings(urls, () => ({ url, status: 'ok', reason: '200', checkedAt: 0, requests: 1 })).length, 0);
    assert.equal(linkFindings(urls, () => results.broken, { 'link.broken': 'off' }).length, 0);
  });
});
