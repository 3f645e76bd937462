/**
 * The format profile: everything that differs from one newsletter to the next, as plain data.
 * Every feature (parser, rules, outline, New Issue, completions, paste, preview, renderers) reads
 * its format from here and never from a newsletter's name. Presets (`presets.ts`) are objects of
 * this type; `resolveProfile` (`validate.ts`) layers a project's overrides over one of them; the
 * JSON schema for `.newsletter-desk.json` is derived from `PROFILE_FIELDS` below.
 */

/** How the metadata header at the top of an issue is written. */
export type HeaderKind =
  /** `---` YAML front matter (Jekyll). */
  | 'yaml'
  /** `+++` TOML front matter (Hugo, Zola). */
  | 'toml'
  /** `Key: value` lines ended by a blank line (Pelican, MultiMarkdown). */
  | 'pelican'
  /** No header: the title is the first heading. */
  | 'none';

/**
 * The shape of an entry, the unit a reader sees as one item of the newsletter.
 * - `paragraph`: a description paragraph followed by `<br>[URL](URL)` link lines (DevOps Weekly);
 * - `list-item`: a list item, one per entry, holding its link (`* [Title](url)` or a sentence with
 *   the link inline; see `EntriesProfile.linkPosition`);
 * - `link-heading`: a heading that is a link (`### [Title](url)`) followed by paragraphs.
 */
export type EntryShape = 'paragraph' | 'list-item' | 'link-heading';

export const ENTRY_SHAPES: readonly EntryShape[] = ['paragraph', 'list-item', 'link-heading'];

/** What a section holds, for the features that treat sections differently. */
export type SectionKind = 'sponsor' | 'news' | 'tools' | 'links' | 'events' | 'jobs' | 'other';

export const SECTION_KINDS: readonly SectionKind[] = ['sponsor', 'news', 'tools', 'links', 'events', 'jobs', 'other'];

/** The Markdown renderer of the site that publishes the issues. */
export type RendererName = 'commonmark' | 'kramdown' | 'python-markdown';

export const RENDERERS: readonly RendererName[] = ['commonmark', 'kramdown', 'python-markdown'];

/** How a section heading is matched to what it is. The first rule that matches wins. */
export interface SectionRule {
  /**
   * A case-insensitive regular expression tested against the heading's text (spaces collapsed,
   * trailing `:`/`.` removed), e.g. `"^news$"` or `"sponsor"`.
   */
  readonly match: string;
  readonly kind: SectionKind;
  /** Its entries are featured links: `link.duplicate` and `link.seen-before` look at them. */
  readonly featured?: boolean;
  /** The entry shape in this section and its subsections, when it differs from the profile's. */
  readonly entryShape?: EntryShape;
  /**
   * Its links repeat entries of the issue by design (a highlights section listing entries that
   * follow), so a URL here and again elsewhere is no duplicate.
   */
  readonly repeatsByDesign?: boolean;
}

export interface FilesProfile {
  /**
   * Globs, relative to the folder that holds `.newsletter-desk.json` (or the workspace folder),
   * that name the issue files.
   */
  readonly globs: readonly string[];
  /** Where New Issue writes, relative to the same folder. */
  readonly folder: string;
  /**
   * The file name of an issue, with `{yyyy}`, `{mm}`, `{dd}`, `{number}` and `{slug}` (any text
   * without a dot), e.g. `{yyyy}-{mm}-{dd}-{number}.md`. New Issue writes it; the parser reads the
   * date and number back from existing names (any extension is accepted there).
   */
  readonly name: string;
}

export interface HeaderProfile {
  readonly kind: HeaderKind;
  /** Field names (case-insensitive for `pelican`) that carry the title, date, number and slug. */
  readonly titleField: string;
  readonly dateField: string;
  /** Absent when the issue has no number field (the number may still be in the title or file name). */
  readonly numberField?: string;
  readonly slugField?: string;
  /**
   * Which day the title's date must be: `dateField` (default), the day of the date field (DevOps
   * Weekly: title, date field and file name all name the publication day); `fileName`, the file
   * name's day (LWKD: the title and file name name the week's last day, the date field the day it
   * went out, a few days later).
   */
  readonly titleDateMatches?: 'dateField' | 'fileName';
  /**
   * How many days the date field may lie before or after the file name's day (default 0: Jekyll
   * takes a post's date and address from its file name, so they must agree). More where the file
   * name is the day the issue was started or the week it covers and the date field the day it was
   * published.
   */
  readonly dateSlackDays?: number;
}

export interface TitleProfile {
  /**
   * The title as written in the header, with the placeholders `{number}`, `{day}` (1-31), `{dd}`
   * (01-31), `{ordinal}` (st, nd, rd, th), `{month}` (January), `{mon}` (Jan), `{mm}` (01-12),
   * `{year}`, `{iso}` (2024-03-17) and `{week}` (ISO week, 01-53). A template without a date
   * placeholder is fine: the title then carries no date.
   */
  readonly template: string;
}

export interface SectionsProfile {
  /**
   * Heading levels (1-6) that open a section; setext `===` is level 1 and `---` level 2. Deeper
   * headings are content (or entries, in a `link-heading` section).
   */
  readonly levels: readonly number[];
  /**
   * True: a heading is a subsection of the nearest heading above it with a lower level. False:
   * every section heading starts a top-level section, whatever its level.
   */
  readonly nested: boolean;
  /** A `>Name` block quote over a `===` line is a section heading (a mail-escaping artefact). */
  readonly quotedHeadings: boolean;
  /** How heading names map to kinds; a heading no rule matches is `other`, not featured. */
  readonly rules: readonly SectionRule[];
}

export interface EntriesProfile {
  /** The entry shape of sections whose rule names none. */
  readonly shape: EntryShape;
  /** For `list-item` entries: the link leads the item (`* [Title](url)`) or sits inline in a sentence. */
  readonly linkPosition: 'lead' | 'inline';
  /** The bullet new list entries use. */
  readonly bullet: '*' | '-' | '+';
  /** Blank lines between two entries in what New Issue, snippets and paste write. */
  readonly blankLinesBetween: number;
  /** Bracketed tags that may precede an entry's link, e.g. `[video]`. */
  readonly tags: readonly string[];
}

export interface NewIssueProfile {
  /**
   * A template file of the repository (relative to the config's folder) that New Issue copies,
   * e.g. `draft/DRAFT_TEMPLATE`. Absent: a skeleton built from this profile.
   */
  readonly template?: string;
  /**
   * Text of the template file to replace, and what with: a value template with the title's
   * placeholders plus `{pubIso}` (the publication day) and `{slug}`, e.g.
   * `{"$twir_issue_number": "{number}"}`.
   */
  readonly placeholders: Readonly<Record<string, string>>;
  /** Days between two issues. */
  readonly intervalDays: number;
  /** The time of day (and offset) written after the date in the date field, e.g. `22:00:00 -0000`. */
  readonly time?: string;
  /** Section names of the built-in skeleton, in order. */
  readonly sections: readonly string[];
}

export interface EmailProfile {
  /**
   * `devops-weekly`: the upper-case masthead, `====` underlined sections and each link's URL on its
   * own line, as DevOps Weekly sends it. `generic`: the text of each block, then each link's URL.
   */
  readonly layout: 'devops-weekly' | 'generic';
}

export interface KramdownProfile {
  /**
   * kramdown's input parser: `kramdown` (its own syntax, `kramdown` on the command line) or `GFM`
   * (kramdown-parser-gfm: what Jekyll uses unless its `_config.yml` sets `kramdown: input:`, and
   * what GitHub Pages always uses). They differ in a few places the renderer rules know of, e.g.
   * `#word` is a heading for the first only.
   */
  readonly input: 'kramdown' | 'GFM';
}

export interface HtmlProfile {
  /**
   * Tag names the site shows as HTML besides the standard HTML elements written in lower case
   * (`br`, `sup`, `details`...), e.g. the custom elements of its theme. Any other tag outside a
   * code span (`Vec<T>`, `<something>`) vanishes from the page: `html.swallowed` reports it.
   */
  readonly allowedTags: readonly string[];
}

export interface FormatProfile {
  /** The preset it was built from, for messages; never read to decide behaviour. */
  readonly name: string;
  readonly files: FilesProfile;
  readonly header: HeaderProfile;
  readonly title: TitleProfile;
  readonly sections: SectionsProfile;
  readonly entries: EntriesProfile;
  readonly newIssue: NewIssueProfile;
  readonly email: EmailProfile;
  readonly renderer: RendererName;
  /** For `renderer: 'kramdown'`: its input parser; absent: kramdown's own. */
  readonly kramdown?: KramdownProfile;
  /** Raw HTML the site shows; absent: the standard HTML elements only. */
  readonly html?: HtmlProfile;
  /** Default rule levels for this format (house style quiet where the newsletter does otherwise). */
  readonly rules: Readonly<Record<string, 'off' | 'hint' | 'info' | 'warning' | 'error'>>;
}
