import type { NewsletterConfig } from '../config';
import type { Finding, IssueDocument, Position } from '../model';
import { indexEntryOf, type IndexedIssue, type WorkspaceIndex } from '../workspace';
import { ALL_RULES } from './index';
import type { Rule } from './rule';

export interface RunOptions {
  readonly config: NewsletterConfig;
  /** The other issues of the workspace, for the rules that compare across issues. */
  readonly workspace?: WorkspaceIndex;
  readonly rules?: readonly Rule[];
}

/**
 * Runs the rules over one document: applies the configured level of each code (`off` drops it),
 * drops what a `newsletter-disable-line` / `newsletter-disable-next-line` comment silences, and
 * sorts the findings by position. A rule that throws is reported as a finding of its own rather
 * than taking the other rules down with it. The same as `runIssueRules` and, with a workspace,
 * `runWorkspaceRules` over the document's index entry, merged.
 */
export function runRules(document: IssueDocument, options: RunOptions): Finding[] {
  const local = runIssueRules(document, options);
  if (!options.workspace) return local;
  const across = runWorkspaceRules(indexEntryOf(document, document.fileName ?? ''), document.text, { ...options, workspace: options.workspace });
  return sortFindings([...local, ...across]);
}

/**
 * The findings of the `issue` codes (scope in rule.ts): they depend on the document's text and the
 * config only, so they can be cached with the file's content hash. Levels and disable comments
 * applied, sorted.
 */
export function runIssueRules(document: IssueDocument, options: Omit<RunOptions, 'workspace'>): Finding[] {
  const findings: Finding[] = [];
  const silenced = silencedLines(document.text);
  for (const rule of options.rules ?? ALL_RULES) {
    collect(findings, rule, () => rule.check({ document, config: options.config }), options.config, silenced);
  }
  return sortFindings(findings);
}

/**
 * The findings of the `workspace` codes for one issue, from its index entry and the index alone
 * (no parsing): what a cached issue gets recomputed every run. `text` is the issue's text, for
 * its disable comments (or the lines they silence, from `silencedLines`).
 */
export function runWorkspaceRules(
  issue: IndexedIssue,
  text: string | Map<number, Set<string>>,
  options: RunOptions & { readonly workspace: WorkspaceIndex },
): Finding[] {
  const findings: Finding[] = [];
  const silenced = typeof text === 'string' ? silencedLines(text) : text;
  for (const rule of options.rules ?? ALL_RULES) {
    const check = rule.checkWorkspace;
    if (!check) continue;
    collect(findings, rule, () => check({ issue, config: options.config, workspace: options.workspace }), options.config, silenced);
  }
  return sortFindings(findings);
}

function collect(into: Finding[], rule: Rule, run: () => Finding[], config: NewsletterConfig, silenced: Map<number, Set<string>>): void {
  applyLevels(into, produce(rule, run), config, silenced);
}

/** What one rule reports, as it reports it (default levels); a rule that throws gives `rule.crashed`. */
export function produce(rule: Rule, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (error) {
    return [{
      code: 'rule.crashed',
      severity: 'error',
      message: `Rule ${rule.name} failed: ${shorten(error instanceof Error ? error.message : String(error))}. Please report this.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    }];
  }
}

/** Adds `produced` to `into` with the configured levels, without what is `off` or silenced by a comment. */
export function applyLevels(into: Finding[], produced: readonly Finding[], config: NewsletterConfig, silenced: Map<number, Set<string>>): void {
  for (const finding of produced) {
    const level = config.rules[finding.code];
    if (level === 'off') continue;
    if (isSilenced(silenced, finding)) continue;
    into.push(level ? { ...finding, severity: level } : finding);
  }
}

/** By position, then by code (a stable sort: one rule's findings at one place keep their order). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.code.localeCompare(b.code));
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

const DISABLE_COMMENT = /<!--[ \t]*newsletter-disable-(next-line|line)\b([^>\r\n]{0,500}?)-->/g;

/** Line -> the codes silenced on it (`'*'` for all), from disable comments. */
export function silencedLines(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('newsletter-disable-')) return out;
  let line = 0;
  let lastOffset = 0;
  DISABLE_COMMENT.lastIndex = 0;
  for (let match = DISABLE_COMMENT.exec(text); match; match = DISABLE_COMMENT.exec(text)) {
    line += countLineBreaks(text, lastOffset, match.index);
    lastOffset = match.index;
    const commentEnd = line + countLineBreaks(text, match.index, match.index + match[0].length);
    const target = match[1] === 'line' ? line : commentEnd + 1;
    const codes = match[2].split(/[\s,]+/).filter(Boolean);
    let set = out.get(target);
    if (!set) out.set(target, (set = new Set()));
    if (codes.length === 0) set.add('*');
    for (const code of codes) set.add(code);
  }
  return out;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function isSilenced(silenced: Map<number, Set<string>>, finding: Finding): boolean {
  const codes = silenced.get(finding.range.start.line);
  return codes !== undefined && (codes.has('*') || codes.has(finding.code));
}
