import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseWithConfig, type Finding, type NewsletterConfig } from '../core';
import {
  LinkCache,
  LinkChecker,
  fileCacheStore,
  formatSummary,
  issueUrls,
  linkCheckLayerOf,
  linkFindings,
  newUrls,
  resolveLinkCheckSettings,
  summarize,
  type CheckerDependencies,
  type IssueUrl,
  type LinkResult,
  type LinkSummary,
} from '../linkcheck';
import type { ChangesSince } from './changedSince';
import type { FileReport } from './check';

/** Where `check --links` keeps its cache unless `--cache FILE` says otherwise (relative to the working folder). */
export const DEFAULT_LINK_CACHE = '.newsletter-desk/link-cache.json';

export interface LinkCheckRun {
  /** The rule reports with the link findings added (each file's findings in line order). */
  readonly reports: FileReport[];
  readonly summary: LinkSummary;
  readonly cancelled: boolean;
}

export interface LinkCheckOptions {
  readonly cwd: string;
  /** The parsed project config file (its `linkCheck` object holds the checker's settings). */
  readonly projectFile: unknown;
  readonly config: NewsletterConfig;
  readonly cachePath?: string;
  /** `--changed-since`: only URLs on added or changed lines, and not in the file at the ref, are checked. */
  readonly changes?: ChangesSince;
  readonly signal?: AbortSignal;
  /**
   * The URLs of a file (by its absolute path) that the rule check already read from its parse
   * (`workerParseMany`'s `onUrls`); a file it has none for (from the index cache, fixed by
   * `--fix`) is read and parsed here.
   */
  readonly urlsOf?: (path: string) => readonly IssueUrl[] | undefined;
  readonly err: (s: string) => void;
  /** For tests. */
  readonly dependencies?: Omit<CheckerDependencies, 'cache'>;
}

/**
 * Checks the http(s) links of the issue files that the rule check looked at, through the cache
 * file (read first, written back at the end, also after a cancellation), and adds one finding
 * per link that is not ok to the reports.
 */
export async function checkLinksOfReports(reports: readonly FileReport[], options: LinkCheckOptions): Promise<LinkCheckRun> {
  const { settings, problems } = resolveLinkCheckSettings(linkCheckLayerOf(options.projectFile));
  for (const problem of problems) options.err(`newsletter-desk: ${problem} (default used)`);

  const cache = new LinkCache(fileCacheStore(resolve(options.cwd, options.cachePath ?? DEFAULT_LINK_CACHE)), settings.ttlHours);
  const cacheProblem = await cache.load();
  if (cacheProblem) options.err(`newsletter-desk: ${cacheProblem}`);

  const left = new Set<string>();
  const perFile = reports.map((report) => {
    const path = resolve(options.cwd, report.file);
    const every = options.urlsOf?.(path) ?? issueUrls(parseWithConfig(readFileSync(path, 'utf8'), report.file, options.config));
    const changes = options.changes?.files.get(report.file);
    if (!changes) return { report, urls: every };
    const urls = newUrls(every, changes.lines, changes.urlsBefore);
    for (const u of every) if (!urls.includes(u)) left.add(u.url);
    return { report, urls };
  });
  const all = new Set(perFile.flatMap((f) => f.urls.map((u) => u.url)));
  for (const url of all) left.delete(url);

  const checker = new LinkChecker(settings, { ...options.dependencies, cache });
  const outcome = await checker.checkAll(all, { signal: options.signal });
  try {
    await cache.save();
  } catch (error) {
    options.err(`newsletter-desk: could not write the link cache: ${error instanceof Error ? error.message : String(error)}`);
  }

  const resultOf = (url: string): LinkResult | undefined => outcome.results.get(url);
  const merged = perFile.map(({ report, urls }) => ({
    file: report.file,
    findings: sortByPosition([...report.findings, ...linkFindings(urls as IssueUrl[], resultOf, options.config.rules, (url) => outcome.skipped.get(url))]),
  }));
  const summary = {
    ...summarize(outcome.results.values(), outcome.skipped.values(), checker.requests),
    ...(options.changes ? { unchanged: { since: options.changes.ref, urls: left.size } } : {}),
    ...(outcome.offline ? { offline: outcome.offline } : {}),
  };
  if (outcome.offline) {
    const { hosts, urls } = outcome.offline;
    options.err(`newsletter-desk: the network is unreachable (not one of the ${hosts} host${hosts === 1 ? '' : 's'} of this run could be resolved or answered): ${urls} link${urls === 1 ? '' : 's'} not checked, nothing cached`);
  }
  return { reports: merged, summary, cancelled: outcome.cancelled };
}

function sortByPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The summary line of `check --links`. */
export function linkSummaryLine(run: LinkCheckRun): string {
  return `${run.cancelled ? 'cancelled: ' : ''}${formatSummary(run.summary)}`;
}

/** Runs `work` with an AbortSignal that Ctrl+C fires (the partial results and the cache are kept). */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
