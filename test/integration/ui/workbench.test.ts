// What only a person sees: the workbench, driven by playwright as a person would use it (keyboard,
// Quick Open, the command palette), with a screenshot per test in test-results/screenshots/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { closeStartupReadme, contributedCommand, eventually, frameWithText, openFile, runCommand, screenshot, ui, waitForStartupReadme } from './context';

const PREVIEW_COMMAND = 'newsletter.openPreviewToSide';

async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  // A dirty editor would ask whether to save: the tests revert their edits before this.
  await page.waitForTimeout(300);
}

describe('The workbench, as a person sees it', function () {
  this.timeout(90_000);

  afterEach(async function () {
    const { page } = ui();
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    await page.keyboard.press('Escape');
  });

  it('shows the broken issue\'s front matter error in the Problems panel', async () => {
    const { page } = ui();
    await openFile(page, '2026-03-15-43.md');
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    const row = panel.locator('.monaco-list-row', { hasText: 'The front matter is not valid YAML' }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = await row.innerText();
    assert.match(text, /frontmatter\.invalid/);
    // The file the problem belongs to is listed above it.
    await panel.locator('.monaco-list-row', { hasText: '2026-03-15-43.md' }).first().waitFor();
    await screenshot(page, 'problems-panel');
    await page.keyboard.press('Control+Shift+M'); // hide the panel again
    await closeAllEditors(page);
  });

  it('lists the issue\'s sections in the symbol picker (Ctrl+Shift+O)', async () => {
    const { page } = ui();
    await openFile(page, '2026-03-22-44.md');
    // Let the language features register for the newly opened document.
    // Rows read `name` + `container`: the issue's sections are ours (container "Issue #44"); the
    // built-in Markdown provider lists the same headings as "# News".
    const rows = await eventually('the symbol picker to list the issue\'s sections', async () => {
      await page.keyboard.press('Control+Shift+O');
      const list = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await list.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      const found = await list.evaluateAll((elements) =>
        elements.map((e) => ({
          name: e.querySelector('.label-name')?.textContent?.trim() ?? '',
          container: e.querySelector('.label-description')?.textContent?.trim() ?? '',
        })),
      );
      if (found.some((r) => r.name === 'Tools' && r.container === 'Issue #44')) return found;
      await page.keyboard.press('Escape');
      return undefined;
    });
    const sections = rows.filter((r) => r.container === 'Issue #44').map((r) => r.name);
    assert.deepEqual(sections, ['Acme sponsors Devops Weekly', 'News', 'Tools']);
    await screenshot(page, 'symbol-picker');
    await page.keyboard.press('Escape');
    await closeAllEditors(page);
  });

  it('updates the preview panel after an edit', async function () {
    const { page, root } = ui();
    const command = contributedCommand(root, PREVIEW_COMMAND);
    if (!command) {
      console.log(`      (skipped: package.json does not contribute ${PREVIEW_COMMAND} yet; this test runs once the preview exists)`);
      this.skip();
    }
    await openFile(page, '2026-03-22-44.md');
    await runCommand(page, command.title);
    const frame = await eventually('the preview to show the issue\'s entries', () => frameWithText(page, 'Queuepeek shows what is waiting'));
    assert.ok(frame);
    // Type at the start of the intro (line 6), as a person would.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.type('Freshly typed words. ');
    // Until the whole sentence shows: a debounced render may first show the words before the
    // last keystroke (the space) arrived, and reading then would see "words.A typical".
    const updated = await eventually('the preview to show the typed words', () => frameWithText(page, 'Freshly typed words. A typical issue'));
    const body = await updated.evaluate(() => document.body.innerText);
    assert.match(body, /Freshly typed words\. A typical issue/);
    await screenshot(page, 'preview-after-edit');
    await runCommand(page, 'File: Revert File');
    await closeAllEditors(page);
  });

  it('takes the README screenshot: outline, a diagnostic and the preview (UPDATE_SCREENSHOT=1 saves it)', async function () {
    this.timeout(150_000);
    const { root } = ui();
    const command = contributedCommand(root, PREVIEW_COMMAND);
    const examples = path.join(root, 'examples');
    if (!command || !fs.existsSync(path.join(examples, '_posts'))) {
      console.log('      (skipped: needs the preview command and examples/_posts)');
      this.skip();
    }
    const scratch = path.join(root, '.vscode-test', 'workspaces', 'screenshot');
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.cpSync(examples, scratch, { recursive: true });
    const page = await ui().openWorkbench(scratch);
    try {
      await page.setViewportSize({ width: 1440, height: 860 });
      // The examples open on their README (examples/.vscode/settings.json), which would take the
      // focus in the middle of what follows: let it open, then close it.
      await page.bringToFront();
      await page.mouse.click(700, 400);
      if (await waitForStartupReadme(page, 45_000)) await closeStartupReadme(page);
      const issue = fs.readdirSync(path.join(scratch, '_posts')).filter((f) => f.endsWith('.md')).sort().pop();
      assert.ok(issue, 'examples/_posts has issues');
      await openFile(page, issue);
      // The explorer with its Outline view, the Problems panel, and the preview beside the editor.
      await runCommand(page, 'Explorer: Focus on Outline View');
      await page.locator('.outline-pane .monaco-list-row').first().waitFor({ timeout: 20_000 });
      await page.locator('.monaco-editor .view-lines').first().click();
      await runCommand(page, command.title);
      await eventually('the preview to render the issue', () => frameWithText(page, 'DEVOPS WEEKLY'));
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 20_000 });
      // The squiggle's hover would cover text: show the first problem in the editor instead.
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.waitForTimeout(1_500);
      const file = await screenshot(page, 'readme');
      if (process.env.UPDATE_SCREENSHOT === '1') {
        fs.copyFileSync(file, path.join(root, 'media', 'screenshot.png'));
        console.log('      wrote media/screenshot.png');
      }
    } finally {
      await page.close();
      await ui().page.bringToFront();
    }
  });
});
