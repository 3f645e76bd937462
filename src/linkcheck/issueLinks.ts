import type { IssueDocument, Link, Range } from '../core/model';
import { allEntries } from '../core/entries';

/** One checkable URL of an issue and where it is written. */
export interface IssueUrl {
  readonly url: string;
  /** The URL's text in the file (a link's destination, or a bare URL). */
  readonly range: Range;
  /** The link it belongs to, absent for a bare URL. */
  readonly link?: Link;
}

const HTTP_URL = /^https?:\/\//i;

/**
 * The http(s) URLs of an issue, in order: every link (link lines and links inside descriptions)
 * and every bare URL with a scheme. Read from the parsed model only: nothing here parses Markdown.
 */
export function issueUrls(document: IssueDocument): IssueUrl[] {
  const out: IssueUrl[] = [];
  const entries = allEntries(document);
  for (const entry of entries) {
    for (const link of entry.links) {
      const url = link.target.trim();
      if (HTTP_URL.test(url)) out.push({ url, range: link.targetRange, link });
    }
    for (const bare of entry.bareUrls) {
      if (HTTP_URL.test(bare.url)) out.push({ url: bare.url, range: bare.range });
    }
  }
  return out;
}

/** A URL as the checker requests it (without its fragment), for comparing old and new links. */
export function withoutFragment(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * The URLs worth requesting after an edit: those on a line that was added or changed, and not
 * among the URLs of the text before (`before`, fragments removed), so that a link that only moved
 * is not asked again.
 */
export function newUrls(urls: readonly IssueUrl[], changedLines: ReadonlySet<number>, before: ReadonlySet<string>): IssueUrl[] {
  return urls.filter((u) => changedLines.has(u.range.start.line) && !before.has(withoutFragment(u.url)));
}
