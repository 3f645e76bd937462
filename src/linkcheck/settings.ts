import { LINK_STATUSES, type LinkCheckSettings, type LinkStatus } from './types';

/**
 * Host names reserved for documentation and testing (RFC 2606, RFC 6761): no real page lives
 * there, so asking them only costs time (and a sample issue must not reach out to anyone).
 */
export const RESERVED_HOSTS: readonly string[] = [
  'example.com', '*.example.com', 'example.net', '*.example.net', 'example.org', '*.example.org',
  '*.example', '*.invalid', '*.test', 'localhost', '*.localhost',
];

/**
 * Defaults in the spirit of lychee: many requests overall, a few per host, a pause between two
 * requests to one host. A checked link stays fresh for days; a failure is asked again sooner.
 */
export const DEFAULT_LINK_CHECK_SETTINGS: LinkCheckSettings = {
  enabled: true,
  concurrency: 128,
  perHost: 2,
  minGapMs: 100,
  timeoutMs: 10_000,
  retries: 2,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
  maxRedirects: 10,
  ttlHours: { ok: 72, redirected: 72, broken: 24, unreachable: 1, blocked: 24 },
  excludedHosts: RESERVED_HOSTS,
  allowPrivateHosts: false,
  userAgent: 'Mozilla/5.0 (compatible; NewsletterDesk-LinkCheck/1.0)',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NUMBERS: Record<string, { min: number; max: number; integer: boolean }> = {
  concurrency: { min: 1, max: 1024, integer: true },
  perHost: { min: 1, max: 64, integer: true },
  minGapMs: { min: 0, max: 60_000, integer: false },
  timeoutMs: { min: 100, max: 300_000, integer: false },
  retries: { min: 0, max: 10, integer: true },
  backoffMs: { min: 0, max: 60_000, integer: false },
  maxRetryAfterMs: { min: 0, max: 3_600_000, integer: false },
  maxRedirects: { min: 0, max: 50, integer: true },
};

/**
 * Layers partial settings (later ones win) over the defaults: the project config file's
 * `linkCheck` object, then the editor's `newsletter.linkCheck.*` settings. A wrong value is
 * reported in `problems` and the default kept, never thrown. `ttl` takes hours per outcome.
 */
export function resolveLinkCheckSettings(...layers: readonly unknown[]): { settings: LinkCheckSettings; problems: string[] } {
  const problems: string[] = [];
  const result: Mutable<LinkCheckSettings> = { ...DEFAULT_LINK_CHECK_SETTINGS, ttlHours: { ...DEFAULT_LINK_CHECK_SETTINGS.ttlHours } };
  const ttl = result.ttlHours as Mutable<Record<LinkStatus, number>>;
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (typeof layer !== 'object' || Array.isArray(layer)) {
      problems.push('linkCheck: expected an object');
      continue;
    }
    for (const [key, value] of Object.entries(layer as Record<string, unknown>)) {
      if (value === undefined) continue;
      const range = NUMBERS[key];
      if (range) {
        if (typeof value === 'number' && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value))) {
          (result as unknown as Record<string, number>)[key] = value;
        } else {
          problems.push(`linkCheck.${key}: expected ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`);
        }
        continue;
      }
      switch (key) {
        case 'enabled':
        case 'allowPrivateHosts':
          if (typeof value === 'boolean') result[key] = value;
          else problems.push(`linkCheck.${key}: expected true or false`);
          break;
        case 'userAgent':
          if (typeof value === 'string' && value.trim() !== '') result.userAgent = value;
          else problems.push('linkCheck.userAgent: expected a string');
          break;
        case 'excludedHosts':
          if (Array.isArray(value) && value.every((v) => typeof v === 'string')) result.excludedHosts = value as string[];
          else problems.push('linkCheck.excludedHosts: expected a list of host names');
          break;
        case 'ttl':
        case 'ttlHours':
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            for (const [status, hours] of Object.entries(value)) {
              if (!LINK_STATUSES.includes(status as LinkStatus)) problems.push(`linkCheck.ttl.${status}: not an outcome (${LINK_STATUSES.join(', ')})`);
              else if (typeof hours === 'number' && hours >= 0 && hours <= 24 * 365) ttl[status as LinkStatus] = hours;
              else problems.push(`linkCheck.ttl.${status}: expected hours from 0 to 8760`);
            }
          } else {
            problems.push('linkCheck.ttl: expected an object of outcome to hours');
          }
          break;
        default:
          problems.push(`linkCheck.${key}: unknown setting`);
      }
    }
  }
  if (result.perHost > result.concurrency) result.perHost = result.concurrency;
  return { settings: result, problems };
}

/** The `linkCheck` object of a parsed project config file (`.newsletter-desk.json`), if any. */
export function linkCheckLayerOf(projectFile: unknown): unknown {
  if (typeof projectFile !== 'object' || projectFile === null) return undefined;
  return (projectFile as Record<string, unknown>).linkCheck;
}
