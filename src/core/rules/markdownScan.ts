import type { Nodes } from 'mdast';
import type { IssueDocument } from '../model';

/**
 * What the line-level Markdown rules (link syntax, code spans, emphasis, bullets) read, computed
 * once per document from remark's tree: the text with code, HTML and the header masked out, where
 * the real links are, the code spans, the literal text runs and the reference definitions.
 */
export interface MarkdownScan {
  /**
   * The document's text, same length and line breaks, with the header, code blocks and HTML
   * blanked (spaces) and the content of code spans replaced by `x` (their backticks kept), so
   * that brackets, backticks and `*` inside code are not read as syntax.
   */
  readonly masked: string;
  /** Offsets of the `]` that closes the text of a link, a reference or an image that parsed. */
  readonly linkTextEnds: ReadonlySet<number>;
  /** The links that parsed (inline, reference, image), by offsets. */
  readonly links: readonly ScannedLink[];
  /** Code spans, backticks included. */
  readonly codeSpans: readonly Span[];
  /** Literal text runs (remark `text` nodes), where unmatched syntax characters end up. */
  readonly texts: readonly Span[];
  /** Reference definition labels, normalised (`normalizeLabel`). */
  readonly definitions: ReadonlySet<string>;
  /** Emphasis and strong spans, delimiters included. */
  readonly emphases: readonly Span[];
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ScannedLink extends Span {
  /** Offset of the `[` that opens the text (after `!` for an image). */
  readonly open: number;
  /** Offset of the `]` that closes the text. */
  readonly close: number;
  readonly kind: 'link' | 'linkReference' | 'image' | 'imageReference';
}

const cache = new WeakMap<IssueDocument, MarkdownScan>();

/** The text with each stretch's characters but line breaks replaced by its fill character (same length, same lines). */
function masked(text: string, blanks: Array<{ from: number; to: number; fill: string }>): string {
  const parts: string[] = [];
  let at = 0;
  for (const { from, to, fill } of blanks.sort((a, b) => a.from - b.from)) {
    const s = Math.max(from, at);
    const e = Math.min(to, text.length);
    if (e <= s) continue;
    parts.push(text.slice(at, s), text.slice(s, e).replace(/[^\r\n]/g, fill));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function scanMarkdown(document: IssueDocument): MarkdownScan {
  const cached = cache.get(document);
  if (cached) return cached;
  const { text } = document;
  const { tree, bodyOffset } = document.markdown;
  // The stretches to blank, joined into the masked text at the end: slices of the text, not an
  // array of one-character strings (which costs ten times the text's memory and a pass per rule).
  const blanks: Array<{ from: number; to: number; fill: string }> = [];
  const blank = (from: number, to: number, fill: string) => {
    if (to > from) blanks.push({ from, to, fill });
  };
  blank(0, bodyOffset, ' ');
  const links: ScannedLink[] = [];
  const codeSpans: Span[] = [];
  const texts: Span[] = [];
  const definitions = new Set<string>();
  const emphases: Span[] = [];

  const visit = (node: Nodes) => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (s !== undefined && e !== undefined) {
      const start = s + bodyOffset;
      const end = e + bodyOffset;
      switch (node.type) {
        case 'code':
        case 'html':
          blank(start, end, ' ');
          return;
        case 'inlineCode': {
          codeSpans.push({ start, end });
          let open = start;
          while (open < end && text[open] === '`') open++;
          let close = end;
          while (close > open && text[close - 1] === '`') close--;
          blank(open, close, 'x');
          return;
        }
        case 'text':
          texts.push({ start, end });
          return;
        case 'emphasis':
        case 'strong':
          emphases.push({ start, end });
          break;
        case 'definition':
          definitions.add(normalizeLabel(node.label ?? node.identifier));
          return;
        case 'link':
        case 'linkReference':
        case 'image':
        case 'imageReference': {
          if (node.type === 'link' && text[start] === '<') break; // an autolink
          const open = node.type.startsWith('image') ? start + 1 : start;
          const close = matchingBracket(text, open, end);
          if (close >= 0) links.push({ start, end, open, close, kind: node.type });
          break;
        }
        default:
          break;
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  // Definitions as written, also those CommonMark does not take (after a paragraph line): other
  // renderers (Python-Markdown) read them, so a reference to them is not reported as undefined.
  for (const m of text.matchAll(/^ {0,3}\[([^\]\n]+)\]:[ \t]*\S/gm)) definitions.add(normalizeLabel(m[1]));
  // The `<!-- expect -->`, disable and other comments inside paragraphs are inline HTML: blanked above.
  const scan: MarkdownScan = {
    masked: masked(text, blanks),
    linkTextEnds: new Set(links.map((l) => l.close)),
    links,
    codeSpans,
    texts,
    definitions,
    emphases,
  };
  cache.set(document, scan);
  return scan;
}

/** The `]` matching the `[` at `open`, skipping code spans and escapes; -1 if none before `limit`. */
function matchingBracket(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const closeAt = text.indexOf(fence, i + run);
      if (closeAt >= 0 && closeAt < limit) { i = closeAt + run - 1; continue; }
      i += run - 1;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export interface MaskedLine {
  readonly line: number;
  readonly start: number;
  readonly text: string;
}

const linesCache = new WeakMap<MarkdownScan, readonly MaskedLine[]>();

/** Each line of the masked text with its start offset (blank lines left out): listed once per scan, shared by the rules that read it. */
export function maskedLines(document: IssueDocument, scan: MarkdownScan): readonly MaskedLine[] {
  const cached = linesCache.get(scan);
  if (cached) return cached;
  const out: MaskedLine[] = [];
  for (let line = 0; line < document.lines.lineCount; line++) {
    const start = document.lines.offsetAt({ line, character: 0 });
    const length = document.lines.lineText(line).length;
    const text = scan.masked.slice(start, start + length);
    if (text.trim() !== '') out.push({ line, start, text });
  }
  linesCache.set(scan, out);
  return out;
}
