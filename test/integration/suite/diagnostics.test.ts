// Diagnostics across the workspace, quick fixes and fix-all in a real editor. The suite writes its
// own issue (removed afterwards) that repeats issue 44's number and one of its links, so the
// workspace index is exercised too. Only the `vscode` API is used.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, extensionApi, fixture, waitForDiagnostics } from './helpers';

/** The part of the extension's API this suite reads (the workspace index behind the diagnostics). */
interface IndexApi {
  services: { workspaceIndex: { indexFor(uri: vscode.Uri): { get(id: string): unknown } | undefined } };
}

const ISSUE = 'drafts/2026-04-05-47.md';
const TEXT = [
  '---',
  'title: DEVOPS WEEKLY ISSUE \\#44 - 5rd April 2026',
  'date: 2026-04-05T09:00:00+00:00',
  '---',
  '',
  '>From the editor: a short issue written by the diagnostics suite.',
  '',
  '',
  'News',
  '====',
  '',
  'A post whose link line drifted one blank line away.',
  '',
  '<br>[https://diagnostics.example/one](https://diagnostics.example/one)',
  '',
  '',
  'A post that issue 44 already featured.',
  '<br>[https://blog.example.org/2026/03/daytime-migrations/](https://blog.example.org/2026/03/daytime-migrations/)',
  '',
].join('\n');

describe('Diagnostics, quick fixes and fix-all in a real editor', function () {
  this.timeout(60_000);
  const uri = () => fixture(ISSUE);

  before(async () => {
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(TEXT));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The issue may have been renamed by a test: the folder goes, with whatever it holds.
    await vscode.workspace.fs.delete(fixture('drafts'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('reports the issue\'s defects, including those found across the workspace, with links to their documentation', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    const expected = ['title.ordinal', 'section.quoted-heading', 'entry.split', 'issue.number-duplicate', 'link.seen-before', 'filename.mismatch'];
    const diagnostics = await waitForDiagnostics(uri(), (all) => expected.every((code) => all.some((d) => codeOf(d) === code)), 30_000);

    const ordinal = diagnostics.find((d) => codeOf(d) === 'title.ordinal');
    assert.ok(ordinal);
    assert.deepEqual([ordinal.range.start.line, ordinal.range.start.character, ordinal.range.end.character], [1, 35, 37]);
    assert.ok(typeof ordinal.code === 'object' && ordinal.code.target.toString().endsWith('docs/rules.md#titleordinal'));

    const duplicate = diagnostics.find((d) => codeOf(d) === 'issue.number-duplicate');
    assert.match(duplicate?.message ?? '', /also used by issue 44 \(2026-03-22-44\.md\)/);
    assert.ok(duplicate?.relatedInformation?.some((r) => r.location.uri.path.endsWith('/_posts/2026-03-22-44.md')));

    const seen = diagnostics.find((d) => codeOf(d) === 'link.seen-before');
    assert.equal(seen?.range.start.line, 17);
    assert.match(seen?.message ?? '', /Already featured in issue 44/);
    assert.ok(seen?.relatedInformation?.some((r) => r.location.uri.path.endsWith('/_posts/2026-03-22-44.md')));
  });

  it('offers the right ordinal as the preferred quick fix, and applying it clears the diagnostic', async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    const ordinal = (await waitForDiagnostics(uri(), (all) => all.some((d) => codeOf(d) === 'title.ordinal'))).find((d) => codeOf(d) === 'title.ordinal');
    assert.ok(ordinal);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), ordinal.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to `5th`');
    assert.ok(fix, `a fix for the ordinal among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(document.lineAt(1).text, 'title: DEVOPS WEEKLY ISSUE \\#44 - 5th April 2026');
    await waitForDiagnostics(uri(), (all) => !all.some((d) => codeOf(d) === 'title.ordinal'));
  });

  it('follows unsaved edits of another issue: the repeated link stops being reported when issue 44 changes it', async () => {
    const other = await vscode.workspace.openTextDocument(fixture('_posts/2026-03-22-44.md'));
    const line = other.getText().split('\n').findIndex((l) => l.includes('daytime-migrations/'));
    assert.ok(line > 0, 'issue 44 features the post');
    const original = other.lineAt(line).text;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(other.uri, other.lineAt(line).range, original.split('daytime-migrations/').join('daytime-migrations-revisited/'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitForDiagnostics(uri(), (all) => !all.some((d) => codeOf(d) === 'link.seen-before'));
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(other.uri, other.lineAt(line).range, original);
      await vscode.workspace.applyEdit(undo);
      await vscode.window.showTextDocument(other);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await waitForDiagnostics(uri(), (all) => all.some((d) => codeOf(d) === 'link.seen-before'));
  });

  it('applies every safe fix with source.fixAll.newsletter and leaves the rest reported', async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), whole, 'source.fixAll.newsletter');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.newsletter');
    assert.ok(fixAll?.edit, `a fix-all action among: ${actions.map((a) => `${a.kind?.value}: ${a.title}`).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const text = document.getText();
    assert.match(text, /\nFrom the editor: a short issue/);
    assert.match(text, /drifted one blank line away\.\n<br>\[https:\/\/diagnostics\.example\/one\]/);
    assert.match(text, /https:\/\/blog\.example\.org\/2026\/03\/daytime-migrations\//, 'no URL is lost');
    const after = await waitForDiagnostics(uri(), (all) => !all.some((d) => ['section.quoted-heading', 'entry.split'].includes(codeOf(d))));
    assert.ok(after.some((d) => codeOf(d) === 'issue.number-duplicate'), 'renumbering is not a safe fix: it is still reported');
  });

  it('follows a rename: the index re-keys the issue and the file name finding reads the new name', async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const renamed = fixture('drafts/2026-04-05-48.md');
    const rename = new vscode.WorkspaceEdit();
    rename.renameFile(uri(), renamed); // as the filename.mismatch quick fix does
    assert.ok(await vscode.workspace.applyEdit(rename));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(renamed));
      await waitForDiagnostics(renamed, (all) => all.some((d) => codeOf(d) === 'filename.mismatch' && /file name says issue 48/.test(d.message)));
      const api = (await extensionApi()) as unknown as IndexApi;
      const index = api.services.workspaceIndex.indexFor(renamed);
      assert.ok(index, 'the folder has a workspace index');
      const deadline = Date.now() + 10_000;
      while (index.get(uri().toString()) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.equal(index.get(uri().toString()), undefined, 'the old name is gone from the index');
      assert.ok(index.get(renamed.toString()), 'the new name is in the index');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // after() removes the drafts folder with it.
    }
  });
});
