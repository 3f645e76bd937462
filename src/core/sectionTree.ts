import type { IssueDocument, Section } from './model';

/** A section with its subsections, as `parent` in the flat `document.sections` nests them. */
export interface SectionNode {
  readonly section: Section;
  /** Its index in `document.sections`. */
  readonly index: number;
  readonly children: readonly SectionNode[];
}

/** The top-level sections of an issue, each with its subsections, in document order. */
export function sectionTree(document: IssueDocument): SectionNode[] {
  const nodes = document.sections.map((section, index) => ({ section, index, children: [] as SectionNode[] }));
  const roots: SectionNode[] = [];
  for (const node of nodes) {
    const parent = node.section.parent !== undefined ? nodes[node.section.parent] : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
