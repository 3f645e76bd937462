import * as vscode from 'vscode';
import { parseIssue } from '../core/parse/parseIssue';
import { issueSymbolsOf, matchWorkspaceSymbols, type IssueSymbols } from '../core/outline';
import type { NewsletterServices } from './activate';
import { toVsRange } from './convert';
import { listIssueFiles, readText } from './newIssue';

const MAX_RESULTS = 500;

/**
 * "Go to Symbol in Workspace" (Ctrl+T) across every issue: `#498` finds issue 498, a host such as
 * `github.com` finds the entries that link there. The issues are read once, on the first query,
 * and kept as small symbol records; a change to a file drops only its record.
 */
class IssueSymbolIndex implements vscode.Disposable {
  private readonly records = new Map<string, IssueSymbols | null>();
  private listing: Promise<vscode.Uri[]> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: NewsletterServices) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const drop = (uri: vscode.Uri) => this.records.delete(uri.toString());
    const relist = (uri: vscode.Uri) => {
      drop(uri);
      this.listing = undefined;
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(drop),
      watcher.onDidCreate(relist),
      watcher.onDidDelete(relist),
      vscode.workspace.onDidChangeTextDocument((e) => drop(e.document.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
      services.configuration.onDidChange(() => this.reset()),
    );
  }

  private reset(): void {
    this.records.clear();
    this.listing = undefined;
  }

  private async files(): Promise<vscode.Uri[]> {
    if (!this.listing) {
      this.listing = (async () => {
        const all: vscode.Uri[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          all.push(...(await listIssueFiles(folder, await this.services.configuration.get(folder.uri))));
        }
        return all;
      })();
      this.listing.catch(() => (this.listing = undefined));
    }
    return this.listing;
  }

  private async record(uri: vscode.Uri): Promise<IssueSymbols | null> {
    const key = uri.toString();
    const known = this.records.get(key);
    if (known !== undefined) return known;
    let record: IssueSymbols | null = null;
    try {
      const config = await this.services.configuration.get(uri);
      const text = await readText(uri);
      record = issueSymbolsOf(parseIssue(text, uri.path, { extraSponsorNames: config.sponsorSections }));
    } catch {
      record = null; // unreadable (deleted meanwhile, not UTF-8...): nothing to offer
    }
    this.records.set(key, record);
    return record;
  }

  async search(query: string, token: vscode.CancellationToken): Promise<vscode.SymbolInformation[]> {
    const files = await this.files();
    const unread = files.filter((uri) => !this.records.has(uri.toString())).length;
    if (unread < 20) return this.collect(files, query, token);
    // The first search reads every issue: say so in the status bar meanwhile.
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Newsletter: reading ${unread} issues` },
      () => this.collect(files, query, token),
    );
  }

  private async collect(files: readonly vscode.Uri[], query: string, token: vscode.CancellationToken): Promise<vscode.SymbolInformation[]> {
    const results: vscode.SymbolInformation[] = [];
    for (const uri of files) {
      if (token.isCancellationRequested) return results;
      const record = await this.record(uri);
      if (!record) continue;
      for (const item of matchWorkspaceSymbols(record, query)) {
        const kind = item.kind === 'issue' ? vscode.SymbolKind.File : vscode.SymbolKind.String;
        results.push(new vscode.SymbolInformation(item.name, kind, item.container, new vscode.Location(uri, toVsRange(item.range))));
        if (results.length >= MAX_RESULTS) return results;
      }
    }
    return results;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerWorkspaceSymbols(services: NewsletterServices): void {
  const index = new IssueSymbolIndex(services);
  services.context.subscriptions.push(
    index,
    vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols: (query, token) => index.search(query, token),
    }),
  );
}
