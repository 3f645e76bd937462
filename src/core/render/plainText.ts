import type { IssueDocument, Link } from '../model';
import type { FormatProfile } from '../format/profile';
import { DEFAULT_PROFILE } from '../format/presets';
import { mastheadOf } from './masthead';
import { genericBodyLines } from './plainTextGeneric';
import { countChar, allEntries } from '../entries';
import { withoutTrailingBlanks } from '../text/trailingBlanks';

export interface PlainTextOptions {
  /** The paragraph that ends the mail (setting `newsletter.email.footer`); nothing when empty. */
  readonly footer?: string;
  /** The newsletter's format: its `email.layout` picks the layout. Default: the default profile. */
  readonly profile?: FormatProfile;
}

/** One line of the mail and the source line it comes from (for scroll sync in the email view). */
export interface PlainTextLine {
  readonly text: string;
  /** 0-based line in the issue file; absent for lines the renderer adds (title, blanks, footer). */
  readonly sourceLine?: number;
  /**
   * 0-based character in the source line where this mail line's text begins, when one source line
   * makes several mail lines (the title: the name, then `ISSUE #N - date`); absent means 0.
   */
  readonly sourceColumn?: number;
}

/**
 * The issue as the plain-text mail, in the layout the profile names (`email.layout`):
 *
 * - `devops-weekly` (docs/FORMAT.md, "The plain-text email"): the title on two lines, then the
 *   body as written, except that each `<br>[URL](URL)` line becomes the bare URL (after one blank
 *   line for an entry's first link, directly below for the next ones), then the footer paragraph.
 * - `generic`: the title, then the text of each block (headings underlined, paragraphs, list
 *   items as `* text`) with each of its links' URLs on its own line below it, then the footer.
 */
export function renderPlainText(document: IssueDocument, options: PlainTextOptions = {}): string {
  return renderPlainTextLines(document, options).map((line) => line.text).join('\n') + '\n';
}

export function renderPlainTextLines(document: IssueDocument, options: PlainTextOptions = {}): PlainTextLine[] {
  const out: PlainTextLine[] = [];
  const masthead = mastheadOf(document);
  const layout = (options.profile ?? DEFAULT_PROFILE).email.layout;
  if (masthead.title) {
    const titleLines = layout === 'devops-weekly' ? masthead.titleLines : [masthead.title];
    const columns = titleColumns(document, titleLines.length);
    titleLines.forEach((text, i) => out.push({ text, sourceLine: document.title?.range.start.line, ...(columns[i] ? { sourceColumn: columns[i] } : {}) }));
    out.push({ text: '' });
  }
  const body = layout === 'devops-weekly' ? devopsWeeklyBodyLines(document) : genericBodyLines(document);
  out.push(...body);

  const footer = (options.footer ?? '').trim();
  if (footer) {
    if (body.length > 0) out.push({ text: '' }, { text: '' });
    for (const text of footer.split(/\r?\n/)) out.push({ text });
  }
  return out;
}

/**
 * Where each title line starts in the title's source line: the name at the title's start, the
 * `ISSUE ...` line at its `ISSUE` word (so that a diagnostic on the date marks the second line).
 */
function titleColumns(document: IssueDocument, count: number): number[] {
  const title = document.title;
  if (!title || title.range.start.line !== title.range.end.line) return [];
  const start = title.range.start.character;
  if (count < 2) return [start];
  const source = document.lines.lineText(title.range.start.line);
  const issue = /\S[ \t]+(ISSUE\b)/i.exec(source.slice(start));
  return issue ? [start, start + issue.index + issue[0].length - issue[1].length] : [start];
}

/** The body as written, with each link line as its bare URL. */
function devopsWeeklyBodyLines(document: IssueDocument): PlainTextLine[] {
  const { linkLines, inlineLinks } = linksByLine(document);
  const { lines } = document;
  const firstBodyLine = lines.positionAt(document.markdown.bodyOffset).line;
  const body: PlainTextLine[] = [];
  let previousWasLink = false;
  for (let line = firstBodyLine; line < lines.lineCount; line++) {
    const link = linkLines.get(line);
    if (link) {
      const last = body[body.length - 1];
      if (!previousWasLink && last && last.text.trim() !== '') body.push({ text: '' });
      body.push({ text: link, sourceLine: line });
      previousWasLink = true;
      continue;
    }
    const text = withoutTrailingBlanks(withBareUrls(lines.lineText(line), inlineLinks.get(line)));
    body.push({ text, sourceLine: line });
    // A blank line ends the run of links; a text line right after a link line also does.
    previousWasLink = false;
  }
  while (body.length > 0 && body[0].text === '') body.shift();
  while (body.length > 0 && body[body.length - 1].text === '') body.pop();
  return body;
}

/**
 * Line number -> the URL that the line's `<br>[URL](URL)` stands for, and line number -> the
 * other one-line links on it whose text is a URL (the mail shows those as the bare URL too).
 */
function linksByLine(document: IssueDocument): { linkLines: Map<number, string>; inlineLinks: Map<number, Link[]> } {
  const result = new Map<number, string>();
  const inlineLinks = new Map<number, Link[]>();
  const entries = allEntries(document);
  for (const entry of entries) {
    for (const link of entry.links) {
      if (link.range.start.line !== link.range.end.line) continue;
      const line = link.range.start.line;
      // A link line only when nothing but the link follows it: otherwise the line is kept as written.
      const rest = document.lines.lineText(line).slice(link.range.end.character).trim();
      if (link.isLinkLine && rest === '') {
        result.set(line, urlOf(link));
      } else if (link.style === 'inline' && isUrl(link.text)) {
        const list = inlineLinks.get(line) ?? [];
        list.push(link);
        inlineLinks.set(line, list);
      }
    }
  }
  return { linkLines: result, inlineLinks };
}

/** The line with each `[URL](URL)` replaced by its URL, right to left so earlier offsets hold. */
function withBareUrls(line: string, links: readonly Link[] | undefined): string {
  if (!links) return line;
  let result = line;
  for (const link of [...links].sort((a, b) => b.range.start.character - a.range.start.character)) {
    result = result.slice(0, link.range.start.character) + urlOf(link) + result.slice(link.range.end.character);
  }
  return result;
}

function isUrl(text: string): boolean {
  return /^(?:https?:\/\/|www\.)\S+$/i.test(text.trim());
}

/**
 * The URL a link shows in the mail. The link text is the URL as the author pasted it; when a `(`
 * or `)` in it broke the Markdown link, the text still holds the whole URL while the target is cut
 * short. One exception: a URL written in parentheses, `(URL)`, was linked with its closing `)`
 * (`[URL)](URL))`); the mail has the URL and the `)` that follows the link.
 */
function urlOf(link: Link): string {
  const text = link.text.trim();
  if (!isUrl(text)) return link.target;
  if (text.endsWith(')') && text.slice(0, -1) === link.target && countChar(text, '(') < countChar(text, ')')) return link.target;
  return text;
}
