import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Blockquote, List, ListItem, Root, Nodes } from 'mdast';
import type { Position as MdPosition } from 'unist';
import { parseWithSharedBlocks, type SharedBlocks } from './sharedBlocks';

const markdownParser = unified().use(remarkParse);

/**
 * Bodies up to this size are parsed in one piece. remark's time grows faster than the input
 * (measured here: 1 MB in 2.9 s, 2 MB in 6.5 s, 4 MB in 17.7 s), so a larger body is cut into
 * pieces of about this size and each piece parsed on its own, which keeps the whole linear.
 */
export const WHOLE_PARSE_LIMIT = 128 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * remark's time also grows faster than the input with nesting: 20,000 `>` on one line take
 * seconds, and so do hundreds of nested list items or thousands of open `[`. No issue nests like
 * that; a piece of text with a line that does (a container prefix or a run of `[` longer than
 * this) is kept as one plain paragraph rather than handed to remark.
 */
const MAX_NESTING = 100;

/**
 * The nodes that hold blocks (the root, block quotes, lists and their items): only these can
 * hold a definition, a code or HTML block, or a heading, and walking into them alone visits
 * every block and no inline node.
 */
export function holdsBlocks(node: Nodes): node is Root | Blockquote | List | ListItem {
  return node.type === 'root' || node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem';
}

/**
 * Parses Markdown with remark. A large text is cut only between top-level blocks: after a blank
 * line, before a line that starts in column 0, outside fenced code. Such a cut changes nothing for
 * paragraphs and headings; at worst one list becomes two, or a reference link whose definition is
 * in another piece stays text. Offsets and lines in the returned tree are relative to `text`.
 * With `shared` (parsing an archive), a text parsed in one piece takes the blocks it shares with
 * the issues parsed before from there (sharedBlocks.ts): the same tree, made faster.
 */
export function parseMarkdown(text: string, shared?: SharedBlocks): Root {
  const deep = nestsTooDeeply(text);
  if (text.length <= WHOLE_PARSE_LIMIT && !deep) return (shared && parseWithSharedBlocks(text, shared)) || markdownParser.parse(text);
  const root: Root = { type: 'root', children: [] };
  // With a deep line somewhere, cut at every block boundary so that only its own block is kept as text.
  for (const piece of pieces(text, deep ? 0 : WHOLE_PARSE_LIMIT)) {
    const source = text.slice(piece.start, piece.end);
    const tree = nestsTooDeeply(source) ? plainParagraph(source) : markdownParser.parse(source);
    shift(tree, piece.start, piece.line);
    root.children.push(...tree.children);
  }
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: text.length } };
  return root;
}

/** Whether a line of the text opens more containers (quotes, list items, indents) or brackets than any issue does. */
export function nestsTooDeeply(text: string): boolean {
  let prefix = 0;
  let brackets = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      prefix = 0;
      brackets = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      // space, tab, `>`, `-`, `*`, `+`: what container prefixes are made of
      if (c === 32 || c === 9 || c === 62 || c === 45 || c === 42 || c === 43) {
        if (++prefix > MAX_NESTING) return true;
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 /* [ */ && ++brackets > MAX_NESTING * 10) return true;
  }
  return false;
}

/** The text as one paragraph of plain text, positioned as remark would position it. */
function plainParagraph(source: string): Root {
  let line = 1;
  let column = 1;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\n' || (source[i] === '\r' && source[i + 1] !== '\n')) {
      line++;
      column = 1;
    } else if (source[i] !== '\r') {
      column++;
    }
  }
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line, column, offset: source.length } };
  return { type: 'root', children: [{ type: 'paragraph', position, children: [{ type: 'text', value: source, position }] }], position };
}

interface Piece {
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start` in the whole text. */
  readonly line: number;
}

/** Cuts the text between top-level blocks into pieces of at least `size` characters. */
function pieces(text: string, size: number): Piece[] {
  const result: Piece[] = [];
  let pieceStart = 0;
  let pieceLine = 0;
  let line = 0;
  let offset = 0;
  let previousBlank = false;
  let fence: string | undefined;
  while (offset < text.length) {
    let lineEnd = offset;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const next = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    const content = text.slice(offset, lineEnd);
    const blank = content.trim() === '';

    const cutHere =
      fence === undefined && previousBlank && !blank && !/^\s/.test(content) && offset - pieceStart >= size;
    if (cutHere) {
      result.push({ start: pieceStart, end: offset, line: pieceLine });
      pieceStart = offset;
      pieceLine = line;
    }

    const fenceMatch = FENCE.exec(content);
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1][0].repeat(fenceMatch[1].length);
      else if (fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
    }
    previousBlank = blank;
    offset = next;
    line++;
  }
  result.push({ start: pieceStart, end: text.length, line: pieceLine });
  return result;
}

/** Moves every node's position by the piece's start offset and line. */
function shift(tree: Root, offset: number, lines: number): void {
  const stack: Nodes[] = [...tree.children];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.position) node.position = movedPosition(node.position, offset, lines);
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
}

/** The position moved by `offset` characters and `lines` lines; columns stay (the text moved by whole lines). */
export function movedPosition(position: MdPosition, offset: number, lines: number): MdPosition {
  const { start, end } = position;
  return {
    start: { line: start.line + lines, column: start.column, offset: (start.offset ?? 0) + offset },
    end: { line: end.line + lines, column: end.column, offset: (end.offset ?? 0) + offset },
  };
}
