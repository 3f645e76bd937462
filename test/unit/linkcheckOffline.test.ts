/**
 * Offline: when not one host of a run can be resolved or answers, the checker says so once and
 * reports nothing about the links (issue 12, point 2). Names are answered by an injected
 * resolver; the only server is ours on 127.0.0.41, and a transport that is not expected to be
 * used refuses every connection.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { LinkCache, memoryCacheStore } from '../../src/linkcheck/cache';
import { LinkChecker } from '../../src/linkcheck/checker';
import { DEFAULT_LINK_CHECK_SETTINGS } from '../../src/linkcheck/settings';
import type { Resolver, Transport } from '../../src/linkcheck/transport';
import type { LinkCheckSettings } from '../../src/linkcheck/types';
import { SimulatedHosts } from '../fixtures/linkcheck/simulatedHosts';

const A = '127.0.0.41';
let hosts: SimulatedHosts;

before(async () => {
  hosts = await SimulatedHosts.start([A], (_request, response) => {
    response.writeHead(200);
    response.end();
  });
});

after(async () => {
  await hosts.close();
});

function settings(overrides: Partial<LinkCheckSettings> = {}): LinkCheckSettings {
  return { ...DEFAULT_LINK_CHECK_SETTINGS, allowPrivateHosts: true, excludedHosts: [], retries: 1, backoffMs: 1, minGapMs: 0, timeoutMs: 2000, ...overrides };
}

/** A resolver that fails every name with `code`, except those in `known`. */
const failing = (code: string, known: Record<string, string> = {}): Resolver => async (name) => {
  if (known[name]) return [{ address: known[name], family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ${code} ${name}`), { code });
};

const noConnection: Transport = async (request) => {
  throw new Error(`no connection expected (to ${request.address})`);
};

describe('LinkChecker offline', () => {
  test('when no host can be resolved, reports no result and caches nothing', async () => {
    const cache = new LinkCache(memoryCacheStore(), DEFAULT_LINK_CHECK_SETTINGS.ttlHours);
    const checker = new LinkChecker(settings(), { resolve: failing('EAI_AGAIN'), transport: noConnection, cache });
    const outcome = await checker.checkAll(['https://one.site/a', 'https://one.site/b', 'https://two.site/']);
    assert.deepEqual(outcome.offline, { urls: 3, hosts: 2 });
    assert.equal(outcome.results.size, 0);
    assert.equal(cache.size, 0);
  });

  test('says the same of several hosts that all fail their look-up with ENOTFOUND', async () => {
    const outcome = await new LinkChecker(settings(), { resolve: failing('ENOTFOUND'), transport: noConnection }).checkAll(['https://one.site/', 'https://two.site/']);
    assert.deepEqual(outcome.offline, { urls: 2, hosts: 2 });
    assert.equal(outcome.results.size, 0);
  });

  test('still calls a single host that does not exist broken', async () => {
    const outcome = await new LinkChecker(settings(), { resolve: failing('ENOTFOUND'), transport: noConnection }).checkAll(['https://gone.site/a', 'https://gone.site/b']);
    assert.equal(outcome.offline, undefined);
    assert.equal(outcome.results.get('https://gone.site/a')?.status, 'broken');
  });

  test('is not offline when one host answers: the others are reported as usual', async () => {
    const checker = new LinkChecker(settings(), { resolve: failing('ENOTFOUND', { 'up.site': A }) });
    const outcome = await checker.checkAll([`http://up.site:${hosts.port(A)}/`, 'https://one.site/', 'https://two.site/']);
    assert.equal(outcome.offline, undefined);
    assert.equal(outcome.results.get(`http://up.site:${hosts.port(A)}/`)?.status, 'ok');
    assert.equal(outcome.results.get('https://one.site/')?.status, 'broken');
  });

  test('keeps results from the cache, which were found online', async () => {
    const cache = new LinkCache(memoryCacheStore(), DEFAULT_LINK_CHECK_SETTINGS.ttlHours);
    cache.set({ url: 'https://known.site/', status: 'broken', reason: '404 Not Found', httpStatus: 404, checkedAt: Date.now(), requests: 2 });
    const outcome = await new LinkChecker(settings(), { resolve: failing('EAI_AGAIN'), transport: noConnection, cache }).checkAll(['https://known.site/', 'https://one.site/']);
    assert.deepEqual(outcome.offline, { urls: 1, hosts: 1 });
    assert.deepEqual([...outcome.results.keys()], ['https://known.site/']);
    assert.equal(cache.size, 1);
  });
});

describe('newsletter-desk check --links offline', () => {
  let dir: string;
  let out: string[];
  let err: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsletter-offline-'));
    out = [];
    err = [];
    mkdirSync(join(dir, '_posts'));
    writeFileSync(join(dir, '.newsletter-desk.json'), JSON.stringify({ linkCheck: { retries: 0, minGapMs: 0 } }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('says once that the network is unreachable, reports no link as broken, caches nothing and exits 0', async () => {
    const links = ['https://one.site/post', 'https://two.site/post', 'https://three.site/'].map((u, i) => `Entry ${i + 1} describes a post worth reading.\n<br>[${u}](${u})\n`).join('\n\n');
    writeFileSync(join(dir, '_posts', '2026-01-04-1.md'), `---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 4th January 2026\ndate: 2026-01-04T09:30:00+00:00\n---\n\nThis week: links.\n\n\nNews\n====\n\n${links}`);
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: dir, linkCheck: { resolve: failing('ENOTFOUND'), transport: noConnection } };
    assert.equal(await main(['check', '--links', '--format', 'json'], io), 0);
    const { files, links: summary } = JSON.parse(out.join('\n')) as { files: Array<{ messages: Array<{ code: string }> }>; links: Record<string, unknown> };
    assert.equal(files[0].messages.some((m) => m.code.startsWith('link.') && m.code !== 'link.insecure'), false);
    assert.deepEqual(summary.networkUnreachable, { urls: 3, hosts: 3 });
    assert.equal(summary.checked, 0);
    const notes = err.filter((line) => /network is unreachable/.test(line));
    assert.deepEqual(notes, ['newsletter-desk: the network is unreachable (not one of the 3 hosts of this run could be resolved or answered): 3 links not checked, nothing cached']);
    const cacheFile = join(dir, '.newsletter-desk', 'link-cache.json');
    if (existsSync(cacheFile)) assert.deepEqual(JSON.parse(readFileSync(cacheFile, 'utf8')).entries, {});
  });
});
