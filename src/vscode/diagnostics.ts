import * as vscode from 'vscode';
import type { Finding } from '../core';
import type { IssueDocuments } from './issueDocuments';
import type { ConfigurationService } from './configuration';
import type { WorkspaceIndexService } from './workspaceIndex';
import { toDiagnostic } from './convert';

const DEBOUNCE_MS = 250;

/**
 * Feeds the `newsletter` diagnostic collection from the rule runner: at once when an issue file
 * opens, debounced while it is edited, cleared when it closes. A run whose document changed while
 * it waited is dropped (the next one is already scheduled), so stale results never show.
 */
export class DiagnosticsFeature implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('newsletter');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly publishedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after diagnostics of a document were published (tests and the status bar listen). */
  readonly onDidPublish = this.publishedEmitter.event;
  /** The finding behind each published diagnostic, by document: code actions read fixes from it. */
  private readonly findings = new Map<string, Array<{ readonly diagnostic: vscode.Diagnostic; readonly finding: Finding }>>();

  /** The archive's findings last published for files not open (`newsletter.problems.scope`: `workspace`). */
  private archive = new Map<string, Finding[]>();
  private archiveRun = 0;
  private archiveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly archiveEmitter = new vscode.EventEmitter<number>();
  /** Fires after the archive's findings were published, with how many files have some (tests listen). */
  readonly onDidPublishArchive = this.archiveEmitter.event;

  constructor(
    private readonly issues: IssueDocuments,
    configuration: ConfigurationService,
    private readonly workspaceIndex: WorkspaceIndexService,
  ) {
    this.disposables.push(
      this.publishedEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d.uri);
        this.findings.delete(d.uri.toString());
        this.issues.forget(d);
        // Back to the archive's findings for it (the index re-reads it from disk, and they follow).
        const archived = this.archiveScope() ? this.archive.get(d.uri.toString()) : undefined;
        if (archived?.length) this.collection.set(d.uri, archived.map((f) => toDiagnostic(f)));
        else this.collection.delete(d.uri);
      }),
      configuration.onDidChange(() => this.refreshAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsletter.problems.scope')) this.scheduleArchive(0);
      }),
      // Another issue changed: this one's cross-issue findings may have too; its parse has not.
      // The archive's findings are computed again too (from the index: no parsing).
      workspaceIndex.onDidChange(() => {
        this.recheckOpen();
        this.scheduleArchive(0);
      }),
      this.archiveEmitter,
    );
    this.refreshAll();
  }

  /** Re-checks every open document (after a configuration change, or at start). */
  refreshAll(): void {
    this.issues.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'markdown') return;
    const key = document.uri.toString();
    this.cancel(document.uri);
    const version = document.version;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(document, version);
      }, delay),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  private async run(document: vscode.TextDocument, version: number): Promise<void> {
    if (document.isClosed) return;
    const issue = await this.issues.get(document);
    if (document.isClosed || document.version !== version) return; // superseded while we waited
    if (!issue) {
      this.collection.delete(document.uri);
      this.findings.delete(document.uri.toString());
      return;
    }
    const findings = this.issues.findings(document, issue.config, this.workspaceIndex.indexFor(document.uri));
    const published = findings.map((finding) => ({ diagnostic: toDiagnostic(finding), finding }));
    this.findings.set(document.uri.toString(), published);
    this.collection.set(document.uri, published.map((p) => p.diagnostic));
    this.publishedEmitter.fire(document.uri);
  }

  /** Re-checks the open documents with the parses they have (the workspace index changed, not they). */
  recheckOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private archiveScope(): boolean {
    return vscode.workspace.getConfiguration('newsletter').get<string>('problems.scope', 'workspace') !== 'openFiles';
  }

  private scheduleArchive(delay: number): void {
    if (this.archiveTimer !== undefined) clearTimeout(this.archiveTimer);
    this.archiveTimer = setTimeout(() => {
      this.archiveTimer = undefined;
      void this.publishArchive();
    }, delay);
  }

  /**
   * The Problems panel for the whole archive: every issue file the index holds that is not open
   * gets its findings (issue-scoped ones as stored, workspace-scoped ones from the index), in the
   * background after the open files (which keep their live diagnostics). With the scope
   * `openFiles`, the files not open are cleared.
   */
  private async publishArchive(): Promise<void> {
    const run = ++this.archiveRun;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    let next = new Map<string, Finding[]>();
    if (this.archiveScope()) {
      const computed = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Newsletter: checking the archive' },
        (progress) => this.workspaceIndex.archiveFindings((done, total) => progress.report({ message: `${done}/${total}` })),
      );
      if (run !== this.archiveRun) return; // superseded
      if (!computed) return; // the index is being rebuilt: the rebuild publishes again
      next = computed;
    }
    const isOpen = (id: string) => open.has(id) || vscode.workspace.textDocuments.some((d) => d.uri.toString() === id);
    for (const id of this.archive.keys()) if (!next.has(id) && !isOpen(id)) this.collection.delete(vscode.Uri.parse(id));
    let withFindings = 0;
    for (const [id, findings] of next) {
      if (findings.length > 0) withFindings++;
      if (isOpen(id)) continue; // live diagnostics
      const uri = vscode.Uri.parse(id);
      if (findings.length === 0) this.collection.delete(uri);
      else this.collection.set(uri, findings.map((f) => toDiagnostic(f)));
    }
    this.archive = next;
    this.archiveEmitter.fire(withFindings);
  }

  /**
   * The finding a diagnostic was made from. Code actions receive copies of the diagnostics, so
   * they are matched by code, range and message rather than by identity.
   */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return this.findings.get(uri.toString())?.find(({ diagnostic: d }) =>
      d.message === diagnostic.message && d.range.isEqual(diagnostic.range) && (typeof d.code === 'object' ? d.code.value : d.code) === code)?.finding;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.archiveTimer !== undefined) clearTimeout(this.archiveTimer);
    this.archiveRun++;
    for (const d of this.disposables) d.dispose();
  }
}
