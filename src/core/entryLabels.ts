/**
 * How the outline, the workspace symbols and the status bar name what an issue holds: the issue by
 * its number and day, an entry by its link's title (or the start of its description) with the
 * hosts it links to. Shared so that every view names an entry the same way.
 */
import type { CalendarDate, Entry, IssueDocument, Link } from './model';
import { MONTHS, titleDay } from './parse/title';
import { memoized } from './text/memo';

const SHORT_DESCRIPTION_LENGTH = 48;

/**
 * How long a name may be where the editor cuts names itself (the outline, symbol search): long
 * enough for any description a newsletter writes, short enough to keep a symbol small.
 */
export const FULL_NAME_LENGTH = 400;

/** The entry's whole name, uncut (see `entryLabel`): for views that cut names to their own width. */
export function entryName(document: IssueDocument, entry: Entry, hosts: readonly string[] = hostsOf(entry)): string {
  return entryLabel(document, entry, hosts, FULL_NAME_LENGTH);
}

/** What an entry is, for its icon: a link heading, a list item or a paragraph with its link, or text that links nowhere. */
export type EntryStyle = 'link-heading' | 'list-item' | 'paragraph' | 'text';

export function entryStyleOf(entry: Entry, hosts: readonly string[] = hostsOf(entry)): EntryStyle {
  if (entry.shape === 'block' || hosts.length === 0) return 'text';
  return entry.shape;
}

/** The issue's number: the header's number field or the title's, else the file name's. */
export function issueNumberOf(document: IssueDocument): number | undefined {
  return document.number?.value ?? document.title?.number?.value ?? document.fileNameInfo?.number;
}

/** The issue's day: its publication date (the header's date, else the file name's), else the title's. */
export function issueDayOf(document: IssueDocument): CalendarDate | undefined {
  if (document.publicationDate) return document.publicationDate;
  if (document.date?.calendar) return document.date.calendar;
  if (document.fileNameInfo?.date) return document.fileNameInfo.date;
  const t = document.title;
  return t ? titleDay(t) : undefined;
}

/** `18 October 2020` */
export function dayLabel(day: CalendarDate | undefined): string {
  return day ? `${day.day} ${MONTHS[day.month - 1]} ${day.year}` : '';
}

/** The hosts an entry links to: its link lines' (the entry's own links), else any link's. */
export function hostsOf(entry: Entry): string[] {
  const lineLinks = entry.links.filter((link) => link.isLinkLine);
  const links = lineLinks.length > 0 ? lineLinks : entry.primaryLink ? [entry.primaryLink, ...entry.links.filter((l) => l !== entry.primaryLink)] : entry.links;
  const hosts: string[] = [];
  for (const link of links) {
    const host = hostOf(link.target || link.text);
    if (host && !hosts.includes(host)) hosts.push(host);
  }
  if (hosts.length === 0) {
    for (const bare of entry.bareUrls) {
      const host = hostOf(bare.url);
      if (host && !hosts.includes(host)) hosts.push(host);
    }
  }
  return hosts;
}

/** `blog.example.org` for `https://blog.example.org/x`; a leading `www.` is dropped. */
export function hostOf(url: string): string | undefined {
  return knownHost(url);
}

const knownHost = memoized((url: string): string | undefined => {
  const trimmed = url.trim().replace(/^<|>$/g, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : /^www\./i.test(trimmed) ? `https://${trimmed}` : undefined;
  if (!withScheme) return undefined;
  try {
    const host = new URL(withScheme).hostname.toLowerCase();
    return host.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
});

/**
 * A short, plain form of a description: Markdown links become their text, emphasis and code
 * marks go, whitespace collapses, and the result is cut at a word boundary with an ellipsis.
 */
export function shortDescription(description: string, maxLength = SHORT_DESCRIPTION_LENGTH): string {
  return maxLength === FULL_NAME_LENGTH ? fullLengthDescription(description) : plainDescription(description, maxLength);
}

/** Every symbol of every issue asks for this one, entry by entry, after each edit. */
const fullLengthDescription = memoized((description: string) => plainDescription(description, FULL_NAME_LENGTH));

function plainDescription(description: string, maxLength: number): string {
  // Each replacement only where its character occurs at all: most descriptions hold few kinds of markup.
  let plain = description;
  if (plain.includes('<')) plain = plain.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  if (plain.includes('[')) {
    plain = plain
      .replace(/!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  }
  if (plain.includes('<')) plain = plain.replace(/<[^>\n]+>/g, ' ');
  if (plain.includes('>')) plain = plain.replace(/^[ \t]*>[ \t]?/gm, '');
  if (plain.includes('*') || plain.includes('`')) plain = plain.replace(/[*`]+/g, '');
  // Emphasis underscores go; those inside a word (`lazy_format`) stay.
  if (plain.includes('_')) plain = plain.replace(/(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])/g, '');
  plain = plain.replace(/\s+/g, ' ').trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  // Cut at the last whole word: the cut itself when a word ends exactly there.
  const space = plain[maxLength] === ' ' ? maxLength : cut.lastIndexOf(' ');
  const head = space > maxLength / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:!?–-]+$/, '')}…`;
}

/** Only bracketed tags (`[video] `) and spaces stand before the link: it leads its entry. */
const ONLY_TAGS = /^[\s>*+-]*(?:\[[^\]\n]*\][ \t]*)*$/;

/**
 * The entry's name: the text of the link it is about when that link leads the entry (a list item
 * `* [Title](url)`, a link heading `### [Title](url)`) and says more than its URL; else the start
 * of its description (a paragraph with link lines, a sentence with its link inline); else its host.
 */
export function entryLabel(document: IssueDocument, entry: Entry, hosts: readonly string[] = hostsOf(entry), maxLength = SHORT_DESCRIPTION_LENGTH): string {
  const link = entry.primaryLink;
  if (link && leads(document, entry, link) && !isUrlText(link)) {
    const title = shortDescription(link.text, maxLength);
    if (title) return title;
  }
  const short = shortDescription(entry.description, maxLength);
  if (short) return short;
  if (hosts[0]) return hosts[0];
  return /^\s*<!--/.test(entry.description) ? '(comment)' : '(empty entry)';
}

function leads(document: IssueDocument, entry: Entry, link: Link): boolean {
  if (entry.shape === 'link-heading') return true;
  // A paragraph entry is named by its description, whatever it links to.
  if (entry.shape !== 'list-item' || link.isLinkLine) return false;
  const start = document.lines.offsetAt(entry.descriptionRange?.start ?? entry.range.start);
  const at = document.lines.offsetAt(link.range.start);
  if (at < start) return false;
  return ONLY_TAGS.test(document.text.slice(start, at));
}

function isUrlText(link: Link): boolean {
  const text = link.text.trim();
  return text === '' || text === link.target || hostOf(text) !== undefined;
}
