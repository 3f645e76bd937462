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

/** `12 links checked: 9 ok, 1 redirected, 1 broken, 0 unreachable, 1 blocked (5 from cache, 2 skipped)` */
export function formatSummary(summary: LinkSummary): string {
  const s = summary.byStatus;
  return `${summary.checked} link${summary.checked === 1 ? '' : 's'} checked: ${s.ok} ok, ${s.redirected} redirected, ${s.broken} broken, `
    + `${s.unreachable} unreachable, ${s.blocked} blocked (${summary.fromCache} from cache, ${summary.skipped} skipped, ${summary.requests} requests)`;
}
