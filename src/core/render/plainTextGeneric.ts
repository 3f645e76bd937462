import type { Definition, Nodes, PhrasingContent, RootContent } from 'mdast';
import type { IssueDocument } from '../model';
import { withoutTrailingBlanks } from '../text/trailingBlanks';

/** One line of the mail and the 0-based source line it comes from (as `PlainTextLine`). */
interface MailLine {
  readonly text: string;
  readonly sourceLine?: number;
}

interface Context {
  readonly document: IssueDocument;
  readonly definitions: ReadonlyMap<string, Definition>;
  /** Body offset of each section heading -> the section's depth (0 top level). */
  readonly headingDepth: ReadonlyMap<number, number>;
}

/** Deeper than any issue nests its quotes and lists; past it a block is shown as its source text. */
const MAX_DEPTH = 24;

/**
 * The `generic` plain-text layout of the body: the text of each top-level block, one blank line
 * between blocks; section headings underlined (`=` for a section, `-` for a subsection), list
 * items as `* text` (sub-items indented), and below each block (for a list: each item) the URL of
 * each of its links on its own line, unless the link's text already is that URL.
 */
export function genericBodyLines(document: IssueDocument): MailLine[] {
  const { tree, bodyOffset } = document.markdown;
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const headingDepth = new Map<number, number>();
  for (const section of document.sections) {
    if (section.headingStyle === 'quoted') continue;
    headingDepth.set(document.lines.offsetAt(section.headingRange.start) - bodyOffset, section.depth);
  }
  const ctx: Context = { document, definitions, headingDepth };

  const out: MailLine[] = [];
  for (const node of tree.children) {
    const lines = blockLines(node, ctx, '', 0);
    if (lines.length === 0) continue;
    if (out.length > 0) out.push({ text: '' });
    out.push(...lines);
  }
  return out;
}

function lineOf(node: Nodes, ctx: Context, end = false): number | undefined {
  const offset = end ? node.position?.end.offset : node.position?.start.offset;
  return offset === undefined ? undefined : ctx.document.lines.positionAt(ctx.document.markdown.bodyOffset + offset).line;
}

/** The block's text lines, each with its prefix, numbered from the block's first line. */
function textLines(text: string, node: Nodes, ctx: Context, first: string, rest: string): MailLine[] {
  const start = lineOf(node, ctx);
  const last = lineOf(node, ctx, true);
  return text
    .split('\n')
    .map(withoutTrailingBlanks)
    .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1))
    .map((line, i) => ({
      text: withoutTrailingBlanks(`${i === 0 ? first : rest}${line}`),
      sourceLine: start === undefined ? undefined : Math.min(start + i, last ?? start + i),
    }));
}

function urlLines(urls: readonly { url: string; line?: number }[], indent: string): MailLine[] {
  return urls.map(({ url, line }) => ({ text: `${indent}${url}`, sourceLine: line }));
}

function blockLines(node: RootContent, ctx: Context, indent: string, depth: number): MailLine[] {
  if (depth > MAX_DEPTH) return sourceLines(node, ctx, indent);
  switch (node.type) {
    case 'heading': {
      const { text, urls } = inline(node.children, ctx);
      const title = text.replace(/\s+/g, ' ').trim();
      if (title === '' && urls.length === 0) return [];
      const line = lineOf(node, ctx);
      const out: MailLine[] = [{ text: `${indent}${title}`, sourceLine: line }];
      const sectionDepth = node.position?.start.offset === undefined ? undefined : ctx.headingDepth.get(node.position.start.offset);
      if (sectionDepth !== undefined && title !== '') out.push({ text: `${indent}${(sectionDepth === 0 ? '=' : '-').repeat(title.length)}`, sourceLine: line });
      out.push(...urlLines(urls, indent));
      return out;
    }
    case 'paragraph': {
      const { text, urls } = inline(node.children, ctx);
      return [...textLines(text, node, ctx, indent, indent), ...urlLines(urls, indent)];
    }
    case 'list': {
      const out: MailLine[] = [];
      node.children.forEach((item, n) => {
        const bullet = node.ordered ? `${(node.start ?? 1) + n}. ` : '* ';
        const inner = indent + ' '.repeat(bullet.length);
        let first = true;
        for (const child of item.children) {
          if (first && child.type === 'paragraph') {
            const { text, urls } = inline(child.children, ctx);
            out.push(...textLines(text, child, ctx, indent + bullet, inner), ...urlLines(urls, inner));
          } else {
            const lines = blockLines(child, ctx, inner, depth + 1);
            if (first && lines.length > 0) lines[0] = { ...lines[0], text: indent + bullet + lines[0].text.slice(inner.length) };
            out.push(...lines);
          }
          first = false;
        }
        if (item.children.length === 0) out.push({ text: `${indent}${bullet.trimEnd()}`, sourceLine: lineOf(item, ctx) });
      });
      return out;
    }
    case 'blockquote': {
      const out: MailLine[] = [];
      for (const child of node.children) {
        const lines = blockLines(child, ctx, `${indent}> `, depth + 1);
        if (lines.length === 0) continue;
        if (out.length > 0) out.push({ text: `${indent}>` });
        out.push(...lines);
      }
      return out;
    }
    case 'code':
      return textLines(node.value, node, ctx, `${indent}    `, `${indent}    `);
    case 'html': {
      const text = htmlText(node.value);
      return text.trim() === '' ? [] : textLines(text.trim(), node, ctx, indent, indent);
    }
    case 'table': {
      const out: MailLine[] = [];
      for (const row of node.children) {
        const cells = row.children.map((cell) => inline(cell.children, ctx));
        out.push({ text: `${indent}${cells.map((c) => c.text.replace(/\s+/g, ' ').trim()).join(' | ')}`.trimEnd(), sourceLine: lineOf(row, ctx) });
        out.push(...urlLines(cells.flatMap((c) => c.urls), indent));
      }
      return out;
    }
    default:
      // Definitions, thematic breaks, front matter: nothing a reader of the mail reads.
      return [];
  }
}

/** The block as written, for a block nested too deeply to walk. */
function sourceLines(node: RootContent, ctx: Context, indent: string): MailLine[] {
  const { text, markdown } = ctx.document;
  const s = markdown.bodyOffset + (node.position?.start.offset ?? 0);
  const e = markdown.bodyOffset + (node.position?.end.offset ?? 0);
  return textLines(text.slice(s, e), node, ctx, indent, indent);
}

/** Inline HTML and HTML blocks as text: comments and tags dropped, `<br>` a line break. */
function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '');
}

/**
 * The text of inline content (links as their text, code as its text, images as their alt text)
 * and the URLs of its links in order, once each, leaving out a URL the text already shows.
 */
function inline(children: readonly PhrasingContent[], ctx: Context): { text: string; urls: { url: string; line?: number }[] } {
  const urls: { url: string; line?: number }[] = [];
  const seen = new Set<string>();
  const addUrl = (url: string, shown: string, node: Nodes) => {
    const trimmed = url.trim();
    if (trimmed === '' || seen.has(trimmed) || shown.trim() === trimmed || `mailto:${shown.trim()}` === trimmed) return;
    seen.add(trimmed);
    urls.push({ url: trimmed, line: lineOf(node, ctx) });
  };
  const textOf = (nodes: readonly PhrasingContent[], depth: number): string => {
    let out = '';
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          out += node.value;
          break;
        case 'break':
          out += '\n';
          break;
        case 'html':
          out += htmlText(node.value);
          break;
        case 'image':
        case 'imageReference':
          out += node.alt ?? '';
          break;
        case 'link': {
          const shown = depth > MAX_DEPTH ? '' : textOf(node.children, depth + 1);
          out += shown;
          addUrl(node.url, shown, node);
          break;
        }
        case 'linkReference': {
          const shown = depth > MAX_DEPTH ? '' : textOf(node.children, depth + 1);
          out += shown;
          const definition = ctx.definitions.get(node.identifier);
          if (definition) addUrl(definition.url, shown, node);
          break;
        }
        case 'footnoteReference':
          out += `[^${node.identifier}]`;
          break;
        default:
          if ('children' in node && depth <= MAX_DEPTH) out += textOf(node.children as PhrasingContent[], depth + 1);
      }
    }
    return out;
  };
  const text = textOf(children, 0);
  return { text, urls };
}
