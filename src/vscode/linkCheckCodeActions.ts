import * as vscode from 'vscode';
import type { Finding } from '../core';
import { toVsRange } from './convert';

/**
 * Quick fixes of the link diagnostics: the fixes are data on the findings (replace with the
 * redirect target, replace with an archived copy); this only translates them into edits.
 */
export class LinkCheckCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly findingsOf: (uri: vscode.Uri) => readonly Finding[]) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.findingsOf(document.uri);
    if (findings.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      if (diagnostic.source !== 'newsletter' || typeof code !== 'string' || !code.startsWith('link.')) continue;
      const finding = findings.find((f) => f.code === code && toVsRange(f.range).isEqual(diagnostic.range));
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) edit.replace(document.uri, toVsRange(e.range), e.newText);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }
}
