/**
 * Where a line stands in an issue, and what an entry written there looks like: for the features
 * that insert text (completions, paste). The shape comes from the section (its rule's
 * `entryShape`, else the profile's), never from the newsletter's name.
 */
import type { EntryShape, FormatProfile } from './format/profile';
import type { IssueDocument, Section, TextEdit } from './model';
import { withoutTrackingParameters } from './urls';

export interface LineContext {
  readonly region: 'frontMatter' | 'intro' | 'heading' | 'section';
  /** The section the line is in (region `section` or `heading`): the innermost one. */
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

/** The entry shape expected on a line: its section's, else the profile's. */
export function entryShapeAt(context: LineContext, profile: FormatProfile): EntryShape {
  return context.section?.entryShape ?? profile.entries.shape;
}

/** The level of an entry heading (`### [Title](url)`) in a section: one below the section's heading. */
export function entryHeadingLevel(context: LineContext): number {
  return Math.min(6, (context.section?.level ?? 2) + 1);
}

/**
 * The pasted text when it is one bare `http(s)` URL (surrounding whitespace aside), with the
 * link target to write for it, else undefined. A URL with parentheses gets its target in `<...>`,
 * so the Markdown link holds together and the text still reads as the URL; one with brackets is
 * left to the plain paste (its text would need escapes and no longer read as the URL).
 */
export function pastedUrl(pasted: string): { url: string; target: string } | undefined {
  const url = pasted.trim();
  if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url)) return undefined;
  if (/[<>[\]]/.test(url)) return undefined;
  return { url, target: /[()]/.test(url) ? `<${url}>` : url };
}

/** The link line `<br>[URL](URL)` for a pasted bare URL (see `pastedUrl`), else undefined. */
export function linkLineForPaste(pasted: string): string | undefined {
  const link = pastedUrl(pasted);
  return link && `<br>[${link.url}](${link.target})`;
}

/**
 * A pasted URL as an entry of the shape the line's section expects: a link line for a paragraph
 * entry, `* [URL](URL)` (with the profile's bullet) for a list item, `### [URL](URL)` for a link
 * heading. Undefined when the text is not one URL.
 */
export function entryForPaste(pasted: string, context: LineContext, profile: FormatProfile): string | undefined {
  const link = pastedUrl(pasted);
  if (!link) return undefined;
  const markdown = `[${link.url}](${link.target})`;
  switch (entryShapeAt(context, profile)) {
    case 'list-item': return `${profile.entries.bullet} ${markdown}`;
    case 'link-heading': return `${'#'.repeat(entryHeadingLevel(context))} ${markdown}`;
    default: return `<br>${markdown}`;
  }
}

/**
 * Whether an entry inserted right above `below` (the next line's text) needs a blank line after
 * it to stay apart: a link line joins the entry below only when that line is a link line too, a
 * list item only a further list item; a heading always stands apart from text under it.
 */
export function needsBlankLineAfter(shape: EntryShape, below: string): boolean {
  if (below.trim() === '') return false;
  if (shape === 'paragraph') return !LINK_LINE_START.test(below);
  if (shape === 'list-item') return !/^[ \t]*[*+-][ \t]/.test(below);
  return true;
}

/**
 * The blank lines the section's entries leave between each other (the most common gap between
 * two neighbouring entries), else the profile's `entries.blankLinesBetween`.
 */
export function blankLinesBetweenEntries(document: IssueDocument, section: Section | undefined, profile: FormatProfile, exceptLine?: number): number {
  const counts = new Map<number, number>();
  // The entry being typed (a half-written word on `exceptLine`) is not a neighbour yet.
  const entries = (section?.entries ?? []).filter((e) => exceptLine === undefined || e.range.start.line > exceptLine || e.range.end.line < exceptLine);
  for (let i = 1; i < entries.length; i++) {
    let gap = 0;
    for (let line = entries[i - 1].range.end.line + 1; line < entries[i].range.start.line; line++) {
      if (document.lines.lineText(line).trim() === '') gap++;
    }
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  const most = Math.max(0, ...counts.values());
  const tied = [...counts].filter(([, n]) => n === most).map(([gap]) => gap);
  // A tie goes to the profile's habit where it is among them, else to the tighter spacing.
  if (tied.length === 0 || tied.includes(profile.entries.blankLinesBetween)) return profile.entries.blankLinesBetween;
  return Math.min(...tied);
}

/**
 * The edits that give an entry written on `line` the spacing of its neighbours: the blank lines
 * between it and the entry above (and the entry below) made as many as the section uses. Nothing
 * is touched next to a heading or outside the line's section. Ranges stay off `line` itself, so
 * they go with an edit of that line (a completion's additional edits, a paste's extra edit).
 */
export function entrySpacingEdits(document: IssueDocument, line: number, profile: FormatProfile): TextEdit[] {
  return entrySpacing(document, line, profile).edits;
}

/** `entrySpacingEdits`, and whether an entry of the section follows (then the new entry needs no line break of its own after it). */
export function entrySpacing(document: IssueDocument, line: number, profile: FormatProfile): { edits: TextEdit[]; entryBelow: boolean } {
  const context = lineContextOf(document, line);
  // Right under a line of text the new line continues what is there (a further link line): nothing to space.
  if (context.region !== 'section' || !context.section || context.above === 'text') return { edits: [], entryBelow: false };
  const section = context.section;
  const blank = blankLinesBetweenEntries(document, section, profile, line);
  const isBlank = (l: number) => document.lines.lineText(l).trim() === '';
  const inEntry = (l: number) => section.entries.some((e) => e.range.start.line <= l && l <= e.range.end.line && !(e.range.start.line <= line && line <= e.range.end.line));
  const edits: TextEdit[] = [];
  let above = line - 1;
  while (above >= 0 && isBlank(above)) above--;
  if (above >= 0 && inEntry(above) && line - 1 - above !== blank) {
    const end = line - 1 > above ? { line: line - 1, character: document.lines.lineText(line - 1).length } : { line: above, character: document.lines.lineText(above).length };
    edits.push({ range: { start: { line: above, character: document.lines.lineText(above).length }, end }, newText: '\n'.repeat(blank) });
  }
  let below = line + 1;
  while (below < document.lines.lineCount && isBlank(below)) below++;
  const entryBelow = below < document.lines.lineCount && inEntry(below);
  if (entryBelow && below - line - 1 !== blank) {
    edits.push({ range: { start: { line: line + 1, character: 0 }, end: { line: below, character: 0 } }, newText: '\n'.repeat(blank) });
  }
  return { edits, entryBelow };
}

/** One way to paste: the text at the cursor, and edits elsewhere (the spacing of an entry). */
export interface PasteChoice {
  readonly text: string;
  readonly title: string;
  /** `entry`: the URL as an entry of the section; `url`: the URL alone (without tracking parameters). */
  readonly kind: 'entry' | 'url';
  readonly edits: readonly TextEdit[];
}

/**
 * What pasting `pasted` on `line` may give, best first (the editor's plain paste stays one click
 * away in the paste widget). A bare URL on an empty line of a section becomes an entry of the
 * section's shape, with the blank lines its neighbours use; a URL with tracking parameters
 * (`?utm_source=...`) is pasted without them first, and as written second.
 */
export function pasteChoices(document: IssueDocument, line: number, lineIsBlank: boolean, pasted: string, profile: FormatProfile, lineBelow: string): PasteChoice[] {
  const link = pastedUrl(pasted);
  if (!link) return [];
  const clean = withoutTrackingParameters(link.url);
  const tracked = clean !== link.url;
  const context = lineContextOf(document, line);
  const choices: PasteChoice[] = [];
  if (lineIsBlank && context.region === 'section') {
    const edits = entrySpacingEdits(document, line, profile);
    const shape = entryShapeAt(context, profile);
    // Unless the spacing edits part it from the line below, an entry must not glue itself to it.
    const apart = edits.some((e) => e.range.start.line === line + 1);
    const entryOf = (url: string) => {
      const entry = entryForPaste(url, context, profile) as string;
      return !apart && needsBlankLineAfter(shape, lineBelow) ? `${entry}\n` : entry;
    };
    if (tracked) choices.push({ text: entryOf(clean), title: 'Insert as a newsletter entry, without tracking parameters', kind: 'entry', edits });
    choices.push({ text: entryOf(link.url), title: tracked ? 'Insert as a newsletter entry, tracking parameters kept' : 'Insert as a newsletter entry', kind: 'entry', edits });
  } else if (tracked) {
    choices.push({ text: pasted.replace(link.url, clean), title: 'Paste the URL without tracking parameters', kind: 'url', edits: [] });
  }
  return choices;
}
