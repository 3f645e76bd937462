import * as vscode from 'vscode';
import { matchWorkspaceSymbols } from '../core/symbols';
import type { NewsletterServices } from './services';
import { toVsRange } from './convert';

const MAX_RESULTS = 500;

/**
 * "Go to Symbol in Workspace" (Ctrl+T) across every issue: `#498` finds issue 498, a host such as
 * `github.com` finds the entries that link there. It reads the outlines the workspace index keeps
 * for every issue, so no file is read or parsed here.
 */
async function provideWorkspaceSymbols(
  services: NewsletterServices,
  query: string,
  token: vscode.CancellationToken,
): Promise<vscode.SymbolInformation[]> {
  const index = services.workspaceIndex;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Newsletter: reading issues' }, () => index.ready());
  const results: vscode.SymbolInformation[] = [];
  for (const folderIndex of index.all()) {
    for (const issue of folderIndex.issues()) {
      if (token.isCancellationRequested) return results;
      const uri = vscode.Uri.parse(issue.id);
      for (const item of matchWorkspaceSymbols(issue.symbols, query)) {
        const kind = item.kind === 'issue' ? vscode.SymbolKind.File : vscode.SymbolKind.String;
        results.push(new vscode.SymbolInformation(item.name, kind, item.container, new vscode.Location(uri, toVsRange(item.range))));
        if (results.length >= MAX_RESULTS) return results;
      }
    }
  }
  return results;
}

export function registerWorkspaceSymbols(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols: (query, token) => provideWorkspaceSymbols(services, query, token),
    }),
  );
}
