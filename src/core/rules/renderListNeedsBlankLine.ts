import type { List } from 'mdast';
import type { Finding } from '../model';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';
import { rangeOfNode, rendersWith, walk } from './renderSource';
import { withoutTrailingBlanks } from '../text/trailingBlanks';

const LIST_NEEDS_BLANK_LINE: RuleCode = {
  code: 'render.list-needs-blank-line',
  reach: 'block',
  defaultSeverity: 'warning',
  description: 'A list starts on the line after a paragraph, with no blank line between: Python-Markdown and kramdown keep the items in the paragraph as text (`* item` shows its `*`); the preview shows a list.',
  siteShows: 'text, not a list',
};

/**
 * CommonMark (and kramdown's GFM parser) lets a list interrupt a paragraph; Python-Markdown and
 * kramdown's own parser do not: the list's lines stay lines of the paragraph, bullets and all. A list nested in an item right after the item's first
 * line is fine in both (the nested-indent rule looks at its indentation).
 */
export const renderListNeedsBlankLineRule: Rule = {
  name: 'render-list-needs-blank-line',
  codes: [LIST_NEEDS_BLANK_LINE],
  docs: 'docs/rules.md',
  check: (context) => {
    const { format } = context.config;
    if (!rendersWith(context, 'python-markdown', 'kramdown') || (format.renderer === 'kramdown' && format.kramdown?.input === 'GFM')) return [];
    const { document } = context;
    const site = format.renderer === 'kramdown' ? 'kramdown' : 'Python-Markdown';
    const findings: Finding[] = [];
    walk(document, (node, parent, index) => {
      if (node.type !== 'list' || !parent || index === 0) return;
      const before = parent.children[index - 1];
      if (before.type !== 'paragraph') return;
      if (parent.type === 'listItem' && index === 1) return;
      const list = rangeOfNode(document, node as List);
      const paragraph = rangeOfNode(document, before);
      if (!list || !paragraph || paragraph.end.line !== list.start.line - 1) return;
      const first = lineRange(document, list.start.line);
      const indent = /^[ \t>]*/.exec(document.lines.lineText(list.start.line))?.[0] ?? '';
      const quote = indent.replace(/[^>]/g, '').length > 0 ? withoutTrailingBlanks(indent) : '';
      findings.push(finding(LIST_NEEDS_BLANK_LINE, { start: list.start, end: first.end },
        `${site} shows this list as text of the paragraph above it (no blank line between them); the preview shows a list.`, {
          fixes: [{ title: 'Add a blank line before the list', edits: [insert(first.start, quote + eolOf(document))], preferred: true, safe: true }],
        }));
    });
    return findings;
  },
};
