import type { List, ListItem, Nodes } from 'mdast';
import type { Finding, IssueDocument, TextEdit } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert } from './helpers';
import { indentOf, isBlankLine, rangeOfNode, rendersWith, walk } from './renderSource';

const NESTED_INDENT: RuleCode = {
  code: 'render.nested-indent',
  defaultSeverity: 'warning',
  description: 'A nested list is indented less than 4 spaces under its item: Python-Markdown shows its items at the level of their parent; the preview nests them.',
};

/** Python-Markdown's tab length: a nested list needs this many more spaces than its parent item. */
const TAB = 4;

/** How many columns the list's least indented item stands right of its parent item's bullet. */
function relativeIndent(document: IssueDocument, list: List, parent: ListItem): number | undefined {
  const parentRange = rangeOfNode(document, parent);
  if (!parentRange) return undefined;
  const parentColumn = indentOf(document.lines.lineText(parentRange.start.line));
  let least: number | undefined;
  for (const item of list.children) {
    const range = rangeOfNode(document, item);
    if (!range) return undefined;
    const column = indentOf(document.lines.lineText(range.start.line));
    least = least === undefined ? column : Math.min(least, column);
  }
  return least === undefined ? undefined : least - parentColumn;
}

/**
 * Python-Markdown nests a list only when it is indented by 4 spaces (a tab) more than its parent
 * item: `* a` then `  * b` gives two items side by side on the site. A finding per outermost list
 * that is indented too little; its fix indents the list's lines, and those of any list in it that
 * is indented too little as well, so that every level ends up 4 spaces deeper than the one above.
 */
export const renderNestedIndentRule: Rule = {
  name: 'render-nested-indent',
  codes: [NESTED_INDENT],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'python-markdown')) return [];
    const { document } = context;
    const shift = new Map<List, number>();
    const outermost: { list: List; relative: number }[] = [];
    const under = new Set<List>();
    walk(document, ({ node, parent }) => {
      if (node.type !== 'list' || parent?.type !== 'listItem') return;
      const relative = relativeIndent(document, node, parent as ListItem);
      if (relative === undefined || relative >= TAB) return;
      shift.set(node, TAB - relative);
      if (!under.has(node)) outermost.push({ list: node, relative });
      markDescendants(node, under);
    });
    const findings: Finding[] = [];
    for (const { list, relative } of outermost) {
      const range = rangeOfNode(document, list);
      if (!range) continue;
      const lineShift = new Map<number, number>();
      const addShift = (node: Nodes, by: number) => {
        const r = rangeOfNode(document, node);
        if (!r) return;
        for (let line = r.start.line; line <= r.end.line; line++) lineShift.set(line, (lineShift.get(line) ?? 0) + by);
      };
      const collect = (node: Nodes) => {
        if (node.type === 'list' && shift.has(node)) addShift(node, shift.get(node) ?? 0);
        if ('children' in node) for (const child of node.children as Nodes[]) collect(child);
      };
      collect(list);
      const tabs = [...lineShift.keys()].some((line) => /^[ ]*\t/.test(document.lines.lineText(line)));
      const edits: TextEdit[] = [];
      for (const [line, by] of [...lineShift].sort((a, b) => a[0] - b[0])) {
        if (isBlankLine(document.lines.lineText(line))) continue;
        edits.push(insert({ line, character: 0 }, ' '.repeat(by)));
      }
      const firstLine = document.lines.lineText(range.start.line);
      const start = { line: range.start.line, character: indentOf(firstLine) };
      findings.push(finding(NESTED_INDENT, { start, end: { line: range.start.line, character: firstLine.length } },
        `This nested list is indented ${relative} space${relative === 1 ? '' : 's'} under its item: Python-Markdown needs ${TAB}, and shows these items at the level of their parent; the preview nests them.`, {
          fixes: tabs ? undefined : [{ title: `Indent the nested list to ${TAB} spaces`, edits, preferred: true, safe: true }],
        }));
    }
    return findings;
  },
};

function markDescendants(node: Nodes, into: Set<List>): void {
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      if (child.type === 'list') into.add(child);
      markDescendants(child, into);
    }
  }
}
