import { isIP } from 'node:net';
import type { LinkCheckSettings } from './types';

/**
 * Why a URL is not requested, by kind (the JSON summary counts them by kind):
 * - `invalid-url`, `scheme` (not http(s)), `credentials` (user:password in the URL);
 * - `excluded`: a host of `excludedHosts` (by name, or an address in one of its IPv4 ranges);
 * - `private-address`: the host is, or resolves to, a loopback, private, link-local,
 *   unique-local or otherwise non-public address (or a redirect led to one).
 */
export type NotRequestedKind = 'invalid-url' | 'scheme' | 'credentials' | 'excluded' | 'private-address';

export const NOT_REQUESTED_KINDS: readonly NotRequestedKind[] = ['invalid-url', 'scheme', 'credentials', 'excluded', 'private-address'];

export interface NotRequested {
  readonly kind: NotRequestedKind;
  /** One line for people: `host intranet.acme.io resolves to 10.0.0.5, a private address`. */
  readonly reason: string;
}

type Policy = Pick<LinkCheckSettings, 'excludedHosts' | 'allowPrivateHosts'>;

/**
 * Which URLs the checker may request, judged from the URL alone. Only http(s); never a host of
 * the exclusion list; never a loopback, private, link-local or single-label (intranet) host
 * unless the project allows them (`"linkCheck": {"allowPrivateHosts": true}` in
 * `.newsletter-desk.json`), so that an issue that links to `http://192.168.1.1/` does not make
 * the editor poke at the author's network. A name that passes is resolved before it is requested
 * and each address is judged again (`addressRefusal`); the checker then connects to that address
 * and no other. The policy also applies to every redirect target.
 */
export function exclusionOf(url: URL, settings: Policy): NotRequested | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'scheme', reason: 'not an http(s) URL' };
  if (url.username !== '' || url.password !== '') return { kind: 'credentials', reason: 'the URL holds credentials (never sent)' };
  const host = hostOf(url);
  for (const pattern of settings.excludedHosts) {
    if (hostMatches(host, pattern.trim().toLowerCase())) return { kind: 'excluded', reason: `host ${host} is excluded (${pattern})` };
  }
  if (!settings.allowPrivateHosts) {
    const kind = isIP(host) ? addressKind(host) : isIntranetName(host) ? 'an intranet name' : undefined;
    if (kind) return { kind: 'private-address', reason: `host ${host} is ${kind}` };
  }
  return undefined;
}

/** The reason alone (see `exclusionOf`). */
export function exclusionReason(url: URL, settings: Policy): string | undefined {
  return exclusionOf(url, settings)?.reason;
}

/**
 * Why the checker must not connect to `address`, the answer of a DNS look-up of `host` (or the
 * host itself when it is an address): a non-public address unless private hosts are allowed, or
 * an address in an excluded IPv4 range.
 */
export function addressRefusal(host: string, address: string, settings: Policy): NotRequested | undefined {
  const subject = host === address ? `host ${host}` : `host ${host} resolves to ${address},`;
  if (!settings.allowPrivateHosts) {
    const kind = addressKind(address);
    if (kind) return { kind: 'private-address', reason: `${subject} ${kind}` };
  }
  if (host !== address) {
    const v4 = embeddedIpv4(address) ?? address;
    for (const pattern of settings.excludedHosts) {
      if (pattern.includes('/') && hostMatches(v4, pattern.trim().toLowerCase())) return { kind: 'excluded', reason: `host ${host} resolves to ${address}, which is excluded (${pattern})` };
    }
  }
  return undefined;
}

/** The host name without IPv6 brackets or a trailing dot, lower case. */
export function hostOf(url: URL): string {
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** `example.com` (that host), `*.example.com` (its subdomains), or an IPv4 range `10.0.0.0/8`. */
export function hostMatches(host: string, pattern: string): boolean {
  if (pattern === '') return false;
  if (pattern.includes('/')) {
    const [base, bits] = pattern.split('/');
    const ip = ipv4ToNumber(host);
    const net = ipv4ToNumber(base);
    const prefix = Number(bits);
    if (ip === undefined || net === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
    return inRange(ip, net, prefix);
  }
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

const V4_RANGES: ReadonlyArray<[string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (CGNAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved (IETF protocol) address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

/**
 * What kind of non-public address `address` is (`a loopback address`, `a private address`, ...),
 * or undefined for a public one. IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`,
 * compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by that address.
 */
export function addressKind(address: string): string | undefined {
  const v4 = ipv4ToNumber(address);
  if (v4 !== undefined) return V4_RANGES.find(([net, bits]) => inRange(v4, ipv4ToNumber(net) as number, bits))?.[2];
  const bytes = ipv6ToBytes(address);
  if (!bytes) return undefined;
  const embedded = embeddedIpv4Of(bytes);
  if (embedded !== undefined) return addressKind(embedded);
  if (bytes.every((b, i) => (i === 15 ? b === 1 : b === 0))) return 'a loopback address';
  if (bytes.every((b) => b === 0)) return 'an unspecified address';
  if ((bytes[0] & 0xfe) === 0xfc) return 'a unique-local address';
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return 'a link-local address';
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0) return 'a site-local address';
  if (bytes[0] === 0xff) return 'a multicast address';
  return undefined;
}

/** Loopback, private (RFC 1918, CGNAT, unique local), link-local, unspecified, or an intranet name. */
export function isPrivateHost(host: string): boolean {
  if (isIP(host)) return addressKind(host) !== undefined;
  return isIntranetName(host);
}

function isIntranetName(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  return !host.includes('.'); // `http://wiki/`: a name that only an intranet resolves
}

/** The IPv4 address inside an IPv6 address that carries one (see `addressKind`). */
function embeddedIpv4(address: string): string | undefined {
  const bytes = ipv6ToBytes(address);
  return bytes ? embeddedIpv4Of(bytes) : undefined;
}

function embeddedIpv4Of(b: readonly number[]): string | undefined {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const dotted = (at: number) => b.slice(at, at + 4).join('.');
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return dotted(12); // ::ffff:a.b.c.d
  if (zeros(0, 12) && !(zeros(12, 15) && b[15] <= 1)) return dotted(12); // ::a.b.c.d (not :: or ::1)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return dotted(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return dotted(2); // 2002:WWXX:YYZZ::/48
  return undefined;
}

/** The 16 bytes of an IPv6 address (`::`, a trailing dotted quad and a zone id allowed). */
function ipv6ToBytes(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return undefined;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // `::ffff:1.2.3.4`: the dotted quad is the last two groups.
    const v4 = ipv4ToNumber(last);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes.length === 16 ? bytes : undefined;
}

function ipv4ToNumber(host: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function inRange(ip: number, net: number, prefix: number): boolean {
  if (prefix === 0) return true;
  const mask = (~0 << (32 - prefix)) >>> 0;
  return ((ip & mask) >>> 0) === ((net & mask) >>> 0);
}
