/**
 * Re-parsing after an edit: only the top-level Markdown blocks the edit touched are parsed again,
 * and the rest of the issue's syntax tree is kept, moved by the edit's length. The result is the
 * document `parseIssue` gives for the new text, exactly (the tests replay thousands of random edits
 * on real issues and compare); when an edit could change more than its blocks and the cheap checks
 * below cannot rule that out, the whole issue is parsed again, which is always correct.
 *
 * Why re-parsing a run of top-level blocks on its own gives the same blocks as the whole text:
 * CommonMark reads blocks line by line, and a top-level block that starts after a blank line, when
 * the block before it is neither a list nor an indented code block (the only blocks a blank line
 * does not close), starts from a fresh state, whatever comes after. So the run starts at such a
 * block, and ends at a block that a blank line follows and that the new text does not leave open
 * (a list, a code block, an HTML block could go on into what follows: the run then takes in the
 * next block too). What a run cannot see is the link reference definitions of the rest of the
 * issue; their source is parsed after the run's text, so references resolve as in the whole text.
 * An edit that adds or removes a definition, touches the header, or leaves a body that the
 * Markdown parser reads in pieces (over 128 KB, or nested deeper than any issue) is parsed whole.
 */
import type { Definition, List, ListItem, Nodes, Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Entry, IssueDocument, Range } from '../model';
import type { FormatProfile } from '../format/profile';
import { DEFAULT_PROFILE } from '../format/presets';
import { LineIndex } from '../text/lineIndex';
import { noteMoved, readBody } from './body';
import { holdsBlocks, movedPosition, nestsTooDeeply, WHOLE_PARSE_LIMIT } from './markdown';
import { firstHeadingTitle, headerField, numberOf, parseIssue, type ParseOptions } from './parseIssue';

/** One edit as VS Code's `TextDocumentContentChangeEvent` gives it. */
export interface TextChange {
  /** The replaced range, in the text as it was before this change (and after the ones before it). */
  readonly range: Range;
  /** Offset of `range.start`, when known (VS Code gives it); else computed from `range`. */
  readonly rangeOffset?: number;
  /** Length of the replaced text, when known. */
  readonly rangeLength?: number;
  readonly text: string;
}

/** Which entry of the new document: `section` -1 is the intro. */
export interface EntryRef {
  readonly section: number;
  readonly entry: number;
}

/** What an update changed, for consumers that redo only that (the preview, per-entry rules). */
export interface ParseDelta {
  /** False when the whole issue was parsed again: treat everything as changed. */
  readonly incremental: boolean;
  /** Why the whole issue was parsed, when it was. */
  readonly reason?: string;
  /**
   * The top-level blocks of `markdown.tree` that were replaced: old `[from, from + removed)`
   * became new `[from, from + inserted)`; the blocks after them only moved.
   */
  readonly blocks: { readonly from: number; readonly removed: number; readonly inserted: number };
  /** Lines of the new text that were parsed again (0-based, inclusive). */
  readonly lines: { readonly start: number; readonly end: number };
  /** Added to the lines and offsets of everything after the re-parsed lines. */
  readonly lineDelta: number;
  readonly offsetDelta: number;
  /** Headings changed (added, removed, renamed, moved in the nesting): the section list is new. */
  readonly structureChanged: boolean;
  /** Indices in the new `sections` of the sections whose heading or entries were parsed again. */
  readonly changedSections: readonly number[];
  /** The entries of the new document that were parsed again (all others are the same, moved). */
  readonly changedEntries: readonly EntryRef[];
}

/**
 * What an update changed, in whole lines: lines before `start` are the same in both texts, and the
 * old lines after `oldEnd` are the new lines after `newEnd`, the same text moved by
 * `newEnd - oldEnd` lines. What consumers that keep per-line results (the rules) need to keep the
 * rest; it composes over several updates (`composeLineSpans`).
 */
export interface LineSpan {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The lines an incremental update re-parsed, as a `LineSpan`; undefined after a whole parse. */
export function lineSpanOf(delta: ParseDelta): LineSpan | undefined {
  if (!delta.incremental) return undefined;
  return { start: delta.lines.start, oldEnd: delta.lines.end - delta.lineDelta, newEnd: delta.lines.end };
}

/**
 * The span of two updates in a row, `first` (A to B) then `second` (B to C), as one update A to C:
 * the lines before both are the same, and so are those after both (moved by both).
 */
export function composeLineSpans(first: LineSpan, second: LineSpan): LineSpan {
  return {
    start: Math.min(first.start, second.start),
    oldEnd: Math.max(first.oldEnd, second.oldEnd - (first.newEnd - first.oldEnd)),
    newEnd: Math.max(second.newEnd, first.newEnd + (second.newEnd - second.oldEnd)),
  };
}

export interface UpdateResult {
  readonly document: IssueDocument;
  readonly delta: ParseDelta;
}

/** What is kept beside each document this module returns, so the next update need not derive it. */
interface State {
  readonly profile: FormatProfile;
  /** Each link reference definition of the body, in order: its source, and its label as `labelKey` gives it. */
  readonly definitions: readonly { readonly source: string; readonly key: string }[];
  /** Top-level block indices that hold a definition. */
  readonly definitionBlocks: readonly number[];
  /** A definition the run could not be given (inside a container, over several lines). */
  readonly unsafeDefinitions: boolean;
  /** The body nests too deeply for remark somewhere, so `parseMarkdown` read it in pieces. */
  readonly deep: boolean;
}

const states = new WeakMap<IssueDocument, State>();
const markdownParser = unified().use(remarkParse);
/** How many times a run is widened by one block before the whole issue is parsed instead. */
const MAX_WIDENINGS = 6;

/**
 * The document for `newText`, given the document of the text before the edits and the edits (as
 * VS Code reports them, applied in order). Equal to `parseIssue(newText, previous.fileName,
 * options)` in every field; `previous` must have been parsed with the same profile.
 */
export function updateIssue(previous: IssueDocument, newText: string, changes: readonly TextChange[], options: ParseOptions = {}): UpdateResult {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const full = (reason: string): UpdateResult => fullUpdate(newText, previous.fileName, profile, reason);
  const hadBom = newText.charCodeAt(0) === 0xfeff;
  if (hadBom !== previous.hadBom) return full('BOM added or removed');
  const text = hadBom ? newText.slice(1) : newText;
  const span = changedSpan(previous, changes);
  if (!span || span.text !== text) return full('the edits do not give the new text');
  try {
    const result = incremental(previous, text, span, profile);
    return typeof result === 'string' ? full(result) : result;
  } catch (error) {
    return full(`incremental parse failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses the text whole, and keeps what the next update needs. */
export function parseForUpdates(text: string, fileName: string | undefined, options: ParseOptions = {}): IssueDocument {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const document = parseIssue(text, fileName, { profile, forUpdates: true });
  states.set(document, stateOf(document, profile));
  return document;
}

function fullUpdate(newText: string, fileName: string | undefined, profile: FormatProfile, reason: string): UpdateResult {
  const document = parseForUpdates(newText, fileName, { profile });
  const blocks = document.markdown.tree.children.length;
  const changedEntries: EntryRef[] = document.intro.map((_, entry) => ({ section: -1, entry }));
  document.sections.forEach((section, s) => section.entries.forEach((_, entry) => changedEntries.push({ section: s, entry })));
  return {
    document,
    delta: {
      incremental: false,
      reason,
      blocks: { from: 0, removed: Number.NaN, inserted: blocks },
      lines: { start: 0, end: document.lines.lineCount - 1 },
      lineDelta: 0,
      offsetDelta: 0,
      structureChanged: true,
      changedSections: document.sections.map((_, i) => i),
      changedEntries,
    },
  };
}

interface Span {
  /** The text after every change. */
  readonly text: string;
  /** `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one; the rest is the same. */
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Applies the changes in order, and the smallest span of the old text that holds all of them. */
function changedSpan(previous: IssueDocument, changes: readonly TextChange[]): Span | undefined {
  if (changes.length === 0) return { text: previous.text, start: 0, oldEnd: 0, newEnd: 0 };
  let text = previous.text;
  let lines: { offsetAt(p: { line: number; character: number }): number } = previous.lines;
  let start = Infinity;
  let oldEnd = -Infinity;
  let curEnd = -Infinity;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (i > 0 && change.rangeOffset === undefined) lines = new LineIndex(text);
    const cs = change.rangeOffset ?? lines.offsetAt(change.range.start);
    const ce = change.rangeLength !== undefined ? cs + change.rangeLength : lines.offsetAt(change.range.end);
    if (cs < 0 || ce < cs || ce > text.length) return undefined;
    text = text.slice(0, cs) + change.text + text.slice(ce);
    const d = change.text.length - (ce - cs);
    if (i === 0) {
      start = cs;
      oldEnd = ce;
      curEnd = ce + d;
      continue;
    }
    // Outside the span the current text is the old one, moved by what the span gained.
    if (cs < start) start = cs;
    if (ce > curEnd) {
      oldEnd += ce - curEnd;
      curEnd = ce;
    }
    curEnd += d;
  }
  return { text, start, oldEnd, newEnd: curEnd };
}

/** Why the fast path was not taken (the caller parses the whole issue). */
function fail(reason: string): string {
  return reason;
}

function stateFor(document: IssueDocument, profile: FormatProfile): State {
  const known = states.get(document);
  if (known && known.profile === profile) return known;
  const state = stateOf(document, profile);
  states.set(document, state);
  return state;
}

function stateOf(document: IssueDocument, profile: FormatProfile): State {
  const { tree, bodyOffset } = document.markdown;
  const definitions: { source: string; key: string }[] = [];
  const definitionBlocks: number[] = [];
  let unsafeDefinitions = false;
  tree.children.forEach((block, index) => {
    if (block.type === 'definition') {
      definitionBlocks.push(index);
      const s = bodyOffset + (block.position?.start.offset ?? 0);
      const e = bodyOffset + (block.position?.end.offset ?? 0);
      definitions.push({ source: document.text.slice(s, e), key: labelKey(block.label ?? block.identifier).trim() });
      return;
    }
    const found = definitionsIn(block);
    if (found.length === 0) return;
    definitionBlocks.push(index);
    for (const definition of found) {
      if (!definition.position || definition.position.start.line !== definition.position.end.line) unsafeDefinitions = true;
      const s = bodyOffset + (definition.position?.start.offset ?? 0);
      const e = bodyOffset + (definition.position?.end.offset ?? 0);
      definitions.push({ source: document.text.slice(s, e), key: labelKey(definition.label ?? definition.identifier).trim() });
    }
  });
  const deep = nestsTooDeeply(document.text.slice(bodyOffset));
  return { profile, definitions, definitionBlocks, unsafeDefinitions, deep };
}

/**
 * A label as micromark compares labels (`normalizeIdentifier`: blanks collapsed, case folded by
 * lower- then upper-casing), but not trimmed: applied to a whole run of text, it keeps every
 * label written in it as a piece of the result (each character is mapped on its own, but for a
 * final sigma, which the upper-casing maps back).
 */
function labelKey(text: string): string {
  return text.replace(/[\t\n\r ]+/g, ' ').toLowerCase().toUpperCase();
}

/**
 * The definitions to parse after a run, so that its references resolve as in the whole issue:
 * those whose label the run's text holds (a reference, full, collapsed or shortcut, spells the
 * label it uses); the others cannot change how the run parses, and parsing them after every edit
 * would cost as much as the run itself.
 */
function definitionsFor(runText: string, state: State): { readonly text: string; readonly count: number } {
  if (state.definitions.length === 0) return { text: '', count: 0 };
  const run = labelKey(runText);
  const used = state.definitions.filter((definition) => run.includes(definition.key));
  return { text: used.length > 0 ? `\n\n${used.map((definition) => definition.source).join('\n\n')}` : '', count: used.length };
}

/** Every definition at any depth of a block. */
function definitionsIn(node: Nodes): Definition[] {
  const found: Definition[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'definition') found.push(current);
    else if (holdsBlocks(current)) for (const child of current.children) stack.push(child as Nodes);
  }
  return found;
}

function incremental(previous: IssueDocument, text: string, span: Span, profile: FormatProfile): UpdateResult | string {
  if (previous.parseFindings.some((f) => f.code === 'parse.failed')) return fail('the previous parse failed');
  const old = previous.text;
  const oldLines = previous.lines;
  const bodyStart = previous.markdown.bodyOffset;
  const { start: s, oldEnd: e, newEnd } = span;
  const delta = newEnd - e;

  // The header stays what it was only for edits after it: no edit on the first line (which decides
  // whether there is a header), none on an unclosed header (a new line could close it), none on
  // the blank line that ends a Pelican header.
  const fm = previous.frontMatter;
  const lineEnd = (line: number) => oldLines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  const lineStart = (line: number) => oldLines.offsetAt({ line, character: 0 });
  if (!fm) {
    if (bodyStart !== 0) return fail('a body without a header that does not start the text');
    if (s <= lineEnd(0)) return fail('edit on the first line');
  } else if (!fm.terminated) {
    return fail('the header is not closed');
  } else if (fm.kind === 'pelican') {
    if (bodyStart >= old.length) return fail('no blank line after the header');
    if (s <= lineEnd(oldLines.positionAt(bodyStart).line)) return fail('edit on or before the line after the header');
  } else if (s < bodyStart || old.charCodeAt(bodyStart - 1) !== 10) {
    return fail('edit in the header');
  }

  const newBodyLength = text.length - bodyStart;
  const oldBodyLength = old.length - bodyStart;
  if (oldBodyLength > WHOLE_PARSE_LIMIT || newBodyLength > WHOLE_PARSE_LIMIT) return fail('a body parsed in pieces');
  if (oldBodyLength === 0 || newBodyLength === 0) return fail('an empty body');

  const state = stateFor(previous, profile);
  if (state.unsafeDefinitions) return fail('a definition inside a container');
  if (state.deep) return fail('a body parsed in pieces (deep nesting)');
  const blocks = previous.markdown.tree.children;
  const n = blocks.length;
  if (n === 0) return fail('no blocks');
  const bodyLine = oldLines.positionAt(bodyStart).line; // 0-based line of the body's first line
  const firstLine = (i: number) => bodyLine + (blocks[i].position?.start.line ?? 1) - 1;
  const lastLine = (i: number) => bodyLine + (blocks[i].position?.end.line ?? 1) - 1;

  // The run starts at the last block whose first line starts at or before the edit ...
  let j = -1;
  for (let low = 0, high = n - 1; low <= high; ) {
    const mid = (low + high) >> 1;
    if (lineStart(firstLine(mid)) <= s) {
      j = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  // An edit inside one list of a tight list: only its items are parsed again, when that is safe.
  if (j >= 0 && blocks[j].type === 'list' && e <= lineEnd(lastLine(j)) && !state.definitionBlocks.includes(j)) {
    const items = listItemUpdate(previous, text, profile, state, { list: blocks[j] as List, index: j, s, e, delta, bodyLine });
    if (items) return items;
  }
  // ... and goes back while the block before it could go on into it.
  while (j > 0 && !freshAfter(blocks[j - 1], lastLine(j - 1), firstLine(j))) j--;
  const runStart = j <= 0 ? bodyStart : lineStart(firstLine(j));
  if (j < 0) j = 0;
  if (runStart > s) return fail('the run starts after the edit');
  if (text.charCodeAt(runStart - 1) === 13 && text.charCodeAt(runStart) === 10) return fail('a CR LF pair split at the run start');

  // The run ends with the first block whose last line ends at or after the edit.
  let k = j;
  while (k < n && lineEnd(lastLine(k)) < e) k++;

  for (let widenings = 0; ; widenings++) {
    if (widenings > MAX_WIDENINGS) return fail('the run grew too long');
    // To the end of the body when no block ends after the edit, or none that a blank line follows.
    while (k < n - 1 && firstLine(k + 1) <= lastLine(k) + 1) k++;
    const toEnd = k >= n - 1;
    const oldRunEnd = toEnd ? old.length : lineEnd(lastLine(k));
    const runEnd = oldRunEnd + delta;
    if (runEnd < runStart || runEnd < newEnd) return fail('the run ends before the edit');
    if (!toEnd && text.charCodeAt(runEnd - 1) === 13 && text.charCodeAt(runEnd) === 10) return fail('a CR LF pair split at the run end');
    for (let i = j; i <= Math.min(k, n - 1); i++) {
      if (state.definitionBlocks.includes(i)) return fail('the edit touches a definition');
    }

    const runText = text.slice(runStart, runEnd);
    if (nestsTooDeeply(runText)) return fail('nesting too deep');
    const defs = definitionsFor(runText, state);
    const parsed = markdownParser.parse(runText + defs.text);
    const run: RootContent[] = [];
    for (const node of parsed.children) {
      if ((node.position?.start.offset ?? 0) < runText.length) run.push(node);
      else if (node.type !== 'definition') return fail('the definitions after the run did not parse as definitions');
    }
    if (parsed.children.length - run.length !== defs.count) return fail('the definitions after the run did not parse as they were');
    for (const node of run) if (definitionsIn(node).length > 0) return fail('the edit adds a definition');
    const last = run[run.length - 1];
    if (last && mayGoOn(last)) {
      if (toEnd) {
        if (defs.count > 0 && (last.type === 'code' || last.type === 'html')) return fail('an open block at the end before the definitions');
      } else {
        k++;
        continue;
      }
    }
    return splice(previous, text, profile, state, { j, k: Math.min(k, n - 1), toEnd, runStart, runEnd, delta, run, bodyLine });
  }
}

/** Whether a block that ends on `lastLine` is closed before a block starting on `nextFirstLine`. */
function freshAfter(block: RootContent, lastLine: number, nextFirstLine: number): boolean {
  return nextFirstLine > lastLine + 1 && block.type !== 'list' && block.type !== 'code';
}

/** A block that what follows it, after a blank line, could still continue. */
function mayGoOn(node: RootContent): boolean {
  return node.type === 'list' || node.type === 'code' || node.type === 'html';
}

interface Run {
  readonly j: number;
  readonly k: number;
  readonly toEnd: boolean;
  readonly runStart: number;
  readonly runEnd: number;
  readonly delta: number;
  readonly run: RootContent[];
  readonly bodyLine: number;
}

function splice(previous: IssueDocument, text: string, profile: FormatProfile, state: State, r: Run): UpdateResult {
  const bodyStart = previous.markdown.bodyOffset;
  const lines = new LineIndex(text);
  const blocks = previous.markdown.tree.children;
  const runLine = lines.positionAt(r.runStart).line; // 0-based
  const removedEnd = r.toEnd ? blocks.length : r.k + 1;
  const lineDelta = lines.lineCount - previous.lines.lineCount;

  const children: RootContent[] = blocks.slice(0, r.j);
  const runOffset = r.runStart - bodyStart;
  const runLines = runLine - r.bodyLine;
  for (const node of r.run) children.push(shifted(node, runOffset, runLines));
  for (let i = removedEnd; i < blocks.length; i++) children.push(shifted(blocks[i], r.delta, lineDelta, true));
  const definitionBlocks = state.definitionBlocks.map((i) => (i >= removedEnd ? i + r.run.length - (removedEnd - r.j) : i));
  return finish(previous, text, lines, profile, { ...state, definitionBlocks }, children, {
    bodyLine: r.bodyLine,
    runStart: r.runStart,
    runEnd: r.runEnd,
    delta: r.delta,
    blocks: { from: r.j, removed: removedEnd - r.j, inserted: r.run.length },
  });
}

interface Spliced {
  readonly bodyLine: number;
  readonly runStart: number;
  readonly runEnd: number;
  readonly delta: number;
  readonly blocks: ParseDelta['blocks'];
}

/** The document around the new tree's blocks: the body read again, the header kept. */
function finish(previous: IssueDocument, text: string, lines: LineIndex, profile: FormatProfile, state: State, children: RootContent[], r: Spliced): UpdateResult {
  const bodyStart = previous.markdown.bodyOffset;
  const oldTree = previous.markdown.tree;
  const runLine = lines.positionAt(r.runStart).line;
  const lineDelta = lines.lineCount - previous.lines.lineCount;
  const bodyLength = text.length - bodyStart;
  const endLine = lines.lineCount - 1;
  const endColumn = text.length - lines.lineStartOffset(endLine) + 1;
  const tree: Root = {
    type: 'root',
    children,
    position: {
      start: oldTree.position?.start ?? { line: 1, column: 1, offset: 0 },
      end: { line: endLine - r.bodyLine + 1, column: endColumn, offset: bodyLength },
    },
  };
  const { intro, sections } = readBody(tree, text, lines, bodyStart, profile, true);

  let title = previous.title;
  let number = previous.number;
  if (profile.header.kind === 'none' && !headerField(previous.frontMatter, profile.header.titleField)) {
    title = firstHeadingTitle(tree, text, lines, bodyStart, profile.title.template);
    const numberField = profile.header.numberField ? headerField(previous.frontMatter, profile.header.numberField) : undefined;
    number = numberOf(numberField) ?? title?.number;
  }

  const document: IssueDocument = {
    text,
    fileName: previous.fileName,
    hadBom: previous.hadBom,
    frontMatter: previous.frontMatter,
    title,
    date: previous.date,
    number,
    publicationDate: previous.publicationDate,
    fileNameInfo: previous.fileNameInfo,
    intro,
    sections,
    parseFindings: previous.parseFindings,
    lines,
    markdown: { tree, bodyOffset: bodyStart },
  };

  states.set(document, state);

  const runEndLine = lines.positionAt(r.runEnd).line;
  const touched = (range: Range) => range.end.line >= runLine && range.start.line <= runEndLine;
  const changedEntries: EntryRef[] = [];
  const changedSections: number[] = [];
  const collect = (entries: readonly Entry[], section: number) => {
    let any = false;
    entries.forEach((entry, i) => {
      if (touched(entry.range)) {
        changedEntries.push({ section, entry: i });
        any = true;
      }
    });
    return any;
  };
  collect(intro, -1);
  sections.forEach((section, i) => {
    if (collect(section.entries, i) || touched(section.headingRange)) changedSections.push(i);
  });

  return {
    document,
    delta: {
      incremental: true,
      blocks: r.blocks,
      lines: { start: runLine, end: runEndLine },
      lineDelta,
      offsetDelta: r.delta,
      structureChanged: !sameOutline(previous, document),
      changedSections,
      changedEntries,
    },
  };
}

/** Same headings, in the same nesting (their places aside). */
function sameOutline(a: IssueDocument, b: IssueDocument): boolean {
  if (a.sections.length !== b.sections.length) return false;
  return a.sections.every((s, i) => {
    const t = b.sections[i];
    return s.name === t.name && s.level === t.level && s.parent === t.parent && s.kind === t.kind && s.headingStyle === t.headingStyle;
  });
}

/**
 * A copy of the node and its descendants with every position moved (columns stay). The copy of a
 * top-level block (`top`) and those of list items are noted as moved (`noteMoved`): the entries
 * made from them are moved too, not made again.
 */
function shifted<T extends Nodes>(node: T, offset: number, lines: number, top = false): T {
  if (offset === 0 && lines === 0) return node;
  const copy = { ...node } as T;
  if (node.position) copy.position = movedPosition(node.position, offset, lines);
  if ('children' in node) {
    (copy as { children: Nodes[] }).children = (node.children as Nodes[]).map((child) => shifted(child, offset, lines));
  }
  if (top || node.type === 'listItem') noteMoved(copy, node, lines);
  return copy;
}

interface ListEdit {
  readonly list: List;
  /** The list's index among the top-level blocks. */
  readonly index: number;
  readonly s: number;
  readonly e: number;
  readonly delta: number;
  readonly bodyLine: number;
}

/**
 * An edit inside the items of a tight top-level list (the links of a This Week in Rust section):
 * the items it touched are parsed again on their own, and put back among the others. Safe when
 * the list stays what it was around them: the first of them keeps its bullet and what precedes its
 * text (so it is still the next item of this list), the item after them starts in column 0 (so it
 * cannot fall inside them), they hold only paragraphs and no blank line (so nothing stays open and
 * the list stays tight), and they are not the list's last item (which what follows the list could
 * continue). Anything else: `undefined`, and the caller re-parses whole blocks.
 */
function listItemUpdate(previous: IssueDocument, text: string, profile: FormatProfile, state: State, edit: ListEdit): UpdateResult | undefined {
  const { list, s, e, delta, bodyLine } = edit;
  if (list.spread || list.children.length < 3) return undefined;
  const bodyStart = previous.markdown.bodyOffset;
  const oldLines = previous.lines;
  const lineEnd = (line: number) => oldLines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  const lineStart = (line: number) => oldLines.offsetAt({ line, character: 0 });
  const items = list.children;
  const firstLine = (item: ListItem) => bodyLine + (item.position?.start.line ?? 1) - 1;
  const lastLine = (item: ListItem) => bodyLine + (item.position?.end.line ?? 1) - 1;
  /** Where the item's text starts: what is before it (indent, bullet, spaces) must not change. */
  const textStart = (item: ListItem) => {
    const first = item.children[0];
    if (!first?.position || first.position.start.line !== item.position?.start.line) return Infinity;
    return bodyStart + (first.position.start.offset ?? 0);
  };
  let a = -1;
  for (let i = 0; i < items.length && textStart(items[i]) <= s; i++) a = i;
  if (a < 0) return undefined;
  let b = a;
  while (b < items.length && lineEnd(lastLine(items[b])) < e) b++;
  if (b >= items.length - 1) return undefined;
  const next = items[b + 1];
  if (firstLine(next) !== lastLine(items[b]) + 1 || /^\s/.test(previous.text.slice(lineStart(firstLine(next)), lineStart(firstLine(next)) + 1))) return undefined;
  if (previous.text.charCodeAt(lineStart(firstLine(items[a]))) === 32) return undefined;

  const runStart = lineStart(firstLine(items[a]));
  const runEnd = lineEnd(lastLine(items[b])) + delta;
  if (runEnd < s + 1 || runEnd < runStart) return undefined;
  if (text.charCodeAt(runEnd - 1) === 13 && text.charCodeAt(runEnd) === 10) return undefined;
  const runText = text.slice(runStart, runEnd);
  if (runText.split(/\r\n|\r|\n/).some((line) => line.trim() === '')) return undefined;
  if (nestsTooDeeply(runText)) return undefined;

  const defs = definitionsFor(runText, state);
  const parsed = markdownParser.parse(runText + defs.text);
  const run = parsed.children.filter((node) => (node.position?.start.offset ?? 0) < runText.length);
  if (run.length !== 1 || parsed.children.length - 1 !== defs.count) return undefined;
  const runList = run[0];
  if (runList.type !== 'list' || runList.spread || runList.ordered !== list.ordered) return undefined;
  if (a === 0 && runList.start !== list.start) return undefined;
  for (const item of runList.children) {
    if (item.spread || item.position?.start.column !== 1 || item.children.some((child) => child.type !== 'paragraph')) return undefined;
  }

  const lines = new LineIndex(text);
  const lineDelta = lines.lineCount - oldLines.lineCount;
  const runOffset = runStart - bodyStart;
  const runLines = lines.positionAt(runStart).line - bodyLine;
  const newItems: ListItem[] = items.slice(0, a);
  for (const item of runList.children) newItems.push(shifted(item, runOffset, runLines));
  for (let i = b + 1; i < items.length; i++) newItems.push(shifted(items[i], delta, lineDelta));
  const position = list.position && {
    start: list.position.start,
    end: { ...list.position.end, line: list.position.end.line + lineDelta, offset: (list.position.end.offset ?? 0) + delta },
  };
  const newList: List = { ...list, children: newItems, position };

  const blocks = previous.markdown.tree.children;
  const children: RootContent[] = blocks.slice(0, edit.index);
  children.push(newList);
  for (let i = edit.index + 1; i < blocks.length; i++) children.push(shifted(blocks[i], delta, lineDelta, true));
  return finish(previous, text, lines, profile, state, children, {
    bodyLine,
    runStart,
    runEnd,
    delta,
    blocks: { from: edit.index, removed: 1, inserted: 1 },
  });
}
