/**
 * The sponsor's footer at the end of an issue: read by the workspace index (its links repeat by
 * design) and by the entry rules. It lives outside `rules/` so that the index needs no rule.
 */
import type { Entry, IssueDocument } from './model';
import { hasLinkLine } from './entries';

const SPONSORED_BY = /\bsponsored by\b/i;
const MAX_FOOTER_ENTRIES = 3;
const FOOTER_GAP_LINES = 3;

/**
 * Where the sponsor's footer starts, if the issue ends with one. Many real issues end their last
 * section (usually Tools) with a sponsor's message that has no heading of its own: a paragraph or
 * two without link lines, ending in a call to action with an inline link ("Start your free trial
 * now: [URL](URL)"), saying "... is sponsored by ...", or set apart from the entries above by three
 * or more blank lines. Those paragraphs are sponsor content, not
 * entries: they repeat every week by design and need no link line.
 */
export function sponsorFooterStart(document: IssueDocument): number | undefined {
  const section = document.sections[document.sections.length - 1];
  // A paragraph-style habit: list items and link headings say what they are.
  if (!section || section.kind === 'sponsor' || section.entryShape !== 'paragraph') return undefined;
  const entries = section.entries;
  const from = Math.max(0, entries.length - MAX_FOOTER_ENTRIES);
  for (let i = from; i < entries.length; i++) {
    if (SPONSORED_BY.test(entries[i].description)) return i;
  }
  // Set apart by three or more blank lines (entries are separated by one or two).
  for (let i = entries.length - 1; i >= Math.max(1, from); i--) {
    if (entries[i].range.start.line - entries[i - 1].range.end.line - 1 >= FOOTER_GAP_LINES) return i;
  }
  let start = entries.length;
  while (start > 0 && entries.length - start < MAX_FOOTER_ENTRIES && entries[start - 1].blockType === 'paragraph' && !hasLinkLine(entries[start - 1])) start--;
  if (start === entries.length) return undefined;
  const last = entries[entries.length - 1];
  // A call to action: the last paragraph links inline, with no link line.
  return last.links.length > 0 ? start : undefined;
}

/** The entries of the last section that form the sponsor footer (empty when there is none). */
export function sponsorFooterEntries(document: IssueDocument): ReadonlySet<Entry> {
  const start = sponsorFooterStart(document);
  if (start === undefined) return new Set();
  return new Set(document.sections[document.sections.length - 1].entries.slice(start));
}
