import type { Definition, List, Root as MdRoot, RootContent, Nodes as MdNodes } from 'mdast';
import type { Element, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { toHast } from 'mdast-util-to-hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Entry, EntryShape, IssueDocument, SectionKind, Severity } from '../model';
import type { FormatProfile, RendererName } from '../format/profile';
import { DEFAULT_PROFILE } from '../format/presets';
import { isEntryBlock } from '../parse/body';
import { blockClassName, sectionClassName } from './classNames';
import { ISSUE_SCHEMA } from './sanitize';
import { mastheadOf } from './masthead';
import { applyTypography } from './typography';
import { allEntries } from '../entries';
import { BoundedCache, ownCopy } from '../text/memo';

/** One block of the issue as sanitised HTML, with the lines of the file it comes from. */
export interface RenderedBlock {
  /** Stable for the block's place in the issue (`intro-0`, `s1-h`, `s1-e3`): the preview's update key. */
  readonly key: string;
  readonly kind: 'entry' | 'heading' | 'other';
  /**
   * For an entry, its shape in the model: a `paragraph` (with link lines), one `list-item` of a
   * list, a `link-heading` with the blocks under it, or any other `block`.
   */
  readonly shape?: EntryShape | 'block';
  readonly html: string;
  /** 0-based first and last line of the block in the file. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface RenderedSection {
  readonly key: string;
  readonly name: string;
  readonly kind: SectionKind;
  /** The heading's level (1-6), as written: subsections keep theirs. */
  readonly level: number;
  /** 0 for a top-level section, 1 for a subsection, and so on. */
  readonly depth: number;
  readonly startLine: number;
  readonly endLine: number;
  /** The heading and then each block of the section (entries, and the odd rule or sub-heading). */
  readonly blocks: readonly RenderedBlock[];
  /** Its subsections, in order, after its own blocks. */
  readonly sections: readonly RenderedSection[];
}

export interface RenderedMasthead {
  readonly html: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The issue as the newsletter shows it on the web, split into keyed parts for live updates. */
export interface RenderedIssue {
  readonly masthead: RenderedMasthead;
  readonly intro: readonly RenderedBlock[];
  /** The top-level sections; each holds its subsections. */
  readonly sections: readonly RenderedSection[];
}

export interface HtmlRenderOptions {
  /**
   * Inline `style` attributes by tag name (and by our class names, as `.nl-entry`), added after
   * sanitising: for exports that must look right in mail clients, which ignore style sheets.
   */
  readonly inlineStyles?: Readonly<Record<string, string>>;
  /**
   * The newsletter's format: its `renderer` decides the default typography (kramdown sets
   * typographic quotes and dashes, the others do not). Default: the default profile.
   */
  readonly profile?: FormatProfile;
  /** Typographic quotes and dashes as the archive's site sets them (default: as the profile's renderer does). */
  readonly typography?: boolean;
}

/**
 * A place where the site's renderer shows something other than the preview: a renderer rule's
 * finding (`siteMarksOf` in the rules makes these). The preview shows a mark there; exports get none.
 */
export interface SiteMark {
  /** Where in the document's text the difference starts (the finding's start). */
  readonly offset: number;
  readonly code: string;
  readonly severity: Severity;
  /** What the site shows there, in a few words (the code's `siteShows`: "a heading"). */
  readonly siteShows: string;
  /** The site's renderer, as the profile names it. */
  readonly renderer: RendererName;
  /** The finding's message: the mark's title, and what a screen reader reads after its label. */
  readonly message: string;
}

const MAX_CACHED_BLOCKS = 4000;

/** A rendered block, with the reference definitions it was rendered under. */
interface CachedBlock {
  readonly html: string;
  readonly definitionsKey: string;
  /** Whether the block references a definition: if not, its HTML holds under any definitions as long as it references none of them. */
  readonly usesDefinitions: boolean;
}

interface MutableSection {
  key: string;
  name: string;
  kind: SectionKind;
  level: number;
  depth: number;
  startLine: number;
  endLine: number;
  blocks: RenderedBlock[];
  sections: MutableSection[];
  entryIndex: number;
}

/** Every section of a rendered issue, subsections included, in document order. */
export function allSections(sections: readonly RenderedSection[]): RenderedSection[] {
  const out: RenderedSection[] = [];
  const stack = [...sections].reverse();
  while (stack.length > 0) {
    const section = stack.pop() as RenderedSection;
    out.push(section);
    for (let i = section.sections.length - 1; i >= 0; i--) stack.push(section.sections[i]);
  }
  return out;
}

/**
 * Renders issues to sanitised HTML. Keeps the HTML of each block by its source text, so a
 * one-character edit re-renders one block, not the issue; use one renderer per preview (or per
 * export style) and keep it.
 */
export class IssueHtmlRenderer {
  private readonly cache = new BoundedCache<CachedBlock>(MAX_CACHED_BLOCKS);
  /** The reference definitions of the last issue rendered, as one key (one string while they stay the same). */
  private definitionsKey = '';
  private readonly typography: boolean;

  constructor(private readonly options: HtmlRenderOptions = {}) {
    this.typography = options.typography ?? (options.profile ?? DEFAULT_PROFILE).renderer === 'kramdown';
  }

  /**
   * `siteMarks`: where the site shows something else (the preview passes the renderer rules'
   * findings; exports pass none). Each goes into the block that holds its place, or, between
   * blocks, into the next block, at its start.
   */
  render(document: IssueDocument, siteMarks: readonly SiteMark[] = []): RenderedIssue {
    const { tree, bodyOffset } = document.markdown;
    const { lines } = document;
    const definitions = tree.children.filter((n): n is Definition => n.type === 'definition');
    const written = definitions.length > 0 ? definitions.map((d) => `${d.identifier}\u0000${d.url}\u0000${d.title ?? ''}`).join('\u0001') : '';
    if (written !== this.definitionsKey) this.definitionsKey = ownCopy(written);
    const { definitionsKey } = this;
    const charAfter = (offset: number) => document.text.slice(bodyOffset + offset, bodyOffset + offset + 2);
    const pending = [...siteMarks].sort((a, b) => a.offset - b.offset);
    let nextMark = 0;
    /** The marks not placed yet that fall before `end`: they go into the block that ends there. */
    const marksBefore = (end: number): SiteMark[] => {
      const from = nextMark;
      while (nextMark < pending.length && pending[nextMark].offset < end) nextMark++;
      return pending.slice(from, nextMark);
    };
    const renderOne = (node: RootContent, start: number, end: number) =>
      this.renderNode(node, document.text.slice(start, end), definitions, definitionsKey, charAfter, '', { start, bodyOffset, marks: marksBefore(end) });

    const headingStarts = new Map<number, number>();
    document.sections.forEach((section, i) => headingStarts.set(lines.offsetAt(section.headingRange.start), i));
    // The model's entries by their first offset: which blocks are entries, of which shape.
    const entryStarts = new Map<number, Entry>();
    for (const entry of allEntries(document)) {
      entryStarts.set(lines.offsetAt(entry.range.start), entry);
    }

    const intro: RenderedBlock[] = [];
    const top: MutableSection[] = [];
    /** Rendered sections by their index in `document.sections`, to find a subsection's parent. */
    const byIndex = new Map<number, MutableSection>();
    let current: MutableSection | undefined;
    let introIndex = 0;
    const push = (kind: 'entry' | 'other', shape: RenderedBlock['shape'], html: string, startLine: number, endLine: number) => {
      if (current) {
        const key = `${current.key}-${kind === 'entry' ? 'e' : 'x'}${current.entryIndex++}`;
        current.blocks.push({ key, kind, ...(shape ? { shape } : {}), html, startLine, endLine });
      } else {
        intro.push({ key: `intro-${introIndex++}`, kind, ...(shape ? { shape } : {}), html, startLine, endLine });
      }
    };

    const children = tree.children;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      if (node.type === 'definition' || !node.position) continue;
      const start = bodyOffset + (node.position.start.offset ?? 0);
      const end = bodyOffset + (node.position.end.offset ?? 0);
      const startLine = lines.positionAt(start).line;
      const endLine = lines.positionAt(end).line;
      const sectionIndex = headingStarts.get(start);
      if (sectionIndex !== undefined) {
        const section = document.sections[sectionIndex];
        const html = section.headingStyle === 'quoted' ? this.renderQuotedHeading(section.name) : renderOne(node, start, end);
        const key = `s${sectionIndex}`;
        const rendered: MutableSection = {
          key,
          name: section.name,
          kind: section.kind,
          level: section.level,
          depth: section.depth,
          startLine,
          endLine: Math.max(endLine, section.bodyRange.end.line),
          blocks: [{ key: `${key}-h`, kind: 'heading', html, startLine, endLine }],
          sections: [],
          entryIndex: 0,
        };
        const parent = section.parent === undefined ? undefined : byIndex.get(section.parent);
        (parent ? parent.sections : top).push(rendered);
        byIndex.set(sectionIndex, rendered);
        current = rendered;
        continue;
      }
      const entry = entryStarts.get(start);
      if (node.type === 'list' && entry?.shape === 'list-item') {
        // A list of entries: one block per item, so that each item updates, scrolls and reveals on its own.
        const loose = Boolean(node.spread) || node.children.some((item) => item.spread);
        node.children.forEach((item, n) => {
          if (!item.position) return;
          const s = bodyOffset + (item.position.start.offset ?? 0);
          const e = bodyOffset + (item.position.end.offset ?? 0);
          const itemEntry = entryStarts.get(s);
          const list: List = { type: 'list', ordered: node.ordered, start: node.ordered ? (node.start ?? 1) + n : null, spread: loose, children: [item] };
          const html = this.renderNode(list, document.text.slice(s, e), definitions, definitionsKey, charAfter, `${node.ordered ? `ol${list.start}` : 'ul'}${loose ? 'l' : 't'}`, { start: s, bodyOffset, marks: marksBefore(e) });
          push(itemEntry ? 'entry' : 'other', itemEntry?.shape ?? 'list-item', html, lines.positionAt(s).line, lines.positionAt(e).line);
        });
        continue;
      }
      if (node.type === 'heading' && entry?.shape === 'link-heading') {
        // The link heading and the blocks under it are one entry: one block.
        const entryEnd = lines.offsetAt(entry.range.end);
        let html = renderOne(node, start, end);
        let last = end;
        while (i + 1 < children.length) {
          const next = children[i + 1];
          const s = bodyOffset + (next.position?.start.offset ?? 0);
          const e = bodyOffset + (next.position?.end.offset ?? 0);
          if (!next.position || s >= entryEnd || headingStarts.has(s)) break;
          i++;
          if (next.type === 'definition') continue;
          html += `\n${renderOne(next, s, e)}`;
          last = e;
        }
        push('entry', 'link-heading', html, startLine, lines.positionAt(last).line);
        continue;
      }
      const html = renderOne(node, start, end);
      const isEntry = isEntryBlock(node);
      push(isEntry ? 'entry' : 'other', isEntry ? (entry?.shape ?? 'block') : undefined, html, startLine, endLine);
    }
    return { masthead: this.renderMasthead(document), intro, sections: top.map(freeze) };
  }

  private renderMasthead(document: IssueDocument): RenderedMasthead {
    const m = mastheadOf(document);
    // The header's lines; for a format without a header, the title's (its first heading).
    const range = document.frontMatter?.range ?? document.title?.range;
    const startLine = range?.start.line ?? 0;
    const endLine = range?.end.line ?? 0;
    const style = (name: string) => this.styleAttr(name);
    let html = '';
    if (m.name) html += `<p class="nl-name"${style('.nl-name')}>${escapeHtml(m.name)}</p>`;
    if (m.number !== undefined || m.dateText) {
      html += `<p class="nl-issue-line"${style('.nl-issue-line')}>`;
      if (m.number !== undefined) html += `<span class="nl-number">Issue #${m.number}</span>`;
      if (m.number !== undefined && m.dateText) html += ' <span class="nl-dash" aria-hidden="true">·</span> ';
      if (m.dateText) html += `<time class="nl-date"${m.isoDate ? ` datetime="${m.isoDate}"` : ''}>${escapeHtml(m.dateText)}</time>`;
      html += '</p>';
    }
    if (!m.name && m.number === undefined && !m.dateText) {
      html += `<p class="nl-name"${style('.nl-name')}>Untitled issue</p>`;
    }
    return { html, startLine, endLine };
  }

  /**
   * `>From our sponsor, X` over `====`: kramdown (the archive's site) shows a heading inside a
   * block quote, where CommonMark would see a quoted paragraph. Show what readers saw.
   */
  private renderQuotedHeading(name: string): string {
    const text = this.typography ? typeset(name) : name;
    return `<blockquote${this.styleAttr('blockquote')}><h1${this.styleAttr('h1')}>${escapeHtml(text)}</h1></blockquote>`;
  }

  private renderNode(
    node: RootContent,
    source: string,
    definitions: readonly Definition[],
    definitionsKey: string,
    charAfter: (offset: number) => string,
    variant = '',
    placed: PlacedMarks = NO_MARKS,
  ): string {
    // A block's marks are part of its HTML: by their place in the block, so that the block keeps
    // its cached HTML when lines above it move.
    const marksKey = placed.marks.map((m) => `${m.offset - placed.start}\u0000${m.code}\u0000${m.severity}\u0000${m.renderer}\u0000${m.message}`).join('\u0001');
    const cacheKey = `${node.type}${variant}\u0002${source}${marksKey ? `\u0004${marksKey}` : ''}`;
    const cached = this.cache.get(cacheKey);
    // The same source under the same definitions gives the same HTML. Under other definitions
    // too, when it references none, then or now: only then is its tree walked for a reference
    // (on every block and every edit, that walk cost half of re-rendering a cached issue).
    if (cached !== undefined && cached.definitionsKey === definitionsKey) return cached.html;
    const usesDefinitions = definitionsKey !== '' && hasReference(node);
    if (cached !== undefined && !usesDefinitions && !cached.usesDefinitions) {
      this.cache.set(cacheKey, { ...cached, definitionsKey });
      return cached.html;
    }

    let html: string;
    try {
      const root: MdRoot = { type: 'root', children: usesDefinitions ? [node, ...definitions] : [node] };
      let hast = toHast(root, { allowDangerousHtml: true }) as HastNodes;
      // hast-util-raw keeps the nodes' places only when given a file; the marks need them.
      const rawHtml = rawHtmlIn(hast);
      // `<br>` alone (DevOps Weekly's link lines) needs no HTML parser: the element it parses to,
      // put in its place, gives the same tree at a fraction of the cost, on every edited entry.
      if (rawHtml === 'line-breaks' && placed.marks.length === 0) lineBreaksAsElements(hast);
      else if (rawHtml !== 'none') hast = raw(hast, placed.marks.length > 0 ? withPositions(source) : undefined) as HastNodes;
      if (this.typography) applyTypography(hast as HastRoot, charAfter);
      const clean = sanitize(hast, ISSUE_SCHEMA) as HastRoot;
      dropRelativeImages(clean);
      // After sanitising: the marks are ours, and the text cannot make one.
      for (const mark of placed.marks) insertSiteMark(clean, mark.offset - placed.bodyOffset, siteMarkElement(mark));
      if (this.options.inlineStyles) applyInlineStyles(clean, this.options.inlineStyles);
      html = toHtml(clean).trim();
    } catch {
      // The tree utilities recurse: thousands of nested quotes or tags overflow the stack. Show
      // the block as text rather than lose the whole preview.
      html = `<p class="nl-render-error"><em>This block is nested too deeply to show as HTML; its text:</em></p><pre>${escapeHtml(source.length > 4000 ? `${source.slice(0, 4000)}…` : source)}</pre>`;
    }

    // The key holds the block's source, a slice of the document's text: the cache keeps a copy of
    // its own, else each entry would keep that whole text alive, one text per edit (250 MB at the
    // limit on a large issue). The HTML too, which may hold such slices.
    this.cache.set(cacheKey, { html: ownCopy(html), definitionsKey, usesDefinitions });
    return html;
  }

  /** ` style="..."` for one of our own elements (by `.class`) or a tag, or nothing. */
  styleAttr(selector: string): string {
    const style = this.options.inlineStyles?.[selector];
    return style ? ` style="${escapeHtml(style)}"` : '';
  }
}

interface PlacedMarks {
  /** The block's first offset in the document's text. */
  readonly start: number;
  /** Where the body starts in the text: the Markdown tree's offsets are the body's. */
  readonly bodyOffset: number;
  readonly marks: readonly SiteMark[];
}

const NO_MARKS: PlacedMarks = { start: 0, bodyOffset: 0, marks: [] };

/** Block elements: a mark at the start of one goes inside it; at the start of an inline element, before it. */
const BLOCK_TAGS = new Set(['blockquote', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ol', 'p', 'pre', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul']);
/** A mark never goes inside a link (a click would open it) or code (it would read as code). */
const NOT_INSIDE = new Set(['a', 'code', 'pre']);

/** Messages write code between backticks; a title attribute shows them as written: quote instead. */
function plainMessage(message: string): string {
  return message.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => `‘${code.trim()}’`);
}

/**
 * The mark itself: an inline badge whose words say what the site shows ("site: a heading"; not
 * colour alone), the finding's message as its title, and the same message for screen readers.
 */
function siteMarkElement(mark: SiteMark): Element {
  const message = plainMessage(mark.message);
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['nl-site-mark', `nl-site-mark-${mark.severity}`], title: message, dataCode: mark.code, dataRenderer: mark.renderer },
    children: [
      { type: 'element', tagName: 'span', properties: { className: ['nl-site-mark-label'] }, children: [{ type: 'text', value: `site: ${mark.siteShows}` }] },
      { type: 'element', tagName: 'span', properties: { className: ['nl-visually-hidden'] }, children: [{ type: 'text', value: ` (${mark.renderer}): ${message}` }] },
    ],
  };
}

type HastParent = HastRoot | Element;

/**
 * Puts `mark` where body offset `at` is in the block's tree: inside the text there (split), or
 * before the first text or image after it, or after the last one; never inside a link or code,
 * and before an inline element it would open (`**bold**` keeps its mark outside).
 */
function insertSiteMark(tree: HastRoot, at: number, mark: Element): void {
  let found: { chain: HastParent[]; index: number; split?: number } | undefined;
  let last: { chain: HastParent[]; index: number } | undefined;
  const visit = (parent: HastParent, chain: HastParent[]): boolean => {
    for (let i = 0; i < parent.children.length; i++) {
      const child = parent.children[i];
      const start = child.position?.start.offset;
      const end = child.position?.end.offset;
      const leaf = child.type === 'text' || (child.type === 'element' && (child.tagName === 'img' || child.tagName === 'br'));
      if (leaf && start !== undefined && end !== undefined && (child.type !== 'text' || child.value.trim() !== '')) {
        if (end > at) {
          // Split the text at the mark when its characters are the source's (typography or an
          // entity changed their count: then the mark goes before the text).
          const split = child.type === 'text' && at > start && child.value.length === end - start ? at - start : undefined;
          found = { chain: [...chain, parent], index: i, split };
          return true;
        }
        last = { chain: [...chain, parent], index: i };
      }
      if (child.type === 'element' && visit(child, [...chain, parent])) return true;
    }
    return false;
  };
  visit(tree, []);
  const place = found ?? (last ? { ...last, index: last.index + 1 } : { chain: [tree], index: 0 });
  const chain = [...place.chain];
  let parent = chain.pop() as HastParent;
  let index = place.index;
  if (found?.split !== undefined) {
    const text = parent.children[index] as { type: 'text'; value: string };
    parent.children.splice(index, 1, { type: 'text', value: text.value.slice(0, found.split) }, { type: 'text', value: text.value.slice(found.split) });
    index++;
  }
  const atEnd = !found;
  // Out of links and code; out of an inline element whose start (or, at the end, whose end) it is.
  while (parent.type === 'element' && chain.length > 0) {
    const inside = NOT_INSIDE.has(parent.tagName);
    const atEdge = !BLOCK_TAGS.has(parent.tagName) && (atEnd ? index >= parent.children.length : index === 0);
    if (!inside && !atEdge) break;
    const grand = chain.pop() as HastParent;
    const position = grand.children.indexOf(parent as Element);
    index = atEnd ? position + 1 : position;
    parent = grand;
  }
  parent.children.splice(index, 0, mark);
}

/**
 * hast-util-raw's option that keeps positions: it reads nothing of the file but its text (for the
 * root's position), so the block's source stands in for a VFile.
 */
function withPositions(source: string): NonNullable<Parameters<typeof raw>[1]> {
  return { file: { toString: () => source } } as unknown as NonNullable<Parameters<typeof raw>[1]>;
}

function typeset(text: string): string {
  const root: HastRoot = { type: 'root', children: [{ type: 'text', value: text }] };
  applyTypography(root, () => '');
  return (root.children[0] as { value: string }).value;
}

function freeze(section: MutableSection): RenderedSection {
  const { entryIndex: _entryIndex, sections, ...rest } = section;
  return { ...rest, sections: sections.map(freeze) };
}

function hasReference(node: MdNodes): boolean {
  const stack: MdNodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as MdNodes;
    if (current.type === 'linkReference' || current.type === 'imageReference') return true;
    if ('children' in current) for (const child of current.children) stack.push(child as MdNodes);
  }
  return false;
}

/** A line break written in HTML: `<br>`, `<br/>`, `<br />`. */
const LINE_BREAK = /^<br[ \t]*\/?>$/i;

/** What raw HTML the tree holds: none, only line breaks (`LINE_BREAK`), or other HTML. */
function rawHtmlIn(node: HastNodes): 'none' | 'line-breaks' | 'other' {
  let found: 'none' | 'line-breaks' = 'none';
  const stack: HastNodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as HastNodes;
    if (current.type === 'raw') {
      if (!LINE_BREAK.test(current.value)) return 'other';
      found = 'line-breaks';
    }
    if ('children' in current) for (const child of current.children) stack.push(child as HastNodes);
  }
  return found;
}

/** Replaces each raw node of the tree (all line breaks: `rawHtmlIn`) by the `br` element it parses to. */
function lineBreaksAsElements(node: HastNodes): void {
  if (!('children' in node)) return;
  const children = node.children as HastNodes[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'raw') children[i] = { type: 'element', tagName: 'br', properties: {}, children: [] };
    else lineBreaksAsElements(child);
  }
}

/**
 * The schema keeps relative URLs (it cannot know a base); an image with one would load from the
 * preview's own origin. Images come over https or not at all.
 */
function dropRelativeImages(tree: HastRoot): void {
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const current = stack.pop() as HastNodes;
    if (current.type === 'element' && current.tagName === 'img') {
      const src = current.properties.src;
      if (typeof src !== 'string' || !/^https:\/\//i.test(src.trim())) delete current.properties.src;
    }
    if ('children' in current) for (const child of current.children) stack.push(child as HastNodes);
  }
}

function applyInlineStyles(tree: HastRoot, styles: Readonly<Record<string, string>>): void {
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const current = stack.pop() as HastNodes;
    if (current.type === 'element') {
      const style = styles[(current as Element).tagName];
      if (style) current.properties = { ...current.properties, style };
    }
    if ('children' in current) for (const child of current.children) stack.push(child as HastNodes);
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A section as `layoutIssue` reads it: rendered, or after a trip through `postMessage` (kind a plain string). */
export interface LayoutSection {
  readonly key: string;
  readonly kind: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly blocks: readonly RenderedBlock[];
  readonly sections?: readonly LayoutSection[];
}

/** A rendered issue, or the same data after a trip through `postMessage` (kinds as plain strings). */
export type LayoutInput = Omit<RenderedIssue, 'sections'> & { readonly sections: readonly LayoutSection[] };

export interface LayoutOptions {
  /** Inline styles for our own wrapper elements (`.nl-issue`, `.nl-section`, `.nl-sponsor`...). */
  readonly styleAttr?: (selector: string) => string;
}

/**
 * The rendered issue as one HTML fragment: `article.nl-issue` > masthead, intro, one `section`
 * per top-level section (the sponsor's set apart by its class), each holding its blocks and then
 * its subsections' `section`s; each block in a `div` that carries its key and lines
 * (`data-entry`, `data-line`, `data-line-end`) for scroll sync and diagnostic marks.
 */
export function layoutIssue(issue: LayoutInput, options: LayoutOptions = {}): string {
  const style = options.styleAttr ?? (() => '');
  const block = (b: RenderedBlock) =>
    `<div class="${blockClassName(b)}"${style(`.nl-${b.kind}`)} data-entry="${escapeHtml(b.key)}" data-line="${b.startLine}" data-line-end="${b.endLine}">${b.html}</div>`;
  const section = (s: LayoutSection, depth: number): string => {
    const sponsor = s.kind === 'sponsor';
    let html = `<section class="${escapeHtml(sectionClassName(s, depth))}"${style(sponsor ? '.nl-sponsor' : depth > 0 ? '.nl-subsection' : '.nl-section')} data-key="${escapeHtml(s.key)}" data-line="${s.startLine}" data-line-end="${s.endLine}"${sponsor ? ' aria-label="Sponsor"' : ''}>`;
    html += s.blocks.map(block).join('');
    // Sections nest no deeper than headings do (six levels): the recursion is bounded.
    if (depth < 6) for (const sub of s.sections ?? []) html += section(sub, depth + 1);
    html += '</section>';
    return html;
  };
  let html = `<article class="nl-issue"${style('.nl-issue')}>`;
  html += `<header class="nl-masthead"${style('.nl-masthead')} data-entry="masthead" data-line="${issue.masthead.startLine}" data-line-end="${issue.masthead.endLine}">${issue.masthead.html}</header>`;
  html += `<div class="nl-intro"${style('.nl-intro')} data-key="intro">${issue.intro.map(block).join('')}</div>`;
  for (const s of issue.sections) html += section(s, 0);
  html += '</article>';
  return html;
}
