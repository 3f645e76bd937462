import type { Link, Paragraph } from 'mdast';
import type { Finding, TextEdit } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, replace } from './helpers';
import { afterBlockBoundary, beforeBlockBoundary, offsetsOf, paragraphLines, rendersWith, walk } from './renderSource';

const KRAMDOWN_TABLE: RuleCode = {
  code: 'render.kramdown-table',
  reach: 'block',
  defaultSeverity: 'warning',
  description: 'Every line of a paragraph has a `|` outside code spans (`Title | date`, `a |> b`): kramdown shows it as a table; the preview shows text.',
  siteShows: 'a table',
};

/** kramdown's `TABLE_PIPE_CHECK`: the line starts with `|` or has a `|` that no backslash escapes. */
const PIPE = /(?:^\||[^\\\r\n]\|)/;
/** A separator line (`|---|:---:|`): the table was meant, the author knows. (Two linear tests, no backtracking.) */
const isSeparator = (line: string) => /^[+|: \t-]+$/.test(line) && line.includes('-');

/**
 * kramdown makes a table of a block (after a blank line, up to a blank line) whose every line has
 * an unescaped `|` outside code spans, even one in a link's URL or an operator such as `|>`; the
 * cells split at the pipes, which breaks links and code written across them.
 */
export const renderKramdownTableRule: Rule = {
  name: 'render-kramdown-table',
  codes: [KRAMDOWN_TABLE],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'kramdown')) return [];
    const { document } = context;
    const findings: Finding[] = [];
    walk(document, (node, parent, index) => {
      if (node.type !== 'paragraph' || !afterBlockBoundary(document, node, index) || !beforeBlockBoundary(document, node, parent, index)) return;
      const paragraph = node as Paragraph;
      // Only a paragraph with a `|` in it can be a table: the others are not split into lines.
      const offsets = offsetsOf(document, paragraph);
      if (!offsets || !document.text.slice(offsets[0], offsets[1]).includes('|')) return;
      const lines = paragraphLines(document, paragraph);
      if (lines.length === 0 || lines.some((line) => isSeparator(line.text))) return;
      // Continuation lines of a quote or a list item carry their `>` or indentation.
      const content = (text: string, i: number) => (i === 0 ? text : text.replace(/^[ \t]*(?:>[ \t]?)*/, ''));
      if (!lines.every((line, i) => PIPE.test(content(line.text, i)))) return;
      const first = lines[0];
      const urls = linkUrlOffsets(document, paragraph);
      const edits: TextEdit[] = [];
      let inUrl = false;
      for (let i = 0; i < first.text.length; i++) {
        if (first.text[i] !== '|' || (i > 0 && first.text[i - 1] === '\\')) continue;
        const offset = first.start + i;
        const url = urls.some(([a, b]) => offset >= a && offset < b);
        inUrl ||= url;
        const range = { start: document.lines.positionAt(offset), end: document.lines.positionAt(offset + 1) };
        edits.push(replace(range, url ? '%7C' : '\\|'));
      }
      const start = document.lines.positionAt(first.start);
      const end = document.lines.positionAt(first.start + first.text.length);
      findings.push(finding(KRAMDOWN_TABLE, { start, end },
        lines.length === 1
          ? 'kramdown shows this line as a table (a `|` outside code spans splits it into cells), the preview as text.'
          : `kramdown shows these ${lines.length} lines as a table (each has a \`|\` outside code spans), the preview as text.`, {
          fixes: edits.length > 0 ? [{
            title: inUrl ? 'Escape the `|` on this line (`\\|`, and `%7C` in a URL)' : 'Escape the `|` on this line as `\\|`',
            edits,
            preferred: true,
            // Percent-encoding a URL's `|` keeps the same address but changes the URL's text.
            safe: !inUrl,
          }] : undefined,
        }));
    });
    return findings;
  },
};

/** Where the URLs of the paragraph's inline links are written: from `](` to the closing `)`. */
function linkUrlOffsets(document: import('../model').IssueDocument, paragraph: Paragraph): [number, number][] {
  const out: [number, number][] = [];
  const go = (node: Paragraph | Link | import('mdast').PhrasingContent) => {
    if (node.type === 'link') {
      const offsets = offsetsOf(document, node);
      const textEnd = node.children.length > 0 ? offsetsOf(document, node.children[node.children.length - 1])?.[1] : undefined;
      if (offsets && textEnd !== undefined) out.push([textEnd, offsets[1]]);
    }
    if ('children' in node) for (const child of node.children) go(child);
  };
  go(paragraph);
  return out;
}
