/**
 * The outline of an issue: the tree the editor shows as document symbols (Outline view,
 * breadcrumbs). Folding (`folding.ts`), workspace symbols (`symbols.ts`) and the editing context
 * (`editingContext.ts`) read the same model on their own.
 */
import type { Entry, IssueDocument, Position, Range, SectionKind } from './model';
import { sectionTree, type SectionNode } from './sectionTree';
import { dayLabel, entryName, entryStyleOf, hostsOf, issueDayOf, issueNumberOf, type EntryStyle } from './entryLabels';

export { dayLabel, entryLabel, entryName, entryStyleOf, hostOf, hostsOf, issueDayOf, issueNumberOf, shortDescription, type EntryStyle } from './entryLabels';

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
  /** A section's entries and subsections, in document order. */
  readonly children: readonly OutlineNode[];
  /** For sections. */
  readonly sectionKind?: SectionKind;
  /** For sections: the index in `document.sections`. */
  readonly sectionIndex?: number;
  /** For entries: the hosts of its link lines (else of any link), in order, without repeats. */
  readonly hosts?: readonly string[];
  /** For entries: what it is, for its icon. */
  readonly entryStyle?: EntryStyle;
}

/**
 * The outline of an issue: one root node for the issue (its number and date), the top-level
 * sections under it, each with its entries and subsections in document order, the entries named
 * by their link's title or the start of their description, with their links' hosts as detail.
 * The root covers the whole file, so breadcrumbs always have it.
 */
export function outlineOf(document: IssueDocument): OutlineNode {
  const sections = sectionTree(document).map((node) => sectionNode(document, node));
  const lastLine = Math.max(0, document.lines.lineCount - 1);
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: document.lines.lineText(lastLine).length } };
  const number = issueNumberOf(document);
  const selection = document.title?.range ?? document.frontMatter?.range ?? { start: whole.start, end: whole.start };
  return {
    kind: 'issue',
    name: number !== undefined ? `Issue #${number}` : document.title?.text.trim() || 'Issue',
    detail: dayLabel(issueDayOf(document)),
    range: whole,
    selectionRange: clampInside(selection, whole),
    children: sections,
  };
}

function sectionNode(document: IssueDocument, node: SectionNode): OutlineNode {
  const { section } = node;
  const entries = section.entries.map((entry) => entryNode(document, entry));
  const subsections = node.children.map((child) => sectionNode(document, child));
  const children = [...entries, ...subsections].sort((a, b) => compare(a.range.start, b.range.start));
  const range: Range = { start: section.headingRange.start, end: sectionEndOf(node) };
  const count = countEntries(node);
  return {
    kind: 'section',
    name: section.name.trim() || '(untitled section)',
    // The sponsor's section is set apart: it says so (and has its own icon in the editor).
    detail: `${section.kind === 'sponsor' ? 'sponsor · ' : ''}${count} ${count === 1 ? 'entry' : 'entries'}`,
    range,
    selectionRange: clampInside(section.nameRange, range),
    children,
    sectionKind: section.kind,
    sectionIndex: node.index,
  };
}

function entryNode(document: IssueDocument, entry: Entry): OutlineNode {
  const hosts = hostsOf(entry);
  return {
    kind: 'entry',
    // Whole: the editor cuts names to the view's width itself (and would cut a cut name again).
    name: entryName(document, entry, hosts),
    detail: hosts.length === 0 ? 'no link' : hosts.join(', '),
    range: entry.range,
    selectionRange: clampInside(entry.primaryLink && entry.shape !== 'paragraph' ? entry.primaryLink.range : entry.descriptionRange ?? entry.links[0]?.range ?? entry.range, entry.range),
    children: [],
    hosts,
    entryStyle: entryStyleOf(entry, hosts),
  };
}

/** The entries of a section and of its subsections. */
export function countEntries(node: SectionNode): number {
  return node.children.reduce((n, child) => n + countEntries(child), node.section.entries.length);
}

/**
 * Where a section ends: its last entry or the end of its last subsection, else its heading (not
 * the blank lines after it).
 */
export function sectionEndOf(node: SectionNode): Position {
  let end = node.section.headingRange.end;
  const last = node.section.entries[node.section.entries.length - 1];
  if (last) end = later(end, last.range.end);
  for (const child of node.children) end = later(end, sectionEndOf(child));
  return end;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function later(a: Position, b: Position): Position {
  return compare(a, b) >= 0 ? a : b;
}

/** VS Code rejects a symbol whose selection range is not inside its range. */
export function clampInside(selection: Range, range: Range): Range {
  if (compare(selection.start, range.start) < 0 || compare(range.end, selection.end) < 0) return { start: range.start, end: range.start };
  return selection;
}

/** Counts for a status line: the sections (nested) with their entries and the links they feature. */
export interface IssueSummary {
  readonly number?: number;
  readonly sections: readonly {
    readonly name: string;
    /** 0 for a top-level section, 1 for a subsection, ... */
    readonly depth: number;
    /** Entries directly in the section (not in its subsections). */
    readonly entries: number;
    readonly links: number;
  }[];
  readonly entries: number;
  readonly links: number;
}

/**
 * The links an entry features: its link lines in a paragraph entry (`<br>[URL](URL)`), its
 * primary link in a list item or link heading.
 */
export function featuredLinkCount(entry: Entry): number {
  if (entry.shape === 'paragraph') return entry.links.filter((link) => link.isLinkLine).length;
  if (entry.shape === 'block') return 0;
  return entry.primaryLink ? 1 : 0;
}

export function summaryOf(document: IssueDocument): IssueSummary {
  const sections = document.sections.map((section) => ({
    name: section.name.trim() || '(untitled section)',
    depth: section.depth,
    entries: section.entries.length,
    links: section.entries.reduce((n, entry) => n + featuredLinkCount(entry), 0),
  }));
  return {
    number: issueNumberOf(document),
    sections,
    entries: sections.reduce((n, s) => n + s.entries, 0),
    links: sections.reduce((n, s) => n + s.links, 0),
  };
}
