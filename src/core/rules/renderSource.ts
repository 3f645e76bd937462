import type { Nodes, Parent, Paragraph, PhrasingContent } from 'mdast';
import type { IssueDocument, Range } from '../model';
import type { RendererName } from '../format/profile';
import type { RuleContext } from './rule';

/**
 * What the renderer rules share: the body's Markdown tree (remark's CommonMark reading, what the
 * preview shows) walked with parents, node offsets in the document's text, and the lines of a
 * paragraph with its code spans blanked out. Not a rule.
 */

/** True when the site renders with one of `renderers` (the profile says which). */
export function rendersWith(context: RuleContext, ...renderers: readonly RendererName[]): boolean {
  return renderers.includes(context.config.format.renderer);
}

/**
 * Every node of the body's tree, depth first, in document order (a node before its children),
 * with its parent and its index there. An explicit stack and no object per node: the issue-wide
 * rules walk a tree of thousands of nodes after every edit, and a list of them kept per document
 * was half a megabyte of garbage per keystroke on a large issue, more than walking again costs.
 * `into` says which nodes to walk into (`holdsBlocks`: the blocks alone); by default every one.
 */
export function walk(document: IssueDocument, visit: (node: Nodes, parent: Parent | undefined, index: number) => void, into: (node: Nodes) => boolean = () => true): void {
  const root = document.markdown.tree;
  visit(root, undefined, 0);
  const parents: Parent[] = [root];
  const nextChild: number[] = [0];
  while (parents.length > 0) {
    const top = parents.length - 1;
    const parent = parents[top];
    const index = nextChild[top];
    if (index >= parent.children.length) {
      parents.pop();
      nextChild.pop();
      continue;
    }
    nextChild[top] = index + 1;
    const node = parent.children[index] as Nodes;
    visit(node, parent, index);
    if ('children' in node && into(node)) {
      parents.push(node as Parent);
      nextChild.push(0);
    }
  }
}

/** The node's start and end offsets in `document.text`, or undefined when it has no position. */
export function offsetsOf(document: IssueDocument, node: Nodes): [number, number] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return [document.markdown.bodyOffset + start, document.markdown.bodyOffset + end];
}

export function rangeOfNode(document: IssueDocument, node: Nodes): Range | undefined {
  const offsets = offsetsOf(document, node);
  return offsets ? { start: document.lines.positionAt(offsets[0]), end: document.lines.positionAt(offsets[1]) } : undefined;
}

/** A line is blank when nothing but spaces and block-quote markers are on it. */
export function isBlankLine(text: string): boolean {
  return /^[ \t>]*$/.test(text);
}

/**
 * True when `node` starts a block after a block boundary, as kramdown needs for headings and
 * tables: it is the first block of its container (the body, a list item, a quote), or a blank
 * line stands above it.
 */
export function afterBlockBoundary(document: IssueDocument, node: Nodes, index: number): boolean {
  const range = rangeOfNode(document, node);
  if (!range) return false;
  if (index === 0) return true;
  return range.start.line === 0 || isBlankLine(document.lines.lineText(range.start.line - 1));
}

export interface SourceLine {
  readonly line: number;
  /** Offset in `document.text` where the paragraph's text on this line starts. */
  readonly start: number;
  /** The paragraph's text on this line, code spans replaced by spaces of the same length. */
  readonly text: string;
  /** The same text as written, code spans included. */
  readonly raw: string;
}

/** The code spans of a paragraph (or any phrasing container), as offset pairs in the text. */
export function codeSpans(document: IssueDocument, node: Nodes): [number, number][] {
  const out: [number, number][] = [];
  const go = (n: Nodes) => {
    if (n.type === 'inlineCode') {
      const offsets = offsetsOf(document, n);
      if (offsets) out.push(offsets);
    } else if ('children' in n) for (const child of n.children as PhrasingContent[]) go(child);
  };
  go(node);
  return out;
}

/** The lines of a paragraph, from its first character to its last, with code spans masked. */
export function paragraphLines(document: IssueDocument, paragraph: Paragraph): SourceLine[] {
  const offsets = offsetsOf(document, paragraph);
  if (!offsets) return [];
  const [from, to] = offsets;
  const spans = codeSpans(document, paragraph);
  const masked = maskSpans(document.text, from, to, spans);
  const out: SourceLine[] = [];
  const start = document.lines.positionAt(from);
  const end = document.lines.positionAt(to);
  for (let line = start.line; line <= end.line; line++) {
    const lineStart = line === start.line ? from : document.lines.offsetAt({ line, character: 0 });
    const lineEnd = line === end.line ? to : document.lines.offsetAt({ line, character: document.lines.lineText(line).length });
    out.push({ line, start: lineStart, text: masked.slice(lineStart - from, lineEnd - from), raw: document.text.slice(lineStart, lineEnd) });
  }
  return out;
}

function maskSpans(text: string, from: number, to: number, spans: readonly [number, number][]): string {
  // One pass over the sorted spans (a paragraph may hold thousands of code spans).
  const parts: string[] = [];
  let at = from;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    const s = Math.max(a, at);
    const e = Math.min(b, to);
    if (e <= s) continue;
    parts.push(text.slice(at, s), text.slice(s, e).replace(/[^\r\n]/g, ' '));
    at = e;
  }
  parts.push(text.slice(at, to));
  return parts.join('');
}

/** The indentation (in columns, a tab counting as 4) of a line. */
export function indentOf(text: string): number {
  let n = 0;
  for (const c of text) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

/**
 * True when a blank line, the end of the text or the end of its container (a list item, a quote)
 * follows `node`, as kramdown needs for a table to end.
 */
export function beforeBlockBoundary(document: IssueDocument, node: Nodes, parent: Parent | undefined, index: number): boolean {
  const range = rangeOfNode(document, node);
  if (!range) return false;
  if (parent && parent.type !== 'root' && index === parent.children.length - 1) return true;
  const next = range.end.line + 1;
  return next >= document.lines.lineCount || isBlankLine(document.lines.lineText(next));
}

/** The source of a node from its first to its last character, code spans replaced by spaces. */
export function maskedSource(document: IssueDocument, node: Nodes): { readonly from: number; readonly text: string } | undefined {
  const offsets = offsetsOf(document, node);
  if (!offsets) return undefined;
  return { from: offsets[0], text: maskSpans(document.text, offsets[0], offsets[1], codeSpans(document, node)) };
}
