import type { List, ListItem } from 'mdast';
import type { Finding, Fix, IssueDocument, Range, TextEdit } from '../model';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, replace } from './helpers';
import { indentOf, isBlankLine, rangeOfNode, rendersWith, walk } from './renderSource';

const LIST_BLANK_LINE: RuleCode = {
  code: 'render.list-blank-line',
  reach: 'block',
  defaultSeverity: 'warning',
  description: 'A blank line inside a list that Python-Markdown reads otherwise than the preview: after it, a paragraph indented less than 4 spaces ends the list, and a nested list with blank lines swallows the items that follow it.',
  siteShows: 'the list split',
};

const TAB = 4;

function lineIsBlank(document: IssueDocument, line: number): boolean {
  return line >= document.lines.lineCount || isBlankLine(document.lines.lineText(line));
}

/** The blank lines between two lines, as one range from the end of `after` to the start of `before`. */
function gapRange(document: IssueDocument, after: number, before: number): Range {
  return { start: { line: after, character: document.lines.lineText(after).length }, end: { line: before, character: 0 } };
}

/**
 * Two ways a blank line in a list turns Python-Markdown's list into something else:
 * - a later block of an item (a second paragraph, a quote) after a blank line, indented less than
 *   4 spaces from the item's bullet: Python-Markdown ends the list there, shows the block as a
 *   paragraph of its own and makes the items after it text of that paragraph;
 * - a nested list with a blank line between its items, followed at once by an item of the outer
 *   list: Python-Markdown makes that item, and the ones after it, items of the nested list.
 */
export const renderListBlankLineRule: Rule = {
  name: 'render-list-blank-line',
  codes: [LIST_BLANK_LINE],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'python-markdown')) return [];
    const { document } = context;
    const eol = eolOf(document);
    const findings: Finding[] = [];
    walk(document, (node, parent, index) => {
      if (node.type === 'listItem') findings.push(...laterBlocks(document, node, eol));
      if (node.type === 'list' && parent?.type === 'listItem') {
        const found = looseNestedList(document, node, parent as ListItem, index, eol);
        if (found) findings.push(found);
      }
    });
    return findings;
  },
};

function laterBlocks(document: IssueDocument, item: ListItem, eol: string): Finding[] {
  const itemRange = rangeOfNode(document, item);
  if (!itemRange) return [];
  const bullet = indentOf(document.lines.lineText(itemRange.start.line));
  const out: Finding[] = [];
  for (let i = 1; i < item.children.length; i++) {
    const block = item.children[i];
    if (block.type === 'list') continue;
    const range = rangeOfNode(document, block);
    const previous = rangeOfNode(document, item.children[i - 1]);
    if (!range || !previous || range.start.line - previous.end.line < 2) continue;
    const indent = indentOf(document.lines.lineText(range.start.line)) - bullet;
    if (indent >= TAB) continue;
    const fixes: Fix[] = [];
    // Indented to 4, the block stays in the item, as long as a blank line (or the end) follows it.
    if (lineIsBlank(document, range.end.line + 1) && !/\t/.test(document.text.slice(document.lines.offsetAt({ line: range.start.line, character: 0 }), document.lines.offsetAt(range.end)))) {
      const edits: TextEdit[] = [];
      for (let line = range.start.line; line <= range.end.line; line++) {
        const text = document.lines.lineText(line);
        if (!isBlankLine(text)) edits.push(insert({ line, character: 0 }, ' '.repeat(TAB - indent)));
      }
      fixes.push({ title: `Indent the ${block.type === 'paragraph' ? 'paragraph' : 'block'} to ${TAB} spaces`, edits, preferred: true, safe: true });
    }
    if (item.children[i - 1].type === 'paragraph' && block.type === 'paragraph') {
      fixes.push({ title: 'Remove the blank line (join the paragraph to the one above)', edits: [replace(gapRange(document, previous.end.line, range.start.line), eol)], preferred: fixes.length === 0 });
    }
    const firstLine = document.lines.lineText(range.start.line);
    out.push(finding(LIST_BLANK_LINE, { start: range.start, end: { line: range.start.line, character: firstLine.length } },
      `After the blank line, this ${block.type === 'paragraph' ? 'paragraph' : 'block'} is indented ${indent} space${indent === 1 ? '' : 's'} from its bullet: Python-Markdown needs ${TAB}, and ends the list here (what follows becomes one paragraph); the preview keeps it in the item.`, { fixes }));
  }
  return out;
}

function looseNestedList(document: IssueDocument, list: List, parent: ListItem, index: number, eol: string): Finding | undefined {
  const range = rangeOfNode(document, list);
  if (!range || index !== parent.children.length - 1) return undefined;
  const next = range.end.line + 1;
  if (lineIsBlank(document, next)) return undefined;
  const parentRange = rangeOfNode(document, parent);
  if (!parentRange) return undefined;
  // The outer item that follows at once: its bullet is less indented than the nested list's.
  const nextText = document.lines.lineText(next);
  if (!/^[ \t]*(?:[*+-]|\d+[.)])[ \t]/.test(nextText) || indentOf(nextText) >= indentOf(document.lines.lineText(range.start.line))) return undefined;
  const gaps: Range[] = [];
  for (let i = 1; i < list.children.length; i++) {
    const before = rangeOfNode(document, list.children[i - 1]);
    const after = rangeOfNode(document, list.children[i]);
    if (before && after && after.start.line - before.end.line >= 2) gaps.push(gapRange(document, before.end.line, after.start.line));
  }
  if (gaps.length === 0) return undefined;
  const blank = gaps[0].start.line + 1;
  return finding(LIST_BLANK_LINE, { start: { line: blank, character: 0 }, end: { line: blank, character: 0 } },
    `This blank line makes the nested list loose, and the next line (${next + 1}) follows it with no blank line: Python-Markdown then makes the items after it part of the nested list; the preview does not.`, {
      fixes: [{ title: 'Remove the blank lines between the nested items', edits: gaps.map((gap) => replace(gap, eol)), preferred: true }],
    });
}
