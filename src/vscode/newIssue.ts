import * as vscode from 'vscode';
import { existingIssueOf, planNewIssue, systemClock, type ExistingIssue } from '../core/newIssue';
import type { NewsletterServices } from './services';
import { exists, pickFolder } from './workspaceFiles';

export const NEW_ISSUE_COMMAND = 'newsletter.newIssue';

/** The number and day of every issue in a folder, from the workspace index (once it is built). */
async function existingIssuesIn(services: NewsletterServices, folder: vscode.WorkspaceFolder): Promise<ExistingIssue[]> {
  await services.workspaceIndex.ready();
  return (services.workspaceIndex.indexFor(folder.uri)?.issues() ?? []).map(existingIssueOf);
}


/** The repository's template file (relative to the folder that holds the project config), when it is there. */
async function readTemplate(folder: vscode.WorkspaceFolder, path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...path.split(/[\\/]+/).filter(Boolean)));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined; // no template: the built-in skeleton
  }
}


/**
 * `Newsletter: New Issue`: writes the next issue file into the posts folder and opens it with the
 * cursor on the intro. Never overwrites: when the file is there already it offers to open it.
 * Returns the new file's URI (undefined when nothing was created), for tests and other commands.
 */
async function newIssue(services: NewsletterServices): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder('Folder to create the new issue in');
  if (!folder) {
    void vscode.window.showErrorMessage('Newsletter: open the folder of your newsletter to create a new issue in it.');
    return undefined;
  }
  const config = await services.configuration.get(folder.uri);
  const existing = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Newsletter: reading issues' },
    () => existingIssuesIn(services, folder),
  );
  const template = await readTemplate(folder, config.format.newIssue.template);
  if (config.format.newIssue.template && template === undefined) {
    // Not an error (a preset's path, a moved file), but worth a word rather than a silent skeleton.
    void vscode.window.showInformationMessage(`Newsletter: the format's template ${config.format.newIssue.template} is not in this workspace; the new issue starts from the format's own sections.`);
  }
  const plan = planNewIssue(existing, config, systemClock(), template);
  const postsFolder = vscode.Uri.joinPath(folder.uri, ...config.format.files.folder.split(/[\\/]+/).filter(Boolean));
  const uri = vscode.Uri.joinPath(postsFolder, plan.fileName);
  const shown = vscode.workspace.asRelativePath(uri, false);
  if (await exists(uri)) {
    const choice = await vscode.window.showWarningMessage(`Newsletter: ${shown} already exists; nothing was written.`, 'Open It');
    if (choice === 'Open It') await vscode.window.showTextDocument(uri);
    return undefined;
  }
  // A workspace edit rather than a plain write: `overwrite: false` makes "never overwrite" hold
  // even against a file that appeared meanwhile, and the editor refreshes any model it still
  // keeps for that name (a file deleted earlier in the session) instead of showing stale text.
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(plan.text) });
  let created = false;
  try {
    await vscode.workspace.fs.createDirectory(postsFolder);
    created = await vscode.workspace.applyEdit(edit);
  } catch (error) {
    void vscode.window.showErrorMessage(`Newsletter: could not create ${shown}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (!created) {
    void vscode.window.showErrorMessage(`Newsletter: could not create ${shown}; nothing was written.`);
    return undefined;
  }
  await services.workspaceIndex.reread(uri); // the next New Issue numbers past this one at once
  const position = new vscode.Position(plan.introPosition.line, plan.introPosition.character);
  // A regular tab, not a preview: the next file opened must not replace the issue just created.
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: false });
  return uri;
}

export function registerNewIssue(services: NewsletterServices): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(NEW_ISSUE_COMMAND, () => newIssue(services)));
}
