// A real Ctrl+V through the workbench: the keyboard paste runs paste providers, which the
// `editor.action.clipboardPasteAction` command in the suite phase does not under code-server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { eventually, openFile, screenshot, ui } from './context';

const FILE = '2026-03-08-42.md';
const URL = 'https://paste.example/keyboard';

describe('Pasting a URL with the keyboard', function () {
  this.timeout(90_000);

  it('gives the link line when a bare URL is pasted on an empty line of a section', async () => {
    const { page, workspace } = ui();
    const file = path.join(workspace, '_posts', FILE);
    const original = fs.readFileSync(file, 'utf8');
    // The empty line just above the Tools heading: still in News, after its last entry.
    const target = original.split('\n').indexOf('Tools') - 1;
    assert.equal(original.split('\n')[target], '', 'the fixture has an empty line above Tools');
    try {
      // The keyboard and the clipboard go to the page in front (other tests open pages of their own).
      await page.bringToFront();
      await openFile(page, FILE);
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.keyboard.type(String(target + 1));
      await page.keyboard.press('Enter');
      // Put the URL on the clipboard the way a person would: type it, cut it.
      await page.keyboard.type(URL);
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Control+X');
      await page.keyboard.press('Control+V');
      const pasted = await eventually('the pasted line', async () => {
        await page.keyboard.press('Control+S');
        const line = fs.readFileSync(file, 'utf8').split('\n')[target];
        return line.startsWith('<br>') ? line : undefined;
      });
      await screenshot(page, 'paste-link-line');
      assert.equal(pasted, `<br>[${URL}](${URL})`);
    } finally {
      // Leave the fixture as it was for the tests after this one.
      await page.keyboard.press('Escape');
      fs.writeFileSync(file, original);
    }
  });
});
