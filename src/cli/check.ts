import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isIssueFile, parseIssue, runRules, type Finding, type NewsletterConfig } from '../core';
import { UsageError } from './usage';
import type { FoundFile } from './files';

export interface FileReport {
  readonly file: string;
  readonly findings: readonly Finding[];
}

/** Runs the rules over every issue among the found files. */
export function checkFiles(files: readonly FoundFile[], config: NewsletterConfig, cwd: string): FileReport[] {
  const reports: FileReport[] = [];
  for (const found of files) {
    let text: string;
    try {
      text = readFileSync(found.path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${found.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const display = relative(cwd, found.path) || found.path;
    if (!found.explicit && !isIssueFile(display, text, config)) continue;
    const document = parseIssue(text, found.path, { extraSponsorNames: config.sponsorSections });
    reports.push({ file: display, findings: runRules(document, { config }) });
  }
  return reports;
}

/** `file:line:column  severity  code  message`, 1-based, one finding a line. */
export function formatText(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      out.push(`${report.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.code}  ${f.message}`);
    }
  }
  const count = reports.reduce((n, r) => n + r.findings.length, 0);
  out.push(`${reports.length} issue file${reports.length === 1 ? '' : 's'} checked, ${count} finding${count === 1 ? '' : 's'}`);
  return out.join('\n');
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    reports.map((report) => ({
      file: report.file,
      messages: report.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        fixable: (f.fixes ?? []).some((fix) => fix.safe === true),
      })),
    })),
    null,
    2,
  );
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.findings.some((f) => f.severity === 'error'));
}
