import * as vscode from 'vscode';
import { buildWorkspaceIndex, WorkspaceIndex, type WorkspaceFile, type WorkspaceHost } from '../core/workspace';
import { relativePathOf, type IssueDocuments } from './issueDocuments';
import type { ConfigurationService } from './configuration';

/** Build output and dependencies: never issues, even when `files.exclude` does not hide them. */
const SKIPPED = /\/(?:node_modules|_site|\.git|dist)\//;
const EDIT_DEBOUNCE_MS = 300;
const REFRESH_DEBOUNCE_MS = 500;

/** The workspace host over one folder: its Markdown files, read from the open document when there is one. */
class VsCodeWorkspaceHost implements WorkspaceHost {
  constructor(private readonly folder: vscode.WorkspaceFolder) {}

  async listFiles(): Promise<readonly WorkspaceFile[]> {
    // The default excludes (`files.exclude`) apply.
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, '**/*.{md,markdown}'));
    return uris.filter((uri) => !SKIPPED.test(uri.path)).map((uri) => ({ id: uri.toString(), relativePath: relativePathOf(uri) }));
  }

  readFile(id: string): Promise<string> {
    return readText(vscode.Uri.parse(id));
  }
}

/** The text of a file: an open document's (unsaved edits included), else what is on disk. */
async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/**
 * One workspace index per workspace folder, built in the background after activation (progress in
 * the status bar) and kept current: files created, changed, deleted or renamed on disk, and edits
 * of open documents (debounced). The one source of what the workspace holds: diagnostics (which
 * re-check the open documents when it changes), workspace symbols and New Issue all read it.
 */
export class WorkspaceIndexService implements vscode.Disposable {
  private readonly indexes = new Map<string, { index?: WorkspaceIndex; cancelled: boolean; building: boolean; ready: Promise<void> }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires (debounced) after any folder's index changed, and after each first build. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly configuration: ConfigurationService, private readonly issues: IssueDocuments) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    this.disposables.push(
      this.changeEmitter,
      watcher,
      watcher.onDidCreate((uri) => void this.reread(uri)),
      watcher.onDidChange((uri) => {
        // An open document is tracked through its edits; a save changes nothing new.
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) void this.reread(uri);
      }),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const { oldUri, newUri } of e.files) this.moved(oldUri, newUri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.scheduleEdit(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Unsaved edits are gone with the editor: go back to what is on disk.
        if (d.uri.scheme === 'file' || d.uri.scheme === 'vscode-vfs' || d.uri.scheme === 'vscode-test-web') void this.reread(d.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuildAll()),
      configuration.onDidChange(() => this.rebuildAll()),
    );
    // Not during activation: the first build waits for the event loop, so the editor opens at once.
    setTimeout(() => this.rebuildAll(), 0);
  }

  /** The index of the folder that holds `uri` (complete or still being built), if any. */
  indexFor(uri: vscode.Uri): WorkspaceIndex | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.indexes.get(folder.uri.toString())?.index : undefined;
  }

  /** Every folder's index (complete or still being built). */
  all(): WorkspaceIndex[] {
    return [...this.indexes.values()].flatMap((entry) => (entry.index ? [entry.index] : []));
  }

  /** Resolves when every folder's first build has finished. */
  async ready(): Promise<void> {
    await Promise.all([...this.indexes.values()].map((entry) => entry.ready));
  }

  private rebuildAll(): void {
    if (this.disposed) return;
    for (const entry of this.indexes.values()) entry.cancelled = true;
    this.indexes.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.build(folder);
  }

  private build(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const entry: { index?: WorkspaceIndex; cancelled: boolean; building: boolean; ready: Promise<void> } = { cancelled: false, building: true, ready: Promise.resolve() };
    entry.ready = (async () => {
      const config = await this.configuration.get(folder.uri);
      if (entry.cancelled) return;
      const index = new WorkspaceIndex(config);
      entry.index = index;
      // During the first build the open documents are re-checked once, at the end.
      index.onDidChange(() => {
        if (!entry.building) this.scheduleRefresh();
      });
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Newsletter: indexing issues' },
        async (progress) => {
          await buildWorkspaceIndex(new VsCodeWorkspaceHost(folder), config, {
            into: index,
            isCancelled: () => entry.cancelled || this.disposed,
            onProgress: (done, total) => progress.report({ message: `${done}/${total}` }),
          });
        },
      );
    })()
      .catch((error: unknown) => console.error('Newsletter Desk: indexing the workspace failed', error))
      .finally(() => (entry.building = false));
    this.indexes.set(key, entry);
    void entry.ready.then(() => this.scheduleRefresh());
  }

  /** Reads one file again now, without waiting for the file watcher (after the extension wrote it). */
  async reread(uri: vscode.Uri): Promise<void> {
    const index = this.indexFor(uri);
    if (!index || !/\.(md|markdown)$/i.test(uri.path)) return;
    try {
      index.update({ id: uri.toString(), relativePath: relativePathOf(uri) }, await readText(uri));
    } catch {
      index.delete(uri.toString()); // gone or unreadable
    }
  }

  private forget(uri: vscode.Uri): void {
    const index = this.indexFor(uri);
    if (!index) return;
    const key = uri.toString();
    // A deleted folder takes its files with it.
    for (const issue of [...index.issues()]) if (issue.id === key || issue.id.startsWith(`${key}/`)) index.delete(issue.id);
  }

  private moved(oldUri: vscode.Uri, newUri: vscode.Uri): void {
    const from = this.indexFor(oldUri);
    const to = this.indexFor(newUri);
    const oldKey = oldUri.toString();
    if (!from) {
      void this.reread(newUri);
      return;
    }
    for (const issue of [...from.issues()]) {
      if (issue.id !== oldKey && !issue.id.startsWith(`${oldKey}/`)) continue;
      const newId = newUri.toString() + issue.id.slice(oldKey.length);
      if (from === to) from.rename(issue.id, newId);
      else {
        from.delete(issue.id);
        void this.reread(vscode.Uri.parse(newId));
      }
    }
    if (/\.(md|markdown)$/i.test(newUri.path) && !from.get(newUri.toString())) void this.reread(newUri); // became an issue by its new name
  }

  private scheduleEdit(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown') return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.indexOpen(document);
    }, EDIT_DEBOUNCE_MS));
  }

  private async indexOpen(document: vscode.TextDocument): Promise<void> {
    const index = this.indexFor(document.uri);
    if (!index || document.isClosed) return;
    const issue = await this.issues.get(document); // parsed once per version, shared with diagnostics
    if (document.isClosed) return;
    if (issue) index.set(issue.document, document.uri.toString());
    else index.delete(document.uri.toString());
  }

  /** Tells listeners (diagnostics re-check the open documents) that the index changed, once per burst. */
  private scheduleRefresh(): void {
    if (this.disposed) return;
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changeEmitter.fire();
    }, REFRESH_DEBOUNCE_MS);
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.indexes.values()) entry.cancelled = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
