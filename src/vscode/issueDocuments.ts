import * as vscode from 'vscode';
import { isIssueFile, type Finding, type IssueDocument, type NewsletterConfig } from '../core';
import type { WorkspaceIndex } from '../core/workspace';
import { fromVsRange } from './convert';
import type { ConfigurationService } from './configuration';
import { IssueUpdates, type IssueParse } from './issueUpdates';

/**
 * Parses open issue files once per document version and shares the result between features
 * (diagnostics, outline, preview, status bar): the adapters never parse Markdown themselves.
 * After an edit only what the edit touched is parsed again (`IssueUpdates`: the content changes
 * of each change event are replayed on the previous document; a skipped version parses whole).
 */
export class IssueDocuments implements vscode.Disposable {
  private readonly parsed = new Map<string, IssueUpdates>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly configuration: ConfigurationService) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.parsed.get(e.document.uri.toString())?.changed(
          e.document.version,
          e.contentChanges.map((c) => ({ range: fromVsRange(c.range), rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })),
        );
      }),
    );
  }

  /** Whether the text document is an issue file under the current configuration. */
  async isIssue(document: vscode.TextDocument): Promise<boolean> {
    if (document.languageId !== 'markdown') return false;
    const config = await this.configuration.get(document.uri);
    return isIssueFile(relativePathOf(document.uri), document.getText(), config);
  }

  /** The model of an issue file, or undefined for any other document. */
  async get(document: vscode.TextDocument): Promise<{ document: IssueDocument; config: NewsletterConfig } | undefined> {
    if (!(await this.isIssue(document))) return undefined;
    const config = await this.configuration.get(document.uri);
    return { document: this.parse(document, config), config };
  }

  /** Parses (or reuses) without the issue-file check, for callers that already made it. */
  parse(document: vscode.TextDocument, config: NewsletterConfig): IssueDocument {
    return this.update(document, config).document;
  }

  /** Like `parse`, with what changed since the previous parse of this document (undefined: treat all as new). */
  update(document: vscode.TextDocument, config: NewsletterConfig): IssueParse {
    const key = document.uri.toString();
    let updates = this.parsed.get(key);
    if (!updates) this.parsed.set(key, (updates = new IssueUpdates()));
    return updates.parse(document.getText(), document.version, key, config.format);
  }

  /**
   * The findings of an issue file at its current version, as `runRules` gives them: after an
   * edit, the rules that reach one block only re-check the blocks the edit touched.
   */
  findings(document: vscode.TextDocument, config: NewsletterConfig, workspace?: WorkspaceIndex): Finding[] {
    const parsed = this.parse(document, config);
    const updates = this.parsed.get(document.uri.toString());
    return updates ? updates.findings(parsed, { config, workspace }) : [];
  }

  /** How many parses were whole and how many incremental, over all documents (a test hook). */
  stats(): { full: number; incremental: number } {
    const total = { full: this.forgotten.full, incremental: this.forgotten.incremental };
    for (const updates of this.parsed.values()) {
      total.full += updates.stats.full;
      total.incremental += updates.stats.incremental;
    }
    return total;
  }

  private readonly forgotten = { full: 0, incremental: 0 };

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const updates = this.parsed.get(key);
    if (updates) {
      this.forgotten.full += updates.stats.full;
      this.forgotten.incremental += updates.stats.incremental;
    }
    this.parsed.delete(key);
  }

  clear(): void {
    for (const updates of this.parsed.values()) {
      this.forgotten.full += updates.stats.full;
      this.forgotten.incremental += updates.stats.incremental;
    }
    this.parsed.clear();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The path relative to its workspace folder, `/`-separated, as the `newsletter.files` globs expect. */
export function relativePathOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.path.split('/').pop() ?? uri.path;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}
