import type { Root, RootContent, Nodes, Heading, Blockquote, Definition, List, ListItem } from 'mdast';
import type { BareUrl, Entry, EntryShape, Link, Range, Section } from '../model';
import type { FormatProfile } from '../format/profile';
import type { LineIndex } from '../text/lineIndex';
import { classifySection, type SectionClass } from '../sectionKind';
import { countChar } from '../entries';

const LINK_LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*<br[ \t]*\/?>[ \t]*$/i;
const UNDERLINE = /^=+[ \t]*$/;
// A URL in plain text: with a scheme, or starting `www.`; the character class has no overlap with
// what precedes it, so the scan is linear.
const BARE_URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>[\]"'`]+/gi;
/** `[video] ` and the like before a list item's link: tags of any word, as the profile's are examples. */
const LEADING_TAG = /^\[[^\]\n]{1,24}\][ \t]*(?=\[)/;

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
  readonly profile: FormatProfile;
  /** What an entry reads besides its node's own text (`madeEntries`); none: the entries are not kept (a one-off parse). */
  readonly stamp?: EntryStamp;
}

interface EntryStamp {
  readonly base: number;
  readonly profile: FormatProfile;
  /** The reference definitions, as labels and URLs: a reference link's target comes from them. */
  readonly definitions: string;
}

function stampOf(base: number, profile: FormatProfile, definitions: ReadonlyMap<string, Definition>): EntryStamp {
  let written = '';
  for (const [label, definition] of definitions) written += `${label}\u0000${definition.url}\u0001`;
  return { base, profile, definitions: written };
}

/**
 * The entry each node made, and for what (`EntryStamp`, the shape asked): an entry reads only its
 * node and the text of the node's lines besides the stamp, so the next parse after an edit, which
 * keeps the nodes before the edit as they were (`parse/incremental.ts`), takes their entries as
 * they are, and those of the nodes it moved down (`noteMoved`) with their lines moved.
 */
const madeEntries = new WeakMap<Nodes, MadeEntry>();

interface MadeEntry {
  readonly entry: Entry;
  readonly stamp: EntryStamp;
  readonly shape: string;
}
/**
 * What the node a moved copy was made from made, and by how many lines it moved (its columns
 * stay). The entry, not the node: a copy must not hold the tree it was copied from.
 */
const movedFrom = new WeakMap<Nodes, { readonly made: MadeEntry; readonly lines: number }>();

/** Records that `copy` is `node` moved down by `lines` lines, its text and columns the same. */
export function noteMoved(copy: Nodes, node: Nodes, lines: number): void {
  const made = madeEntries.get(node);
  if (made) movedFrom.set(copy, { made, lines });
}

function sameStamp(a: EntryStamp, b: EntryStamp): boolean {
  return a === b || (a.base === b.base && a.profile === b.profile && a.definitions === b.definitions);
}

/** The entry of `node` (`make` makes it): the one made before from it, or from the node it was moved from, when made alike. */
function entryOfNode(node: Nodes, ctx: Context, shape: string, make: () => Entry): Entry {
  if (!ctx.stamp) return make();
  const made = madeEntries.get(node);
  if (made && made.shape === shape && sameStamp(made.stamp, ctx.stamp)) return made.entry;
  const moved = movedFrom.get(node);
  const before = moved?.made;
  const entry = moved && before && before.shape === shape && sameStamp(before.stamp, ctx.stamp) ? movedEntry(before.entry, moved.lines) : make();
  madeEntries.set(node, { entry, stamp: ctx.stamp, shape });
  return entry;
}

/** The entry with every place moved by `lines` lines (its text and columns are the same). */
function movedEntry(entry: Entry, lines: number): Entry {
  if (lines === 0) return entry;
  const range = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  const link = (l: Link): Link => ({ ...l, range: range(l.range), textRange: range(l.textRange), targetRange: range(l.targetRange) });
  const links = entry.links.map(link);
  const primary = entry.primaryLink ? entry.links.indexOf(entry.primaryLink) : -1;
  return {
    ...entry,
    range: range(entry.range),
    ...(entry.descriptionRange ? { descriptionRange: range(entry.descriptionRange) } : {}),
    links,
    primaryLink: primary >= 0 ? links[primary] : entry.primaryLink && link(entry.primaryLink),
    bareUrls: entry.bareUrls.map((bare) => ({ ...bare, range: range(bare.range) })),
  };
}

type SectionHeading = Omit<Section, 'entries' | 'bodyRange' | 'depth' | 'parent' | keyof SectionClass>;

interface OpenSection {
  readonly heading: SectionHeading;
  readonly cls: SectionClass;
  readonly index: number;
  readonly depth: number;
  readonly parent?: number;
  readonly entries: Entry[];
  readonly bodyStart: number;
  bodyEnd: number;
}

/**
 * Walks the top level of the body's mdast tree into intro blocks and sections of entries, as the
 * profile says: which heading levels open sections and whether they nest, what each section's
 * entries look like (paragraphs with link lines, list items, link headings).
 */
export function readBody(tree: Root, text: string, lines: LineIndex, base: number, profile: FormatProfile, forUpdates = false): BodyResult {
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const ctx: Context = { text, lines, base, definitions, profile, stamp: forUpdates ? stampOf(base, profile, definitions) : undefined };
  const levels = new Set(profile.sections.levels);

  const intro: Entry[] = [];
  const slots: (Section | undefined)[] = [];
  const open: OpenSection[] = [];
  let current: OpenSection | undefined;
  /** The link heading whose paragraphs are being gathered, with what it has gathered so far. */
  let linkHeading: { heading: Heading; blocks: RootContent[] } | undefined;

  const flushLinkHeading = () => {
    if (!linkHeading || !current) return;
    current.entries.push(linkHeadingEntry(linkHeading.heading, linkHeading.blocks, ctx));
    linkHeading = undefined;
  };
  const close = (section: OpenSection) => {
    slots[section.index] = {
      ...section.heading,
      ...section.cls,
      depth: section.depth,
      parent: section.parent,
      bodyRange: lines.rangeOf(section.bodyStart, Math.max(section.bodyStart, section.bodyEnd)),
      entries: section.entries,
    };
    const parent = section.parent === undefined ? undefined : open.find((s) => s.index === section.parent);
    if (parent) parent.bodyEnd = Math.max(parent.bodyEnd, section.bodyEnd);
  };
  const addEntry = (entry: Entry, endOffset: number) => {
    if (current) {
      current.entries.push(entry);
      current.bodyEnd = Math.max(current.bodyEnd, endOffset);
    } else {
      intro.push(entry);
    }
  };

  for (const node of tree.children) {
    const shape: EntryShape = current?.cls.entryShape ?? profile.entries.shape;
    // In a link-heading section every deeper heading is an entry: `### [#1: Title](url)`, or a topic
    // (`### Validation and feature gates`) whose links are in its paragraphs.
    if (node.type === 'heading' && shape === 'link-heading' && current && node.depth > current.heading.level) {
      flushLinkHeading();
      linkHeading = { heading: node, blocks: [] };
      current.bodyEnd = Math.max(current.bodyEnd, end(node, ctx));
      continue;
    }
    const heading = sectionHeadingOf(node, ctx, levels);
    if (heading) {
      flushLinkHeading();
      // Close what this heading ends: everything when sections do not nest, else those at its level or deeper.
      while (open.length > 0 && (!profile.sections.nested || open[open.length - 1].heading.level >= heading.level)) {
        close(open.pop() as OpenSection);
      }
      const parent = open[open.length - 1];
      const cls = classifySection(heading.name, profile, parent?.cls);
      const headingEnd = lines.offsetAt(heading.headingRange.end);
      const nextLine = heading.headingRange.end.line + 1;
      const bodyStart = nextLine < lines.lineCount ? lines.lineStartOffset(nextLine) : headingEnd;
      current = { heading, cls, index: slots.length, depth: open.length, parent: parent?.index, entries: [], bodyStart, bodyEnd: bodyStart };
      slots.push(undefined);
      open.push(current);
      continue;
    }
    if (!isEntryBlock(node)) continue;
    // A list under a link heading lists entries of its own (`* [#74086: ...](url)`): the heading's entry ends before it.
    if (linkHeading && node.type === 'list' && (node as List).children.some((item) => leadsWithLink(item))) flushLinkHeading();
    if (linkHeading) {
      linkHeading.blocks.push(node);
      if (current) current.bodyEnd = Math.max(current.bodyEnd, end(node, ctx));
      continue;
    }
    if (node.type === 'list' && shape !== 'paragraph') {
      for (const item of (node as List).children) addEntry(entryOfNode(item, ctx, 'list-item', () => listItemEntry(item, ctx)), end(item, ctx));
      continue;
    }
    const entryShape = shape === 'paragraph' ? 'paragraph' : 'block';
    addEntry(entryOfNode(node, ctx, entryShape, () => entryOf(node, ctx, entryShape)), end(node, ctx));
  }
  flushLinkHeading();
  while (open.length > 0) close(open.pop() as OpenSection);
  return { intro, sections: slots as Section[] };
}

function start(node: Nodes, ctx: Context): number {
  return ctx.base + (node.position?.start.offset ?? 0);
}

function end(node: Nodes, ctx: Context): number {
  return ctx.base + (node.position?.end.offset ?? 0);
}

/** The blocks that make entries (headings and definitions do not). */
export function isEntryBlock(node: RootContent): boolean {
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

/**
 * A heading or list item that starts with a link: `### [Title](url)`, `### [#1: A](url) and [#2: B](url)`,
 * `* [Title](url) ...`.
 */
function leadsWithLink(node: Heading | ListItem): boolean {
  let first: Nodes | undefined = node.children[0];
  if (first?.type === 'paragraph') first = first.children[0];
  return first?.type === 'link' || first?.type === 'linkReference';
}

/** A heading whose only content is one link (whitespace aside): `### [Title](url)`. */
function isLinkOnly(node: Heading): boolean {
  const children = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return children.length === 1 && (children[0].type === 'link' || children[0].type === 'linkReference');
}

function sectionHeadingOf(node: RootContent, ctx: Context, levels: ReadonlySet<number>): SectionHeading | undefined {
  if (node.type === 'heading' && levels.has(node.depth)) return fromHeading(node, ctx);
  if (node.type === 'blockquote' && ctx.profile.sections.quotedHeadings) return fromQuotedHeading(node, ctx);
  return undefined;
}

function fromHeading(node: Heading, ctx: Context): SectionHeading {
  const s = start(node, ctx);
  const e = end(node, ctx);
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  const nameStart = first ? start(first, ctx) : s;
  const nameEnd = last ? end(last, ctx) : s;
  // A heading that is a link (`### [Approved RFCs](url)`) is named by the link's text.
  const only = isLinkOnly(node) ? node.children.find((c) => c.type === 'link' || c.type === 'linkReference') : undefined;
  const inner = only && 'children' in only && only.children.length > 0 ? only.children : undefined;
  const name = inner ? ctx.text.slice(start(inner[0], ctx), end(inner[inner.length - 1], ctx)) : ctx.text.slice(nameStart, nameEnd);
  const setext = ctx.lines.positionAt(e).line > ctx.lines.positionAt(s).line && !ctx.text.startsWith('#', s);
  return {
    name,
    level: node.depth,
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
function fromQuotedHeading(node: Blockquote, ctx: Context): SectionHeading | undefined {
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
    level: 1,
    headingStyle: 'quoted',
    headingRange: ctx.lines.rangeOf(s, e),
    nameRange: ctx.lines.rangeOf(nameStart, nameStart + name.length),
  };
}

function entryOf(node: RootContent, ctx: Context, shape: 'paragraph' | 'block'): Entry {
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
    shape,
    range: ctx.lines.rangeOf(s, e),
    description: ctx.text.slice(trimmed.start, trimmed.end),
    descriptionRange: trimmed.end > trimmed.start ? ctx.lines.rangeOf(trimmed.start, trimmed.end) : undefined,
    links,
    primaryLink: firstLinkLine ?? (shape === 'block' ? links[0] : undefined),
    bareUrls,
    blockType: node.type,
    quotedFrom,
  };
}

/**
 * One list item as an entry: its description is the item's text after the bullet; its primary
 * link the one that leads it (after a `[video]`-style tag), or else its first link.
 */
function listItemEntry(item: ListItem, ctx: Context): Entry {
  const s = start(item, ctx);
  const e = end(item, ctx);
  const links: Link[] = [];
  const bareUrls: BareUrl[] = [];
  collectInline(item, ctx, links, bareUrls);
  const first = item.children[0];
  const contentStart = first ? start(first, ctx) : e;
  const trimmed = trimRange(ctx.text, Math.min(contentStart, e), e);
  const content = ctx.text.slice(trimmed.start, trimmed.end);
  const tag = LEADING_TAG.exec(content);
  const leadAt = trimmed.start + (tag ? tag[0].length : 0);
  const leading = links.find((link) => ctx.lines.offsetAt(link.range.start) === leadAt);
  return {
    shape: 'list-item',
    range: ctx.lines.rangeOf(s, e),
    description: content,
    descriptionRange: trimmed.end > trimmed.start ? ctx.lines.rangeOf(trimmed.start, trimmed.end) : undefined,
    links,
    primaryLink: leading ?? links[0],
    bareUrls,
    blockType: 'listItem',
    quotedFrom: false,
  };
}

/** A `### [Title](url)` heading and the blocks under it, up to the next heading, as one entry. */
function linkHeadingEntry(heading: Heading, blocks: readonly RootContent[], ctx: Context): Entry {
  const s = start(heading, ctx);
  const last = blocks[blocks.length - 1];
  const e = last ? end(last, ctx) : end(heading, ctx);
  const links: Link[] = [];
  const bareUrls: BareUrl[] = [];
  collectInline(heading, ctx, links, bareUrls);
  const primaryLink = links[0];
  for (const block of blocks) collectInline(block, ctx, links, bareUrls);
  const firstBlock = blocks[0];
  const trimmed = firstBlock ? trimRange(ctx.text, start(firstBlock, ctx), e) : { start: e, end: e };
  return {
    shape: 'link-heading',
    range: ctx.lines.rangeOf(s, e),
    description: ctx.text.slice(trimmed.start, trimmed.end),
    descriptionRange: trimmed.end > trimmed.start ? ctx.lines.rangeOf(trimmed.start, trimmed.end) : undefined,
    links,
    primaryLink,
    bareUrls,
    blockType: 'heading',
    quotedFrom: false,
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
    } else if (last === ')' && countChar(result, '(') < countChar(result, ')')) {
      result = result.slice(0, -1);
    } else {
      return result;
    }
  }
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

/** `/\s/.test(text[i])`, without a regular expression for the ASCII characters (every character of every URL is asked). */
function isSpace(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[i]);
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
  while (i < linkEnd && isSpace(text, i)) i++;
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
    if (isSpace(text, i)) break;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return { start: begin, end: Math.min(i, linkEnd) };
}
