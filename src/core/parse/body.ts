import type { Root, RootContent, Nodes, Heading, Blockquote, Definition } from 'mdast';
import type { BareUrl, Entry, Link, Section } from '../model';
import type { LineIndex } from '../text/lineIndex';
import { sectionKindOf } from '../sectionKind';

/** Section headings are level 1 and 2 (setext `===`/`---` or ATX `#`/`##`); deeper ones are content. */
const SECTION_DEPTH = 2;
const LINK_LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*<br[ \t]*\/?>[ \t]*$/i;
const UNDERLINE = /^=+[ \t]*$/;
// A URL in plain text: with a scheme, or starting `www.`; the character class has no overlap with
// what precedes it, so the scan is linear.
const BARE_URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>[\]"'`]+/gi;

export interface BodyResult {
  readonly intro: Entry[];
  readonly sections: Section[];
}

interface Context {
  readonly text: string;
  readonly lines: LineIndex;
  /** Offset of the parsed body in `text`: mdast offsets are relative to it. */
  readonly base: number;
  readonly definitions: Map<string, Definition>;
  readonly extraSponsorNames: readonly string[];
}

/** Walks the top level of the body's mdast tree into intro blocks and sections of entries. */
export function readBody(tree: Root, text: string, lines: LineIndex, base: number, extraSponsorNames: readonly string[]): BodyResult {
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const ctx: Context = { text, lines, base, definitions, extraSponsorNames };

  const intro: Entry[] = [];
  const sections: Section[] = [];
  let current: { heading: Omit<Section, 'entries' | 'bodyRange'>; entries: Entry[]; bodyStart: number; bodyEnd: number } | undefined;

  const closeSection = () => {
    if (!current) return;
    sections.push({
      ...current.heading,
      bodyRange: lines.rangeOf(current.bodyStart, Math.max(current.bodyStart, current.bodyEnd)),
      entries: current.entries,
    });
  };

  for (const node of tree.children) {
    const heading = sectionHeadingOf(node, ctx);
    if (heading) {
      closeSection();
      const headingEnd = lines.offsetAt(heading.headingRange.end);
      const nextLine = heading.headingRange.end.line + 1;
      const bodyStart = nextLine < lines.lineCount ? lines.lineStartOffset(nextLine) : headingEnd;
      current = { heading, entries: [], bodyStart, bodyEnd: bodyStart };
      continue;
    }
    if (!isEntryBlock(node)) continue;
    const entry = entryOf(node, ctx);
    if (current) {
      current.entries.push(entry);
      current.bodyEnd = end(node, ctx);
    } else {
      intro.push(entry);
    }
  }
  closeSection();
  return { intro, sections };
}

function start(node: Nodes, ctx: Context): number {
  return ctx.base + (node.position?.start.offset ?? 0);
}

function end(node: Nodes, ctx: Context): number {
  return ctx.base + (node.position?.end.offset ?? 0);
}

function isEntryBlock(node: RootContent): boolean {
  switch (node.type) {
    case 'paragraph':
    case 'blockquote':
    case 'list':
    case 'html':
    case 'code':
    case 'table':
      return true;
    default:
      return false;
  }
}

function sectionHeadingOf(node: RootContent, ctx: Context): Omit<Section, 'entries' | 'bodyRange'> | undefined {
  if (node.type === 'heading' && node.depth <= SECTION_DEPTH) return fromHeading(node, ctx);
  if (node.type === 'blockquote') return fromQuotedHeading(node, ctx);
  return undefined;
}

function fromHeading(node: Heading, ctx: Context): Omit<Section, 'entries' | 'bodyRange'> {
  const s = start(node, ctx);
  const e = end(node, ctx);
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  const nameStart = first ? start(first, ctx) : s;
  const nameEnd = last ? end(last, ctx) : s;
  const name = ctx.text.slice(nameStart, nameEnd);
  const setext = ctx.lines.positionAt(e).line > ctx.lines.positionAt(s).line && !ctx.text.startsWith('#', s);
  return {
    name,
    kind: sectionKindOf(name, ctx.extraSponsorNames),
    headingStyle: setext ? 'setext' : 'atx',
    headingRange: ctx.lines.rangeOf(s, e),
    nameRange: ctx.lines.rangeOf(nameStart, nameEnd),
  };
}

/**
 * `>From our sponsor, X` over a `====` line: a heading that mail escaping turned into a block
 * quote (the underline became a lazy continuation of the quote). It is still the section's
 * heading as far as the author is concerned, so the model keeps it as one.
 */
function fromQuotedHeading(node: Blockquote, ctx: Context): Omit<Section, 'entries' | 'bodyRange'> | undefined {
  const s = start(node, ctx);
  const e = end(node, ctx);
  const first = ctx.lines.positionAt(s).line;
  const last = ctx.lines.positionAt(e).line;
  if (last !== first + 1 || !UNDERLINE.test(ctx.lines.lineText(last))) return undefined;
  const firstLine = ctx.lines.lineText(first);
  const quote = /^[ \t]*>[ \t]?/.exec(firstLine);
  if (!quote) return undefined;
  const nameStart = ctx.lines.lineStartOffset(first) + quote[0].length;
  const nameEnd = ctx.lines.lineEndOffset(first);
  const name = ctx.text.slice(nameStart, nameEnd).trimEnd();
  return {
    name,
    kind: sectionKindOf(name, ctx.extraSponsorNames),
    headingStyle: 'quoted',
    headingRange: ctx.lines.rangeOf(s, e),
    nameRange: ctx.lines.rangeOf(nameStart, nameStart + name.length),
  };
}

function entryOf(node: RootContent, ctx: Context): Entry {
  const s = start(node, ctx);
  const e = end(node, ctx);
  const links: Link[] = [];
  const bareUrls: BareUrl[] = [];
  collectInline(node, ctx, links, bareUrls);

  const firstLinkLine = links.find((link) => link.isLinkLine);
  const descriptionEnd = firstLinkLine ? ctx.lines.lineStartOffset(firstLinkLine.range.start.line) : e;
  const trimmed = trimRange(ctx.text, s, Math.max(s, descriptionEnd));
  const quotedFrom = node.type === 'blockquote' && /^[ \t]*>[ \t]?From\b/.test(ctx.text.slice(s, Math.min(e, s + 16)));

  return {
    range: ctx.lines.rangeOf(s, e),
    description: ctx.text.slice(trimmed.start, trimmed.end),
    descriptionRange: trimmed.end > trimmed.start ? ctx.lines.rangeOf(trimmed.start, trimmed.end) : undefined,
    links,
    bareUrls,
    blockType: node.type,
    quotedFrom,
  };
}

function trimRange(text: string, s: number, e: number): { start: number; end: number } {
  let a = s;
  let b = e;
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return { start: a, end: b };
}

/** Depth-first over inline content; links are leaves here, so text inside them is not a bare URL. */
function collectInline(node: Nodes, ctx: Context, links: Link[], bareUrls: BareUrl[]): void {
  // An explicit stack rather than recursion: deeply nested input must not overflow the call stack.
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'link' || current.type === 'linkReference') {
      const link = linkOf(current, ctx);
      if (link) links.push(link);
      continue;
    }
    if (current.type === 'text') {
      scanBareUrls(current, ctx, bareUrls);
      continue;
    }
    if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
    }
  }
}

function scanBareUrls(node: Nodes, ctx: Context, out: BareUrl[]): void {
  const s = start(node, ctx);
  const source = ctx.text.slice(s, end(node, ctx));
  BARE_URL.lastIndex = 0;
  for (let match = BARE_URL.exec(source); match; match = BARE_URL.exec(source)) {
    const url = trimTrailingPunctuation(match[0]);
    if (url.length < 5) continue;
    out.push({ url, range: ctx.lines.rangeOf(s + match.index, s + match.index + url.length) });
  }
}

/** Drops sentence punctuation after a URL, and a `)` that closes nothing inside it. */
export function trimTrailingPunctuation(url: string): string {
  let result = url;
  for (;;) {
    const last = result[result.length - 1];
    if ('.,;:!?\'"*_'.includes(last)) {
      result = result.slice(0, -1);
    } else if (last === ')' && count(result, '(') < count(result, ')')) {
      result = result.slice(0, -1);
    } else {
      return result;
    }
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

function linkOf(node: Nodes, ctx: Context): Link | undefined {
  if (node.type !== 'link' && node.type !== 'linkReference') return undefined;
  const s = start(node, ctx);
  const e = end(node, ctx);
  const { lines, text } = ctx;
  const linePosition = lines.positionAt(s);
  const before = text.slice(lines.lineStartOffset(linePosition.line), s);
  const isLinkLine = LINK_LINE_PREFIX.test(before);
  const whole = lines.rangeOf(s, e);

  if (node.type === 'link' && text[s] === '<') {
    const inner = lines.rangeOf(s + 1, e - 1);
    const value = text.slice(s + 1, e - 1);
    return { text: value, target: value, range: whole, textRange: inner, targetRange: inner, isLinkLine, style: 'autolink' };
  }

  const children = node.children;
  const textStart = children.length > 0 ? start(children[0], ctx) : s + 1;
  const textEnd = children.length > 0 ? end(children[children.length - 1], ctx) : s + 1;
  const linkText = text.slice(textStart, textEnd);

  if (node.type === 'linkReference') {
    const definition = ctx.definitions.get(node.identifier);
    const target = definition?.url ?? '';
    return { text: linkText, target, range: whole, textRange: lines.rangeOf(textStart, textEnd), targetRange: whole, isLinkLine, style: 'reference' };
  }

  const destination = destinationSpan(text, textEnd, e);
  return {
    text: linkText,
    target: text.slice(destination.start, destination.end),
    range: whole,
    textRange: lines.rangeOf(textStart, textEnd),
    targetRange: lines.rangeOf(destination.start, destination.end),
    isLinkLine,
    style: 'inline',
  };
}

/**
 * Where the destination of `[text](destination "title")` stands, given the offset just after the
 * link text and the end of the link. Follows CommonMark: `<...>` or a run of non-space characters
 * with balanced parentheses and backslash escapes.
 */
function destinationSpan(text: string, textEnd: number, linkEnd: number): { start: number; end: number } {
  let i = textEnd;
  while (i < linkEnd && text[i] !== '(') i++; // past `]`
  i++;
  while (i < linkEnd && /\s/.test(text[i])) i++;
  if (text[i] === '<') {
    const close = text.indexOf('>', i + 1);
    if (close > i && close < linkEnd) return { start: i + 1, end: close };
  }
  const begin = i;
  let depth = 0;
  for (; i < linkEnd; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (/\s/.test(c)) break;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return { start: begin, end: Math.min(i, linkEnd) };
}
