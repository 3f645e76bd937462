import * as vscode from 'vscode';
import { isIssueFile, parseWithConfig, type IssueDocument, type NewsletterConfig } from '../core';
import type { ConfigurationService } from './configuration';

/**
 * Parses open issue files once per document version and shares the result between features
 * (diagnostics, outline, preview, status bar): the adapters never parse Markdown themselves.
 */
export class IssueDocuments {
  private readonly parsed = new Map<string, { version: number; document: IssueDocument }>();

  constructor(private readonly configuration: ConfigurationService) {}

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
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached && cached.version === document.version) return cached.document;
    const issue = parseWithConfig(document.getText(), document.uri.toString(), config);
    this.parsed.set(key, { version: document.version, document: issue });
    return issue;
  }

  forget(document: vscode.TextDocument): void {
    this.parsed.delete(document.uri.toString());
  }

  clear(): void {
    this.parsed.clear();
  }
}

/** The path relative to its workspace folder, `/`-separated, as the `newsletter.files` globs expect. */
export function relativePathOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.path.split('/').pop() ?? uri.path;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}
