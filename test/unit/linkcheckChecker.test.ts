import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LinkChecker } from '../../src/linkcheck/checker';
import { DEFAULT_LINK_CHECK_SETTINGS } from '../../src/linkcheck/settings';
import type { LinkCheckSettings } from '../../src/linkcheck/types';
import type { Resolver, Transport } from '../../src/linkcheck/transport';
import { SimulatedHosts, endlessBody } from '../fixtures/linkcheck/simulatedHosts';

// Every request in this file goes to servers started here on loopback addresses.
const A = '127.0.0.2';
const B = '127.0.0.3';

/** Quick settings for tests: private hosts allowed (our servers are on loopback), short waits. */
function settings(overrides: Partial<LinkCheckSettings> = {}): LinkCheckSettings {
  // The timeout is generous: a loaded CI machine must not turn a quick answer into a timeout.
  return { ...DEFAULT_LINK_CHECK_SETTINGS, allowPrivateHosts: true, excludedHosts: [], timeoutMs: 2000, retries: 2, backoffMs: 5, minGapMs: 0, ...overrides };
}

/** How many times each path was asked for, per method. */
const seen = new Map<string, number>();
const key = (method: string | undefined, path: string) => `${method} ${path}`;
const countOf = (method: string, path: string) => seen.get(key(method, path)) ?? 0;
const requestsTo = (path: string) => countOf('HEAD', path) + countOf('GET', path);

let hosts: SimulatedHosts;

function route(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://x');
  const path = url.pathname;
  const n = (seen.get(key(request.method, path)) ?? 0) + 1;
  seen.set(key(request.method, path), n);
  const total = requestsTo(path);
  const send = (status: number, headers: Record<string, string> = {}, body = '') => {
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  switch (path) {
    case '/ok':
    case '/ok-too':
      return send(200, { 'content-type': 'text/html' }, '<p>hello</p>');
    case '/gone':
      return send(410);
    case '/missing':
      return send(404);
    case '/forbidden':
      return send(403);
    case '/linkedin':
      return send(999);
    case '/challenge-header':
      return send(503, { 'cf-mitigated': 'challenge' }, 'wait');
    case '/challenge-body':
      return send(403, { 'content-type': 'text/html' }, '<title>Just a moment...</title><div id="challenge-platform"></div>');
    case '/moved':
      return send(301, { location: '/ok' });
    case '/hop1':
      return send(302, { location: '/hop2' });
    case '/hop2':
      return send(301, { location: hosts.url(B, '/ok') });
    case '/to-missing':
      return send(308, { location: '/missing' });
    case '/loop-a':
      return send(302, { location: '/loop-b' });
    case '/loop-b':
      return send(302, { location: '/loop-a#again' });
    case '/to-excluded':
      return send(301, { location: 'http://127.0.0.9:9/secret' });
    case '/head-refused':
    case '/head-refused-2':
      return request.method === 'HEAD' ? send(405) : send(200, {}, 'fine');
    case '/head-not-implemented':
      return request.method === 'HEAD' ? send(501) : send(200, {}, 'fine');
    case '/slow':
      // Never answers within the test's timeout; the server drops it later on its own.
      return hosts.later(5000, () => send(200));
    case '/slow-once':
      return total === 1 ? hosts.later(5000, () => send(200)) : send(200);
    case '/reset':
      request.socket.destroy();
      return;
    case '/reset-once':
      if (total === 1) {
        request.socket.destroy();
        return;
      }
      return send(200);
    case '/error':
      return send(500);
    case '/unavailable-once':
      return total === 1 ? send(503) : send(200);
    case '/busy-seconds':
      return total === 1 ? send(429, { 'retry-after': '1' }) : send(200);
    case '/busy-date':
      return total === 1 ? send(429, { 'retry-after': new Date(Date.now() + 3000).toUTCString() }) : send(200);
    case '/busy-forever':
      return send(429, { 'retry-after': '0' });
    case '/busy-long':
      return send(429, { 'retry-after': '3600' });
    case '/endless':
      if (request.method === 'HEAD') return send(405);
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return endlessBody(response);
    case '/endless-forbidden':
      response.writeHead(403, { 'content-type': 'text/html' });
      if (request.method === 'HEAD') return void response.end();
      return endlessBody(response);
    default:
      if (path.startsWith('/chain/')) {
        const i = Number(path.slice('/chain/'.length));
        return send(302, { location: `/chain/${i + 1}` });
      }
      if (path.startsWith('/delayed/')) return hosts.later(50, () => send(200));
      return send(404);
  }
}

before(async () => {
  hosts = await SimulatedHosts.start([A, B], route);
});

after(async () => {
  await hosts.close();
});

describe('LinkChecker outcomes', () => {
  test('reports a URL that answers 200 as ok after a single HEAD request', async () => {
    const result = await new LinkChecker(settings()).check(hosts.url(A, '/ok'));
    assert.equal(result.status, 'ok');
    assert.equal(result.httpStatus, 200);
    assert.equal(result.requests, 1);
    assert.equal(result.redirect, undefined);
  });

  test('reports 404 and 410 as broken', async () => {
    const checker = new LinkChecker(settings());
    const missing = await checker.check(hosts.url(A, '/missing'));
    const gone = await checker.check(hosts.url(A, '/gone'));
    assert.equal(missing.status, 'broken');
    assert.equal(missing.httpStatus, 404);
    assert.equal(gone.status, 'broken');
    assert.equal(gone.httpStatus, 410);
  });

  test('confirms a HEAD 404 with a GET before calling the link broken', async () => {
    const before = countOf('GET', '/gone');
    await new LinkChecker(settings()).check(hosts.url(B, '/gone'));
    assert.equal(countOf('GET', '/gone'), before + 1);
  });

  test('reports a host name that does not resolve as broken, without retrying', async () => {
    let calls = 0;
    const noSuchName: Resolver = async (host) => {
      calls++;
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
    };
    const result = await new LinkChecker(settings(), { resolve: noSuchName }).check('https://no-such-host.example.net/page');
    assert.equal(result.status, 'broken');
    assert.match(result.reason, /DNS name not found/);
    assert.equal(calls, 1);
  });

  test('reports a TLS error as unreachable, without retrying', async () => {
    let calls = 0;
    const badCertificate: Transport = async () => {
      calls++;
      throw Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    };
    // 192.0.2.1 (a documentation address) is never connected to: the transport is a fake.
    const resolve: Resolver = async () => [{ address: '192.0.2.1', family: 4 }];
    const result = await new LinkChecker(settings(), { transport: badCertificate, resolve }).check('https://self-signed.example.net/');
    assert.equal(result.status, 'unreachable');
    assert.match(result.reason, /TLS error \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    assert.equal(calls, 1);
  });

  test('reports 403 and 999 as blocked, not broken', async () => {
    const checker = new LinkChecker(settings());
    const forbidden = await checker.check(hosts.url(A, '/forbidden'));
    const linkedin = await checker.check(hosts.url(A, '/linkedin'));
    assert.equal(forbidden.status, 'blocked');
    assert.equal(forbidden.httpStatus, 403);
    assert.equal(countOf('GET', '/forbidden'), 1, 'a HEAD 403 is asked again with GET');
    assert.equal(linkedin.status, 'blocked');
  });

  test('reports bot challenges as blocked, whether a header or the page says so, without retrying', async () => {
    const checker = new LinkChecker(settings());
    const byHeader = await checker.check(hosts.url(A, '/challenge-header'));
    const byBody = await checker.check(hosts.url(A, '/challenge-body'));
    assert.equal(byHeader.status, 'blocked');
    assert.match(byHeader.reason, /challenge/);
    assert.equal(requestsTo('/challenge-header'), 1);
    assert.equal(byBody.status, 'blocked');
    assert.match(byBody.reason, /challenge/);
  });
});

describe('LinkChecker redirects', () => {
  test('reports a permanent redirect with its final URL and the chain', async () => {
    const start = hosts.url(A, '/moved');
    const result = await new LinkChecker(settings()).check(start);
    assert.equal(result.status, 'redirected');
    assert.equal(result.redirect?.kind, 'permanent');
    assert.equal(result.redirect?.finalUrl, hosts.url(A, '/ok'));
    assert.deepEqual(result.redirect?.chain, [{ url: start, httpStatus: 301 }]);
  });

  test('follows a chain across hosts and calls it temporary when one hop is temporary', async () => {
    const result = await new LinkChecker(settings()).check(hosts.url(A, '/hop1'));
    assert.equal(result.status, 'redirected');
    assert.equal(result.redirect?.kind, 'temporary');
    assert.equal(result.redirect?.finalUrl, hosts.url(B, '/ok'));
    assert.deepEqual(result.redirect?.chain.map((h) => h.httpStatus), [302, 301]);
  });

  test('reports a redirect to a missing page as broken, keeping the chain', async () => {
    const result = await new LinkChecker(settings()).check(hosts.url(A, '/to-missing'));
    assert.equal(result.status, 'broken');
    assert.equal(result.redirect?.finalUrl, hosts.url(A, '/missing'));
  });

  test('stops at a redirect loop and reports it as unreachable', async () => {
    const before = requestsTo('/loop-a');
    const result = await new LinkChecker(settings()).check(hosts.url(A, '/loop-a'));
    assert.equal(result.status, 'unreachable');
    assert.match(result.reason, /redirect loop/);
    assert.equal(requestsTo('/loop-a'), before + 1, 'the loop is seen before asking the first URL again');
    assert.equal(result.redirect?.chain.length, 2);
  });

  test('gives up after the redirect limit', async () => {
    const result = await new LinkChecker(settings({ maxRedirects: 5 })).check(hosts.url(B, '/chain/0'));
    assert.equal(result.status, 'unreachable');
    assert.match(result.reason, /more than 5 redirects/);
    assert.equal(result.requests, 6);
  });

  test('does not follow a redirect to an excluded host', async () => {
    const result = await new LinkChecker(settings({ excludedHosts: ['127.0.0.9'] })).check(hosts.url(A, '/to-excluded'));
    assert.equal(result.status, 'redirected');
    assert.equal(result.redirect?.finalUrl, 'http://127.0.0.9:9/secret');
    assert.match(result.reason, /not followed/);
    assert.equal(result.requests, 1);
  });
});

describe('LinkChecker HEAD and GET', () => {
  test('falls back to GET when HEAD is refused, then uses GET for that host', async () => {
    const checker = new LinkChecker(settings());
    const first = await checker.check(hosts.url(A, '/head-refused'));
    const second = await checker.check(hosts.url(A, '/head-refused-2'));
    assert.equal(first.status, 'ok');
    assert.equal(first.requests, 2);
    assert.equal(countOf('HEAD', '/head-refused'), 1);
    assert.equal(countOf('GET', '/head-refused'), 1);
    assert.equal(second.status, 'ok');
    assert.equal(countOf('HEAD', '/head-refused-2'), 0, 'the host refused HEAD before: straight to GET');
  });

  test('falls back to GET on 501 for HEAD', async () => {
    const result = await new LinkChecker(settings()).check(hosts.url(B, '/head-not-implemented'));
    assert.equal(result.status, 'ok');
    assert.equal(countOf('GET', '/head-not-implemented'), 1);
  });

  test('does not read a huge body: an endless download is cancelled after the headers', async () => {
    hosts.statsOf(B).bodyBytes = 0;
    const result = await new LinkChecker(settings({ timeoutMs: 5000 })).check(hosts.url(B, '/endless'));
    assert.equal(result.status, 'ok');
    await waitFor(() => hosts.statsOf(B).inFlight === 0);
    // The server would send 256 MiB to a client that read on; socket buffers take a few MiB at most.
    assert.ok(hosts.statsOf(B).bodyBytes < 16 * 1024 * 1024, `server wrote ${hosts.statsOf(B).bodyBytes} bytes`);
  });

  test('peeks at no more than the start of an endless error page', async () => {
    hosts.statsOf(A).bodyBytes = 0;
    const result = await new LinkChecker(settings({ timeoutMs: 5000 })).check(hosts.url(A, '/endless-forbidden'));
    assert.equal(result.status, 'blocked');
    await waitFor(() => hosts.statsOf(A).inFlight === 0);
    assert.ok(hosts.statsOf(A).bodyBytes < 16 * 1024 * 1024, `server wrote ${hosts.statsOf(A).bodyBytes} bytes`);
  });
});

describe('LinkChecker retries', () => {
  test('reports a response slower than the timeout as unreachable after every retry', async () => {
    const before = requestsTo('/slow');
    const result = await new LinkChecker(settings({ timeoutMs: 150, retries: 1 })).check(hosts.url(A, '/slow'));
    assert.equal(result.status, 'unreachable');
    assert.match(result.reason, /timed out after 150 ms \(2 attempts\)/);
    assert.equal(requestsTo('/slow'), before + 2);
  });

  test('gets through when only the first attempt is too slow', async () => {
    const result = await new LinkChecker(settings({ timeoutMs: 1000, retries: 1 })).check(hosts.url(B, '/slow-once'));
    assert.equal(result.status, 'ok');
    assert.equal(result.requests, 2);
  });

  test('reports a connection that is always reset as unreachable after the retries', async () => {
    const result = await new LinkChecker(settings({ retries: 2 })).check(hosts.url(A, '/reset'));
    assert.equal(result.status, 'unreachable');
    assert.match(result.reason, /connection reset \(3 attempts\)/);
    assert.equal(requestsTo('/reset'), 3);
  });

  test('retries a reset connection and succeeds', async () => {
    const result = await new LinkChecker(settings()).check(hosts.url(B, '/reset-once'));
    assert.equal(result.status, 'ok');
    assert.equal(result.requests, 2);
  });

  test('reports a refused connection as unreachable after the retries', async () => {
    // A port that a server of ours held a moment ago on 127.0.0.4: nothing listens there now.
    const closed = await SimulatedHosts.start(['127.0.0.4'], (_q, s) => s.end());
    const url = closed.url('127.0.0.4', '/');
    await closed.close();
    const result = await new LinkChecker(settings({ retries: 1 })).check(url);
    assert.equal(result.status, 'unreachable');
    assert.match(result.reason, /connection refused/);
    assert.equal(result.requests, 2);
  });

  test('retries a 500 and then reports it as unreachable', async () => {
    const result = await new LinkChecker(settings({ retries: 2 })).check(hosts.url(A, '/error'));
    assert.equal(result.status, 'unreachable');
    assert.equal(result.httpStatus, 500);
    assert.equal(requestsTo('/error'), 3);
  });

  test('gets through a 503 that goes away', async () => {
    const result = await new LinkChecker(settings()).check(hosts.url(A, '/unavailable-once'));
    assert.equal(result.status, 'ok');
    assert.equal(requestsTo('/unavailable-once'), 2);
  });
});

describe('LinkChecker rate limits', () => {
  test('honours a 429 Retry-After in seconds, holding back the whole host', async () => {
    const waits: Array<[string, number, number]> = [];
    const checker = new LinkChecker(settings({ perHost: 1 }), { onBackoff: (host, ms, status) => waits.push([host, ms, status]) });
    const { results } = await checker.checkAll([hosts.url(A, '/busy-seconds'), hosts.url(A, '/ok-too')]);
    assert.equal(results.get(hosts.url(A, '/busy-seconds'))?.status, 'ok');
    assert.equal(results.get(hosts.url(A, '/busy-seconds'))?.requests, 2);
    assert.deepEqual(waits, [[A, 1000, 429]]);
    const order = hosts.log.filter((r) => r.path === '/busy-seconds' || r.path === '/ok-too').map((r) => r.path);
    // perHost 1: the other URL was in line when the 429 came; it did not start during the wait,
    // and the retry of the URL under way went first.
    assert.deepEqual(order, ['/busy-seconds', '/busy-seconds', '/ok-too']);
  });

  test('honours a 429 Retry-After given as an HTTP date', async () => {
    const waits: number[] = [];
    const result = await new LinkChecker(settings(), { onBackoff: (_h, ms) => waits.push(ms) }).check(hosts.url(B, '/busy-date'));
    assert.equal(result.status, 'ok');
    assert.equal(waits.length, 1);
    // The date has a resolution of one second and was 3 s ahead when the server wrote it.
    assert.ok(waits[0] > 0 && waits[0] <= 3000, `waited ${waits[0]} ms`);
  });

  test('after a 429 sends one request at a time to the host until it answers normally again', async () => {
    const C = '127.0.0.9';
    const othersInFlight: Array<[string, number]> = [];
    let firstAnswered = false;
    const own = await SimulatedHosts.start([C], (request, response) => {
      othersInFlight.push([request.url ?? '', own.statsOf(C).inFlight - 1]);
      if (request.url === '/rl/first' && !firstAnswered) {
        firstAnswered = true;
        response.writeHead(429, { 'retry-after': '0' });
        return void response.end();
      }
      own.later(request.url === '/rl/first' ? 0 : 50, () => {
        response.writeHead(200);
        response.end();
      });
    });
    try {
      const urls = ['/rl/first', '/rl/1', '/rl/2', '/rl/3', '/rl/4', '/rl/5', '/rl/6'].map((p) => own.url(C, p));
      const { results } = await new LinkChecker(settings({ perHost: 2 })).checkAll(urls);
      assert.ok([...results.values()].every((r) => r.status === 'ok'));
      const retry = othersInFlight.filter(([path]) => path === '/rl/first')[1];
      assert.deepEqual(retry, ['/rl/first', 0], 'the retry waited until the request in flight was over');
      const afterRecovery = othersInFlight.slice(othersInFlight.indexOf(retry) + 1);
      assert.ok(afterRecovery.some(([, n]) => n === 1), 'two requests in flight again once the host answered normally');
    } finally {
      await own.close();
    }
  });

  test('reports a host that keeps answering 429 as blocked, not broken', async () => {
    const result = await new LinkChecker(settings({ retries: 2 })).check(hosts.url(A, '/busy-forever'));
    assert.equal(result.status, 'blocked');
    assert.match(result.reason, /rate limited/);
    assert.equal(requestsTo('/busy-forever'), 3);
  });

  test('does not wait for a Retry-After longer than allowed', async () => {
    const result = await new LinkChecker(settings({ maxRetryAfterMs: 10_000 })).check(hosts.url(B, '/busy-long'));
    assert.equal(result.status, 'blocked');
    assert.match(result.reason, /asked to wait 3600 s/);
    assert.equal(result.requests, 1);
  });
});

describe('LinkChecker limits', () => {
  test('never has more requests in flight to one host than the per-host limit, and uses it', async () => {
    hosts.resetStats();
    const urls = [];
    for (let i = 0; i < 24; i++) urls.push(hosts.url(A, `/delayed/${i}`), hosts.url(B, `/delayed/${i}`));
    const { results } = await new LinkChecker(settings({ perHost: 3, concurrency: 100 })).checkAll(urls);
    assert.equal(results.size, 48);
    assert.ok([...results.values()].every((r) => r.status === 'ok'));
    assert.equal(hosts.statsOf(A).maxInFlight, 3);
    assert.equal(hosts.statsOf(B).maxInFlight, 3);
  });

  test('keeps to the overall limit across hosts', async () => {
    hosts.resetStats();
    const urls = [];
    for (let i = 0; i < 12; i++) urls.push(hosts.url(A, `/delayed/g${i}`), hosts.url(B, `/delayed/g${i}`));
    await new LinkChecker(settings({ perHost: 4, concurrency: 1 })).checkAll(urls);
    assert.equal(hosts.statsOf(A).maxInFlight, 1);
    assert.equal(hosts.statsOf(B).maxInFlight, 1);
  });

  test('checks a URL given twice only once', async () => {
    const before = requestsTo('/ok-too');
    const checker = new LinkChecker(settings());
    const url = hosts.url(B, '/ok-too');
    const { results } = await checker.checkAll([url, url, `${url}#section`]);
    assert.equal(requestsTo('/ok-too'), before + 1);
    assert.equal(results.size, 2);
  });
});

describe('LinkChecker cancellation', () => {
  test('stops at once when cancelled while requests are in flight', async () => {
    const controller = new AbortController();
    const checker = new LinkChecker(settings({ timeoutMs: 30_000, perHost: 2 }));
    const urls = [hosts.url(A, '/slow'), hosts.url(B, '/slow'), hosts.url(A, '/ok'), hosts.url(A, '/missing'), hosts.url(B, '/gone')];
    const pending = checker.checkAll(urls, { signal: controller.signal });
    await waitFor(() => hosts.statsOf(A).inFlight > 0 && hosts.statsOf(B).inFlight > 0);
    controller.abort();
    const outcome = await pending;
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.results.has(hosts.url(A, '/slow')), false);
    await waitFor(() => hosts.statsOf(A).inFlight === 0 && hosts.statsOf(B).inFlight === 0);
  });

  test('stops while waiting out a Retry-After', async () => {
    const controller = new AbortController();
    const checker = new LinkChecker(settings({ maxRetryAfterMs: 3_600_000 }), { onBackoff: () => controller.abort() });
    const outcome = await checker.checkAll([hosts.url(B, '/busy-long')], { signal: controller.signal });
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.results.size, 0);
  });

  test('still answers a second caller when the first one cancels the check they share', async () => {
    const checker = new LinkChecker(settings());
    const first = new AbortController();
    const url = hosts.url(B, '/delayed/shared');
    const pendingFirst = checker.checkAll([url], { signal: first.signal });
    const pendingSecond = checker.checkAll([url], { signal: new AbortController().signal });
    first.abort();
    assert.equal((await pendingFirst).cancelled, true);
    const second = await pendingSecond;
    assert.equal(second.cancelled, false);
    assert.equal(second.results.get(url)?.status, 'ok');
  });

  test('makes no request when cancelled before it starts', async () => {
    hosts.resetStats();
    const controller = new AbortController();
    controller.abort();
    const outcome = await new LinkChecker(settings()).checkAll([hosts.url(A, '/ok')], { signal: controller.signal });
    assert.equal(outcome.cancelled, true);
    assert.equal(hosts.totalRequests, 0);
  });
});

describe('LinkChecker host policy', () => {
  test('does not request loopback or private hosts unless the project allows them', async () => {
    hosts.resetStats();
    const strict = new LinkChecker({ ...settings(), allowPrivateHosts: false });
    const outcome = await strict.checkAll([hosts.url(A, '/ok'), 'http://10.1.2.3/', 'http://192.168.0.1/', 'http://localhost/x']);
    assert.equal(outcome.results.size, 0);
    assert.equal(outcome.skipped.size, 4);
    assert.equal(hosts.totalRequests, 0);
  });

  test('skips documentation hosts and other schemes by default', async () => {
    const checker = new LinkChecker(DEFAULT_LINK_CHECK_SETTINGS);
    assert.match(checker.skipReason('https://blog.example.org/post') ?? '', /excluded/);
    assert.match(checker.skipReason('mailto:someone@example.org') ?? '', /not an http/);
    assert.match(checker.skipReason('not a url') ?? '', /not a valid URL/);
    assert.match(checker.skipReason('https://user:secret@github.com/o/r') ?? '', /credentials/);
    assert.equal(checker.skipReason('https://github.com/o/r'), undefined);
  });
});

/** Polls a condition (every 5 ms, at most 5 s): servers observe closes a moment after clients. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(condition(), 'condition not reached within 5 s');
}
