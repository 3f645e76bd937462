/**
 * The issue model: what `parseIssue` returns and what every feature (rules, outline, render,
 * workspace index) reads. Plain data only, so it crosses the extension/CLI/webview boundaries
 * unchanged. Every range is 0-based line/character of the text as an editor shows it: a leading
 * BOM is not part of the text, and CRLF counts as one line break.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

import type { Root } from 'mdast';
import type { EntryShape, HeaderKind, SectionKind } from './format/profile';

export type { EntryShape, HeaderKind, SectionKind } from './format/profile';

/** A piece of source text together with where it stands. */
export interface Located<T> {
  readonly value: T;
  readonly range: Range;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A fix is data: text edits on the issue file and, optionally, a new name for it. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** New base name for the file (same folder), for fixes that rename. */
  readonly renameTo?: string;
  /** Preferred: the one obvious fix (VS Code shows it first and binds it to the quick-fix key). */
  readonly preferred?: boolean;
  /** Safe: applied by "fix all" without asking; never drops a URL or a word of description. */
  readonly safe?: boolean;
  /**
   * Where the cursor goes once the fix is applied: parts of one edit's new text (offsets into it),
   * selected together as one placeholder the user types over (a placeholder URL, typed once).
   */
  readonly select?: { readonly edit: number; readonly ranges: readonly { readonly start: number; readonly end: number }[] };
}

export interface Finding {
  /** Stable kebab-case code grouped by topic, e.g. `title.ordinal`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** Fixes, the primary one first. */
  readonly fixes?: readonly Fix[];
  /** Other places that explain the finding (e.g. the earlier issue that featured a URL). */
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly fileName: string;
  readonly range: Range;
  readonly message: string;
}

/** One `key: value` line at the top level of the front matter. */
export interface FrontMatterField {
  readonly key: string;
  readonly keyRange: Range;
  /** The value exactly as written (quotes included, trailing spaces excluded). */
  readonly rawValue: string;
  readonly valueRange: Range;
}

/** The metadata header: YAML or TOML front matter, or Pelican `Key: value` lines. */
export interface FrontMatter {
  readonly kind: HeaderKind;
  /** The text between the fences (or the header lines), as written. */
  readonly raw: string;
  /** The whole block, fences included. */
  readonly range: Range;
  /** False when the closing fence is missing: the block then runs to the end of the file. */
  readonly terminated: boolean;
  /** What the YAML parser made of it; empty when it did not parse. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly fields: ReadonlyMap<string, FrontMatterField>;
  /** The parse error, if any, with the line it names (0-based, in the file). */
  readonly error?: { readonly message: string; readonly line: number };
}

export interface CalendarDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
}

/** The issue title decomposed; each part is absent when the title does not contain it. */
export interface Title {
  readonly text: string;
  readonly range: Range;
  readonly number?: Located<number>;
  readonly day?: Located<number>;
  readonly ordinal?: Located<string>;
  /** 1..12, with the range of the month's name. */
  readonly month?: Located<number>;
  readonly year?: Located<number>;
}

export interface DateField {
  readonly raw: string;
  readonly range: Range;
  /** The calendar day as written (in the date's own offset), absent when not a date. */
  readonly calendar?: CalendarDate;
  /** The instant, when the value has a time. */
  readonly instant?: Date;
}

export interface FileNameInfo {
  readonly baseName: string;
  readonly date?: CalendarDate;
  readonly number?: number;
}


export interface Link {
  readonly text: string;
  readonly target: string;
  readonly range: Range;
  readonly textRange: Range;
  readonly targetRange: Range;
  /** True for a `<br>[URL](URL)` line: the link is the only thing on its line after `<br>`. */
  readonly isLinkLine: boolean;
  /** `[text](target)`, `<target>` (autolink) or a reference `[text][label]`. */
  readonly style: 'inline' | 'autolink' | 'reference';
}

/** A URL written as plain text, not as a link (with or without a scheme). */
export interface BareUrl {
  readonly url: string;
  readonly range: Range;
}

export interface Entry {
  /**
   * What the entry is: a `paragraph` block (with link lines), a `list-item`, a `link-heading` with
   * the paragraphs under it, or `block`, any other block in a section whose entries have one of the
   * other shapes (a paragraph of text between list entries, a code block).
   */
  readonly shape: EntryShape | 'block';
  /** The whole paragraph, list item, or heading with its paragraphs. */
  readonly range: Range;
  /**
   * Source text before the first link line (for a list item: after its bullet; for a link heading:
   * the paragraphs under it), trimmed; may hold inline links of its own.
   */
  readonly description: string;
  readonly descriptionRange?: Range;
  /** Every link of the paragraph, link lines and inline description links alike, in order. */
  readonly links: readonly Link[];
  /**
   * The link the entry is about: its first link line, the link that leads a list item (after any
   * `[video]` tag) or the heading's link; for an item with its link inline, its first link.
   */
  readonly primaryLink?: Link;
  readonly bareUrls: readonly BareUrl[];
  /** Kind of Markdown block: most entries are paragraphs. */
  readonly blockType: string;
  /** True when the paragraph is a block quote whose text starts `>From` (a mail-escaping artefact). */
  readonly quotedFrom: boolean;
}

export interface Section {
  readonly name: string;
  readonly kind: SectionKind;
  /** Its entries are featured links, which the duplicate and seen-before checks compare. */
  readonly featured: boolean;
  /** Its links repeat other entries of the issue on purpose. */
  readonly repeatsByDesign: boolean;
  /** The entry shape the format expects here. */
  readonly entryShape: EntryShape;
  /** The heading's level, 1-6 (setext `===` is 1, `---` 2, a quoted heading 1). */
  readonly level: number;
  /** 0 for a top-level section, 1 for its subsections, and so on. */
  readonly depth: number;
  /** Index in `IssueDocument.sections` of the section this one is a subsection of. */
  readonly parent?: number;
  readonly headingStyle: 'setext' | 'atx' | 'quoted';
  /** The heading, underline included. */
  readonly headingRange: Range;
  readonly nameRange: Range;
  /**
   * From the line after the heading to the end of its last block, subsections included (so that
   * the section folds as a whole).
   */
  readonly bodyRange: Range;
  /** The entries directly in this section, before and between its subsections. */
  readonly entries: readonly Entry[];
}

export interface IssueDocument {
  /** The text, without a leading BOM. */
  readonly text: string;
  readonly fileName?: string;
  readonly hadBom: boolean;
  /** The metadata header (whatever its kind); absent when the file has none. */
  readonly frontMatter?: FrontMatter;
  /** The title: the header's title field, or for a format without a header, the first heading. */
  readonly title?: Title;
  /** The header's date field. */
  readonly date?: DateField;
  /** The issue number: the header's number field where the format has one, else the title's. */
  readonly number?: Located<number>;
  /**
   * The publication day: the header's date field where it holds a date, else the file name's.
   * The one notion of an issue's date that every feature uses.
   */
  readonly publicationDate?: CalendarDate;
  readonly fileNameInfo?: FileNameInfo;
  /** Blocks between the front matter and the first section. */
  readonly intro: readonly Entry[];
  /**
   * Every section and subsection in document order; `parent` and `depth` give the nesting (see
   * `sectionTree` for the tree).
   */
  readonly sections: readonly Section[];
  /** Problems found while parsing (front matter that does not parse, ...). */
  readonly parseFindings: readonly Finding[];
  /** Converts offsets of `text` to positions and back. */
  readonly lines: LineIndexLike;
  /**
   * The body's Markdown syntax tree (mdast, from remark-parse) for renderers; its offsets are
   * relative to `bodyOffset` in `text`.
   */
  readonly markdown: { readonly tree: Root; readonly bodyOffset: number };
}

export interface LineIndexLike {
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineText(line: number): string;
}
