/**
 * A block window: the issue as the rules see it when only some of its top-level blocks are checked
 * again after an edit (`rules/incremental.ts`). The same text, lines, header and sections, but a
 * syntax tree of the window's blocks only, and only the entries on their lines, so that a rule
 * that walks the tree or the entries (every rule declared `reach: 'block'`) visits those alone.
 * What must still come from the whole issue (its link reference definitions) is read through
 * `wholeIssueOf`. Not a rule.
 */
import type { RootContent } from 'mdast';
import type { Entry, IssueDocument } from '../model';

const wholeIssues = new WeakMap<IssueDocument, IssueDocument>();

/** The whole issue a window was cut from; the document itself when it is no window. */
export function wholeIssueOf(document: IssueDocument): IssueDocument {
  return wholeIssues.get(document) ?? document;
}

/** The window of `document` made of the top-level blocks `[from, to)`, lines `startLine..endLine`. */
export function blockWindow(document: IssueDocument, from: number, to: number, startLine: number, endLine: number): IssueDocument {
  return nodeWindow(document, document.markdown.tree.children.slice(from, to), startLine, endLine);
}

/**
 * The window of `document` whose tree holds `children` (its blocks, or a list cut down to some
 * of its items) on lines `startLine..endLine`, and the entries that start on those lines.
 */
export function nodeWindow(document: IssueDocument, children: RootContent[], startLine: number, endLine: number): IssueDocument {
  const inWindow = (entry: Entry) => entry.range.start.line >= startLine && entry.range.start.line <= endLine;
  const { tree } = document.markdown;
  const window: IssueDocument = {
    ...document,
    intro: document.intro.filter(inWindow),
    sections: document.sections.map((section) => ({ ...section, entries: section.entries.filter(inWindow) })),
    markdown: { tree: { ...tree, children }, bodyOffset: document.markdown.bodyOffset },
  };
  wholeIssues.set(window, document);
  return window;
}
