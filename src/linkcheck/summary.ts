import { NOT_REQUESTED_KINDS, type NotRequested, type NotRequestedKind } from './hostPolicy';
import { LINK_STATUSES, type LinkResult, type LinkStatus } from './types';

export interface LinkSummary {
  /** Distinct URLs with a result (cached or checked now). */
  readonly checked: number;
  readonly byStatus: Readonly<Record<LinkStatus, number>>;
  readonly fromCache: number;
  /** URLs not requested (excluded hosts, private addresses). */
  readonly skipped: number;
  /** The same, by reason. */
  readonly skippedBy: Readonly<Record<NotRequestedKind, number>>;
  /** HTTP requests made (retries and redirect hops included). */
  readonly requests: number;
  /** With `--changed-since`: the ref, and the distinct URLs left alone as not new since it. */
  readonly unchanged?: { readonly since: string; readonly urls: number };
  /** Set when the network looked unreachable: URLs and hosts of the run left unchecked. */
  readonly offline?: { readonly urls: number; readonly hosts: number };
}

export function summarize(results: Iterable<LinkResult>, notRequested: Iterable<NotRequested>, requests: number): LinkSummary {
  const skippedBy = Object.fromEntries(NOT_REQUESTED_KINDS.map((k) => [k, 0])) as Record<NotRequestedKind, number>;
  let skipped = 0;
  for (const refusal of notRequested) {
    skipped++;
    skippedBy[refusal.kind]++;
  }
  const byStatus = Object.fromEntries(LINK_STATUSES.map((s) => [s, 0])) as Record<LinkStatus, number>;
  let checked = 0;
  let fromCache = 0;
  for (const result of results) {
    checked++;
    byStatus[result.status]++;
    if (result.fromCache) fromCache++;
  }
  return { checked, byStatus, fromCache, skipped, skippedBy, requests };
}

/**
 * `12 links checked: 9 ok, 1 redirected, 1 broken, 0 unreachable, 1 blocked (5 from cache, 2
 * skipped, 9 requests)`, and `; 40 unchanged since origin/main` with `--changed-since`.
 */
export function formatSummary(summary: LinkSummary): string {
  const s = summary.byStatus;
  const unchanged = (summary.unchanged ? `; ${summary.unchanged.urls} unchanged since ${summary.unchanged.since}` : '')
    + (summary.offline ? `; network unreachable, ${summary.offline.urls} not checked` : '');
  return `${summary.checked} link${summary.checked === 1 ? '' : 's'} checked: ${s.ok} ok, ${s.redirected} redirected, ${s.broken} broken, `
    + `${s.unreachable} unreachable, ${s.blocked} blocked (${summary.fromCache} from cache, ${summary.skipped} skipped, ${summary.requests} requests${unchanged})`;
}

/**
 * The link run for `--format json`: URLs checked (with a result), requested now, from the cache,
 * not requested (with the count per reason), HTTP requests made, results per outcome.
 */
export function summaryJson(summary: LinkSummary, cancelled: boolean) {
  return {
    checked: summary.checked,
    requested: summary.checked - summary.fromCache,
    fromCache: summary.fromCache,
    notRequested: summary.skipped,
    notRequestedBy: summary.skippedBy,
    httpRequests: summary.requests,
    byStatus: summary.byStatus,
    ...(summary.unchanged ? { unchangedSince: { ref: summary.unchanged.since, urls: summary.unchanged.urls } } : {}),
    ...(summary.offline ? { networkUnreachable: summary.offline } : {}),
    cancelled,
  };
}
