import type { IssueDocument } from './model';
import { sectionTree, type SectionNode } from './sectionTree';
import { sectionEndOf } from './outline';

export interface FoldingRegion {
  /** 0-based first and last line. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: 'frontMatter' | 'section' | 'entry';
}

/**
 * Folding: the metadata header (of any kind), each section and subsection (heading to its last
 * entry, subsections included), each entry of more than one line; in document order.
 */
export function foldingRegionsOf(document: IssueDocument): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  const front = document.frontMatter?.range;
  if (front && front.end.line > front.start.line) regions.push({ startLine: front.start.line, endLine: front.end.line, kind: 'frontMatter' });
  const visit = (node: SectionNode) => {
    const start = node.section.headingRange.start.line;
    const end = sectionEndOf(node).line;
    if (end > start) regions.push({ startLine: start, endLine: end, kind: 'section' });
    for (const entry of node.section.entries) {
      if (entry.range.end.line > entry.range.start.line) regions.push({ startLine: entry.range.start.line, endLine: entry.range.end.line, kind: 'entry' });
    }
    node.children.forEach(visit);
  };
  sectionTree(document).forEach(visit);
  // Entries after a subsection come after it in the text: keep the regions in document order.
  return regions.map((region, i) => ({ region, i })).sort((a, b) => a.region.startLine - b.region.startLine || a.i - b.i).map((r) => r.region);
}
