import * as vscode from 'vscode';
import { fixAll } from '../core/fix';
import type { Fix } from '../core';
import type { NewsletterServices } from './services';
import { toVsRange } from './convert';
import { snippetLiteral } from '../core/snippets';

/** `source.fixAll.newsletter`: every safe fix at once (on save with `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('newsletter');

/** A fix's edits (and rename) as a WorkspaceEdit on `uri`. The provider only translates. */
export function toWorkspaceEdit(uri: vscode.Uri, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  if (fix.select && fix.edits[fix.select.edit]) {
    // A fix that leaves the cursor on a placeholder: that edit as a snippet, the rest as text.
    const select = fix.select;
    edit.set(uri, fix.edits.map((e, i) => i === select.edit
      ? new vscode.SnippetTextEdit(toVsRange(e.range), new vscode.SnippetString(snippetOf(e.newText, select.ranges)))
      : vscode.TextEdit.replace(toVsRange(e.range), e.newText)));
  } else {
    for (const e of fix.edits) edit.replace(uri, toVsRange(e.range), e.newText);
  }
  if (fix.renameTo !== undefined) {
    edit.renameFile(uri, vscode.Uri.joinPath(uri, '..', fix.renameTo), { overwrite: false });
  }
  return edit;
}

/** `text` as a snippet whose `ranges` are one tab stop: the first a placeholder, the others its mirrors. */
export function snippetOf(text: string, ranges: readonly { readonly start: number; readonly end: number }[]): string {
  let out = '';
  let at = 0;
  [...ranges].sort((a, b) => a.start - b.start).forEach((r, i) => {
    out += snippetLiteral(text.slice(at, r.start)) + (i === 0 ? `\${1:${snippetLiteral(text.slice(r.start, r.end))}}` : '$1');
    at = r.end;
  });
  return `${out}${snippetLiteral(text.slice(at))}$0`;
}

/**
 * The smallest single replacement that turns `before` into `after` (common prefix and suffix
 * kept), so that fix-all does not rewrite the whole document and the cursor and undo stay put.
 */
export function minimalEdit(document: vscode.TextDocument, before: string, after: string): vscode.TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return vscode.TextEdit.replace(
    new vscode.Range(document.positionAt(start), document.positionAt(before.length - end)),
    after.slice(start, after.length - end),
  );
}

class NewsletterCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly services: NewsletterServices) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const wantsFixAll = context.only !== undefined && (FIX_ALL_KIND.contains(context.only) || context.only.contains(FIX_ALL_KIND));
    const wantsQuickFixes = context.only === undefined || vscode.CodeActionKind.QuickFix.contains(context.only) || context.only.contains(vscode.CodeActionKind.QuickFix);
    const actions: vscode.CodeAction[] = [];

    if (wantsQuickFixes) {
      let anySafe = false;
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== 'newsletter') continue;
        const finding = this.services.diagnostics.findingFor(document.uri, diagnostic);
        for (const fix of finding?.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred === true;
          action.edit = toWorkspaceEdit(document.uri, fix);
          actions.push(action);
          anySafe ||= fix.safe === true;
        }
      }
      if (anySafe) {
        const all = await this.fixAllAction(document, token, vscode.CodeActionKind.QuickFix);
        if (all) actions.push(all);
      }
    }
    if (wantsFixAll && !token.isCancellationRequested) {
      const all = await this.fixAllAction(document, token, FIX_ALL_KIND);
      if (all) actions.push(all);
    }
    return actions;
  }

  private async fixAllAction(document: vscode.TextDocument, token: vscode.CancellationToken, kind: vscode.CodeActionKind): Promise<vscode.CodeAction | undefined> {
    const issue = await this.services.issues.get(document);
    if (!issue || token.isCancellationRequested) return undefined;
    const text = document.getText();
    const result = fixAll(text, { fileName: document.uri.toString(), config: issue.config, workspace: this.services.workspaceIndex.indexFor(document.uri) });
    const edit = minimalEdit(document, text, result.text);
    if (!edit || token.isCancellationRequested) return undefined;
    const action = new vscode.CodeAction(`Fix all safe problems in this issue (${result.applied})`, kind);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, [edit]);
    return action;
  }
}

/** Feature registration: quick fixes for the newsletter diagnostics, and `source.fixAll.newsletter`. */
export function registerCodeActions(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new NewsletterCodeActions(services), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
    }),
  );
}
