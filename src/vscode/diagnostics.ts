import * as vscode from 'vscode';
import { runRules, type Finding } from '../core';
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
        this.collection.delete(d.uri);
        this.findings.delete(d.uri.toString());
        this.issues.forget(d);
      }),
      configuration.onDidChange(() => this.refreshAll()),
      // Another issue changed: this one's cross-issue findings may have too; its parse has not.
      workspaceIndex.onDidChange(() => this.recheckOpen()),
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
    const findings = runRules(issue.document, { config: issue.config, workspace: this.workspaceIndex.indexFor(document.uri) });
    const published = findings.map((finding) => ({ diagnostic: toDiagnostic(finding), finding }));
    this.findings.set(document.uri.toString(), published);
    this.collection.set(document.uri, published.map((p) => p.diagnostic));
    this.publishedEmitter.fire(document.uri);
  }

  /** Re-checks the open documents with the parses they have (the workspace index changed, not they). */
  recheckOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
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
    for (const d of this.disposables) d.dispose();
  }
}
