/**
 * Parsing an archive: the blocks that recur from issue to issue (a newsletter's standing
 * paragraphs, its sponsor lines, its calls for participation) are parsed once, and the next issue
 * that has them gets a copy of their syntax tree, moved to where they are in it. In This Week in
 * Rust's archive a sixth of the text is such blocks; in DevOps Weekly's, a twentieth. The tree is
 * the one remark gives for the whole text, exactly (a test compares on every corpus issue and on
 * random edits of them); whatever this module cannot show to be safe is parsed whole.
 *
 * The text is cut into pieces before lines that can only start a fresh block: a line after a blank
 * line, starting in column 0 with neither a space nor what starts a list item. Such a line closes
 * whatever the blocks before it had open (a paragraph, a block quote, a list item, an indented code
 * block), except a fenced code block and an HTML block, which run on over blank lines: a piece
 * whose last block is code or HTML (or a list or quote that ends in one) is parsed together with
 * the piece after it. So a piece after a
 * closed one is read from a fresh state, and its tree depends only on its text and on which link
 * labels the issue defines (a `[label]` is a link only where a definition has it). The issue's
 * definitions are found before parsing, from the lines that can hold one, and checked after: when
 * the parse found fewer (a candidate in a code block, in a paragraph), the text is parsed whole.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { Position as MdPosition } from 'unist';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { BoundedCache } from '../text/memo';
import { holdsBlocks, movedPosition } from './markdown';

const markdownParser = unified().use(remarkParse);

/**
 * A piece's blocks as a parse gave them, and where the piece started in the text parsed. They are
 * the nodes of that issue's tree: syntax trees are never changed once parsed (incremental.ts keeps
 * an issue's nodes from one edit to the next likewise), and a copy is what the next issue gets.
 */
interface ParsedPiece {
  readonly nodes: readonly RootContent[];
  readonly offset: number;
  readonly line: number;
}

/**
 * The pieces seen in the issues parsed so far on this thread. A piece's tree is kept the second
 * time it is seen (most pieces are seen once, and their trees would fill the memory for nothing),
 * and used from the third on. Both maps are bounded by their keys' characters.
 */
export class SharedBlocks {
  private readonly seen = new BoundedCache<true>(100_000, 4_000_000);
  private readonly parsed = new BoundedCache<ParsedPiece>(20_000, 1_000_000);
  /** How many pieces were given a copy of a tree parsed before, and how many were parsed as a tree of their own: for tests and benches. */
  reused = 0;
  parsedPieces = 0;

  get(key: string): ParsedPiece | undefined {
    return this.parsed.get(key);
  }

  has(key: string): boolean {
    return this.parsed.has(key);
  }

  /** Notes a piece just parsed: kept for reuse when it was seen before. */
  note(key: string, piece: ParsedPiece): void {
    if (this.seen.has(key)) this.parsed.set(key, piece);
    else this.seen.set(key, true);
  }
}

/** At most this many pieces added to a run whose last block may go on, before the text is parsed whole. */
const MAX_WIDENINGS = 8;

/** Pieces shorter than this are parsed with the pieces around them, seen before or not (`worthReusing`). */
const MIN_REUSED_LENGTH = 100;

/** A line that can hold a link reference definition, and its label (one line, no brackets in it). */
const DEFINITION_LINE = /^ {0,3}\[((?:[^\\[\]\r\n]|\\.){1,999})\]:/my;

/**
 * remark's tree for `text`, with the pieces seen in other issues copied from `shared`; undefined
 * when the text must be parsed whole (the caller does). `text` is an issue's body, small enough
 * to be parsed in one piece and not nested deeply (see markdown.ts).
 */
export function parseWithSharedBlocks(text: string, shared: SharedBlocks): Root | undefined {
  const labels = definitionLabels(text);
  if (!labels) return undefined;
  const starts = pieceStarts(text);
  if (starts.length < 2) return undefined;
  const ends = [...starts.slice(1).map((piece) => piece.offset), text.length];
  const foldedLabels = [...new Set(labels.map(foldLabel))];
  const used = starts.map((piece, i) => usedLabels(text.slice(piece.offset, ends[i]), foldedLabels));
  const keys = starts.map((piece, i) => (used[i].length === 0 ? '' : `${used[i].join('\u0000')}\u0001`) + text.slice(piece.offset, ends[i]));

  const children: RootContent[] = [];
  for (let i = 0; i < starts.length; ) {
    const known = shared.get(keys[i]);
    if (known) {
      const { offset, line } = starts[i];
      for (const node of known.nodes) children.push(moved(node, offset - known.offset, line - known.line));
      shared.reused++;
      i++;
      continue;
    }
    // A run of pieces not seen parsed, up to one that was, or on while its last block may go on.
    let k = i + 1;
    while (k < starts.length && !worthReusing(shared, keys[k], ends[k] - starts[k].offset)) k++;
    let nodes: RootContent[] | undefined;
    for (let widenings = 0; ; widenings++) {
      nodes = parseRun(text.slice(starts[i].offset, ends[k - 1]), [...new Set(used.slice(i, k).flat())]);
      if (!nodes) return undefined;
      const last = nodes[nodes.length - 1];
      if (k === starts.length || (last && closes(last))) break;
      if (widenings >= MAX_WIDENINGS) return undefined;
      k++;
    }
    const { offset, line } = starts[i];
    for (const node of nodes) children.push(moved(node, offset, line - 1, true));
    notePieces(shared, children, children.length - nodes.length, { from: i, to: k, starts, ends, keys });
    i = k;
  }
  if (definitionCount(children) !== labels.length) return undefined;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(text) } };
}

/**
 * A piece seen parsed, and long enough for its copy to be worth cutting the run of pieces parsed
 * around it in two: each parse costs 30 µs of its own (one line, measured here; remark reads about
 * 40 characters in that time), and each definition parsed after the run 25 µs more.
 */
function worthReusing(shared: SharedBlocks, key: string, length: number): boolean {
  return length >= MIN_REUSED_LENGTH && shared.has(key);
}

/**
 * The run's blocks, positioned in the run's text. After the run come the definitions of the labels
 * it may use (their destinations do not matter: a reference's node names its label, not where it
 * goes); undefined when they did not parse as definitions.
 */
function parseRun(runText: string, labels: readonly string[]): RootContent[] | undefined {
  const definitions = labels.length > 0 ? `\n\n${labels.map((label) => `[${label}]: x`).join('\n')}` : '';
  const parsed = markdownParser.parse(runText + definitions);
  const nodes = parsed.children.filter((node) => (node.position?.start.offset ?? 0) < runText.length);
  const after = parsed.children.length - nodes.length;
  if (after !== labels.length || parsed.children.slice(nodes.length).some((node) => node.type !== 'definition')) return undefined;
  if (nodes.some((node) => (node.position?.end.offset ?? 0) > runText.length)) return undefined;
  return nodes;
}

interface RunPieces {
  readonly from: number;
  readonly to: number;
  readonly starts: readonly PieceStart[];
  readonly ends: readonly number[];
  readonly keys: readonly string[];
}

/**
 * Tells `shared` of the run's pieces that are a tree of their own: read from a fresh state (the
 * run's first, or after a piece that closes) with no block going on past their end.
 */
function notePieces(shared: SharedBlocks, children: readonly RootContent[], first: number, run: RunPieces): void {
  let n = first;
  let fresh = true;
  for (let p = run.from; p < run.to; p++) {
    const start = run.starts[p].offset;
    const end = run.ends[p];
    const nodes: RootContent[] = [];
    while (n < children.length && (children[n].position?.start.offset ?? 0) < end) nodes.push(children[n++]);
    const last = nodes[nodes.length - 1];
    const whole = last !== undefined && (last.position?.end.offset ?? 0) <= end && (nodes[0].position?.start.offset ?? 0) >= start;
    if (fresh && whole && closes(last)) {
      shared.note(run.keys[p], { nodes, offset: start, line: run.starts[p].line });
      shared.parsedPieces++;
    }
    fresh = whole && closes(last);
  }
}

/**
 * A block that a fresh line after a blank one closes: not a code or HTML block, which may run on
 * over it, nor a list or quote that ends in one (a fence left open in the last item takes in the
 * blank lines after it when nothing follows).
 */
function closes(node: RootContent): boolean {
  let last: Nodes = node;
  while (holdsBlocks(last) && last.children.length > 0) last = last.children[last.children.length - 1];
  return last.type !== 'code' && last.type !== 'html';
}

/**
 * The labels of the lines that can hold a definition, or undefined when a `]:` is elsewhere and
 * could end a definition (in a block quote, a list item, a label over two lines: this module does
 * not try to tell). A `]:` after a `[` that does not start its line, as in `[text][label]: more`,
 * cannot: a definition starts its line, and its label holds no bracket.
 */
function definitionLabels(text: string): string[] | undefined {
  const labels: string[] = [];
  for (let at = text.indexOf(']:'); at >= 0; at = text.indexOf(']:', at + 2)) {
    const lineStart = Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at)) + 1;
    DEFINITION_LINE.lastIndex = lineStart;
    const match = DEFINITION_LINE.exec(text);
    if (match && match.index === lineStart && lineStart + match[0].length === at + 2) labels.push(match[1]);
    else if (!bracketInsideLine(text.slice(lineStart, at))) return undefined;
  }
  return labels;
}

/** Whether the line holds a `[` (not escaped) after a character that a container prefix cannot hold. */
function bracketInsideLine(line: string): boolean {
  const first = line.search(/[^ \t>*+\-.)\d]/);
  if (first < 0) return false;
  for (let at = line.indexOf('[', first + 1); at >= 0; at = line.indexOf('[', at + 1)) {
    if (line.charCodeAt(at - 1) !== 92 /* \ */) return true;
  }
  return false;
}

/** A label as the Markdown parser compares labels: white space folded, case folded. */
function foldLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

/**
 * The issue's labels (folded) that a piece could use, those its folded text holds: the only
 * definitions its tree can depend on. Part of its key, and what is defined after it when parsed.
 */
function usedLabels(source: string, foldedLabels: readonly string[]): string[] {
  if (foldedLabels.length === 0 || !source.includes('[')) return [];
  const folded = source.replace(/[\t\n\r ]+/g, ' ').toLowerCase().toUpperCase();
  return foldedLabels.filter((label) => folded.includes(label));
}

interface PieceStart {
  readonly offset: number;
  /** 1-based, as remark counts lines. */
  readonly line: number;
}

/** Where the pieces start: the text's start, and each line after a blank one that starts a fresh block. */
function pieceStarts(text: string): PieceStart[] {
  const starts: PieceStart[] = [{ offset: 0, line: 1 }];
  let previousBlank = false;
  let line = 1;
  for (let offset = 0; offset < text.length; line++) {
    let end = offset;
    let blank = true;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c !== 32 && c !== 9) blank = false;
      end++;
    }
    if (previousBlank && !blank && offset > 0 && startsFreshBlock(text.charCodeAt(offset))) starts.push({ offset, line });
    previousBlank = blank;
    offset = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return starts;
}

/** A line's first character that starts neither an indented line nor a list item (`-`, `*`, `+`, `1.`). */
function startsFreshBlock(c: number): boolean {
  const space = c === 32 || c === 9 || c === 12 || c === 11;
  const bullet = c === 45 || c === 42 || c === 43;
  const digit = c >= 48 && c <= 57;
  return !space && !bullet && !digit;
}

/** Where remark ends the root of `text`: its last line, and the column after its last character. */
function endOf(text: string): MdPosition['end'] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: text.length - lineStart + 1, offset: text.length };
}

/** Definitions at any depth of the blocks. */
function definitionCount(children: readonly RootContent[]): number {
  let count = 0;
  const stack: Nodes[] = [...children];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'definition') count++;
    else if (holdsBlocks(node)) for (const child of node.children) stack.push(child as Nodes);
  }
  return count;
}

/**
 * The node moved by `offset` characters and `lines` lines (its columns stay). A copy, so that two
 * issues never share a node; `inPlace` for the nodes of a parse just made, which nothing else holds.
 */
function moved<T extends Nodes>(node: T, offset: number, lines: number, inPlace = false): T {
  const copy = inPlace ? node : ({ ...node } as T);
  if (node.position) copy.position = movedPosition(node.position, offset, lines);
  if ('children' in node) {
    const children = (node.children as Nodes[]).map((child) => moved(child, offset, lines, inPlace));
    (copy as { children: Nodes[] }).children = children;
  }
  return copy;
}
