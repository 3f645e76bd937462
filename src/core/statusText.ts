import type { IssueSummary } from './outline';

/** What the status bar item shows for an issue. */
export interface IssueStatus {
  /** The item's text: `$(book) #512 · 14 links`. */
  readonly text: string;
  /** Markdown: the counts, then one row per section (entries, links) in a fixed-width block. */
  readonly tooltip: string;
  /** What a screen reader says. */
  readonly accessible: string;
}

/**
 * The status bar text and tooltip for an issue. The sections are a table laid out with spaces in
 * a fenced `text` block: a hover renders Markdown tables without cell padding or column alignment,
 * while a fixed-width block keeps the header words apart and the numbers right-aligned.
 */
export function statusOf(summary: IssueSummary): IssueStatus {
  const number = summary.number !== undefined ? `#${summary.number}` : 'Issue';
  const links = `${summary.links} ${summary.links === 1 ? 'link' : 'links'}`;
  const tooltip = [
    `**Newsletter issue ${number}**: ${summary.entries} ${summary.entries === 1 ? 'entry' : 'entries'}, ${links}`,
    '',
    ...(summary.sections.length > 0 ? sectionTable(summary.sections) : ['No sections yet.']),
    '',
    'Click to show the outline.',
  ].join('\n');
  const perSection = summary.sections.map((s) => `${s.name} ${s.entries}`).join(', ');
  return {
    text: `$(book) ${number} · ${links}`,
    tooltip,
    accessible: `Newsletter issue ${number}, ${links}${perSection ? `; entries per section: ${perSection}` : ''}. Activate to show the outline.`,
  };
}

/** The sections as columns: names left-aligned (subsections indented), numbers right-aligned. */
function sectionTable(sections: IssueSummary['sections']): string[] {
  const rows = sections.map((s) => [`${'  '.repeat(s.depth)}${s.name.replace(/\s+/g, ' ')}`, String(s.entries), String(s.links)]);
  const header = ['Section', 'Entries', 'Links'];
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => [cells[0].padEnd(width[0]), cells[1].padStart(width[1]), cells[2].padStart(width[2])].join('  ').trimEnd();
  const body = [line(header), ...rows.map(line)];
  // A fence longer than any run of backticks in a name, so no name can close it.
  const longest = Math.max(2, ...body.flatMap((r) => (r.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...body, fence];
}
