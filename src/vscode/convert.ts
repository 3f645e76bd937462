import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../core';
import { ruleDocAnchor } from '../core/rules/rule';

/** Core ranges are already 0-based line/character, as VS Code's are. */
export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function fromVsRange(range: vscode.Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

export function toVsSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'info': return vscode.DiagnosticSeverity.Information;
    default: return vscode.DiagnosticSeverity.Hint;
  }
}

/** Where each diagnostic code is documented (docs/rules.md in the repository, one anchor per code). */
export const RULES_DOC_URL = 'https://example.invalid/newsletter-desk/blob/main/docs/rules.md';

/** A finding as a diagnostic whose code links to its section in `docUrl` (the rules' page by default). */
export function toDiagnostic(finding: Finding, docUrl = RULES_DOC_URL): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(finding.range), finding.message, toVsSeverity(finding.severity));
  diagnostic.source = 'newsletter';
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(`${docUrl}#${ruleDocAnchor(finding.code)}`) };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(r.fileName), toVsRange(r.range)), r.message),
    );
  }
  return diagnostic;
}
