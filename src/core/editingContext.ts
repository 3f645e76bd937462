/**
 * Where a line stands in an issue, and what an entry written there looks like: for the features
 * that insert text (completions, paste). The shape comes from the section (its rule's
 * `entryShape`, else the profile's), never from the newsletter's name.
 */
import type { EntryShape, FormatProfile } from './format/profile';
import type { IssueDocument, Section } from './model';

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
