import type { Entry, IssueDocument } from '../core';
import { formatIsoDay } from '../core/parse/dates';
import { sectionTree, type SectionNode } from '../core/sectionTree';
import { formatOption, parseCommandArgs, type CommandIo } from './args';
import { filesToRead } from './checkCommand';
import { loadProjectConfig } from './projectConfig';
import { documentOf, readFoundFiles } from './workspace';

export interface OutlineEntry {
  readonly line: number;
  readonly url?: string;
  readonly text: string;
}

export interface OutlineSection {
  readonly name: string;
  readonly line: number;
  readonly level: number;
  readonly kind: string;
  readonly entries: OutlineEntry[];
  readonly sections: OutlineSection[];
}

export interface OutlineIssue {
  readonly file: string;
  readonly title?: string;
  readonly number?: number;
  readonly date?: string;
  readonly sections: OutlineSection[];
}

/** One issue's outline: its metadata and its section tree with the entries (1-based lines). */
export function outlineOf(document: IssueDocument, file: string): OutlineIssue {
  return {
    file,
    ...(document.title ? { title: document.title.text } : {}),
    ...(document.number ? { number: document.number.value } : {}),
    ...(document.publicationDate ? { date: formatIsoDay(document.publicationDate) } : {}),
    sections: sectionTree(document).map(sectionOf),
  };
}

function sectionOf(node: SectionNode): OutlineSection {
  const { section } = node;
  return {
    name: section.name,
    line: section.headingRange.start.line + 1,
    level: section.level,
    kind: section.kind,
    entries: section.entries.filter((entry) => entry.shape !== 'block' || entry.primaryLink).map(entryOf),
    sections: node.children.map(sectionOf),
  };
}

function entryOf(entry: Entry): OutlineEntry {
  const text = (entry.primaryLink?.text || entry.description.split('\n')[0].slice(0, 80)).replace(/\s+/g, ' ').trim();
  return { line: entry.range.start.line + 1, ...(entry.primaryLink ? { url: entry.primaryLink.target } : {}), text };
}

/** The outline as an indented tree: the issue, its sections, their entries. */
export function formatOutlineText(issues: readonly OutlineIssue[]): string {
  const out: string[] = [];
  const section = (s: OutlineSection, indent: string): void => {
    out.push(`${indent}${s.name}  [${s.kind}, level ${s.level}, line ${s.line}]`);
    for (const e of s.entries) out.push(`${indent}  - ${e.line}: ${e.text}${e.url ? `  <${e.url}>` : ''}`);
    for (const child of s.sections) section(child, `${indent}  `);
  };
  for (const issue of issues) {
    out.push(`${issue.file}: ${issue.title ?? '(no title)'}${issue.number !== undefined ? `  #${issue.number}` : ''}${issue.date ? `  ${issue.date}` : ''}`);
    for (const s of issue.sections) section(s, '  ');
  }
  out.push(`${issues.length} issue file${issues.length === 1 ? '' : 's'}`);
  return out.join('\n');
}

/** `newsletter-desk outline [paths...] [--format json|text] [--config FILE]`. */
export function runOutline(args: readonly string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', default: 'text' },
    config: { type: 'string' },
  } as const);
  const format = formatOption(values.format, ['text', 'json'] as const);
  const project = loadProjectConfig(io.cwd, values.config as string | undefined);
  const files = readFoundFiles(filesToRead(positionals, project, io.cwd), project.config, io.cwd, project.root).filter((file) => file.isIssue);
  const issues = files.map((file) => outlineOf(documentOf(file, project.config), file.display));
  io.out(format === 'json' ? JSON.stringify(issues, null, 2) : formatOutlineText(issues));
  return 0;
}
