import type { Definition, Root as MdRoot, RootContent, Nodes as MdNodes } from 'mdast';
import type { Element, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { toHast } from 'mdast-util-to-hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { IssueDocument, SectionKind } from '../model';
import { ISSUE_SCHEMA } from './sanitize';
import { mastheadOf } from './masthead';
import { applyTypography } from './typography';

/** One top-level Markdown block as sanitised HTML, with the lines of the file it comes from. */
export interface RenderedBlock {
  /** Stable for the block's place in the issue (`intro-0`, `s1-h`, `s1-e3`): the preview's update key. */
  readonly key: string;
  readonly kind: 'entry' | 'heading' | 'other';
  readonly html: string;
  /** 0-based first and last line of the block in the file. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface RenderedSection {
  readonly key: string;
  readonly name: string;
  readonly kind: SectionKind;
  readonly startLine: number;
  readonly endLine: number;
  /** The heading and then each block of the section (entries, and the odd rule or sub-heading). */
  readonly blocks: readonly RenderedBlock[];
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
  readonly sections: readonly RenderedSection[];
}

export interface HtmlRenderOptions {
  /**
   * Inline `style` attributes by tag name (and by our class names, as `.nl-entry`), added after
   * sanitising: for exports that must look right in mail clients, which ignore style sheets.
   */
  readonly inlineStyles?: Readonly<Record<string, string>>;
  /** Typographic quotes and dashes as the archive's site sets them (default true). */
  readonly typography?: boolean;
}

const MAX_CACHED_BLOCKS = 4000;

/**
 * Renders issues to sanitised HTML. Keeps the HTML of each block by its source text, so a
 * one-character edit re-renders one block, not the issue; use one renderer per preview (or per
 * export style) and keep it.
 */
export class IssueHtmlRenderer {
  private readonly cache = new Map<string, string>();

  constructor(private readonly options: HtmlRenderOptions = {}) {}

  render(document: IssueDocument): RenderedIssue {
    const { tree, bodyOffset } = document.markdown;
    const { lines } = document;
    const definitions = tree.children.filter((n): n is Definition => n.type === 'definition');
    const definitionsKey = definitions.length > 0 ? definitions.map((d) => `${d.identifier}\u0000${d.url}\u0000${d.title ?? ''}`).join('\u0001') : '';

    const headingStarts = new Map<number, number>();
    document.sections.forEach((section, i) => headingStarts.set(lines.offsetAt(section.headingRange.start), i));

    const intro: RenderedBlock[] = [];
    const sections: { key: string; name: string; kind: SectionKind; startLine: number; endLine: number; blocks: RenderedBlock[] }[] = [];
    let entryIndex = 0;
    for (const node of tree.children) {
      if (node.type === 'definition' || !node.position) continue;
      const start = bodyOffset + (node.position.start.offset ?? 0);
      const end = bodyOffset + (node.position.end.offset ?? 0);
      const startLine = lines.positionAt(start).line;
      const endLine = lines.positionAt(end).line;
      const sectionIndex = headingStarts.get(start);
      const section = sectionIndex === undefined ? undefined : document.sections[sectionIndex];
      const html = section?.headingStyle === 'quoted'
        ? this.renderQuotedHeading(section.name)
        : this.renderNode(node, document.text.slice(start, end), definitions, definitionsKey, (offset) => document.text.slice(bodyOffset + offset, bodyOffset + offset + 2));
      if (section) {
        const key = `s${sections.length}`;
        sections.push({
          key,
          name: section.name,
          kind: section.kind,
          startLine,
          endLine: Math.max(endLine, section.bodyRange.end.line),
          blocks: [{ key: `${key}-h`, kind: 'heading', html, startLine, endLine }],
        });
        entryIndex = 0;
        continue;
      }
      const current = sections[sections.length - 1];
      const kind = isEntryBlock(node) ? 'entry' : 'other';
      if (current) {
        current.blocks.push({ key: `${current.key}-${kind === 'entry' ? 'e' : 'x'}${entryIndex++}`, kind, html, startLine, endLine });
      } else {
        intro.push({ key: `intro-${intro.length}`, kind, html, startLine, endLine });
      }
    }
    return { masthead: this.renderMasthead(document), intro, sections };
  }

  private renderMasthead(document: IssueDocument): RenderedMasthead {
    const m = mastheadOf(document);
    const range = document.frontMatter?.range;
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
      html += `<p class="nl-name"${style('.nl-name')}>${escapeHtml(m.title || 'Untitled issue')}</p>`;
    }
    return { html, startLine, endLine };
  }

  /**
   * `>From our sponsor, X` over `====`: kramdown (the archive's site) shows a heading inside a
   * block quote, where CommonMark would see a quoted paragraph. Show what readers saw.
   */
  private renderQuotedHeading(name: string): string {
    const text = this.options.typography === false ? name : typeset(name);
    return `<blockquote${this.styleAttr('blockquote')}><h1${this.styleAttr('h1')}>${escapeHtml(text)}</h1></blockquote>`;
  }

  private renderNode(node: RootContent, source: string, definitions: readonly Definition[], definitionsKey: string, charAfter: (offset: number) => string): string {
    const usesDefinitions = definitionsKey !== '' && hasReference(node);
    const cacheKey = `${node.type}\u0002${source}${usesDefinitions ? `\u0003${definitionsKey}` : ''}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;

    let html: string;
    try {
      const root: MdRoot = { type: 'root', children: usesDefinitions ? [node, ...definitions] : [node] };
      let hast = toHast(root, { allowDangerousHtml: true }) as HastNodes;
      if (hasRawNode(hast)) hast = raw(hast) as HastNodes;
      if (this.options.typography !== false) applyTypography(hast as HastRoot, charAfter);
      const clean = sanitize(hast, ISSUE_SCHEMA) as HastRoot;
      dropRelativeImages(clean);
      if (this.options.inlineStyles) applyInlineStyles(clean, this.options.inlineStyles);
      html = toHtml(clean).trim();
    } catch {
      // The tree utilities recurse: thousands of nested quotes or tags overflow the stack. Show
      // the block as text rather than lose the whole preview.
      html = `<p class="nl-render-error"><em>This block is nested too deeply to show as HTML; its text:</em></p><pre>${escapeHtml(source.length > 4000 ? `${source.slice(0, 4000)}…` : source)}</pre>`;
    }

    if (this.cache.size >= MAX_CACHED_BLOCKS) this.cache.clear();
    this.cache.set(cacheKey, html);
    return html;
  }

  /** ` style="..."` for one of our own elements (by `.class`) or a tag, or nothing. */
  styleAttr(selector: string): string {
    const style = this.options.inlineStyles?.[selector];
    return style ? ` style="${escapeHtml(style)}"` : '';
  }
}

function typeset(text: string): string {
  const root: HastRoot = { type: 'root', children: [{ type: 'text', value: text }] };
  applyTypography(root, () => '');
  return (root.children[0] as { value: string }).value;
}

function isEntryBlock(node: RootContent): boolean {
  return ['paragraph', 'blockquote', 'list', 'html', 'code', 'table'].includes(node.type);
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

function hasRawNode(node: HastNodes): boolean {
  const stack: HastNodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as HastNodes;
    if (current.type === 'raw') return true;
    if ('children' in current) for (const child of current.children) stack.push(child as HastNodes);
  }
  return false;
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

/** A rendered issue, or the same data after a trip through `postMessage` (kinds as plain strings). */
export type LayoutInput = Omit<RenderedIssue, 'sections'> & {
  readonly sections: readonly (Omit<RenderedSection, 'kind' | 'name'> & { readonly kind: string })[];
};

export interface LayoutOptions {
  /** Inline styles for our own wrapper elements (`.nl-issue`, `.nl-section`, `.nl-sponsor`...). */
  readonly styleAttr?: (selector: string) => string;
}

/**
 * The rendered issue as one HTML fragment: `article.nl-issue` > masthead, intro, one `section`
 * per section (the sponsor's set apart by its class), each block in a `div` that carries its key
 * and lines (`data-entry`, `data-line`, `data-line-end`) for scroll sync and diagnostic marks.
 */
export function layoutIssue(issue: LayoutInput, options: LayoutOptions = {}): string {
  const style = options.styleAttr ?? (() => '');
  const block = (b: RenderedBlock) =>
    `<div class="nl-block nl-${b.kind}"${style(`.nl-${b.kind}`)} data-entry="${b.key}" data-line="${b.startLine}" data-line-end="${b.endLine}">${b.html}</div>`;
  let html = `<article class="nl-issue"${style('.nl-issue')}>`;
  html += `<header class="nl-masthead"${style('.nl-masthead')} data-entry="masthead" data-line="${issue.masthead.startLine}" data-line-end="${issue.masthead.endLine}">${issue.masthead.html}</header>`;
  html += `<div class="nl-intro"${style('.nl-intro')} data-key="intro">${issue.intro.map(block).join('')}</div>`;
  for (const section of issue.sections) {
    const sponsor = section.kind === 'sponsor';
    html += `<section class="nl-section nl-kind-${section.kind}${sponsor ? ' nl-sponsor' : ''}"${style(sponsor ? '.nl-sponsor' : '.nl-section')} data-key="${section.key}" data-line="${section.startLine}" data-line-end="${section.endLine}"${sponsor ? ' aria-label="Sponsor"' : ''}>`;
    html += section.blocks.map(block).join('');
    html += '</section>';
  }
  html += '</article>';
  return html;
}
