import * as vscode from 'vscode';
import { WorkspaceIndex, type WorkspaceFile, type WorkspaceHost } from '../core/workspace';
import { analyseIssue, findingsOfStored, JS_HASHER, loadIndexCacheInTurns, parseManyOrElse, refreshIndex, serializeIndexCacheInTurns, type ParseMany, type ParseRequest, type StoredFile } from '../core/indexStore';
import { isIssueFile } from '../core/issueFiles';
import type { NewsletterConfig } from '../core/config';
import type { Finding } from '../core/model';
import { relativePathOf, type IssueDocuments } from './issueDocuments';
import type { ConfigurationService } from './configuration';

/** Build output and dependencies: never issues, even when `files.exclude` does not hide them. */
const SKIPPED = /\/(?:node_modules|_site|\.git|dist)\//;
const EDIT_DEBOUNCE_MS = 300;
const REFRESH_DEBOUNCE_MS = 500;
const SAVE_DEBOUNCE_MS = 2000;
/** Files parsed (or checked) between two turns of the event loop, so that the editor stays responsive. */
const CHUNK = 8;

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Where and as what the index is stored, and where to say what happened to it. */
export interface IndexStorage {
  /** The extension's workspace storage (`context.storageUri`); undefined without a workspace: nothing stored. */
  readonly storageUri: vscode.Uri | undefined;
  /** Our version: a store written by another one is not used. */
  readonly version: string;
  /** One line to the "Newsletter Desk" output channel. */
  readonly log: (line: string) => void;
}

/** What the first builds did, summed over folders (the extension API exposes it, and the log says it). */
export interface IndexStartupStats {
  /** Issue files whose stored entry matched their content hash: not parsed. */
  loadedFromStore: number;
  /** Issue files parsed at startup (not in the store, or changed on disk since). */
  parsedAtStartup: number;
  /** The most worker threads a first build parsed on (0: all on the extension host's thread). */
  workerThreads: number;
}

/**
 * Parses many issue files away from the extension host's thread, which is the editor's (the
 * desktop build: worker threads). `how.here` parses on this thread, yielding to the editor between
 * files: for too few files to be worth a thread. Rejects when the threads fail.
 */
export type ParseOffThread = (
  requests: readonly ParseRequest[],
  config: NewsletterConfig,
  how: {
    readonly here: ParseMany;
    readonly progress: (done: number, total: number) => void;
    readonly cancelled: () => boolean;
    readonly onThreads: (threads: number) => void;
  },
) => Promise<StoredFile[]>;

interface FolderEntry {
  index?: WorkspaceIndex;
  config?: NewsletterConfig;
  /** Each issue file's stored part (entry, hash, issue-scoped findings): what is saved. */
  readonly files: Map<string, StoredFile>;
  /** The text of the files that hold disable comments (the workspace-scoped findings need them). */
  readonly disableTexts: Map<string, string>;
  cancelled: boolean;
  building: boolean;
  ready: Promise<void>;
  saveTimer?: ReturnType<typeof setTimeout>;
}

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

/** A file's text, or undefined when it is not there (or not readable). */
async function readOptional(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
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
  private readonly indexes = new Map<string, FolderEntry>();
  /** What the first builds did (a test hook, on the extension API as `index`). */
  readonly startup: IndexStartupStats = { loadedFromStore: 0, parsedAtStartup: 0, workerThreads: 0 };
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves once the first builds have begun (`ready` waits for them, not for an empty list). */
  private readonly started: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires (debounced) after any folder's index changed, and after each first build. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly configuration: ConfigurationService,
    private readonly issues: IssueDocuments,
    private readonly storage: IndexStorage = { storageUri: undefined, version: 'dev', log: () => undefined },
    /** Where a first build parses many files (the desktop build's worker threads); without: in turns on this thread. */
    private readonly parseOffThread?: ParseOffThread,
  ) {
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
    this.started = new Promise((resolve) => setTimeout(() => {
      this.rebuildAll();
      resolve();
    }, 0));
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
    await this.started;
    await Promise.all([...this.indexes.values()].map((entry) => entry.ready));
  }

  private rebuildAll(): void {
    if (this.disposed) return;
    for (const entry of this.indexes.values()) entry.cancelled = true;
    this.indexes.clear();
    // The figures describe the latest full build (normally the one at startup).
    this.startup.loadedFromStore = 0;
    this.startup.parsedAtStartup = 0;
    this.startup.workerThreads = 0;
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.build(folder);
  }

  private build(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const entry: FolderEntry = { files: new Map(), disableTexts: new Map(), cancelled: false, building: true, ready: Promise.resolve() };
    entry.ready = (async () => {
      const config = await this.configuration.get(folder.uri);
      if (entry.cancelled) return;
      const index = new WorkspaceIndex(config);
      entry.index = index;
      entry.config = config;
      // During the first build the open documents are re-checked once, at the end.
      index.onDidChange(() => {
        if (!entry.building) this.scheduleRefresh();
      });
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Newsletter: indexing issues' },
        (progress) => this.buildFrom(folder, entry, index, config, (message) => progress.report({ message })),
      );
    })()
      .catch((error: unknown) => {
        console.error('Newsletter Desk: indexing the workspace failed', error);
        this.storage.log(`${folder.name}: indexing the workspace failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => (entry.building = false));
    this.indexes.set(key, entry);
    void entry.ready.then(() => this.scheduleRefresh());
  }

  /**
   * The first build: the stored index (if any, and if it is ours, for this version and config),
   * then every Markdown file read and hashed; only the issue files whose hash differs from the
   * stored one are parsed. The result is stored again at once.
   */
  private async buildFrom(folder: vscode.WorkspaceFolder, entry: FolderEntry, index: WorkspaceIndex, config: NewsletterConfig, report: (message: string) => void): Promise<void> {
    const cancelled = () => entry.cancelled || this.disposed;
    const storeKey = { version: this.storage.version, config };
    const storeUri = this.storeUriOf(folder);
    let stored: ReadonlyMap<string, StoredFile> | undefined;
    if (storeUri) {
      // In turns: a large archive's store is tens of MB, and this thread is the editor's.
      const loaded = await loadIndexCacheInTurns(await readOptional(storeUri), storeKey, nextTurn);
      if (loaded.ok) stored = loaded.files;
      else if (loaded.problem) this.storage.log(`${folder.name}: ${loaded.problem}`);
    }
    const files = await new VsCodeWorkspaceHost(folder).listFiles();
    const issues: { id: string; text: string }[] = [];
    let done = 0;
    for (const file of files) {
      if (cancelled()) return;
      let text: string;
      try {
        text = await readText(vscode.Uri.parse(file.id));
      } catch {
        continue; // gone or unreadable: not an issue as far as the index can tell
      }
      if (isIssueFile(file.relativePath, text, config)) {
        issues.push({ id: file.id, text });
        if (text.includes('newsletter-disable-')) entry.disableTexts.set(file.id, text);
      }
      if (++done % 50 === 0) {
        report(`reading ${done}/${files.length}`);
        await nextTurn();
      }
    }
    const parseInTurns = async (requests: readonly ParseRequest[], parseConfig: NewsletterConfig): Promise<StoredFile[]> => {
      const out: StoredFile[] = [];
      for (const request of requests) {
        if (cancelled()) break;
        out.push(analyseIssue(request, parseConfig));
        if (out.length % CHUNK === 0) {
          report(`${out.length}/${requests.length}`);
          await nextTurn();
        }
      }
      return out;
    };
    let threads = 0;
    const offThread = this.parseOffThread;
    const parseMany: ParseMany = !offThread
      ? parseInTurns
      : parseManyOrElse(
        (requests, parseConfig) => offThread(requests, parseConfig, { here: parseInTurns, progress: (done, total) => report(`${done}/${total}`), cancelled, onThreads: (n) => (threads = n) }),
        parseInTurns,
        (error) => {
          this.storage.log(`${folder.name}: parsing on worker threads failed (${error instanceof Error ? error.message : String(error)}); parsing here instead`);
          threads = 0;
        },
      );
    const result = await refreshIndex(issues, { config, stored, into: index, parseMany });
    if (cancelled()) return;
    for (const [id, file] of result.files) entry.files.set(id, file);
    this.startup.loadedFromStore += result.reused;
    this.startup.parsedAtStartup += result.parsed.length;
    this.startup.workerThreads = Math.max(this.startup.workerThreads, threads);
    const where = threads > 0 ? ` on ${threads} worker thread${threads === 1 ? '' : 's'}` : '';
    this.storage.log(`${folder.name}: ${issues.length} issue files indexed: ${result.reused} loaded from the stored index, ${result.parsed.length} parsed${where}`);
    if (result.parsed.length > 0 || !stored || stored.size !== result.files.size) await this.save(folder, entry);
  }

  /** The store of one folder's index in the workspace storage (one file per folder). */
  private storeUriOf(folder: vscode.WorkspaceFolder): vscode.Uri | undefined {
    const base = this.storage.storageUri;
    return base ? vscode.Uri.joinPath(base, `index-${JS_HASHER.hash(folder.uri.toString())}.json`) : undefined;
  }

  private async save(folder: vscode.WorkspaceFolder, entry: FolderEntry): Promise<void> {
    const uri = this.storeUriOf(folder);
    if (!uri || !entry.config || entry.cancelled || this.disposed) return;
    // The files as they are now (a file changed on disk meanwhile is saved with the next save).
    const text = await serializeIndexCacheInTurns([...entry.files.values()], { version: this.storage.version, config: entry.config }, nextTurn);
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    } catch (error) {
      this.storage.log(`${folder.name}: the index could not be stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private scheduleSave(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder ? this.indexes.get(folder.uri.toString()) : undefined;
    if (!folder || !entry || this.disposed) return;
    if (entry.saveTimer !== undefined) clearTimeout(entry.saveTimer);
    entry.saveTimer = setTimeout(() => {
      entry.saveTimer = undefined;
      void entry.ready.then(() => this.save(folder, entry));
    }, SAVE_DEBOUNCE_MS);
  }

  private entryFor(uri: vscode.Uri): FolderEntry | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.indexes.get(folder.uri.toString()) : undefined;
  }

  /**
   * Every issue file's findings as `runRules` with the workspace gives them, open or not, from the
   * stored parts (no parsing): the issue-scoped codes as stored, the workspace-scoped ones from the
   * index now. Gives the event loop a turn every few files; stops (undefined) if the index is rebuilt.
   */
  async archiveFindings(onProgress?: (done: number, total: number) => void): Promise<Map<string, Finding[]> | undefined> {
    const out = new Map<string, Finding[]>();
    for (const entry of [...this.indexes.values()]) {
      await entry.ready;
      const { index, config } = entry;
      if (!index || !config || entry.cancelled) return undefined;
      const files = [...entry.files.values()];
      let done = 0;
      for (const file of files) {
        if (entry.cancelled || this.disposed) return undefined;
        out.set(file.id, findingsOfStored(file, entry.disableTexts.get(file.id) ?? '', index, config));
        if (++done % (CHUNK * 4) === 0) {
          onProgress?.(done, files.length);
          await nextTurn();
        }
      }
    }
    return out;
  }

  /** Reads one file again now, without waiting for the file watcher (after the extension wrote it). */
  async reread(uri: vscode.Uri): Promise<void> {
    const index = this.indexFor(uri);
    const entry = this.entryFor(uri);
    if (!index || !entry?.config || !/\.(md|markdown)$/i.test(uri.path)) return;
    const id = uri.toString();
    try {
      const text = await readText(uri);
      if (!isIssueFile(relativePathOf(uri), text, entry.config)) {
        this.drop(entry, index, id);
      } else {
        const file = analyseIssue({ id, text, hash: JS_HASHER.hash(text) }, entry.config);
        entry.files.set(id, file);
        if (text.includes('newsletter-disable-')) entry.disableTexts.set(id, text);
        else entry.disableTexts.delete(id);
        index.restore([file.issue]);
      }
    } catch {
      this.drop(entry, index, id); // gone or unreadable
    }
    this.scheduleSave(uri);
  }

  private drop(entry: FolderEntry, index: WorkspaceIndex, id: string): void {
    entry.files.delete(id);
    entry.disableTexts.delete(id);
    index.delete(id);
  }

  private forget(uri: vscode.Uri): void {
    const index = this.indexFor(uri);
    if (!index) return;
    const entry = this.entryFor(uri);
    const key = uri.toString();
    // A deleted folder takes its files with it.
    for (const issue of [...index.issues()]) {
      if (issue.id !== key && !issue.id.startsWith(`${key}/`)) continue;
      if (entry) this.drop(entry, index, issue.id);
      else index.delete(issue.id);
    }
    this.scheduleSave(uri);
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
      const fromEntry = this.entryFor(oldUri);
      fromEntry?.files.delete(issue.id);
      fromEntry?.disableTexts.delete(issue.id);
      if (from === to) from.rename(issue.id, newId);
      else from.delete(issue.id);
      // Its stored part (entry, findings) is made again under the new name.
      void this.reread(vscode.Uri.parse(newId));
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
    for (const entry of this.indexes.values()) {
      entry.cancelled = true;
      if (entry.saveTimer !== undefined) clearTimeout(entry.saveTimer);
    }
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
