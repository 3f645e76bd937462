import { isIP } from 'node:net';
import { cacheKeyOf, variantOf, type LinkCache } from './cache';
import { addressRefusal, exclusionOf, hostOf, type NotRequested } from './hostPolicy';
import { withoutFragment } from './issueLinks';
import { HostScheduler, sleep } from './scheduler';
import { nodeTransport, systemResolver, type ResolvedAddress, type Resolver, type Transport, type TransportResponse } from './transport';
import type { LinkCheckSettings, LinkResult, LinkStatus, RedirectHop } from './types';

/**
 * What the checker needs from its host: tests pass a resolver that answers from a table, or a
 * transport that fails on cue.
 */
export interface CheckerDependencies {
  /** Makes the requests (default: Node's http and https clients). */
  readonly transport?: Transport;
  /** Resolves host names before anything is requested (default: the system's resolver). */
  readonly resolve?: Resolver;
  readonly cache?: LinkCache;
  readonly now?: () => number;
  /** Told when a host is held back by a 429 or 503 `Retry-After` (for progress messages and tests). */
  readonly onBackoff?: (host: string, waitMs: number, httpStatus: number) => void;
}

export interface CheckAllOptions {
  readonly signal?: AbortSignal;
  /** Called once per URL as soon as its result is known (cached ones first). */
  readonly onResult?: (url: string, result: LinkResult) => void;
}

export interface CheckAllResult {
  /** By URL as given. */
  readonly results: Map<string, LinkResult>;
  /**
   * URLs not requested, with the reason: excluded host, not http(s), not a URL, or a host that
   * is or resolves to a non-public address (also when a redirect led there).
   */
  readonly skipped: Map<string, NotRequested>;
  /** True when the signal aborted before every URL was checked. */
  readonly cancelled: boolean;
  /**
   * Set when the network looks unreachable: not one host of the run could be resolved or
   * answered at all (see `looksOffline`). Those URLs are then left out of `results` and out of
   * the cache: nothing is known about them.
   */
  readonly offline?: { readonly urls: number; readonly hosts: number };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);
/** HEAD answers that say nothing about GET: confirm with a GET before reporting them. */
const HEAD_REFUSED = new Set([405, 501]);
const RETRIED_STATUSES = new Set([408, 500, 502, 503, 504]);
const BODY_PEEK_BYTES = 8192;
const CHALLENGE_MARKERS = /cf-browser-verification|challenge-platform|_cf_chl_|captcha|just a moment\.\.\.|attention required|ddos-guard|px-captcha|are you a robot|bot detection/i;

type Answer =
  | { readonly kind: 'response'; readonly status: number; readonly statusText: string; readonly location?: string; readonly retryAfter?: string; readonly challenge: boolean }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

/** Thrown (as a rejection of `check`) for a URL that the host policy does not let through. */
export class NotRequestedError extends Error {
  constructor(readonly notRequested: NotRequested) {
    super(`not checked: ${notRequested.reason}`);
    this.name = 'NotRequestedError';
  }
}

/** How long a DNS answer is reused by one checker. */
const DNS_TTL_MS = 60_000;

type Pin =
  | { readonly kind: 'address'; readonly addresses: readonly string[] }
  | { readonly kind: 'refused'; readonly refusal: NotRequested }
  | { readonly kind: 'failed'; readonly status: LinkStatus; readonly reason: string; readonly code: string };

type Final =
  | { readonly kind: 'response'; readonly status: number; readonly statusText: string; readonly location?: string; readonly challenge: boolean; readonly rateLimited?: string }
  | { readonly kind: 'failed'; readonly status: LinkStatus; readonly reason: string; readonly code: string };

/**
 * Checks http(s) URLs politely: HEAD first and GET when HEAD is refused, bodies never read beyond
 * a peek at error pages, redirects followed one by one (the chain recorded, loops caught), limits
 * overall and per host with a gap between requests to one host, timeouts, retries with exponential
 * backoff, 429/503 `Retry-After` honoured per host, results cached by normalised URL. Every wait
 * stops when the signal aborts.
 */
export class LinkChecker {
  private readonly scheduler: HostScheduler;
  private readonly transport: Transport;
  private readonly resolve: Resolver;
  /** DNS answers of the last minute, by host (a rejected look-up is not kept). */
  private readonly resolved = new Map<string, { at: number; answer: Promise<readonly ResolvedAddress[]> }>();
  private readonly now: () => number;
  private readonly cache: LinkCache | undefined;
  private readonly onBackoff: CheckerDependencies['onBackoff'];
  private readonly running = new Map<string, { promise: Promise<LinkResult>; signal: AbortSignal | undefined }>();
  /** Results checked now that got no answer at all from their host, with the error's code. */
  private readonly silent = new WeakMap<LinkResult, string>();
  /** Hosts that refused HEAD: later requests there go straight to GET. */
  private readonly headRefusedHosts = new Set<string>();
  private requestCount = 0;

  constructor(readonly settings: LinkCheckSettings, dependencies: CheckerDependencies = {}) {
    this.scheduler = new HostScheduler(settings);
    this.transport = dependencies.transport ?? nodeTransport();
    this.resolve = dependencies.resolve ?? systemResolver;
    this.now = dependencies.now ?? Date.now;
    this.cache = dependencies.cache;
    this.onBackoff = dependencies.onBackoff;
  }

  /** HTTP requests made so far by this checker (retries and redirect hops included). */
  get requests(): number {
    return this.requestCount;
  }

  /**
   * Why `url` will not be requested, judged from the URL alone, or undefined when it may be (its
   * host is still resolved and its addresses judged before anything is sent).
   */
  skipReason(url: string): string | undefined {
    return this.notRequested(url)?.reason;
  }

  /** The same, with its kind. */
  notRequested(url: string): NotRequested | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'invalid-url', reason: 'not a valid URL' };
    }
    return exclusionOf(parsed, this.settings);
  }

  /** A fresh cached result, without checking anything. */
  cached(url: string): LinkResult | undefined {
    return this.cache?.get(withoutFragment(url));
  }

  /**
   * The result for one URL: from the cache when fresh, else checked now (and cached). Two calls
   * for the same URL at once share one check. Rejects with the signal's reason when it aborts,
   * and with a `NotRequestedError` when the host policy refuses the URL (`notRequested(url)`, or
   * its host resolves to a refused address, or it redirects to one); refusals are not cached.
   */
  check(url: string, signal?: AbortSignal): Promise<LinkResult> {
    const refusal = this.notRequested(url);
    if (refusal) return Promise.reject(new NotRequestedError(refusal));
    const target = withoutFragment(url);
    const cached = this.cache?.get(target);
    if (cached) return Promise.resolve(cached);
    const key = `${cacheKeyOf(target)} ${variantOf(target)}`;
    const joined = this.running.get(key);
    if (joined) {
      // The check we join may be cancelled by its own caller (the editor cancels the check of a
      // document that is saved again): then this caller, still wanting the answer, checks anew.
      return joined.promise.catch((error: unknown) => {
        if (joined.signal?.aborted && !signal?.aborted) return this.check(url, signal);
        throw error;
      });
    }
    const promise = this.follow(target, signal).then((result) => {
      this.cache?.set(result);
      return result;
    });
    const entry = { promise, signal };
    const forget = () => {
      if (this.running.get(key) === entry) this.running.delete(key);
    };
    promise.then(forget, forget);
    this.running.set(key, entry);
    return promise;
  }

  /** Checks many URLs at once under the limits; each distinct URL is checked once. */
  async checkAll(urls: Iterable<string>, options: CheckAllOptions = {}): Promise<CheckAllResult> {
    const { signal, onResult } = options;
    const results = new Map<string, LinkResult>();
    const skipped = new Map<string, NotRequested>();
    const toCheck: string[] = [];
    for (const url of new Set(urls)) {
      const refusal = this.notRequested(url);
      if (refusal) skipped.set(url, refusal);
      else toCheck.push(url);
    }
    await Promise.all(
      toCheck.map(async (url) => {
        try {
          const result = await this.check(url, signal);
          results.set(url, result);
          onResult?.(url, result);
        } catch (error) {
          if (error instanceof NotRequestedError) skipped.set(url, error.notRequested);
          else if (!signal?.aborted) throw error;
        }
      }),
    );
    const cancelled = signal?.aborted === true;
    const offline = cancelled ? undefined : this.offlineIn(results);
    return { results, skipped, cancelled, ...(offline ? { offline } : {}) };
  }

  /**
   * When every URL checked now (none from the cache) failed without an answer from its host, in
   * a way that an unreachable network explains, takes them out of `results` and the cache.
   */
  private offlineIn(results: Map<string, LinkResult>): CheckAllResult['offline'] {
    const fresh = [...results].filter(([, r]) => !r.fromCache);
    const codes = fresh.map(([, r]) => this.silent.get(r));
    if (fresh.length === 0 || codes.some((c) => c === undefined || !NETWORK_DOWN_CODES.has(c))) return undefined;
    const hosts = new Set(fresh.map(([, r]) => hostOf(new URL(r.url))));
    // One host that does not exist is just a dead link; several hosts that all fail, or an error
    // that only a missing network gives, is a machine that is offline.
    if (hosts.size < 2 && !codes.some((c) => NO_NETWORK_CODES.has(c as string))) return undefined;
    for (const [url, result] of fresh) {
      results.delete(url);
      this.cache?.delete(result.url);
    }
    return { urls: fresh.length, hosts: hosts.size };
  }

  /** Requests `start`, following redirects hop by hop. */
  private async follow(start: string, signal: AbortSignal | undefined): Promise<LinkResult> {
    const chain: RedirectHop[] = [];
    const visited = new Set<string>([start]);
    let requests = 0;
    let current = start;
    const failed = (final: { status: LinkStatus; reason: string; code: string }, reason: string): LinkResult => {
      const result = done(final.status, reason);
      if (chain.length === 0) this.silent.set(result, final.code);
      return result;
    };
    const done = (status: LinkStatus, reason: string, httpStatus?: number, finalUrl = current): LinkResult => ({
      url: start,
      status,
      reason,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(chain.length > 0 ? { redirect: { kind: chain.every((h) => PERMANENT_REDIRECTS.has(h.httpStatus)) ? 'permanent' : 'temporary', finalUrl, chain: [...chain] } } : {}),
      checkedAt: this.now(),
      requests,
    });

    for (;;) {
      const pin = await this.pin(current, signal);
      if (pin.kind === 'refused') {
        if (chain.length === 0) throw new NotRequestedError(pin.refusal);
        if (pin.refusal.kind === 'private-address') {
          throw new NotRequestedError({ kind: 'private-address', reason: `redirects to ${current}, not followed: ${pin.refusal.reason}` });
        }
        return done('redirected', `redirects to ${current} (not followed: ${pin.refusal.reason})`, chain[chain.length - 1].httpStatus);
      }
      if (pin.kind === 'failed') return failed(pin, chain.length > 0 ? `${pin.reason} (after ${describeChain(chain)})` : pin.reason);
      const { final, requests: made } = await this.request(current, pin.addresses, signal, chain.length > 0);
      requests += made;
      if (final.kind === 'failed') return failed(final, chain.length > 0 ? `${final.reason} (after ${describeChain(chain)})` : final.reason);

      const { status } = final;
      if (REDIRECT_STATUSES.has(status) && final.location !== undefined) {
        let next: URL;
        try {
          next = new URL(final.location, current);
        } catch {
          return done('broken', `${status} redirect to an invalid URL: ${final.location}`, status);
        }
        next.hash = '';
        chain.push({ url: current, httpStatus: status });
        if (visited.has(next.href)) return done('unreachable', `redirect loop: ${describeChain(chain)} → ${next.href}`, status, next.href);
        if (chain.length > this.settings.maxRedirects) return done('unreachable', `more than ${this.settings.maxRedirects} redirects`, status, next.href);
        const excluded = exclusionOf(next, this.settings);
        if (excluded?.kind === 'private-address') throw new NotRequestedError({ kind: 'private-address', reason: `redirects to ${next.href}, not followed: ${excluded.reason}` });
        if (excluded) return done('redirected', `redirects to ${next.href} (not followed: ${excluded.reason})`, status, next.href);
        visited.add(next.href);
        current = next.href;
        continue;
      }

      // Node names codes it does not know (999) "unknown": say nothing rather than that.
      const text = `${status}${final.statusText && final.statusText.toLowerCase() !== 'unknown' ? ` ${final.statusText}` : ''}`;
      if (final.challenge) return done('blocked', `${text}: a bot challenge (the page may well exist)`, status);
      if (final.rateLimited) return done('blocked', `${text}: rate limited, ${final.rateLimited}`, status);
      if (status === 404 || status === 410) return done('broken', chain.length > 0 ? `${text} after ${describeChain(chain)}` : text, status);
      if ((status >= 400 && status < 500) || status === 999) return done('blocked', `${text}: the server refuses automated requests (unknown, not broken)`, status);
      if (status >= 500) return done('unreachable', `${text} after ${this.settings.retries + 1} attempts`, status);
      if (chain.length > 0) {
        const kind = chain.every((h) => PERMANENT_REDIRECTS.has(h.httpStatus)) ? 'permanently' : 'temporarily';
        return done('redirected', `redirects ${kind} to ${current}`, status);
      }
      return done('ok', text, status);
    }
  }

  /**
   * The addresses to connect to for `url`: the host itself when it is an address, else the
   * answers of the resolver, in order, once every one has passed the host policy (a name that
   * also resolves to a private address is refused). DNS failures are retried like network errors.
   */
  private async pin(url: string, signal: AbortSignal | undefined): Promise<Pin> {
    const host = hostOf(new URL(url));
    if (isIP(host) !== 0) {
      const refusal = addressRefusal(host, host, this.settings);
      return refusal ? { kind: 'refused', refusal } : { kind: 'address', addresses: [host] };
    }
    for (let attempt = 0; ; attempt++) {
      let answers: readonly ResolvedAddress[];
      try {
        answers = await this.lookup(host);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const { code, message } = errorCodeOf(error);
        const failure = classifyError(code, message, this.settings.timeoutMs);
        if (failure.retry && attempt < this.settings.retries) {
          await sleep(this.backoffDelay(attempt), signal);
          continue;
        }
        return { kind: 'failed', status: failure.status, reason: failure.retry && attempt > 0 ? `${failure.reason} (${attempt + 1} attempts)` : failure.reason, code };
      }
      if (signal?.aborted) throw signal.reason;
      if (answers.length === 0) return { kind: 'failed', status: 'broken', reason: 'DNS name not found', code: 'ENOTFOUND' };
      for (const answer of answers) {
        const refusal = addressRefusal(host, answer.address, this.settings);
        if (refusal) return { kind: 'refused', refusal };
      }
      return { kind: 'address', addresses: answers.map((a) => a.address) };
    }
  }

  private lookup(host: string): Promise<readonly ResolvedAddress[]> {
    const now = Date.now();
    const known = this.resolved.get(host);
    if (known && now - known.at < DNS_TTL_MS) return known.answer;
    const answer = this.resolve(host);
    const entry = { at: now, answer };
    this.resolved.set(host, entry);
    answer.catch(() => {
      if (this.resolved.get(host) === entry) this.resolved.delete(host);
    });
    return answer;
  }

  /**
   * One URL, no redirects followed: HEAD (or GET), falling back to GET when HEAD is refused,
   * retrying timeouts, resets, 5xx and 429 with backoff. Every attempt connects to one of
   * `addresses` (all checked): the first, or the next when one cannot be reached at all (an IPv6
   * address on a machine without IPv6, say).
   */
  private async request(url: string, addresses: readonly string[], signal: AbortSignal | undefined, continuing: boolean): Promise<{ final: Final; requests: number }> {
    const host = hostOf(new URL(url));
    let which = 0;
    let method: 'HEAD' | 'GET' = this.headRefusedHosts.has(host) ? 'GET' : 'HEAD';
    let attempt = 0;
    let requests = 0;
    for (;;) {
      const release = await this.scheduler.acquire(host, signal, { first: continuing || requests > 0 });
      let answer: Answer;
      let wait = 0;
      try {
        requests++;
        this.requestCount++;
        answer = await this.once(url, addresses[which], method, signal);
        if (answer.kind === 'response' && isRateLimit(answer)) {
          // The whole host waits, not just this URL: set the backoff before the slot is given
          // to the next request in line.
          wait = parseRetryAfter(answer.retryAfter, this.now()) ?? this.backoffDelay(attempt);
          if (answer.status === 429) this.scheduler.slowDown(host);
          if (attempt < this.settings.retries && wait <= this.settings.maxRetryAfterMs) {
            this.scheduler.backoff(host, Date.now() + wait);
            this.onBackoff?.(host, wait, answer.status);
          }
        } else if (answer.kind === 'response') {
          this.scheduler.recover(host);
        }
      } finally {
        release();
      }

      if (answer.kind === 'error' && FAILOVER_CODES.has(answer.code) && which + 1 < addresses.length) {
        which++;
        continue;
      }
      if (answer.kind === 'error') {
        const failure = classifyError(answer.code, answer.message, this.settings.timeoutMs);
        if (failure.retry && attempt < this.settings.retries) {
          await sleep(this.backoffDelay(attempt++), signal);
          continue;
        }
        const attempts = attempt + 1;
        return { final: { kind: 'failed', status: failure.status, reason: failure.retry && attempts > 1 ? `${failure.reason} (${attempts} attempts)` : failure.reason, code: answer.code }, requests };
      }

      const { status } = answer;
      if (method === 'HEAD' && !answer.challenge && (HEAD_REFUSED.has(status) || (status >= 400 && status < 500 && status !== 429))) {
        // Many servers answer HEAD wrongly (405, 501, 403, even 404) while GET works: ask again
        // with GET before saying anything about the page.
        if (HEAD_REFUSED.has(status)) this.headRefusedHosts.add(host);
        method = 'GET';
        continue;
      }
      if (isRateLimit(answer)) {
        if (attempt >= this.settings.retries || wait > this.settings.maxRetryAfterMs) {
          const rateLimited = wait > this.settings.maxRetryAfterMs ? `asked to wait ${Math.ceil(wait / 1000)} s` : `still after ${attempt + 1} attempts`;
          return { final: { ...answer, rateLimited: status === 429 ? rateLimited : undefined }, requests };
        }
        attempt++;
        continue; // the scheduler holds the host back until the wait is over
      }
      if (RETRIED_STATUSES.has(status) && !answer.challenge && attempt < this.settings.retries) {
        // A HEAD that fails on the server is often a HEAD problem: the retry uses GET.
        method = 'GET';
        await sleep(this.backoffDelay(attempt++), signal);
        continue;
      }
      return { final: answer, requests };
    }
  }

  private backoffDelay(attempt: number): number {
    return this.settings.backoffMs * 2 ** attempt;
  }

  /** One request; the body is cancelled at once (after a small peek for error pages). */
  private async once(url: string, address: string, method: 'HEAD' | 'GET', signal: AbortSignal | undefined): Promise<Answer> {
    // One controller and one timer per request (AbortSignal.any and AbortSignal.timeout cost
    // more, and this runs a thousand times per issue).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('timed out', 'TimeoutError'));
    }, this.settings.timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let response: TransportResponse;
      try {
        response = await this.transport({
          url,
          address,
          method,
          signal: controller.signal,
          headers: {
            'user-agent': this.settings.userAgent,
            accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
          },
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (timedOut) return { kind: 'error', code: 'TIMEOUT', message: 'timed out' };
        return { kind: 'error', ...errorCodeOf(error) };
      }
      let challenge = isChallengeByHeaders(response);
      try {
        if (!challenge && method === 'GET' && (response.status === 403 || response.status === 429 || response.status === 503)) {
          challenge = CHALLENGE_MARKERS.test(await response.peek(BODY_PEEK_BYTES));
        }
      } catch {
        // A body that fails while we peek tells us nothing more than the status did.
      } finally {
        response.discard();
      }
      if (signal?.aborted) throw signal.reason;
      return {
        kind: 'response',
        status: response.status,
        statusText: response.statusText,
        location: response.header('location'),
        retryAfter: response.header('retry-after'),
        challenge,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Connection failures after which the next address of the host is tried at once. */
const FAILOVER_CODES = new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN']);

/** Failures without any answer that a missing network explains (DNS, routes, silence). */
const NETWORK_DOWN_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'TIMEOUT', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** Those that only a missing network (or resolver) gives, never a dead link. */
const NO_NETWORK_CODES = new Set(['EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN']);

/** 429, or a 503 that says when to come back (and is no bot challenge). */
function isRateLimit(answer: { status: number; retryAfter?: string; challenge: boolean }): boolean {
  return answer.status === 429 || (answer.status === 503 && answer.retryAfter !== undefined && !answer.challenge);
}

function describeChain(chain: readonly RedirectHop[]): string {
  return chain.length === 1 ? `1 redirect` : `${chain.length} redirects`;
}

function isChallengeByHeaders(response: TransportResponse): boolean {
  if (response.status === 999) return true;
  if (response.header('cf-mitigated')?.toLowerCase() === 'challenge') return true;
  const waf = response.header('x-amzn-waf-action')?.toLowerCase();
  return waf === 'captcha' || waf === 'challenge';
}

/** `Retry-After` as milliseconds from now: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function errorCodeOf(error: unknown): { code: string; message: string } {
  // undici wraps network errors: TypeError('fetch failed', { cause }), the cause holding the code
  // (sometimes inside an AggregateError, one per address tried).
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
    if (typeof e.code === 'string') return { code: e.code, message: typeof e.message === 'string' ? e.message : e.code };
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}

const TLS_CODE = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO|HOSTNAME_MISMATCH/;

function classifyError(code: string, message: string, timeoutMs: number): { status: LinkStatus; reason: string; retry: boolean } {
  switch (code) {
    case 'ENOTFOUND':
      return { status: 'broken', reason: 'DNS name not found', retry: false };
    case 'TIMEOUT':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { status: 'unreachable', reason: `timed out after ${timeoutMs} ms`, retry: true };
    case 'ECONNREFUSED':
      return { status: 'unreachable', reason: 'connection refused', retry: true };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { status: 'unreachable', reason: 'connection reset', retry: true };
    case 'EAI_AGAIN':
      return { status: 'unreachable', reason: 'DNS look-up failed for now', retry: true };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { status: 'unreachable', reason: 'host unreachable', retry: true };
    default:
      if (TLS_CODE.test(code)) return { status: 'unreachable', reason: `TLS error (${code})`, retry: false };
      return { status: 'unreachable', reason: `${message} (${code})`, retry: true };
  }
}
