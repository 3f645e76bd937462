/**
 * The address guard: host names are resolved first, every answer is judged, and the request goes
 * to the address that was judged and no other. Every connection made here is to servers of ours
 * on 127.0.0.21 and 127.0.0.22 (one port for both, so only the address tells them apart); names
 * are answered by a resolver from a table, and the transport refuses any other address, so that
 * even a broken guard cannot reach out of the machine.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkChecker } from '../../src/linkcheck/checker';
import { addressKind, addressRefusal } from '../../src/linkcheck/hostPolicy';
import { DEFAULT_LINK_CHECK_SETTINGS } from '../../src/linkcheck/settings';
import { nodeTransport, type ResolvedAddress, type Resolver, type Transport, type TransportRequest } from '../../src/linkcheck/transport';
import type { LinkCheckSettings } from '../../src/linkcheck/types';
import { SimulatedHosts } from '../fixtures/linkcheck/simulatedHosts';

const A = '127.0.0.21';
const B = '127.0.0.22';
/** A documentation address (RFC 5737) that stands for a public one: only the fake transport below "answers" there. */
const PUBLIC = '192.0.2.10';

let hosts: SimulatedHosts;
let port: number;
/** The Host header of each request, per server. */
const hostHeaders = new Map<string, string[]>();

before(async () => {
  hosts = await SimulatedHosts.start([A, B], (request, response, address) => {
    hostHeaders.set(address, [...(hostHeaders.get(address) ?? []), request.headers.host ?? '']);
    response.writeHead(request.url === '/moved' ? 301 : 200, request.url === '/moved' ? { location: '/ok' } : {});
    response.end();
  }, { samePort: true });
  port = hosts.port(A);
  assert.equal(hosts.port(B), port);
});

after(async () => {
  await hosts.close();
});

beforeEach(() => {
  hosts.resetStats();
  hostHeaders.clear();
});

function settings(overrides: Partial<LinkCheckSettings> = {}): LinkCheckSettings {
  return { ...DEFAULT_LINK_CHECK_SETTINGS, allowPrivateHosts: false, excludedHosts: [], timeoutMs: 2000, retries: 0, backoffMs: 5, minGapMs: 0, ...overrides };
}

/** A resolver from a table; `asked` counts the look-ups per name. */
function table(answers: Record<string, string | string[] | (() => string)>): Resolver & { asked: Map<string, number> } {
  const asked = new Map<string, number>();
  const resolve = async (name: string): Promise<readonly ResolvedAddress[]> => {
    asked.set(name, (asked.get(name) ?? 0) + 1);
    const entry = answers[name];
    if (entry === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    const list = typeof entry === 'function' ? [entry()] : Array.isArray(entry) ? entry : [entry];
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

/**
 * Our servers through Node's client; `PUBLIC` answered by a fake (a 301 to `redirectTo`);
 * anything else refused and recorded (it would be a connection out of the machine).
 */
function guardedTransport(redirectTo?: string): Transport & { seen: TransportRequest[]; strays: string[] } {
  const real = nodeTransport();
  const seen: TransportRequest[] = [];
  const strays: string[] = [];
  const transport: Transport = async (request) => {
    seen.push(request);
    if (request.address === PUBLIC && redirectTo !== undefined) {
      return { status: 301, statusText: 'Moved Permanently', header: (name) => (name === 'location' ? redirectTo : undefined), peek: async () => '', discard: () => undefined };
    }
    if (request.address !== A && request.address !== B) {
      strays.push(request.address);
      throw Object.assign(new Error(`test transport: no connection to ${request.address}`), { code: 'ECONNREFUSED' });
    }
    return real(request);
  };
  return Object.assign(transport, { seen, strays });
}

describe('LinkChecker address guard', () => {
  test('refuses a name that resolves to a loopback, private, link-local or unique-local address before any connection', async () => {
    const answers = {
      'loopback.site': A,
      'lan.site': '10.0.0.5',
      'office.site': '172.20.1.1',
      'home.site': '192.168.1.1',
      'metadata.site': '169.254.169.254',
      'cgnat.site': '100.64.0.1',
      'zero.site': '0.0.0.0',
      'mapped.site': `::ffff:${A}`,
      'v6-loopback.site': '::1',
      'v6-link.site': 'fe80::1',
      'v6-ula.site': 'fd12:3456::1',
      'mixed.site': [PUBLIC, '10.0.0.5'],
    };
    const resolve = table(answers);
    const transport = guardedTransport();
    const urls = Object.keys(answers).map((name) => `http://${name}:${port}/ok`);
    const checker = new LinkChecker(settings(), { resolve, transport });
    const outcome = await checker.checkAll(urls);
    assert.equal(outcome.results.size, 0);
    assert.equal(outcome.skipped.size, urls.length);
    for (const url of urls) assert.equal(outcome.skipped.get(url)?.kind, 'private-address', url);
    assert.match(outcome.skipped.get(`http://lan.site:${port}/ok`)?.reason ?? '', /^host lan\.site resolves to 10\.0\.0\.5, a private address$/);
    assert.match(outcome.skipped.get(`http://loopback.site:${port}/ok`)?.reason ?? '', /resolves to 127\.0\.0\.21, a loopback address/);
    assert.match(outcome.skipped.get(`http://mapped.site:${port}/ok`)?.reason ?? '', /a loopback address/);
    assert.match(outcome.skipped.get(`http://metadata.site:${port}/ok`)?.reason ?? '', /a link-local address/);
    assert.match(outcome.skipped.get(`http://v6-ula.site:${port}/ok`)?.reason ?? '', /a unique-local address/);
    assert.equal(transport.seen.length, 0, 'nothing was sent');
    assert.equal(hosts.totalRequests, 0);
    assert.equal(checker.requests, 0);
  });

  test('refuses a redirect to a name that resolves to a loopback address, and a redirect to a private address', async () => {
    for (const target of [`http://inside.site:${port}/ok`, `http://${A}:${port}/ok`, `http://[::ffff:${A}]:${port}/ok`]) {
      const resolve = table({ 'public.site': PUBLIC, 'inside.site': A });
      const transport = guardedTransport(target);
      const outcome = await new LinkChecker(settings(), { resolve, transport }).checkAll(['https://public.site/start']);
      const refusal = outcome.skipped.get('https://public.site/start');
      assert.equal(refusal?.kind, 'private-address', target);
      assert.match(refusal?.reason ?? '', /^redirects to http:\/\/.*\/ok, not followed: host .* a loopback address$/);
      assert.deepEqual(transport.seen.map((r) => r.address), [PUBLIC], 'only the first hop was requested');
      assert.deepEqual(transport.strays, []);
      assert.equal(hosts.totalRequests, 0);
    }
  });

  test('connects to the address it checked: a resolver that answers differently the second time changes nothing', async () => {
    let answers = 0;
    // The first answer is A; every later one would be B, and B is excluded by its range.
    const resolve = table({ 'flip.site': () => (answers++ === 0 ? A : B) });
    const transport = guardedTransport();
    const checker = new LinkChecker(settings({ allowPrivateHosts: true, excludedHosts: [`${B}/32`] }), { resolve, transport });
    const urls = [`http://flip.site:${port}/ok`, `http://flip.site:${port}/ok-too`, `http://flip.site:${port}/moved`];
    const outcome = await checker.checkAll(urls);
    assert.equal(outcome.skipped.size, 0);
    assert.deepEqual(urls.map((u) => outcome.results.get(u)?.status), ['ok', 'ok', 'redirected']);
    assert.equal(hosts.statsOf(A).requests, 4, 'every request (the redirect hop too) went to the address checked');
    assert.equal(hosts.statsOf(B).requests, 0);
    assert.ok(transport.seen.every((r) => r.address === A));
    // The name stays the name: the server sees it in the Host header.
    assert.deepEqual([...new Set(hostHeaders.get(A))], [`flip.site:${port}`]);
  });

  test('judges every redirect hop after resolving it: an excluded range is not followed', async () => {
    const resolve = table({ 'start.site': A, 'other.site': B });
    const transport = guardedTransport();
    const outcome = await new LinkChecker(settings({ allowPrivateHosts: true, excludedHosts: [`${B}/32`] }), { resolve, transport }).checkAll([`http://start.site:${port}/moved`]);
    assert.equal(outcome.results.get(`http://start.site:${port}/moved`)?.status, 'redirected');
    assert.equal(hosts.statsOf(A).requests, 2, 'the hop to the same name was followed');
    const resolve2 = table({ 'public.site': PUBLIC, 'other.site': B });
    const redirected = await new LinkChecker(settings({ allowPrivateHosts: true, excludedHosts: [`${B}/32`] }), { resolve: resolve2, transport: guardedTransport(`http://other.site:${port}/ok`) }).checkAll(['https://public.site/start']);
    const result = redirected.results.get('https://public.site/start');
    assert.equal(result?.status, 'redirected');
    assert.match(result?.reason ?? '', /not followed: host other\.site resolves to 127\.0\.0\.22, which is excluded/);
    assert.equal(hosts.statsOf(B).requests, 0);
  });

  test('allowPrivateHosts lets names that resolve to loopback through, and redirects to them', async () => {
    const resolve = table({ 'loopback.site': A, 'public.site': PUBLIC, 'inside.site': B });
    const direct = await new LinkChecker(settings({ allowPrivateHosts: true }), { resolve, transport: guardedTransport() }).check(`http://loopback.site:${port}/ok`);
    assert.equal(direct.status, 'ok');
    assert.equal(hosts.statsOf(A).requests, 1);
    const transport = guardedTransport(`http://inside.site:${port}/ok`);
    const redirected = await new LinkChecker(settings({ allowPrivateHosts: true }), { resolve, transport }).check('https://public.site/start');
    assert.equal(redirected.status, 'redirected');
    assert.equal(redirected.redirect?.finalUrl, `http://inside.site:${port}/ok`);
    assert.equal(hosts.statsOf(B).requests, 1);
    assert.deepEqual(transport.strays, []);
  });

  test('tries the next checked address when one refuses the connection, and only checked ones', async () => {
    // Nothing listens on 127.0.0.23 (same port): the connection is refused there.
    const resolve = table({ 'two.site': ['127.0.0.23', A] });
    const transport = guardedTransportFor(['127.0.0.23', A]);
    const result = await new LinkChecker(settings({ allowPrivateHosts: true }), { resolve, transport }).check(`http://two.site:${port}/ok`);
    assert.equal(result.status, 'ok');
    assert.deepEqual(transport.seen.map((r) => r.address), ['127.0.0.23', A]);
    assert.equal(hosts.statsOf(A).requests, 1);
  });

  test('asks the resolver once per name within a run', async () => {
    const resolve = table({ 'once.site': A });
    await new LinkChecker(settings({ allowPrivateHosts: true }), { resolve, transport: guardedTransport() }).checkAll([`http://once.site:${port}/ok`, `http://once.site:${port}/ok-too`]);
    assert.equal(resolve.asked.get('once.site'), 1);
  });
});

/** Node's client for the given loopback addresses only. */
function guardedTransportFor(allowed: readonly string[]): Transport & { seen: TransportRequest[] } {
  const real = nodeTransport();
  const seen: TransportRequest[] = [];
  const transport: Transport = async (request) => {
    seen.push(request);
    if (!allowed.includes(request.address) || !request.address.startsWith('127.')) throw Object.assign(new Error(`test transport: no connection to ${request.address}`), { code: 'EACCES' });
    return real(request);
  };
  return Object.assign(transport, { seen });
}

describe('addressKind', () => {
  test('names each kind of non-public address, IPv4-mapped and other embedding IPv6 forms included', () => {
    const cases: Array<[string, string | undefined]> = [
      ['127.0.0.1', 'a loopback address'], ['10.1.2.3', 'a private address'], ['172.31.255.255', 'a private address'],
      ['172.32.0.1', undefined], ['192.168.0.1', 'a private address'], ['169.254.1.1', 'a link-local address'],
      ['100.64.0.1', 'a shared (CGNAT) address'], ['100.128.0.1', undefined], ['0.0.0.0', 'an unspecified ("this network") address'],
      ['93.184.215.14', undefined], ['::1', 'a loopback address'], ['::', 'an unspecified address'],
      ['fe80::1%eth0', 'a link-local address'], ['febf::1', 'a link-local address'], ['fc00::1', 'a unique-local address'],
      ['fdff:ffff::1', 'a unique-local address'], ['::ffff:127.0.0.1', 'a loopback address'], ['::ffff:7f00:1', 'a loopback address'],
      ['::ffff:a00:5', 'a private address'], ['0:0:0:0:0:ffff:c0a8:101', 'a private address'], ['::127.0.0.1', 'a loopback address'],
      ['64:ff9b::a00:1', 'a private address'], ['2002:a00:1::1', 'a private address'], ['2606:4700::1111', undefined],
      ['::ffff:93.184.215.14', undefined],
    ];
    for (const [address, kind] of cases) assert.equal(addressKind(address), kind, address);
  });

  test('refuses nothing when private hosts are allowed, except an excluded range', () => {
    const policy = { allowPrivateHosts: true, excludedHosts: ['10.0.0.0/8'] };
    assert.equal(addressRefusal('x.site', '127.0.0.1', policy), undefined);
    assert.equal(addressRefusal('x.site', '10.9.9.9', policy)?.kind, 'excluded');
    assert.equal(addressRefusal('x.site', '::ffff:10.9.9.9', policy)?.kind, 'excluded');
  });
});
