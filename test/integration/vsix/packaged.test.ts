// Runs in the offline editor with the extension installed from the .vsix (`npm run package`),
// not from the source folder.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, fixture, waitForDiagnostics } from '../suite/helpers';

/** Printed for the launcher, which writes test-results/metrics.json. */
const METRIC_MARKER = '[newsletter-metric]';

describe('The packaged extension (.vsix) in the offline editor', () => {
  it('is the one installed from the .vsix, not the source folder', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const extensionsDir = process.env.NEWSLETTER_EXPECT_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'the launcher says where the .vsix was installed');
    assert.ok(
      extension.extensionUri.path.startsWith(extensionsDir + '/'),
      `loaded from ${extension.extensionUri.path}, expected under ${extensionsDir}`,
    );
    assert.equal(extension.packageJSON.main, './dist/extension.js');
  });

  it('activates and publishes the first diagnostics of a typical issue (timed)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(extension.isActive, false, 'nothing has activated it yet (no Markdown file was opened)');
    const uri = fixture('_posts/2026-03-22-44.md');
    const started = performance.now();
    const api = (await extension.activate()) as { services: { diagnostics: { onDidPublish: vscode.Event<vscode.Uri> } } };
    const activated = performance.now();
    const published = new Promise<number>((resolve) => {
      const listener = api.services.diagnostics.onDidPublish((u) => {
        if (u.toString() !== uri.toString()) return;
        listener.dispose();
        resolve(performance.now());
      });
    });
    const document = await vscode.workspace.openTextDocument(uri);
    const opened = performance.now();
    await vscode.window.showTextDocument(document);
    const firstDiagnostics = await Promise.race([
      published,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no diagnostics published within 15 s')), 15_000)),
    ]);
    const metric = {
      metric: 'activation',
      fixture: '_posts/2026-03-22-44.md',
      bytes: document.getText().length,
      activateMs: Math.round(activated - started),
      documentOpenedMs: Math.round(opened - started),
      activationToFirstDiagnosticsMs: Math.round(firstDiagnostics - started),
    };
    console.log(`${METRIC_MARKER} ${JSON.stringify(metric)}`);
    assert.ok(extension.isActive);
  });

  it('reports the front matter YAML error of the broken fixture', async () => {
    const uri = fixture('_posts/2026-03-15-43.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'frontmatter.invalid'));
    assert.ok(diagnostics.length >= 1);
  });
});
