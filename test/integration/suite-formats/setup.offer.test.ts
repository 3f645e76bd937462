// A workspace with Markdown issues but no project file (workspace-noconfig): the extension makes
// one unobtrusive offer to set it up, and not again once it was made (the answer is kept in the
// workspace's state, which a reload keeps).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../../src/vscode/activate';
import { EXTENSION_ID } from '../suite/helpers';

describe('The set-up offer', () => {
  it('is made once in a workspace with Markdown files and no .newsletter-desk.json', async () => {
    const extension = vscode.extensions.getExtension<NewsletterApi>(EXTENSION_ID);
    assert.ok(extension);
    const newsletter = await extension.activate();
    assert.ok(newsletter.setUp);
    assert.equal(await newsletter.setUp.startupOffer, true, 'the offer was made at start-up');
    assert.equal(await newsletter.setUp.check(), false, 'and is not made again');
  });

  it('is a command in the palette under Newsletter', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('newsletter.setUpWorkspace'));
  });
});
