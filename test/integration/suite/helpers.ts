// Helpers shared by the integration suites (bundled into each suite file by esbuild). Uses only
// the `vscode` API, no Node modules: the web run (web/index.ts) bundles suites that import it.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'newsletter-desk.newsletter-desk';

/** The extension's API (activating it first). */
export async function extensionApi(): Promise<{ services: { diagnostics: { onDidPublish: vscode.Event<vscode.Uri> } } }> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`The extension ${EXTENSION_ID} is not installed in this editor.`);
  return extension.activate();
}

/** The fixture workspace folder (a copy made for this run: tests may edit its files). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration suite needs the fixture workspace open as a folder.');
  return folder.uri;
}

export function fixture(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...relativePath.split('/'));
}

/** Our diagnostics (source or collection `newsletter`) for a URI. */
export function newsletterDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'newsletter');
}

/**
 * Waits until `predicate` holds for the diagnostics of `uri`, checking at once and on every
 * diagnostics change; fails with the last diagnostics seen after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = newsletterDiagnostics(uri);
      if (!predicate(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = newsletterDiagnostics(uri).map((d) => `${d.code}: ${d.message}`);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.path}; last seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      listener.dispose();
    }
    check();
  });
}

/** Resolves after the extension has published diagnostics for `uri` at least once from now on. */
export function nextPublish(api: { services: { diagnostics: { onDidPublish: vscode.Event<vscode.Uri> } } }, uri: vscode.Uri, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`No diagnostics were published for ${uri.path} within ${timeoutMs} ms.`));
    }, timeoutMs);
    const listener = api.services.diagnostics.onDidPublish((published) => {
      if (published.toString() !== uri.toString()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The diagnostic's code as a string (VS Code allows `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}
