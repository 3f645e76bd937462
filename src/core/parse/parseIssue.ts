import type { Root } from 'mdast';
import type { CalendarDate, DateField, Entry, Finding, FrontMatter, FrontMatterField, IssueDocument, Located, Section, Title } from '../model';
import type { FormatProfile } from '../format/profile';
import { DEFAULT_PROFILE } from '../format/presets';
import { LineIndex } from '../text/lineIndex';
import { parseHeader } from './frontMatter';
import { parseTitle, parseTitleText } from './title';
import { parseDateField, parseFileNameWith } from './dates';
import { readBody } from './body';
import { parseMarkdown } from './markdown';
import type { SharedBlocks } from './sharedBlocks';

export interface ParseOptions {
  /** The newsletter's format (default: the default profile). */
  readonly profile?: FormatProfile;
  /**
   * Keep what each block's entries were made from, for the next incremental update to reuse
   * (`parseForUpdates`, the editor's); a one-off parse (`check`) has no next update.
   */
  readonly forUpdates?: boolean;
  /**
   * The blocks of the issues parsed before (parsing an archive: `parseManyHere`): the blocks this
   * issue shares with them are copied, not parsed again. The document is the same.
   */
  readonly sharedBlocks?: SharedBlocks;
}

/**
 * Parses one issue file into its model, as the format profile describes issues. Never throws:
 * whatever the input (empty, binary, no or broken header, megabytes), the result is a document,
 * and problems become findings.
 */
export function parseIssue(input: string, fileName?: string, options: ParseOptions = {}): IssueDocument {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const lines = new LineIndex(text);
  const parseFindings: Finding[] = [];

  const { frontMatter, bodyStart, findings } = parseHeader(text, lines, profile.header.kind);
  parseFindings.push(...findings);

  const titleField = headerField(frontMatter, profile.header.titleField);
  const dateField = headerField(frontMatter, profile.header.dateField);
  let title: Title | undefined = titleField ? parseTitle(titleField, lines, profile.title.template) : undefined;
  const date: DateField | undefined = dateField ? parseDateField(dateField) : undefined;

  let tree: Root = { type: 'root', children: [] };
  let intro: Entry[] = [];
  let sections: Section[] = [];
  try {
    tree = parseMarkdown(text.slice(bodyStart), options.sharedBlocks);
    ({ intro, sections } = readBody(tree, text, lines, bodyStart, profile, options.forUpdates ?? false));
  } catch (error) {
    // The Markdown parser is not expected to fail; if it ever does, say so rather than crash the host.
    parseFindings.push({
      code: 'parse.failed',
      severity: 'error',
      message: `The issue could not be read as Markdown: ${error instanceof Error ? error.message : String(error)}`,
      range: lines.rangeOf(bodyStart, bodyStart),
    });
  }
  if (!title && profile.header.kind === 'none') title = firstHeadingTitle(tree, text, lines, bodyStart, profile.title.template);

  const fileNameInfo = fileName ? parseFileNameWith(fileName, profile.files.name) : undefined;
  const numberField = profile.header.numberField ? headerField(frontMatter, profile.header.numberField) : undefined;
  const number = numberOf(numberField) ?? title?.number;
  const publicationDate: CalendarDate | undefined = date?.calendar ?? fileNameInfo?.date;

  return {
    text,
    fileName,
    hadBom,
    frontMatter,
    title,
    date,
    number,
    publicationDate,
    fileNameInfo,
    intro,
    sections,
    parseFindings,
    lines,
    markdown: { tree, bodyOffset: bodyStart },
  };
}

/**
 * A header field by the profile's name for it: exactly as written, else ignoring case (Pelican
 * keys are case-insensitive, and a `Title:` where the profile says `title` is still the title).
 */
export function headerField(frontMatter: FrontMatter | undefined, name: string | undefined): FrontMatterField | undefined {
  if (!frontMatter || !name) return undefined;
  const exact = frontMatter.fields.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, field] of frontMatter.fields) if (key.toLowerCase() === lower) return field;
  return undefined;
}

export function numberOf(field: FrontMatterField | undefined): Located<number> | undefined {
  if (!field) return undefined;
  const match = /^["']?(\d{1,7})["']?$/.exec(field.rawValue);
  if (!match) return undefined;
  const skip = field.rawValue.indexOf(match[1]);
  const start = { line: field.valueRange.start.line, character: field.valueRange.start.character + skip };
  return { value: Number(match[1]), range: { start, end: { line: start.line, character: start.character + match[1].length } } };
}

/** For a format without a header: the first heading of the body is the title. */
export function firstHeadingTitle(tree: Root, text: string, lines: LineIndex, base: number, template: string): Title | undefined {
  const heading = tree.children.find((node) => node.type === 'heading');
  if (!heading || heading.type !== 'heading' || heading.children.length === 0) return undefined;
  const s = base + (heading.children[0].position?.start.offset ?? 0);
  const e = base + (heading.children[heading.children.length - 1].position?.end.offset ?? 0);
  return parseTitleText(text.slice(s, e), s, lines, template);
}

/** Parses an issue with the format of a resolved configuration: the one way features parse. */
export function parseWithConfig(text: string, fileName: string | undefined, config: { readonly format: FormatProfile }): IssueDocument {
  return parseIssue(text, fileName, { profile: config.format });
}
