import type { Paragraph } from 'mdast';
import type { Finding } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert } from './helpers';
import { afterBlockBoundary, offsetsOf, paragraphLines, rendersWith, walk } from './renderSource';

const HASH_HEADING: RuleCode = {
  code: 'render.hash-heading',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A line starts with `#` and a word (`#ChefConf`): the site\'s renderer (kramdown, Python-Markdown) makes a heading of it; the preview shows text.',
  siteShows: 'a heading',
};

/** `#` to `######` followed by text with no space between: a heading for kramdown and Python-Markdown, not for CommonMark. */
const HASH_START = /^(#{1,6})(?=[^\s#])/;

/**
 * kramdown (its own parser, not its GFM one) reads `#word` as a heading where a block starts (the first line of a paragraph after a
 * blank line, or of a list item); Python-Markdown on any line of a paragraph. CommonMark needs a
 * space after the `#`, so the preview shows a paragraph.
 */
export const renderHashHeadingRule: Rule = {
  name: 'render-hash-heading',
  codes: [HASH_HEADING],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'kramdown', 'python-markdown')) return [];
    // kramdown's GFM parser, like CommonMark, needs a space after the `#`.
    if (context.config.format.renderer === 'kramdown' && context.config.format.kramdown?.input === 'GFM') return [];
    const { document } = context;
    const anyLine = context.config.format.renderer === 'python-markdown';
    const findings: Finding[] = [];
    walk(document, (node, parent, index) => {
      if (node.type !== 'paragraph') return;
      // Only a paragraph with a `#` in it can hold such a line: the others are not split into lines.
      // (Searched in the paragraph alone: a search from its start would read on to the next `#`, often the end of the issue.)
      const offsets = offsetsOf(document, node);
      if (!offsets || !document.text.slice(offsets[0], offsets[1]).includes('#')) return;
      const lines = paragraphLines(document, node as Paragraph);
      lines.forEach((line, i) => {
        if (i > 0 && !anyLine) return;
        if (i === 0 && !anyLine && !afterBlockBoundary(document, node, index)) return;
        // Python-Markdown looks at the line as its block holds it: a continuation line of a list
        // item or a quote loses its indentation or `>` first.
        let text = line.text;
        if (i > 0 && parent?.type === 'listItem') text = text.replace(/^[ \t]+/, '');
        if (i > 0 && parent?.type === 'blockquote') text = text.replace(/^[ \t]*>[ \t]?/, '');
        const lead = line.text.length - text.length;
        const match = HASH_START.exec(text);
        if (!match) return;
        const at = document.lines.positionAt(line.start + lead);
        const end = document.lines.positionAt(line.start + lead + match[1].length);
        findings.push(finding(HASH_HEADING, { start: at, end },
          `The site (${context.config.format.renderer}) shows this line as a heading: \`${match[1]}\` with no space after it starts a heading there, while the preview shows text.`, {
            fixes: [{ title: 'Escape the `#` so that it stays text', edits: [insert(at, '\\')], preferred: true, safe: true }],
          }));
      });
    });
    return findings;
  },
};
