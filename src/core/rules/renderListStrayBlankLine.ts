import type { List } from 'mdast';
import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding } from './helpers';
import { indentOf, isBlankLine, rangeOfNode, rendersWith, walk } from './renderSource';

const STRAY_BLANK_LINE: RuleCode = {
  code: 'render.list-stray-blank-line',
  defaultSeverity: 'warning',
  description: 'A blank line between two items of a list (or between an item and its nested list) where other items have none beside them: Python-Markdown wraps only the items next to a blank line in paragraphs, so the list is spaced unevenly on the site; the preview spaces every item alike.',
  siteShows: 'items spaced unevenly',
  reach: 'block',
};

/** A gap between two blocks of a list: the last line of the one above, the first of the one below. */
interface Gap { readonly above: number; readonly below: number }

function blankGap(document: IssueDocument, above: number, below: number): boolean {
  if (below <= above + 1) return false;
  for (let line = above + 1; line < below; line++) if (!isBlankLine(document.lines.lineText(line))) return false;
  return true;
}

/**
 * Which items Python-Markdown shows loose (their text a paragraph): an item with a blank line
 * before or after it in the list, or anywhere inside it. And the blank lines that make them so,
 * at the list's own level: between two items, and between two blocks of one item (its text and
 * the list nested under it). Blank lines deeper down are the nested list's own.
 */
function loosenessOf(document: IssueDocument, list: List): { loose: boolean[]; gaps: Gap[] } {
  const ranges = list.children.map((item) => rangeOfNode(document, item));
  const gaps: Gap[] = [];
  const loose = list.children.map(() => false);
  list.children.forEach((item, i) => {
    const range = ranges[i];
    if (!range) return;
    for (let line = range.start.line + 1; line < range.end.line; line++) if (isBlankLine(document.lines.lineText(line))) loose[i] = true;
    const bullet = indentOf(document.lines.lineText(range.start.line));
    for (let k = 1; k < item.children.length; k++) {
      const a = rangeOfNode(document, item.children[k - 1]);
      const b = rangeOfNode(document, item.children[k]);
      // A later block indented less than 4 from the bullet ends the list on the site: that
      // mistake is `render.list-blank-line`'s, one finding for it.
      const endsList = b !== undefined && item.children[k].type !== 'list' && indentOf(document.lines.lineText(b.start.line)) - bullet < 4;
      if (a && b && !endsList && blankGap(document, a.end.line, b.start.line)) gaps.push({ above: a.end.line, below: b.start.line });
    }
    const next = ranges[i + 1];
    if (next && blankGap(document, range.end.line, next.start.line)) {
      gaps.push({ above: range.end.line, below: next.start.line });
      loose[i] = true;
      loose[i + 1] = true;
    }
  });
  return { loose, gaps };
}

/**
 * Python-Markdown makes a list item loose (its text a paragraph, with space around it) only when
 * a blank line stands next to it or inside it, where CommonMark makes the whole list loose. A list
 * that is tight but for a blank line or two, as a paste or a deleted item leaves it, so shows a gap
 * and a few spaced-out items on the site. A list whose items all end up loose is left alone. The fix
 * removes the blank lines; it is not applied by fix-all, since the preview then draws the list
 * tight where it drew it loose.
 */
export const renderListStrayBlankLineRule: Rule = {
  name: 'render-list-stray-blank-line',
  codes: [STRAY_BLANK_LINE],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'python-markdown')) return [];
    const { document } = context;
    const findings: Finding[] = [];
    walk(document, (node) => {
      if (node.type !== 'list') return;
      const { loose, gaps } = loosenessOf(document, node);
      const tight = loose.filter((l) => !l).length;
      // All loose or all tight: evenly spaced on the site, whatever the preview does.
      if (tight === 0 || tight === loose.length) return;
      for (const { above, below } of gaps) {
        findings.push(finding(STRAY_BLANK_LINE, { start: { line: above + 1, character: 0 }, end: { line: below - 1, character: document.lines.lineText(below - 1).length } },
          `A blank line inside a list that ${tight === 1 ? 'has one item' : `has ${tight} items`} with none beside ${tight === 1 ? 'it' : 'them'}: Python-Markdown spaces out only the items next to a blank line, so the site shows this list unevenly; the preview spaces every item alike.`, {
            fixes: [{ title: 'Remove the blank line', edits: [{ range: { start: { line: above + 1, character: 0 }, end: { line: below, character: 0 } }, newText: '' }], preferred: true, safe: false }],
          }));
      }
    });
    return findings;
  },
};
