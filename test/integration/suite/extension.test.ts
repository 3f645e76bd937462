// The core cases: the extension activates on an issue file and reports what is wrong with it,
// and leaves other Markdown files alone. Only the `vscode` API is used, so the web run
// (web/index.ts, the browser bundle in a web worker extension host) runs this file too.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, extensionApi, fixture, newsletterDiagnostics, sleep, waitForDiagnostics } from './helpers';

describe('The extension in a real editor', () => {
  it('activates when an issue file is opened', async () => {
    const document = await vscode.workspace.openTextDocument(fixture('_posts/2026-03-01-41.md'));
    await vscode.window.showTextDocument(document);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const api = await extensionApi();
    assert.ok(extension.isActive, 'the extension is active');
    assert.equal(typeof api.services.diagnostics.onDidPublish, 'function', 'the API exposes diagnostics.onDidPublish');
  });

  it('reports the front matter YAML error of a broken issue', async () => {
    const uri = fixture('_posts/2026-03-15-43.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'frontmatter.invalid'));
    const yaml = diagnostics.find((d) => codeOf(d) === 'frontmatter.invalid');
    assert.ok(yaml);
    assert.equal(yaml.severity, vscode.DiagnosticSeverity.Error);
    // The YAML error is inside the front matter (lines 1-4 of the file, 0-based 0..5).
    assert.ok(yaml.range.start.line >= 1 && yaml.range.start.line <= 5, `the error is on a front matter line, got ${yaml.range.start.line}`);
  });

  it('reports nothing on a clean issue', async () => {
    const uri = fixture('_posts/2026-03-08-42.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const api = await extensionApi();
    // Wait for the extension to have checked this file, then expect an empty list.
    await new Promise<void>((resolve) => {
      const listener = api.services.diagnostics.onDidPublish((published) => {
        if (published.toString() === uri.toString()) { listener.dispose(); resolve(); }
      });
      // It may have been published before we listened: poll once after the debounce as well.
      setTimeout(() => { listener.dispose(); resolve(); }, 2_000);
    });
    assert.deepEqual(newsletterDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`), []);
  });

  it('leaves a README.md beside the posts without diagnostics', async () => {
    const uri = fixture('README.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // Give the extension time to (wrongly) check it: longer than its edit debounce.
    await sleep(1_500);
    assert.deepEqual(newsletterDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`), []);
  });

  it('reports a YAML error typed into a clean issue, and clears it when undone', async () => {
    const uri = fixture('_posts/2026-03-08-42.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const dateLine = document.lineAt(2);
    assert.match(dateLine.text, /^date:/);
    await editor.edit((b) => b.insert(new vscode.Position(2, 'date: '.length), '"'));
    await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'frontmatter.invalid'));
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (all) => !all.some((d) => codeOf(d) === 'frontmatter.invalid'));
    assert.equal(document.lineAt(2).text, dateLine.text);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
