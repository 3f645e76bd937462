import * as vscode from 'vscode';
import { renderExportHtml, renderPlainText } from '../core/render';
import type { NewsletterServices } from './services';

/** `Newsletter: Export HTML` and `Newsletter: Export Plain Text`: the active issue to a file the user picks. */
export function registerExport(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand('newsletter.exportHtml', (uri?: unknown) => exportIssue(services, 'html', uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('newsletter.exportPlainText', (uri?: unknown) => exportIssue(services, 'text', uri instanceof vscode.Uri ? uri : undefined)),
  );
}

async function exportIssue(services: NewsletterServices, format: 'html' | 'text', uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const resource = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!resource) {
    void vscode.window.showInformationMessage('Newsletter: open an issue file to export it.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(resource);
  const issue = await services.issues.get(document);
  if (!issue) {
    void vscode.window.showInformationMessage('Newsletter: this file is not an issue file (see the setting "newsletter.files").');
    return undefined;
  }
  const extension = format === 'html' ? 'html' : 'txt';
  const defaultUri = resource.with({ path: resource.path.replace(/\.(md|markdown)$/i, '') + `.${extension}` });
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: format === 'html' ? { HTML: ['html', 'htm'] } : { 'Plain text': ['txt'] },
    saveLabel: format === 'html' ? 'Export HTML' : 'Export Plain Text',
    title: format === 'html' ? 'Export the issue as HTML' : 'Export the issue as the plain-text email',
  });
  if (!target) return undefined;
  const content = format === 'html'
    ? renderExportHtml(issue.document, { footer: issue.config.emailFooter, profile: issue.config.format })
    : renderPlainText(issue.document, { footer: issue.config.emailFooter, profile: issue.config.format });
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  } catch (error) {
    void vscode.window.showErrorMessage(`Newsletter: could not write ${target.fsPath || target.path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Newsletter: exported ${target.path.split('/').pop() ?? ''}.`);
  return target;
}
