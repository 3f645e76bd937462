import type { Link, Nodes } from 'mdast';
import type { Finding } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert } from './helpers';
import { maskedSource, offsetsOf, rendersWith, walk } from './renderSource';

const LINK_EMPHASIS: RuleCode = {
  code: 'render.kramdown-link-emphasis',
  reach: 'block',
  defaultSeverity: 'warning',
  description: 'A `_` or `*` in a link\'s text opens emphasis that closes after the link (`[the __init__ hook](url) and more__`): kramdown breaks the link and shows its Markdown.',
  siteShows: 'a broken link',
};

/**
 * Where kramdown's emphasis opened at `at` (a `_` or `*` run in `text`) closes, following its
 * `parse_emphasis`: the opener is not preceded by a letter (for `_`) nor followed by a space; the
 * closer is the same delimiter, not preceded by a space, not followed by a letter or digit (for
 * `_`), with something between. `**` that finds no closer falls back to `*`. Returns the
 * closer's offset in `text` and the opener's length, or undefined when kramdown leaves it as text.
 */
export function kramdownEmphasisEnd(text: string, at: number): { close: number; length: number } | undefined {
  const type = text[at];
  if (type !== '_' && type !== '*') return undefined;
  if (type === '_' && /[\p{L}]-?[\p{L}]*$/u.test(text.slice(Math.max(0, at - 40), at))) return undefined;
  const double = text[at + 1] === type;
  const tryDelim = (start: number, length: number): number | undefined => {
    if (/\s/.test(text[start + length] ?? ' ')) return undefined;
    const delim = type.repeat(length);
    const limit = Math.min(text.length, start + SCAN_LIMIT);
    for (let q = start + length + 1; q < limit; q++) {
      if (!text.startsWith(delim, q)) continue;
      if (/\s/.test(text[q - 1])) continue;
      if (length === 1 && text[q + 1] === type && text[q + 2] !== type) { q++; continue; }
      if (type === '_' && /[\p{L}\p{N}]/u.test(text[q + length] ?? '')) continue;
      return q;
    }
    return undefined;
  };
  if (double) {
    const close = tryDelim(at, 2);
    if (close !== undefined) return { close, length: 2 };
    const single = tryDelim(at + 1, 1);
    return single !== undefined ? { close: single, length: 1 } : undefined;
  }
  const close = tryDelim(at, 1);
  return close !== undefined ? { close, length: 1 } : undefined;
}

/** How far a closer is looked for: a block is rarely longer; a hostile one does not make this quadratic. */
const SCAN_LIMIT = 20_000;
/** Runs of `_`/`*` looked at in one link's text (a title has a few; a hostile one, thousands). */
const MAX_OPENERS = 50;

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * kramdown parses a link's text with its span parsers, and an emphasis opened there looks for
 * its closer through the rest of the block: when it finds one after the link's `]`, the link
 * never closes, and the page shows `[text](url)` as typed with emphasis across it. CommonMark
 * keeps emphasis inside the link text, so the preview shows the link. Underscores in the URL do
 * not do this (kramdown never reads the URL as text).
 */
export const renderKramdownLinkEmphasisRule: Rule = {
  name: 'render-kramdown-link-emphasis',
  codes: [LINK_EMPHASIS],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'kramdown')) return [];
    const { document } = context;
    const findings: Finding[] = [];
    walk(document, (node) => {
      if (!BLOCKS.has(node.type)) return;
      const source = maskedSource(document, node);
      if (!source) return;
      for (const link of linksIn(node)) {
        const offsets = offsetsOf(document, link);
        const last = link.children[link.children.length - 1];
        const textEnd = last ? offsetsOf(document, last)?.[1] : undefined;
        if (!offsets || textEnd === undefined || document.text[offsets[0]] !== '[') continue;
        const from = offsets[0] + 1 - source.from;
        const to = textEnd - source.from;
        let openers = 0;
        for (let i = from; i < to && openers < MAX_OPENERS; i++) {
          const c = source.text[i];
          if (c !== '_' && c !== '*') continue;
          if (source.text[i - 1] === '\\') continue;
          openers++;
          const end = kramdownEmphasisEnd(source.text, i);
          let run = 1;
          while (source.text[i + run] === c) run++;
          if (!end || end.close < to) { i += run - 1; continue; }
          const opener = Math.min(run, 2);
          const at = source.from + i;
          const range = { start: document.lines.positionAt(at), end: document.lines.positionAt(at + run) };
          const closer = document.lines.positionAt(source.from + end.close);
          findings.push(finding(LINK_EMPHASIS, range,
            `kramdown reads \`${c.repeat(opener)}\` here as emphasis that closes after the link (line ${closer.line + 1}): the link breaks and the page shows its Markdown, while the preview shows the link.`, {
              fixes: [{
                title: `Escape the \`${c.repeat(run)}\``,
                edits: Array.from({ length: run }, (_, k) => insert(document.lines.positionAt(at + k), '\\')),
                preferred: true,
                safe: true,
              }],
            }));
          break; // one per link: once the link breaks, the rest of its text is kramdown's text
        }
      }
    });
    return findings;
  },
};

function linksIn(node: Nodes): Link[] {
  const out: Link[] = [];
  const go = (n: Nodes) => {
    if (n.type === 'link') out.push(n);
    if ('children' in n) for (const child of n.children as Nodes[]) go(child);
  };
  go(node);
  return out;
}
