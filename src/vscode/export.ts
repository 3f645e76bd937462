import * as vscode from 'vscode';
import { renderExportHtml, renderPlainText } from '../core/render';
import { exportFolderFor, isInPublishedFolder } from '../core/exportPath';
import type { FormatProfile } from '../core/format/profile';
import type { NewsletterServices } from './services';
import { exists } from './workspaceFiles';

/** workspaceState: the folder (URI) the last export went to. */
export const EXPORT_FOLDER_KEY = 'newsletter.exportFolder';

/**
 * Where Export proposes to write `resource`'s export: the folder used last (when the site generator
 * would not publish from it), else `_exports/` at the top of the workspace folder; never beside the
 * issue in `_posts/`, where the generator would publish it.
 */
export function proposedExportUri(services: Pick<NewsletterServices, 'context'>, resource: vscode.Uri, extension: string, profile: FormatProfile): vscode.Uri {
  const name = `${resource.path.split('/').pop()?.replace(/\.(md|markdown)$/i, '') ?? 'issue'}.${extension}`;
  const folder = vscode.workspace.getWorkspaceFolder(resource);
  const remembered = services.context.workspaceState.get<string>(EXPORT_FOLDER_KEY);
  if (remembered) {
    const uri = vscode.Uri.parse(remembered);
    const inside = folder && uri.toString().startsWith(`${folder.uri.toString().replace(/\/$/, '')}/`);
    const relative = inside ? uri.toString().slice(folder.uri.toString().replace(/\/$/, '').length + 1) : undefined;
    if (relative === undefined || !isInPublishedFolder(decodeURIComponent(relative), profile)) return vscode.Uri.joinPath(uri, name);
  }
  const base = folder?.uri ?? vscode.Uri.joinPath(resource, '..');
  return vscode.Uri.joinPath(base, ...exportFolderFor(profile).split('/'), name);
}

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
  const defaultUri = proposedExportUri(services, resource, extension, issue.config.format);
  // The dialog needs the proposed folder to be there; one made for it and left empty goes again.
  const proposedFolder = vscode.Uri.joinPath(defaultUri, '..');
  const made = !(await exists(proposedFolder));
  if (made) await vscode.workspace.fs.createDirectory(proposedFolder).then(undefined, () => undefined);
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: format === 'html' ? { HTML: ['html', 'htm'] } : { 'Plain text': ['txt'] },
    saveLabel: format === 'html' ? 'Export HTML' : 'Export Plain Text',
    title: format === 'html' ? 'Export the issue as HTML' : 'Export the issue as the plain-text email',
  });
  if (made && (!target || vscode.Uri.joinPath(target, '..').toString() !== proposedFolder.toString())) {
    const left = await vscode.workspace.fs.readDirectory(proposedFolder).then((entries) => entries.length, () => 1);
    if (left === 0) await vscode.workspace.fs.delete(proposedFolder).then(undefined, () => undefined);
  }
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
  await services.context.workspaceState.update(EXPORT_FOLDER_KEY, vscode.Uri.joinPath(target, '..').toString());
  void vscode.window.showInformationMessage(`Newsletter: exported ${target.path.split('/').pop() ?? ''}.`);
  return target;
}

