import type { LinkCheckSettings } from './types';

/**
 * Which URLs the checker may request. Only http(s); never a host of the exclusion list; never a
 * loopback, private, link-local or single-label (intranet) host unless the project allows them
 * (`"linkCheck": {"allowPrivateHosts": true}` in `.newsletter-desk.json`), so that an issue that
 * links to `http://192.168.1.1/` does not make the editor poke at the author's network. The
 * policy also applies to every redirect target.
 */
export function exclusionReason(url: URL, settings: Pick<LinkCheckSettings, 'excludedHosts' | 'allowPrivateHosts'>): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `not an http(s) URL`;
  if (url.username !== '' || url.password !== '') return 'the URL holds credentials (never sent)';
  const host = hostOf(url);
  for (const pattern of settings.excludedHosts) {
    if (hostMatches(host, pattern.trim().toLowerCase())) return `host ${host} is excluded (${pattern})`;
  }
  if (!settings.allowPrivateHosts && isPrivateHost(host)) return `host ${host} is a loopback or private address`;
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

const PRIVATE_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15],
];

/** Loopback, private (RFC 1918, CGNAT, unique local), link-local, unspecified, or an intranet name. */
export function isPrivateHost(host: string): boolean {
  const v4 = ipv4ToNumber(host);
  if (v4 !== undefined) return PRIVATE_V4.some(([net, bits]) => inRange(v4, ipv4ToNumber(net) as number, bits));
  if (host.includes(':')) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isPrivateHost(mapped[1]);
    if (host === '::1' || host === '::') return true;
    // fc00::/7 unique local, fe80::/10 link-local
    return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  return !host.includes('.'); // `http://wiki/`: a name that only an intranet resolves
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
