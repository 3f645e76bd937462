/**
 * Workspace symbols ("Go to Symbol in Workspace"): what the index keeps of each issue and how a
 * query matches it. It names entries as the outline does (`entryLabels.ts`) without building the
 * outline, so the workspace index depends on neither the outline nor the rules.
 */
import type { IssueDocument, Range, Section } from './model';
import { dayLabel, entryLabel, hostsOf, issueDayOf, issueNumberOf } from './entryLabels';

/** A symbol for "Go to Symbol in Workspace": an issue, or one entry's link host. */
export interface WorkspaceSymbolItem {
  readonly kind: 'issue' | 'entry';
  readonly name: string;
  /** Where it stands, e.g. `#498 · News`. */
  readonly container: string;
  readonly range: Range;
}

/** One entry as the symbol search keeps it. */
export interface EntrySymbol {
  readonly name: string;
  readonly hosts: readonly string[];
  /** The section it is in, with its parents: `Updates from Rust Community › Official`. */
  readonly section: string;
  readonly range: Range;
}

/** What the workspace symbol search keeps of one issue (small: no text, no syntax tree). */
export interface IssueSymbols {
  readonly number?: number;
  readonly title: string;
  readonly baseName: string;
  /** The issue's day, `18 October 2020` (empty when it has none). */
  readonly day: string;
  /** Where the issue symbol points: its title. */
  readonly range: Range;
  readonly entries: readonly EntrySymbol[];
}

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function issueSymbolsOf(document: IssueDocument): IssueSymbols {
  const entries: EntrySymbol[] = [];
  const pathOf = (section: Section): string => {
    const parent = section.parent !== undefined ? document.sections[section.parent] : undefined;
    const name = section.name.trim() || '(untitled section)';
    return parent ? `${pathOf(parent)} › ${name}` : name;
  };
  for (const section of document.sections) {
    const path = pathOf(section);
    for (const entry of section.entries) {
      const hosts = hostsOf(entry);
      if (hosts.length === 0) continue;
      const range = entry.shape !== 'paragraph' && entry.primaryLink ? entry.primaryLink.range : entry.descriptionRange ?? entry.links[0]?.range ?? entry.range;
      entries.push({ name: entryLabel(document, entry, hosts), hosts, section: path, range });
    }
  }
  return {
    number: issueNumberOf(document),
    title: document.title?.text ?? '',
    baseName: document.fileNameInfo?.baseName ?? '',
    day: dayLabel(issueDayOf(document)),
    range: document.title?.range ?? document.frontMatter?.range ?? TOP,
    entries,
  };
}

/**
 * What one issue offers to a workspace symbol query: `#498` finds the issue numbered 498 (and,
 * while typing, those whose number starts with the digits); any other text finds issues whose
 * title contains it and entries whose link host contains it. An empty query lists the issues.
 */
export function matchWorkspaceSymbols(issue: IssueSymbols, query: string): WorkspaceSymbolItem[] {
  const q = query.trim().toLowerCase();
  const { number } = issue;
  const issueName = number !== undefined ? `#${number} ${issue.day}`.trim() : issue.title.trim() || issue.baseName || 'Issue';
  const issueItem: WorkspaceSymbolItem = { kind: 'issue', name: issueName, container: issue.title, range: issue.range };
  if (q === '') return [issueItem];
  const digits = /^#?\s*(\d+)$/.exec(q);
  if (digits) return number !== undefined && String(number).startsWith(digits[1]) ? [issueItem] : [];

  const items: WorkspaceSymbolItem[] = [];
  if (issue.title.toLowerCase().includes(q)) items.push(issueItem);
  for (const entry of issue.entries) {
    const host = entry.hosts.find((h) => h.includes(q));
    if (!host) continue;
    items.push({
      kind: 'entry',
      name: `${host} · ${entry.name}`,
      container: number !== undefined ? `#${number} · ${entry.section}` : entry.section,
      range: entry.range,
    });
  }
  return items;
}

/** `matchWorkspaceSymbols` for a parsed document. */
export function workspaceSymbolsOf(document: IssueDocument, query: string): WorkspaceSymbolItem[] {
  return matchWorkspaceSymbols(issueSymbolsOf(document), query);
}
