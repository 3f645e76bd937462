/**
 * The class names of the issue's wrapper elements, shared by `layoutIssue` (first paint, export)
 * and the preview's script (live updates), so that both build the same page. No imports: the
 * webview bundle takes this module alone.
 */

/** A block's classes: its kind, and for an entry its shape (`nl-shape-list-item`...). */
export function blockClassName(block: { readonly kind: string; readonly shape?: string }): string {
  return `nl-block nl-${block.kind}${block.shape ? ` nl-shape-${block.shape}` : ''}`;
}

/** A section's classes: its kind, the sponsor's set apart, a subsection marked as one. */
export function sectionClassName(section: { readonly kind: string }, depth: number): string {
  return `nl-section nl-kind-${section.kind}${section.kind === 'sponsor' ? ' nl-sponsor' : ''}${depth > 0 ? ' nl-subsection' : ''}`;
}
