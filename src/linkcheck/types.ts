/**
 * What the link checker reports. Plain data: results go into the cache file as they are, and the
 * editor and the CLI read the same shapes.
 */

/**
 * - `ok`: the URL answers 2xx (without redirects).
 * - `redirected`: it answers 2xx after one or more redirects (`redirect` says where and how).
 * - `broken`: 404, 410, or a host name that does not exist: the link is dead.
 * - `unreachable`: timeouts, refused or reset connections, 5xx, TLS errors, redirect loops, after
 *   the retries: the page could not be reached now, which says nothing final about the link.
 * - `blocked`: the server refuses robots (403, 999, 401, bot challenges, endless 429): unknown.
 */
export type LinkStatus = 'ok' | 'redirected' | 'broken' | 'unreachable' | 'blocked';

export const LINK_STATUSES: readonly LinkStatus[] = ['ok', 'redirected', 'broken', 'unreachable', 'blocked'];

export interface RedirectHop {
  /** The URL that answered with a redirect. */
  readonly url: string;
  readonly httpStatus: number;
}

export interface RedirectInfo {
  /** Permanent when every hop was 301 or 308. */
  readonly kind: 'permanent' | 'temporary';
  /** Where the chain ends. */
  readonly finalUrl: string;
  readonly chain: readonly RedirectHop[];
}

export interface LinkResult {
  /** The URL as it was checked (fragment removed). */
  readonly url: string;
  readonly status: LinkStatus;
  /** One line for people: `404 Not Found`, `timed out after 3 attempts`, ... */
  readonly reason: string;
  /** The HTTP status of the last answer, when there was one. */
  readonly httpStatus?: number;
  /** Set when the URL redirected, whatever the final outcome (a redirect to a 404 is broken). */
  readonly redirect?: RedirectInfo;
  /** When the check finished (ms since the epoch). */
  readonly checkedAt: number;
  /** HTTP requests this check made (0 when it came from the cache). */
  readonly requests: number;
  /** True when the result was read from the cache rather than checked now. */
  readonly fromCache?: boolean;
}

/** Time to live of cached results, in hours, per outcome. */
export type TtlHours = Readonly<Record<LinkStatus, number>>;

/** Everything the checker can be told; `resolveLinkCheckSettings` fills and validates it. */
export interface LinkCheckSettings {
  readonly enabled: boolean;
  /** Requests in flight at once, all hosts together. */
  readonly concurrency: number;
  /** Requests in flight at once to one host. */
  readonly perHost: number;
  /** Least time between the starts of two requests to one host. */
  readonly minGapMs: number;
  /** Time allowed for one request, until its response headers. */
  readonly timeoutMs: number;
  /** Extra attempts after a timeout, a reset, a refused connection, a 5xx or a 429. */
  readonly retries: number;
  /** The first backoff delay; each retry doubles it. */
  readonly backoffMs: number;
  /** The longest `Retry-After` the checker waits for; longer ones give up as `blocked`. */
  readonly maxRetryAfterMs: number;
  readonly maxRedirects: number;
  readonly ttlHours: TtlHours;
  /** Host names (`example.com`, `*.example.com`) and IP ranges (`10.0.0.0/8`) never requested. */
  readonly excludedHosts: readonly string[];
  /** Lets loopback and private addresses through (project config file only: tests and benches). */
  readonly allowPrivateHosts: boolean;
  readonly userAgent: string;
}
