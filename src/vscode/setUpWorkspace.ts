import * as vscode from 'vscode';
import { PROJECT_CONFIG_FILE } from '../core/config';
import { inferProfile, type ArchiveFile, type InferenceResult } from '../core/format/infer';
import type { NewsletterServices } from './services';
import { exists, pickFolder } from './workspaceFiles';

export const SET_UP_WORKSPACE_COMMAND = 'newsletter.setUpWorkspace';

/** workspaceState key: the one offer was made (whatever the answer). */
const OFFER_STATE = 'newsletter.setUpOffered';
const MARKDOWN_GLOB = '**/*.{md,markdown}';
const EXCLUDED = '**/{node_modules,.git,dist,out,.vscode-test}/**';
const MAX_FILES = 5000;
/** Files besides the issues that say something about the format: site configs, issue templates. */
const OTHER_FILES = '{_config.yml,_config.yaml,pelicanconf.py,config.toml,hugo.toml,zola.toml,**/DRAFT_TEMPLATE,**/*TEMPLATE*}';


/** The files' texts, with paths relative to the folder, `/`-separated (as inference expects). */
async function readAll(folder: vscode.WorkspaceFolder, uris: readonly vscode.Uri[]): Promise<ArchiveFile[]> {
  const decoder = new TextDecoder();
  const files: ArchiveFile[] = [];
  for (const uri of uris) {
    try {
      files.push({ path: relativeTo(folder, uri), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
    } catch {
      // unreadable: not part of what inference sees
    }
  }
  return files;
}

function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}


/** What inference found, one line per part, for the confirmation dialog. */
export function describeInference(result: InferenceResult): string {
  const lines = [`${result.issueCount} ${result.issueCount === 1 ? 'issue' : 'issues'} found.`];
  for (const part of result.parts) lines.push(`${part.part}: ${part.value} (${Math.round(part.confidence * 100)}% sure${part.evidence ? `; ${part.evidence}` : ''})`);
  return lines.join('\n');
}

/**
 * `Newsletter: Set Up Workspace`: infers the format from the folder's Markdown files (and the site
 * config or issue template beside them), shows what it found, and writes `.newsletter-desk.json`
 * with `{"format": <profile>}` at the folder's root; an existing file is replaced only when the
 * user says so. Returns the file's URI when it was written.
 */
async function setUpWorkspace(token?: vscode.CancellationToken): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder('Folder of the newsletter to set up');
  if (!folder) {
    void vscode.window.showErrorMessage('Newsletter: open the folder of your newsletter to set it up.');
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, PROJECT_CONFIG_FILE);
  if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(`Newsletter: ${PROJECT_CONFIG_FILE} already exists in ${folder.name}. Replace it with a profile inferred from your issues?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Newsletter: reading your issues', cancellable: false }, async () => {
    const markdown = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, MARKDOWN_GLOB), EXCLUDED, MAX_FILES, token);
    const others = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, OTHER_FILES), EXCLUDED, 50, token);
    const files = await readAll(folder, markdown);
    const otherFiles = await readAll(folder, others.filter((o) => !markdown.some((m) => m.toString() === o.toString())));
    if (files.length === 0) throw new Error('no Markdown files in this folder');
    return inferProfile(files, otherFiles);
  }).then(
    (value) => value,
    (error: unknown) => {
      void vscode.window.showErrorMessage(`Newsletter: could not infer the format of ${folder.name}: ${error instanceof Error ? error.message : String(error)}. Write ${PROJECT_CONFIG_FILE} by hand, e.g. {"format": "devops-weekly"}.`);
      return undefined;
    },
  );
  if (!result) return undefined;
  const write = await vscode.window.showInformationMessage(`Newsletter: the format of ${folder.name}`, { modal: true, detail: describeInference(result) }, `Write ${PROJECT_CONFIG_FILE}`);
  if (write !== `Write ${PROJECT_CONFIG_FILE}`) return undefined;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify({ format: result.profile }, null, 2)}\n`));
  } catch (error) {
    void vscode.window.showErrorMessage(`Newsletter: could not write ${PROJECT_CONFIG_FILE}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  await vscode.window.showTextDocument(target);
  return target;
}

/**
 * The one offer: a workspace with Markdown files but no project file in any folder gets a single
 * information message, remembered in workspaceState whatever the answer, so it never comes back.
 */
async function offerSetUp(services: NewsletterServices): Promise<boolean> {
  const state = services.context.workspaceState;
  if (state.get<boolean>(OFFER_STATE)) return false;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return false;
  for (const folder of folders) if (await exists(vscode.Uri.joinPath(folder.uri, PROJECT_CONFIG_FILE))) return false;
  const anyMarkdown = await vscode.workspace.findFiles(MARKDOWN_GLOB, EXCLUDED, 1);
  if (anyMarkdown.length === 0) return false;
  await state.update(OFFER_STATE, true);
  // Not awaited: the message stays until the user answers, and the offer is made either way.
  void vscode.window.showInformationMessage(
    'Newsletter Desk: set up this workspace? It reads your issues to learn their format and writes .newsletter-desk.json.',
    'Set Up',
    'Not now',
    "Don't ask again",
  ).then((choice) => {
    if (choice === 'Set Up') void vscode.commands.executeCommand(SET_UP_WORKSPACE_COMMAND);
  });
  return true;
}

/** What the integration tests can see of the offer. */
export interface SetUpOfferApi {
  /** Settles once the start-up check has run: whether it made the offer. */
  readonly startupOffer: Promise<boolean>;
  /** Runs the check again, as a reload would: whether it made the offer. */
  check(): Promise<boolean>;
}

export function registerSetUpWorkspace(services: NewsletterServices): SetUpOfferApi {
  services.context.subscriptions.push(vscode.commands.registerCommand(SET_UP_WORKSPACE_COMMAND, () => setUpWorkspace()));
  // After start-up work, so the offer never delays the features.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const startupOffer = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => void offerSetUp(services).then(resolve, () => resolve(false)), 3000);
  });
  services.context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { startupOffer, check: () => offerSetUp(services) };
}
