import type { Nodes } from 'mdast';
import type { IssueDocument } from '../model';
import { holdsBlocks } from '../parse/markdown';
import { wholeIssueOf } from './blockWindow';

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

/** Whether the offset is in one of the scan's literal text runs (`texts`): syntax that did not parse. */
export function inScannedText(scan: MarkdownScan, offset: number): boolean {
  return scan.texts.some((t) => offset >= t.start && offset < t.end);
}

export interface ScannedLink extends Span {
  /** Offset of the `[` that opens the text (after `!` for an image). */
  readonly open: number;
  /** Offset of the `]` that closes the text. */
  readonly close: number;
  readonly kind: 'link' | 'linkReference' | 'image' | 'imageReference';
}

/**
 * Offsets of the text of the document's top-level blocks, from the first one's start to the last
 * one's end: what `masked` masks. In a whole issue, the rest is the header and blank lines; in a
 * block window, the issue's other blocks, left as they are written.
 */
export function blocksSpan(document: IssueDocument): Span {
  const { text } = document;
  const { tree, bodyOffset } = document.markdown;
  const firstBlock = tree.children[0]?.position?.start.offset;
  const lastBlock = tree.children[tree.children.length - 1]?.position?.end.offset;
  const start = Math.min(text.length, bodyOffset + (firstBlock ?? 0));
  return { start, end: Math.max(start, Math.min(text.length, bodyOffset + (lastBlock ?? 0))) };
}

const cache = new WeakMap<IssueDocument, MarkdownScan>();

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The labels the reference links and images under `node` use (normalised), in document order.
 * An explicit stack, not recursion: deeply nested input must not overflow the call stack.
 */
export function referenceLabelsUnder(node: Nodes): string[] {
  const labels: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'linkReference' || current.type === 'imageReference') labels.push(normalizeLabel(current.label ?? current.identifier));
    if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
  }
  return labels;
}

/**
 * A definition as written at the start of a line, also where CommonMark does not take it (after a
 * paragraph line): other renderers (Python-Markdown) read those, so a reference to one is not
 * reported as undefined.
 */
export const WRITTEN_DEFINITION = /^ {0,3}\[([^\]\n]+)\]:[ \t]*\S/gm;

const NOT_A_LINE_BREAK = /[^\r\n]/g;

export function scanMarkdown(document: IssueDocument): MarkdownScan {
  const cached = cache.get(document);
  if (cached) return cached;
  const { text } = document;
  const { tree, bodyOffset } = document.markdown;
  // Only the text of the tree's blocks is masked (the rest of the body is blank lines; in a block
  // window, blocks that are not checked and not read): `maskedLines` lists the blocks' lines alone.
  const { start: low, end: high } = blocksSpan(document);
  // The masked text of the blocks, `low..high`, as pieces in the order of the text: the text
  // between the blanked spans as it is, and each span with every character but its line breaks
  // replaced by `fill`. The walk below blanks only nodes it does not enter (code, HTML, code
  // spans), in the tree's order, so the spans come in the text's order and never overlap. (Not
  // an array of the characters, as before: on a 40 KB issue that was the scan's largest
  // allocation, and the issue-wide rules scan after every edit.)
  const pieces: string[] = [];
  let cursor = low;
  const blank = (from: number, to: number, fill: string) => {
    const start = Math.max(cursor, from);
    const end = Math.min(to, high);
    if (start >= end) return;
    pieces.push(text.slice(cursor, start), text.slice(start, end).replace(NOT_A_LINE_BREAK, fill));
    cursor = end;
  };
  const links: ScannedLink[] = [];
  const codeSpans: Span[] = [];
  const texts: Span[] = [];
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
  // The `<!-- expect -->`, disable and other comments inside paragraphs are inline HTML: blanked above.
  const scan: MarkdownScan = {
    masked: text.slice(0, Math.min(bodyOffset, low)).replace(NOT_A_LINE_BREAK, ' ') + text.slice(Math.min(bodyOffset, low), low) + pieces.join('') + text.slice(cursor),
    linkTextEnds: new Set(links.map((l) => l.close)),
    links,
    codeSpans,
    texts,
    definitions: definitionLabels(wholeIssueOf(document)),
    emphases,
  };
  cache.set(document, scan);
  return scan;
}

/**
 * Gives `document` the scan of an earlier version of it (`old`) where an edit left the text as it
 * was, and the scan of `window` (a block window of `document`, `blockWindow.ts`) where it did not:
 * what the issue-wide rules read of the scan after an edit, without walking the whole tree and
 * masking the whole text again. `[from, to)` are the window's offsets in the new text (whole lines,
 * holding every block the edit touched); the old text's are `[from, to - delta)`. The reference
 * definitions are the old ones: the caller made sure the edit changed none. Nothing happens when
 * `old` was not scanned.
 */
export function scanAfterEdit(old: IssueDocument, document: IssueDocument, window: IssueDocument, from: number, to: number): void {
  const before = cache.get(old);
  if (!before || cache.has(document)) return;
  const inside = scanMarkdown(window);
  const delta = document.text.length - old.text.length;
  const oldTo = to - delta;
  const join = <T extends Span>(old: readonly T[], fresh: readonly T[], move: (span: T) => T): T[] => {
    const out: T[] = [];
    for (const span of old) if (span.end <= from) out.push(span);
    for (const span of fresh) if (span.start >= from && span.end <= to) out.push(span);
    for (const span of old) if (span.start >= oldTo) out.push(move(span));
    return out;
  };
  const moveSpan = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  const links = join(before.links, inside.links, (l) => ({ ...l, start: l.start + delta, end: l.end + delta, open: l.open + delta, close: l.close + delta }));
  cache.set(document, {
    masked: before.masked.slice(0, from) + inside.masked.slice(from, to) + before.masked.slice(oldTo),
    linkTextEnds: new Set(links.map((l) => l.close)),
    links,
    codeSpans: join(before.codeSpans, inside.codeSpans, moveSpan),
    texts: join(before.texts, inside.texts, moveSpan),
    definitions: before.definitions,
    emphases: join(before.emphases, inside.emphases, moveSpan),
  });
}

const definitionCache = new WeakMap<IssueDocument, ReadonlySet<string>>();

/** The labels of the issue's reference definitions: those the tree holds and those written (`WRITTEN_DEFINITION`). */
function definitionLabels(document: IssueDocument): ReadonlySet<string> {
  const cached = definitionCache.get(document);
  if (cached) return cached;
  const definitions = new Set<string>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition') definitions.add(normalizeLabel(node.label ?? node.identifier));
    // Definitions are blocks: only block containers can hold one.
    else if (holdsBlocks(node)) for (const child of node.children) visit(child as Nodes);
  };
  visit(document.markdown.tree);
  for (const m of document.text.matchAll(WRITTEN_DEFINITION)) definitions.add(normalizeLabel(m[1]));
  definitionCache.set(document, definitions);
  return definitions;
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

/** Listed once per scan, shared by the rules that read it (five of them). */
const linesCache = new WeakMap<MarkdownScan, readonly MaskedLine[]>();

/**
 * Each line of the masked text that is not blank, with its start offset: the lines of the tree's
 * top-level blocks (every other line of the body is blank, and the header is masked out).
 */
export function maskedLines(document: IssueDocument, scan: MarkdownScan): readonly MaskedLine[] {
  const cached = linesCache.get(scan);
  if (cached) return cached;
  const out: MaskedLine[] = [];
  const { tree, bodyOffset } = document.markdown;
  const bodyLine = document.lines.positionAt(bodyOffset).line;
  let next = 0;
  for (const block of tree.children) {
    if (!block.position) continue;
    const last = Math.min(document.lines.lineCount - 1, bodyLine + block.position.end.line - 1);
    for (let line = Math.max(next, bodyLine + block.position.start.line - 1); line <= last; line++) {
      const start = document.lines.offsetAt({ line, character: 0 });
      const length = document.lines.lineText(line).length;
      const text = scan.masked.slice(start, start + length);
      if (text.trim() !== '') out.push({ line, start, text });
    }
    next = Math.max(next, last + 1);
  }
  linesCache.set(scan, out);
  return out;
}
