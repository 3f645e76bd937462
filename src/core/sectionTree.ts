import type { IssueDocument, Section } from './model';

/** A section with its subsections: the nesting that `Section.parent` gives, as a tree. */
export interface SectionNode {
  readonly section: Section;
  /** Index of the section in `IssueDocument.sections`. */
  readonly index: number;
  readonly children: readonly SectionNode[];
}

/**
 * The issue's sections as a tree, from the flat `document.sections` (document order) and each
 * section's `parent`. A section whose parent index is missing or does not come before it is a
 * top-level one, so a malformed list still gives every section exactly once.
 */
export function sectionTree(document: Pick<IssueDocument, 'sections'>): SectionNode[] {
  const roots: SectionNode[] = [];
  const children: SectionNode[][] = document.sections.map(() => []);
  const nodes: SectionNode[] = document.sections.map((section, index) => ({ section, index, children: children[index] }));
  document.sections.forEach((section, index) => {
    const parent = section.parent;
    if (parent !== undefined && Number.isInteger(parent) && parent >= 0 && parent < index) children[parent].push(nodes[index]);
    else roots.push(nodes[index]);
  });
  return roots;
}
