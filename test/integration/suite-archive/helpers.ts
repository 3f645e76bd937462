import * as vscode from 'vscode';
import type { NewsletterApi } from '../../../src/vscode/activate';
import { EXTENSION_ID } from '../suite/helpers';

export async function api(): Promise<NewsletterApi> {
  const extension = vscode.extensions.getExtension<NewsletterApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** Newsletter diagnostics of files that are not open in the editor, by file. */
export function archiveDiagnostics(): Array<[vscode.Uri, vscode.Diagnostic[]]> {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  return vscode.languages.getDiagnostics()
    .map(([uri, diagnostics]) => [uri, diagnostics.filter((d) => d.source === 'newsletter')] as [vscode.Uri, vscode.Diagnostic[]])
    .filter(([uri, diagnostics]) => diagnostics.length > 0 && !open.has(uri.toString()));
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
