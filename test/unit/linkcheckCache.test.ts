import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkCache, fileCacheStore, memoryCacheStore } from '../../src/linkcheck/cache';
import { LinkChecker } from '../../src/linkcheck/checker';
import { DEFAULT_LINK_CHECK_SETTINGS, resolveLinkCheckSettings } from '../../src/linkcheck/settings';
import { hostMatches, isPrivateHost } from '../../src/linkcheck/hostPolicy';
import { parseRetryAfter } from '../../src/linkcheck/checker';
import type { LinkCheckSettings, LinkResult } from '../../src/linkcheck/types';
import { SimulatedHosts } from '../fixtures/linkcheck/simulatedHosts';

const A = '127.0.0.5';
const HOUR = 3_600_000;
let hosts: SimulatedHosts;

const settings: LinkCheckSettings = { ...DEFAULT_LINK_CHECK_SETTINGS, allowPrivateHosts: true, excludedHosts: [], minGapMs: 0, retries: 0, backoffMs: 1 };

before(async () => {
  hosts = await SimulatedHosts.start([A], (request, response) => {
    const status = request.url?.startsWith('/missing') ? 404 : request.url?.startsWith('/down') ? 503 : 200;
    response.writeHead(status);
    response.end();
  });
});

after(async () => {
  await hosts.close();
});

function result(url: string, status: LinkResult['status'], checkedAt: number): LinkResult {
  return { url, status, reason: status, checkedAt, requests: 1 };
}

describe('LinkCache', () => {
  test('a second run over a warm cache makes no request at all', async () => {
    const store = memoryCacheStore();
    const urls = [hosts.url(A, '/a'), hosts.url(A, '/b'), hosts.url(A, '/missing')];
    const cold = new LinkCache(store, settings.ttlHours);
    const first = new LinkChecker(settings, { cache: cold });
    await first.checkAll(urls);
    await cold.save();
    hosts.resetStats();

    const warm = new LinkCache(store, settings.ttlHours);
    assert.equal(await warm.load(), undefined);
    const second = new LinkChecker(settings, { cache: warm });
    const { results } = await second.checkAll(urls);
    assert.equal(hosts.totalRequests, 0);
    assert.equal(second.requests, 0);
    assert.ok([...results.values()].every((r) => r.fromCache === true));
    assert.equal(results.get(hosts.url(A, '/missing'))?.status, 'broken');
  });

  test('finds a URL under its normalised form: tracking parameters and fragments do not matter', async () => {
    const cache = new LinkCache(memoryCacheStore(), settings.ttlHours);
    await new LinkChecker(settings, { cache }).check(hosts.url(A, '/page?id=1'));
    hosts.resetStats();
    const again = await new LinkChecker(settings, { cache }).check(`${hosts.url(A, '/page?utm_source=newsletter&id=1')}#top`);
    assert.equal(again.fromCache, true);
    assert.equal(hosts.totalRequests, 0);
  });

  test('keeps variants that a server may answer differently apart (scheme, www, trailing slash)', () => {
    const cache = new LinkCache(memoryCacheStore(), settings.ttlHours, () => 1_000_000);
    cache.set({ ...result('https://site.org/a', 'ok', 1_000_000) });
    assert.equal(cache.get('https://site.org/a')?.status, 'ok');
    assert.equal(cache.get('http://site.org/a'), undefined);
    assert.equal(cache.get('https://www.site.org/a'), undefined);
    assert.equal(cache.get('https://site.org/a/'), undefined);
    assert.equal(cache.get('https://SITE.org/a#x')?.status, 'ok');
  });

  test('expires each outcome after its own time to live', () => {
    let now = 10 * HOUR;
    const ttl = { ...settings.ttlHours, ok: 72, unreachable: 1 };
    const cache = new LinkCache(memoryCacheStore(), ttl, () => now);
    cache.set(result('https://one.org/', 'ok', now));
    cache.set(result('https://two.org/', 'unreachable', now));
    now += 2 * HOUR;
    assert.equal(cache.get('https://one.org/')?.status, 'ok');
    assert.equal(cache.get('https://two.org/'), undefined);
    now += 71 * HOUR;
    assert.equal(cache.get('https://one.org/'), undefined);
  });

  test('a time to live of zero never reuses that outcome', () => {
    const cache = new LinkCache(memoryCacheStore(), { ...settings.ttlHours, blocked: 0 }, () => 5);
    cache.set(result('https://b.org/', 'blocked', 5));
    assert.equal(cache.get('https://b.org/'), undefined);
  });

  test('checks again only what went stale, after a reload from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkcache-'));
    try {
      const path = join(dir, 'nested', 'link-cache.json');
      let now = Date.now();
      const first = new LinkCache(fileCacheStore(path), settings.ttlHours, () => now);
      await new LinkChecker(settings, { cache: first }).checkAll([hosts.url(A, '/fine'), hosts.url(A, '/down')]);
      await first.save();
      const onDisk = JSON.parse(readFileSync(path, 'utf8'));
      assert.equal(onDisk.version, 1);

      now += 2 * HOUR; // past the hour of `unreachable`, well within the days of `ok`
      hosts.resetStats();
      const second = new LinkCache(fileCacheStore(path), settings.ttlHours, () => now);
      await second.load();
      const { results } = await new LinkChecker(settings, { cache: second }).checkAll([hosts.url(A, '/fine'), hosts.url(A, '/down')]);
      assert.equal(results.get(hosts.url(A, '/fine'))?.fromCache, true);
      assert.equal(results.get(hosts.url(A, '/down'))?.fromCache, undefined);
      assert.deepEqual(hosts.log.map((r) => r.path), ['/down']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('starts empty, with a reason, from a file that is not a cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkcache-'));
    try {
      const path = join(dir, 'link-cache.json');
      writeFileSync(path, '{ not json');
      const cache = new LinkCache(fileCacheStore(path), settings.ttlHours);
      assert.match((await cache.load()) ?? '', /not valid JSON/);
      assert.equal(cache.size, 0);
      assert.equal(await new LinkCache(fileCacheStore(join(dir, 'absent.json')), settings.ttlHours).load(), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('link check settings', () => {
  test('layers the project file under the editor settings and reports wrong values', () => {
    const { settings: resolved, problems } = resolveLinkCheckSettings(
      { allowPrivateHosts: true, perHost: 4, ttl: { broken: 2 } },
      { perHost: 3, concurrency: 0, ttl: { sometimes: 1 }, excludedHosts: 'x' },
    );
    assert.equal(resolved.allowPrivateHosts, true);
    assert.equal(resolved.perHost, 3);
    assert.equal(resolved.concurrency, DEFAULT_LINK_CHECK_SETTINGS.concurrency);
    assert.equal(resolved.ttlHours.broken, 2);
    assert.equal(resolved.ttlHours.ok, DEFAULT_LINK_CHECK_SETTINGS.ttlHours.ok);
    assert.equal(problems.length, 3);
    assert.ok(problems.some((p) => p.startsWith('linkCheck.concurrency')));
  });

  test('has polite defaults: many requests overall, a few per host, private hosts off', () => {
    const { settings: resolved } = resolveLinkCheckSettings();
    assert.ok(resolved.concurrency >= 64);
    assert.ok(resolved.perHost >= 1 && resolved.perHost <= 4);
    assert.equal(resolved.allowPrivateHosts, false);
  });
});

describe('host policy', () => {
  test('knows loopback, private, link-local and intranet hosts', () => {
    for (const host of ['127.0.0.1', '127.9.9.9', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '::1', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1', 'localhost', 'printer.local', 'wiki']) {
      assert.equal(isPrivateHost(host), true, host);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', 'github.com', '2001:db8::1']) {
      assert.equal(isPrivateHost(host), false, host);
    }
  });

  test('matches host patterns: exact names, subdomains and IPv4 ranges', () => {
    assert.equal(hostMatches('example.com', 'example.com'), true);
    assert.equal(hostMatches('www.example.com', 'example.com'), false);
    assert.equal(hostMatches('www.example.com', '*.example.com'), true);
    assert.equal(hostMatches('notexample.com', '*.example.com'), false);
    assert.equal(hostMatches('203.0.113.7', '203.0.113.0/24'), true);
    assert.equal(hostMatches('203.0.114.7', '203.0.113.0/24'), false);
  });
});

describe('parseRetryAfter', () => {
  test('reads delta seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
