import { runRules, type Finding, type NewsletterConfig } from '../core';
import type { WorkspaceIndex } from '../core/workspace';
import type { FoundFile } from './files';
import { documentOf, indexReadFiles, readFoundFiles, type ReadFile } from './workspace';

export interface FileReport {
  readonly file: string;
  readonly findings: readonly Finding[];
}

/**
 * Runs the rules over every issue among the found files, with the workspace index built over
 * them (so `link.seen-before` and the issue-number rules see the other checked issues).
 */
export function checkFiles(files: readonly FoundFile[], config: NewsletterConfig, cwd: string, root: string = cwd): FileReport[] {
  return checkReadFiles(readFoundFiles(files, config, cwd, root), config);
}

/** The same, over files already read (`check --fix` reads, fixes, then checks what remains). */
export function checkReadFiles(files: readonly ReadFile[], config: NewsletterConfig, index: WorkspaceIndex = indexReadFiles(files, config)): FileReport[] {
  return files
    .filter((file) => file.isIssue)
    .map((file) => ({ file: file.display, findings: runRules(documentOf(file, config), { config, workspace: index }) }));
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

/**
 * The reports as JSON: an array of `{file, messages}`; with `links` (the summary of a link run,
 * `check --links`), an object `{files: [...], links}`.
 */
export function formatJson(reports: readonly FileReport[], links?: object): string {
  const files = reports.map((report) => ({
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
    }));
  return JSON.stringify(links ? { files, links } : files, null, 2);
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.findings.some((f) => f.severity === 'error'));
}
