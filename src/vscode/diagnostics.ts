import * as vscode from 'vscode';
import { runRules } from '../core';
import type { IssueDocuments } from './issueDocuments';
import type { ConfigurationService } from './configuration';
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

  constructor(private readonly issues: IssueDocuments, configuration: ConfigurationService) {
    this.disposables.push(
      this.publishedEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d.uri);
        this.collection.delete(d.uri);
        this.issues.forget(d);
      }),
      configuration.onDidChange(() => this.refreshAll()),
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
      return;
    }
    const findings = runRules(issue.document, { config: issue.config });
    this.collection.set(document.uri, findings.map(toDiagnostic));
    this.publishedEmitter.fire(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
