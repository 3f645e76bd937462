import type { List, ListItem, Nodes } from 'mdast';
import type { Finding, IssueDocument, TextEdit } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert } from './helpers';
import { indentOf, isBlankLine, rangeOfNode, rendersWith, walk } from './renderSource';

const NESTED_INDENT: RuleCode = {
  code: 'render.nested-indent',
  reach: 'block',
  defaultSeverity: 'warning',
  description: 'A nested list is indented less than 4 spaces under its item: Python-Markdown shows its items at the level of their parent; the preview nests them.',
  siteShows: 'no nesting',
};

/** Python-Markdown's tab length: a nested list needs this many more spaces than its parent item. */
const TAB = 4;

/** The column of a line's text, after any `>` of a quote around the list. */
function columnOf(text: string): number {
  return indentOf(text.replace(/^[ \t]*(?:>[ \t]?)+/, ''));
}

/** The column of the list's least indented item, or undefined without positions. */
function leastColumn(document: IssueDocument, list: List): number | undefined {
  let least: number | undefined;
  for (const item of list.children) {
    const range = rangeOfNode(document, item);
    if (!range) return undefined;
    const column = columnOf(document.lines.lineText(range.start.line));
    least = least === undefined ? column : Math.min(least, column);
  }
  return least;
}

/**
 * Python-Markdown nests a list only when it is indented by 4 spaces (a tab) per level: it takes
 * an item's following lines that start with 4 spaces, removes those 4, and reads them again, so
 * `* a` then `  * b` gives two items side by side on the site (and a third level needs 8 spaces).
 * A finding per outermost list that is indented too little; its fix indents the list's lines, and
 * those of any list in it that is indented too little as well, so that every level stands where
 * Python-Markdown needs it. A list that starts on its item's own line (`* * text`) nests anyway.
 */
export const renderNestedIndentRule: Rule = {
  name: 'render-nested-indent',
  codes: [NESTED_INDENT],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'python-markdown')) return [];
    const { document } = context;
    /** Each list's own shift (what its ancestors' shifts leave to do). */
    const shift = new Map<List, number>();
    const outermost: { list: List; column: number; needed: number }[] = [];
    const visit = (node: Nodes, depth: number, inherited: number, underFinding: boolean) => {
      let nextDepth = depth;
      let nextInherited = inherited;
      let nextUnder = underFinding;
      if (node.type === 'list') {
        if (depth > 0) {
          const column = leastColumn(document, node);
          const list = rangeOfNode(document, node);
          const parentItem = parentItems.get(node);
          const sameLine = list && parentItem && rangeOfNode(document, parentItem)?.start.line === list.start.line;
          if (column !== undefined && !sameLine) {
            const needed = TAB * depth;
            const own = Math.max(0, needed - (column + inherited));
            if (own > 0) {
              shift.set(node, own);
              if (!underFinding) outermost.push({ list: node, column: column + inherited, needed });
              nextUnder = true;
            }
            nextInherited = inherited + own;
          }
        }
        nextDepth = depth + 1;
      }
      if ('children' in node) for (const child of node.children as Nodes[]) visit(child, nextDepth, nextInherited, nextUnder);
    };
    const parentItems = new Map<List, ListItem>();
    walk(document, (node, parent) => {
      if (node.type === 'list' && parent?.type === 'listItem') parentItems.set(node, parent as ListItem);
    });
    visit(document.markdown.tree, 0, 0, false);
    const findings: Finding[] = [];
    for (const { list, column, needed } of outermost) {
      const range = rangeOfNode(document, list);
      if (!range) continue;
      const lineShift = new Map<number, number>();
      const collect = (node: Nodes) => {
        const own = node.type === 'list' ? shift.get(node) : undefined;
        const r = own ? rangeOfNode(document, node) : undefined;
        if (own && r) for (let line = r.start.line; line <= r.end.line; line++) lineShift.set(line, (lineShift.get(line) ?? 0) + own);
        if ('children' in node) for (const child of node.children as Nodes[]) collect(child);
      };
      collect(list);
      const tabs = [...lineShift.keys()].some((line) => /^[ >]*\t/.test(document.lines.lineText(line)));
      const quoted = [...lineShift.keys()].some((line) => /^[ \t]*>/.test(document.lines.lineText(line)));
      const edits: TextEdit[] = [];
      for (const [line, by] of [...lineShift].sort((a, b) => a[0] - b[0])) {
        if (isBlankLine(document.lines.lineText(line))) continue;
        edits.push(insert({ line, character: 0 }, ' '.repeat(by)));
      }
      const firstLine = document.lines.lineText(range.start.line);
      const start = { line: range.start.line, character: indentOf(firstLine) };
      findings.push(finding(NESTED_INDENT, { start, end: { line: range.start.line, character: firstLine.length } },
        `This nested list is indented ${column} space${column === 1 ? '' : 's'}: Python-Markdown needs ${needed} at this level, and shows its items at the level of their parent; the preview nests them.`, {
          fixes: tabs || quoted ? undefined : [{ title: `Indent the nested list to ${needed} spaces`, edits, preferred: true, safe: true }],
        }));
    }
    return findings;
  },
};
