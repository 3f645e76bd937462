import type { Entry, IssueDocument, Range, Section, SectionKind } from './model';
import { MONTHS } from './parse/title';

/** One node of an issue's outline: what the editor shows as a document symbol. */
export interface OutlineNode {
  readonly kind: 'issue' | 'section' | 'entry';
  readonly name: string;
  /** Shown beside the name: the date, the entry count, the link's host. */
  readonly detail: string;
  /** All the node covers (folding, "select to here"). */
  readonly range: Range;
  /** What to reveal and highlight when the node is picked; inside `range`. */
  readonly selectionRange: Range;
  readonly children: readonly OutlineNode[];
  /** For sections. */
  readonly sectionKind?: SectionKind;
  /** For entries: the hosts of its link lines (else of any link), in order, without repeats. */
  readonly hosts?: readonly string[];
}

export interface FoldingRegion {
  /** 0-based first and last line. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: 'frontMatter' | 'section' | 'entry';
}

const SHORT_DESCRIPTION_LENGTH = 48;

/**
 * The outline of an issue: one root node for the issue (its number and date), the sections under
 * it with their entry counts, the entries under their section named by a short form of the
 * description, with their links' hosts as detail. The root covers the whole file, so breadcrumbs
 * always have it.
 */
export function outlineOf(document: IssueDocument): OutlineNode {
  const sections = document.sections.map(sectionNode);
  const lastLine = Math.max(0, document.lines.lineCount - 1);
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: document.lines.lineText(lastLine).length } };
  const number = issueNumberOf(document);
  const day = issueDayOf(document);
  const selection = document.title?.range ?? document.frontMatter?.range ?? { start: whole.start, end: whole.start };
  return {
    kind: 'issue',
    name: number !== undefined ? `Issue #${number}` : 'Issue',
    detail: day ? `${day.day} ${MONTHS[day.month - 1]} ${day.year}` : '',
    range: whole,
    selectionRange: clampInside(selection, whole),
    children: sections,
  };
}

function sectionNode(section: Section): OutlineNode {
  const entries = section.entries.map(entryNode);
  const range: Range = { start: section.headingRange.start, end: sectionEnd(section) };
  const count = section.entries.length;
  return {
    kind: 'section',
    name: section.name.trim() || '(untitled section)',
    detail: `${count} ${count === 1 ? 'entry' : 'entries'}`,
    range,
    selectionRange: clampInside(section.nameRange, range),
    children: entries,
    sectionKind: section.kind,
  };
}

function entryNode(entry: Entry): OutlineNode {
  const hosts = hostsOf(entry);
  const short = shortDescription(entry.description);
  return {
    kind: 'entry',
    name: short || (hosts[0] ?? '(empty entry)'),
    detail: hosts.length === 0 ? 'no link' : hosts.join(', '),
    range: entry.range,
    selectionRange: clampInside(entry.descriptionRange ?? entry.links[0]?.range ?? entry.range, entry.range),
    children: [],
    hosts,
  };
}

/** The hosts an entry links to: its link lines' (the entry's own links), else any link's. */
export function hostsOf(entry: Entry): string[] {
  const lineLinks = entry.links.filter((link) => link.isLinkLine);
  const links = lineLinks.length > 0 ? lineLinks : entry.links;
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
  const trimmed = url.trim().replace(/^<|>$/g, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : /^www\./i.test(trimmed) ? `https://${trimmed}` : undefined;
  if (!withScheme) return undefined;
  try {
    const host = new URL(withScheme).hostname.toLowerCase();
    return host.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A short, plain form of a description: Markdown links become their text, emphasis and code
 * marks go, whitespace collapses, and the result is cut at a word boundary with an ellipsis.
 */
export function shortDescription(description: string, maxLength = SHORT_DESCRIPTION_LENGTH): string {
  const plain = description
    .replace(/!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>\n]+>/g, ' ')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  // Cut at the last whole word: the cut itself when a word ends exactly there.
  const space = plain[maxLength] === ' ' ? maxLength : cut.lastIndexOf(' ');
  const head = space > maxLength / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:!?–-]+$/, '')}…`;
}

/** Folding: the front matter, each section (heading to its last entry), each entry of more than one line. */
export function foldingRegionsOf(document: IssueDocument): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  const front = document.frontMatter?.range;
  if (front && front.end.line > front.start.line) regions.push({ startLine: front.start.line, endLine: front.end.line, kind: 'frontMatter' });
  for (const section of document.sections) {
    const end = sectionEnd(section).line;
    if (end > section.headingRange.start.line) regions.push({ startLine: section.headingRange.start.line, endLine: end, kind: 'section' });
    for (const entry of section.entries) {
      if (entry.range.end.line > entry.range.start.line) regions.push({ startLine: entry.range.start.line, endLine: entry.range.end.line, kind: 'entry' });
    }
  }
  return regions;
}

/** The issue's number: the title's, else the file name's. */
export function issueNumberOf(document: IssueDocument): number | undefined {
  return document.title?.number?.value ?? document.fileNameInfo?.number;
}

/** The issue's day: the `date` field's, else the file name's, else the title's. */
export function issueDayOf(document: IssueDocument): { year: number; month: number; day: number } | undefined {
  if (document.date?.calendar) return document.date.calendar;
  if (document.fileNameInfo?.date) return document.fileNameInfo.date;
  const t = document.title;
  if (t?.day && t.month && t.year) return { year: t.year.value, month: t.month.value, day: t.day.value };
  return undefined;
}

/** Counts for a status line: entries per section and the link lines (`<br>[URL](URL)`) of each. */
export interface IssueSummary {
  readonly number?: number;
  readonly sections: readonly { readonly name: string; readonly entries: number; readonly links: number }[];
  readonly entries: number;
  readonly links: number;
}

export function summaryOf(document: IssueDocument): IssueSummary {
  const sections = document.sections.map((section) => ({
    name: section.name.trim() || '(untitled section)',
    entries: section.entries.length,
    links: section.entries.reduce((n, entry) => n + entry.links.filter((link) => link.isLinkLine).length, 0),
  }));
  return {
    number: issueNumberOf(document),
    sections,
    entries: sections.reduce((n, s) => n + s.entries, 0),
    links: sections.reduce((n, s) => n + s.links, 0),
  };
}

/** Where a section ends: its last entry, else its heading (not the blank lines after it). */
function sectionEnd(section: Section): Range['end'] {
  const last = section.entries[section.entries.length - 1];
  return last ? later(section.headingRange.end, last.range.end) : section.headingRange.end;
}

function later(a: Range['end'], b: Range['end']): Range['end'] {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b;
}

function before(a: Range['end'], b: Range['end']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** VS Code rejects a symbol whose selection range is not inside its range. */
function clampInside(selection: Range, range: Range): Range {
  if (before(selection.start, range.start) || before(range.end, selection.end)) return { start: range.start, end: range.start };
  return selection;
}

/** A symbol for "Go to Symbol in Workspace": an issue, or one entry's link host. */
export interface WorkspaceSymbolItem {
  readonly kind: 'issue' | 'entry';
  readonly name: string;
  /** Where it stands, e.g. `#498 · News`. */
  readonly container: string;
  readonly range: Range;
}

/** What the workspace symbol search keeps of one issue (small: no text, no syntax tree). */
export interface IssueSymbols {
  readonly number?: number;
  readonly title: string;
  readonly baseName: string;
  readonly outline: OutlineNode;
}

export function issueSymbolsOf(document: IssueDocument): IssueSymbols {
  return {
    number: issueNumberOf(document),
    title: document.title?.text ?? '',
    baseName: document.fileNameInfo?.baseName ?? '',
    outline: outlineOf(document),
  };
}

/**
 * What one issue offers to a workspace symbol query: `#498` finds the issue numbered 498 (and,
 * while typing, those whose number starts with the digits); any other text finds issues whose
 * title contains it and entries whose link host contains it. An empty query lists the issues.
 */
export function matchWorkspaceSymbols(issue: IssueSymbols, query: string): WorkspaceSymbolItem[] {
  const q = query.trim().toLowerCase();
  const { number, outline } = issue;
  const issueName = number !== undefined ? `#${number} ${outline.detail}`.trim() : issue.baseName || 'Issue';
  const issueItem: WorkspaceSymbolItem = { kind: 'issue', name: issueName, container: issue.title, range: outline.selectionRange };
  if (q === '') return [issueItem];
  const digits = /^#?\s*(\d+)$/.exec(q);
  if (digits) return number !== undefined && String(number).startsWith(digits[1]) ? [issueItem] : [];

  const items: WorkspaceSymbolItem[] = [];
  if (issue.title.toLowerCase().includes(q)) items.push(issueItem);
  for (const section of outline.children) {
    for (const entry of section.children) {
      const host = entry.hosts?.find((h) => h.includes(q));
      if (!host) continue;
      items.push({
        kind: 'entry',
        name: `${host} · ${entry.name}`,
        container: number !== undefined ? `#${number} · ${section.name}` : section.name,
        range: entry.selectionRange,
      });
    }
  }
  return items;
}

/** `matchWorkspaceSymbols` for a parsed document. */
export function workspaceSymbolsOf(document: IssueDocument, query: string): WorkspaceSymbolItem[] {
  return matchWorkspaceSymbols(issueSymbolsOf(document), query);
}

/** Where a line stands in an issue, for features that insert text (completions, paste). */
export interface LineContext {
  readonly region: 'frontMatter' | 'intro' | 'heading' | 'section';
  /** The section the line is in (region `section` or `heading`). */
  readonly section?: Section;
  /**
   * What the line above is: `boundary` for the start of the body or a section (front matter
   * fence, heading underline, top of file), `blank`, or `text` (a paragraph's line).
   */
  readonly above: 'boundary' | 'blank' | 'text';
  /** True when the line above is a link line `<br>[...](...)`. */
  readonly aboveIsLinkLine: boolean;
}

const LINK_LINE_START = /^[ \t]*<br[ \t]*\/?>/i;

/**
 * The context of a line, from the parsed model's front matter and section headings (the line's
 * own text does not matter, so a half-typed word on it changes nothing).
 */
export function lineContextOf(document: IssueDocument, line: number): LineContext {
  const front = document.frontMatter?.range;
  if (front && line >= front.start.line && line <= front.end.line) return { region: 'frontMatter', above: 'boundary', aboveIsLinkLine: false };
  let section: Section | undefined;
  for (const candidate of document.sections) {
    const { start, end } = candidate.headingRange;
    if (line >= start.line && line <= end.line) return { region: 'heading', section: candidate, above: 'boundary', aboveIsLinkLine: false };
    if (end.line < line) section = candidate;
  }
  const previous = line - 1;
  const isBoundary = previous < 0 || (front !== undefined && previous === front.end.line) || (section !== undefined && previous === section.headingRange.end.line);
  const aboveText = previous >= 0 ? document.lines.lineText(previous) : '';
  const above = isBoundary ? 'boundary' : aboveText.trim() === '' ? 'blank' : 'text';
  return { region: section ? 'section' : 'intro', section, above, aboveIsLinkLine: above === 'text' && LINK_LINE_START.test(aboveText) };
}

/**
 * The link line for pasted text that is one bare `http(s)` URL (surrounding whitespace aside),
 * else undefined. A URL with parentheses gets its target in `<...>`, so the Markdown link holds
 * together and the text still reads as the URL; one with brackets is left to the plain paste.
 */
export function linkLineForPaste(pasted: string): string | undefined {
  const url = pasted.trim();
  if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url)) return undefined;
  // Brackets would need escapes in the link text, which then no longer reads as the URL.
  if (/[<>[\]]/.test(url)) return undefined;
  const target = /[()]/.test(url) ? `<${url}>` : url;
  return `<br>[${url}](${target})`;
}
