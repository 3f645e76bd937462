// The newsletter preview in a real editor: it opens beside an issue, shows its sections, follows
// edits live, and switches to the plain-text email view. What the webview was sent is read
// through the extension's API (`preview.lastUpdate()` / `onDidUpdate`).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../../src/vscode/activate';
import type { PreviewSnapshot } from '../../../src/vscode/preview';
import { EXTENSION_ID, fixture } from './helpers';

async function api(): Promise<NewsletterApi> {
  const extension = vscode.extensions.getExtension<NewsletterApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** The first snapshot (the current one included) that satisfies `predicate`. */
function waitForPreview(newsletter: NewsletterApi, predicate: (s: PreviewSnapshot) => boolean, what: string, timeoutMs = 15_000): Promise<PreviewSnapshot> {
  const preview = newsletter.preview;
  if (!preview) throw new Error('the extension API has no preview');
  return new Promise((resolve, reject) => {
    const current = preview.lastUpdate();
    if (current && predicate(current)) {
      resolve(current);
      return;
    }
    const timer = setTimeout(() => {
      listener.dispose();
      const last = preview.lastUpdate();
      reject(new Error(`Timed out waiting for the preview to show ${what}; last update: ${last ? `${last.view} ${last.resource} sections ${JSON.stringify(last.sectionNames)}` : 'none'}`));
    }, timeoutMs);
    const listener = preview.onDidUpdate((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(snapshot);
    });
  });
}

describe('The newsletter preview', () => {
  const uri = fixture('_posts/2026-03-01-41.md');
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;

  before(async () => {
    document = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  });

  after(async () => {
    // Leave the shared fixture as it was for the suites that come after this one.
    if (document.isDirty) {
      await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('newsletter.preview')) await vscode.window.tabGroups.close(tab);
      }
    }
  });

  it('opens beside the issue and shows its masthead and sections', async () => {
    const newsletter = await api();
    await vscode.commands.executeCommand('newsletter.openPreviewToSide');
    const shown = await waitForPreview(newsletter, (s) => s.resource === uri.toString() && s.view === 'web', 'the fixture issue');
    assert.deepEqual(shown.sectionNames, ['Acme sponsors Devops Weekly', 'News', 'Tools']);
    assert.match(shown.html, /Issue #41/);
    assert.match(shown.html, /1st March 2026/);
    assert.match(shown.html, /href="https:\/\/acme\.example\/pipelines"/);
    assert.match(shown.html, /class="nl-section nl-kind-sponsor nl-sponsor"/);
    assert.equal(newsletter.preview?.previewCount, 1);
    // The tab model follows the panel asynchronously.
    const previewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('newsletter.preview'));
    for (let i = 0; i < 50 && !previewTab(); i++) await new Promise((r) => setTimeout(r, 100));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = previewTab();
    assert.ok(tab, `a preview tab is open; tabs: ${JSON.stringify(tabs.map((t) => [t.label, t.input instanceof vscode.TabInputWebview ? t.input.viewType : typeof t.input]))}`);
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is beside the editor, not over it');
  });

  it('shows an edit without being reopened', async () => {
    const newsletter = await api();
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('A write-up of a week'));
    assert.ok(line > 0, 'the fixture has the News entry this test edits');
    const start = Date.now();
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), 'Freshly typed words. '));
    const updated = await waitForPreview(newsletter, (s) => s.html.includes('Freshly typed words.'), 'the edit');
    console.log(`      (edit -> preview message: ${Date.now() - start} ms as the test sees it, ${updated.latencyMs?.toFixed(1)} ms from the change event)`);
    assert.deepEqual(updated.sectionNames, ['Acme sponsors Devops Weekly', 'News', 'Tools']);
    assert.equal(newsletter.preview?.previewCount, 1, 'the same preview was updated, no second one opened');
  });

  it('switches to the plain-text email view and back', async () => {
    const newsletter = await api();
    await vscode.commands.executeCommand('newsletter.togglePreviewView');
    const email = await waitForPreview(newsletter, (s) => s.view === 'email', 'the email view');
    assert.match(email.text, /^DEVOPS WEEKLY\nISSUE #41 - 1st March 2026\n/);
    assert.match(email.text, /\n\nhttps:\/\/acme\.example\/pipelines\n/);
    await vscode.commands.executeCommand('newsletter.togglePreviewView');
    await waitForPreview(newsletter, (s) => s.view === 'web', 'the web view again');
  });
});
