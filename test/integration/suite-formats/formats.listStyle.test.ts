// A list-style newsletter in a real editor (workspace-twir: our own issues in This Week in Rust's
// format, `"format": "this-week-in-rust"`): the nested outline, diagnostics, the preview, New Issue
// from the repository's template, the list-shaped `entry` completion, and no set-up offer, since
// the workspace has a project file.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../../src/vscode/activate';
import { EXTENSION_ID, fixture, waitForDiagnostics } from '../suite/helpers';

async function api(): Promise<NewsletterApi> {
  const extension = vscode.extensions.getExtension<NewsletterApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

const ISSUE = 'content/2026-03-11-this-week-in-rust.md';

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text === text) return line;
  throw new Error(`no line "${text}" in ${document.uri.path}`);
}

describe('A list-style newsletter (This Week in Rust format)', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the nested outline: sections, subsections and entries named by their link', async () => {
    const document = await vscode.workspace.openTextDocument(fixture(ISSUE));
    await vscode.window.showTextDocument(document);
    let symbols: vscode.DocumentSymbol[] = [];
    for (let i = 0; i < 50 && symbols.length === 0; i++) {
      symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
      if (symbols.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    const all = (list: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((s) => [s, ...all(s.children)]);
    const community = all(symbols).find((s) => s.name.startsWith('Updates from Rust Community'));
    assert.ok(community, `a symbol for the section, in ${JSON.stringify(all(symbols).map((s) => s.name))}`);
    const official = community.children.find((s) => s.name.startsWith('Official'));
    assert.ok(official, `Official nests under the community section: ${JSON.stringify(community.children.map((s) => s.name))}`);
    const entries = official.children.map((s) => s.name);
    assert.ok(entries.some((name) => name.includes('Widget toolkit 2.1 released')), `entries named by their link: ${JSON.stringify(entries)}`);
    assert.ok(entries.some((name) => name.includes('Sprocket release notes')), JSON.stringify(entries));
    assert.equal(official.range.start.line, lineOf(document, '### Official'));
  });

  it('reports the same link twice in the featured section, and an http link', async () => {
    const uri = fixture(ISSUE);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'link.duplicate'));
    const duplicate = diagnostics.find((d) => codeOf(d) === 'link.duplicate');
    assert.ok(duplicate);
    assert.equal(document.lineAt(duplicate.range.start.line).text, '* [Widget toolkit 2.1 released](https://widgets.example/blog/2-1)');
    assert.ok(duplicate.range.start.line > lineOf(document, '### Observations/Thoughts'), 'the repeat is reported, not the first');
    const insecure = diagnostics.find((d) => codeOf(d) === 'link.insecure');
    assert.ok(insecure, 'http:// is hinted');
    assert.equal(insecure.range.start.line, lineOf(document, '* [Sprocket release notes](http://sprockets.example/notes)'));
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'frontmatter.missing'), 'the Pelican header is a header');
  });

  it('previews the issue with its sections, subsections and entries', async () => {
    const newsletter = await api();
    const document = await vscode.workspace.openTextDocument(fixture(ISSUE));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('newsletter.openPreviewToSide');
    const preview = newsletter.preview;
    assert.ok(preview);
    const snapshot = await new Promise<NonNullable<ReturnType<typeof preview.lastUpdate>>>((resolve, reject) => {
      const done = (s: ReturnType<typeof preview.lastUpdate>) => s && s.resource === document.uri.toString() && s.html.includes('Lessons from a year of gears');
      const now = preview.lastUpdate();
      if (done(now)) return resolve(now as NonNullable<typeof now>);
      const timer = setTimeout(() => reject(new Error(`no preview of ${ISSUE}; last ${preview.lastUpdate()?.resource}`)), 15_000);
      const listener = preview.onDidUpdate((s) => {
        if (!done(s)) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(s);
      });
    });
    for (const name of ['Updates from Rust Community', 'Official', 'Observations/Thoughts', 'Crate of the Week', 'Upcoming Events', 'Virtual', 'Jobs']) {
      assert.ok(snapshot.sectionNames.includes(name), `${name} in ${JSON.stringify(snapshot.sectionNames)}`);
    }
    assert.match(snapshot.html, /This Week in Rust 611|611/, 'the masthead names the issue');
    assert.match(snapshot.html, /href="https:\/\/gears\.example\/posts\/year"/);
  });

  it('starts the next issue from the repository\'s template, placeholders filled', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('newsletter.newIssue');
    try {
      assert.ok(created, 'New Issue returned the new file');
      assert.equal(created.toString(), fixture('draft/2026-03-18-this-week-in-rust.md').toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
      const lines = text.split('\n');
      assert.deepEqual(lines.slice(0, 3), ['Title: This Week in Rust 612', 'Number: 612', 'Date: 2026-03-18']);
      assert.ok(!text.includes('$twir_'), 'no placeholder is left');
      assert.ok(lines.includes('### Observations/Thoughts'), 'the template\'s sections are there');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (created) await vscode.workspace.fs.delete(created);
    }
  });

  it('offers the list-shaped entry on an empty line of a section', async () => {
    const uri = fixture(ISSUE);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const after = lineOf(document, '* [Lessons from a year of gears](https://gears.example/posts/year)');
    await editor.edit((b) => b.insert(new vscode.Position(after + 1, 0), '\n'));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(after + 1, 0));
      const entries = list.items.filter((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'entry');
      assert.equal(entries.length, 1, `one entry item: ${JSON.stringify(list.items.map((i) => i.label))}`);
      const insert = entries[0].insertText;
      const snippet = insert instanceof vscode.SnippetString ? insert.value : String(insert);
      assert.equal(snippet.split('\n')[0], '* [${1:Title}](${2:url})', 'a list item leading with its link');
      assert.ok(!snippet.includes('<br>'), 'no DevOps Weekly link line');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('makes no set-up offer in a workspace that has a project file', async () => {
    const newsletter = await api();
    assert.ok(newsletter.setUp);
    assert.equal(await newsletter.setUp.startupOffer, false);
  });
});

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}
