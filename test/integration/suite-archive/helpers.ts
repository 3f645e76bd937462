import * as vscode from 'vscode';
import { monitorEventLoopDelay } from 'perf_hooks';
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

/**
 * Runs `work`, watching how long the extension host's thread (the editor's, every extension's)
 * was held meanwhile: its value, and a line for the log (the time it took, the event loop's
 * delay at p50, p99 and most). A figure to read, not to assert: timings vary with the machine.
 */
export async function watchingEventLoop<T>(work: () => Promise<T>): Promise<{ value: T; summary: string }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = Date.now();
  try {
    const value = await work();
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    return { value, summary: `${((Date.now() - started) / 1000).toFixed(1)} s; event loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms` };
  } finally {
    delay.disable();
  }
}
