// Link checking in a real editor (desktop extension host only: it uses Node's http for a server).
// Every request goes to a server this file starts on 127.0.0.2; the project file is made to allow
// private hosts for that, and the check is switched on only while this suite's own issue is the
// active editor (the other fixture issues link to real hosts: they must never be checked).
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { codeOf, fixture, waitForDiagnostics, workspaceFolder } from './helpers';

const ISSUE = '_posts/2026-03-29-45.md';

function issueText(base: string): string {
  const entry = (text: string, url: string) => `${text}\n<br>[${url}](${url})\n`;
  return [
    '---',
    'title: DEVOPS WEEKLY ISSUE \\#45 - 29th March 2026',
    'date: 2026-03-29T09:00:00+00:00',
    '---',
    '',
    'This week: links that a local server answers.',
    '',
    '',
    'News',
    '====',
    '',
    entry('A page that is fine.', `${base}/fine`),
    '',
    entry('A page that moved for good.', `${base}/old`),
    '',
    entry('A page that is gone.', `${base}/dead`),
    '',
    entry('A page that refuses robots.', `${base}/robots-no`),
  ].join('\n');
}

describe('Link checking in a real editor', function () {
  this.timeout(60_000);
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  const projectFile = () => fixture('.newsletter-desk.json');
  let hadProjectFile = false;

  before(async () => {
    server = http.createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      const path = request.url ?? '/';
      if (path === '/old') response.writeHead(301, { location: '/new' });
      else if (path === '/dead') response.writeHead(404);
      else if (path === '/robots-no') response.writeHead(403);
      else response.writeHead(200, { 'content-type': 'text/html' });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    try {
      await vscode.workspace.fs.stat(projectFile());
      hadProjectFile = true;
    } catch {
      await vscode.workspace.fs.writeFile(projectFile(), new TextEncoder().encode(JSON.stringify({ linkCheck: { allowPrivateHosts: true, minGapMs: 0 } })));
    }
    await vscode.workspace.fs.writeFile(fixture(ISSUE), new TextEncoder().encode(issueText(base)));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('newsletter.linkCheck').update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('newsletter.linkCheck').update('excludedHosts', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(fixture(ISSUE));
    if (!hadProjectFile) await vscode.workspace.fs.delete(projectFile());
    server.close();
  });

  it('shows broken, redirected and blocked links of the active issue, and fixes a redirect', async function () {
    if (hadProjectFile) this.skip(); // a project file of the fixture workspace would need allowPrivateHosts
    assert.ok(workspaceFolder());
    const uri = fixture(ISSUE);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // Switched on for this workspace only now that our issue is the active editor.
    await vscode.workspace.getConfiguration('newsletter.linkCheck').update('enabled', true, vscode.ConfigurationTarget.Workspace);

    const diagnostics = await waitForDiagnostics(uri, (all) => ['link.broken', 'link.redirected', 'link.blocked'].every((code) => all.some((d) => codeOf(d) === code)), 30_000);
    const broken = diagnostics.find((d) => codeOf(d) === 'link.broken') as vscode.Diagnostic;
    assert.equal(document.getText(broken.range), `${base}/dead`);
    const OURS = ['link.broken', 'link.redirected', 'link.unreachable', 'link.blocked'];
    assert.equal(diagnostics.filter((d) => OURS.includes(codeOf(d))).length, 3, 'the fine link has no diagnostic');

    const redirected = diagnostics.find((d) => codeOf(d) === 'link.redirected') as vscode.Diagnostic;
    assert.match(redirected.message, /permanently to .*\/new/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, redirected.range);
    const replace = actions.find((a) => a.title.startsWith('Replace with') && a.title.endsWith('/new'));
    assert.ok(replace?.edit, `a quick fix replaces the redirect, got ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(replace.edit);
    assert.ok(document.getText().includes(`<br>[${base}/new](${base}/new)`), 'text and target of the link both changed');

    const brokenActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, broken.range);
    assert.ok(brokenActions.some((a) => a.title.includes('archived copy')), 'a broken link offers an archived copy');

    // Saving checks the new URL on its own (the others come from the cache: not asked again).
    const before = requests.length;
    await document.save();
    for (let i = 0; i < 100 && !requests.slice(before).includes('HEAD /new'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(requests.slice(before), ['HEAD /new']);
    await waitForDiagnostics(uri, (all) => !all.some((d) => codeOf(d) === 'link.redirected') && all.some((d) => codeOf(d) === 'link.broken'), 30_000);
  });

  it('checks the links of every issue with Check Links in Workspace', async function () {
    if (hadProjectFile) this.skip();
    const config = vscode.workspace.getConfiguration('newsletter.linkCheck');
    await config.update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    // The other fixture issues link to real hosts: every host written in the workspace but ours is
    // excluded before the command runs, so that nothing leaves this machine.
    const hosts = new Set<string>();
    for (const file of await vscode.workspace.findFiles('**/*.{md,markdown}')) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      for (const match of text.matchAll(/https?:\/\/([^/\s)\]>"'<?#]+)/gi)) hosts.add(match[1].replace(/:\d+$/, '').toLowerCase());
    }
    hosts.delete('127.0.0.2');
    await config.update('excludedHosts', [...hosts], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('newsletter.clearLinkCache');
    const before = requests.length;
    await vscode.commands.executeCommand('newsletter.checkLinksInWorkspace');
    // With the cache empty, each of our links was asked again (404 and 403 confirmed with GET).
    assert.deepEqual([...new Set(requests.slice(before))].sort(), ['GET /dead', 'GET /robots-no', 'HEAD /dead', 'HEAD /fine', 'HEAD /new', 'HEAD /robots-no']);
    const diagnostics = await waitForDiagnostics(fixture(ISSUE), (all) => all.some((d) => codeOf(d) === 'link.broken') && all.some((d) => codeOf(d) === 'link.blocked'), 30_000);
    assert.ok(diagnostics.every((d) => codeOf(d) !== 'link.redirected'), 'the fixed link is ok now');
  });
});
