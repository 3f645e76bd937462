import type { NewsletterConfig } from '../config';
import type { Finding, IssueDocument, Position } from '../model';
import { ALL_RULES } from './index';
import type { Rule } from './rule';

export interface RunOptions {
  readonly config: NewsletterConfig;
  readonly workspace?: unknown;
  readonly rules?: readonly Rule[];
}

/**
 * Runs the rules over one document: applies the configured level of each code (`off` drops it),
 * and sorts the findings by position. A rule that throws is reported as a finding of its own
 * rather than taking the other rules down with it.
 */
export function runRules(document: IssueDocument, options: RunOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    let produced: Finding[];
    try {
      produced = rule.check({ document, config: options.config, workspace: options.workspace });
    } catch (error) {
      produced = [{
        code: 'rule.crashed',
        severity: 'error',
        message: `Rule ${rule.name} failed: ${error instanceof Error ? error.message : String(error)}. Please report this.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }];
    }
    for (const finding of produced) {
      const level = options.config.rules[finding.code];
      if (level === 'off') continue;
      findings.push(level ? { ...finding, severity: level } : finding);
    }
  }
  return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.code.localeCompare(b.code));
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
