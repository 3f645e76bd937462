/**
 * Workspace symbols ("Go to Symbol in Workspace"): what the index keeps of each issue and how a
 * query matches it. It names entries as the outline does (`entryLabels.ts`) without building the
 * outline, so the workspace index depends on neither the outline nor the rules.
 */
import type { IssueDocument, Range, Section } from './model';
import { dayLabel, entryName, hostsOf, issueDayOf, issueNumberOf, shortDescription, FULL_NAME_LENGTH } from './entryLabels';

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
  /** The entry's whole name (the editor cuts it to its width). */
  readonly name: string;
  /** The plain text of its description (links as their text), for a search by its words. */
  readonly text: string;
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
      const name = entryName(document, entry, hosts);
      const text = shortDescription(entry.description, FULL_NAME_LENGTH);
      entries.push({ name, text: text === name ? '' : text, hosts, section: path, range });
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
 * title contains it, entries whose link host contains it, and entries whose name or description
 * holds each of its words. An empty query lists the issues.
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
  const words = q.split(/\s+/).filter(Boolean);
  for (const entry of issue.entries) {
    const container = number !== undefined ? `#${number} · ${entry.section}` : entry.section;
    const host = entry.hosts.find((h) => h.includes(q));
    if (host) {
      items.push({ kind: 'entry', name: `${host} · ${entry.name}`, container, range: entry.range });
      continue;
    }
    // The words of its name and description (`Portpeek` finds the entry that tells of it).
    const haystack = `${entry.name} ${entry.text}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    // The editor matches the query against the name: a word only in the description goes into it.
    const inName = words.every((word) => entry.name.toLowerCase().includes(word));
    const name = inName ? entry.name : `${entry.name} — ${excerpt(entry.text, words[0])}`;
    items.push({ kind: 'entry', name, container: `${container} · ${entry.hosts[0]}`, range: entry.range });
  }
  return items;
}

/** The words around the first place `word` stands in `text`. */
function excerpt(text: string, word: string): string {
  const at = text.toLowerCase().indexOf(word);
  if (at < 0) return text.slice(0, 60);
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 30)) + 1);
  const endSpace = text.indexOf(' ', at + word.length + 30);
  const end = endSpace < 0 ? text.length : endSpace;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** `matchWorkspaceSymbols` for a parsed document. */
export function workspaceSymbolsOf(document: IssueDocument, query: string): WorkspaceSymbolItem[] {
  return matchWorkspaceSymbols(issueSymbolsOf(document), query);
}
