// How the extension looks in the workbench, light and dark: the examples open on their README;
// the preview (web and email) with its marks, the outline and the completion list, each with a
// screenshot in test-results/screenshots/ (looked at by a person; README's comes from them).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';
import { closeStartupReadme, clearNotifications, contributedCommand, eventually, frameWithText, openFile, runCommand, screenshot, ui, waitForStartupReadme } from './context';

const ISSUE = '2026-01-11-121.md';
const LIGHT = 'Default Light Modern';
const DARK = 'Default Dark Modern';

describe('How it looks, light and dark', function () {
  this.timeout(180_000);
  let page: Page;
  let scratch: string;
  let settingsFile: string;
  let examplesSettings: string;

  /** The examples' own settings with a colour theme: the workbench applies a change at once. */
  const setTheme = async (theme: string): Promise<void> => {
    fs.writeFileSync(settingsFile, examplesSettings.replace(/\}\s*$/, `,\n  "workbench.colorTheme": ${JSON.stringify(theme)}\n}\n`));
    const dark = theme === DARK;
    await page.waitForFunction((d) => document.querySelector('.monaco-workbench')?.classList.contains(d ? 'vs-dark' : 'vs') ?? false, dark, { timeout: 20_000 });
  };

  const preview = (): Promise<Frame> => eventually('the preview to show the issue', () => frameWithText(page, 'DEVOPS WEEKLY'));

  before(async function () {
    const { root } = ui();
    const examples = path.join(root, 'examples');
    if (!contributedCommand(root, 'newsletter.openPreviewToSide') || !fs.existsSync(path.join(examples, '_posts', ISSUE))) {
      console.log(`      (skipped: needs the preview command and examples/_posts/${ISSUE})`);
      this.skip();
    }
    scratch = path.join(root, '.vscode-test', 'workspaces', 'looks');
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.cpSync(examples, scratch, { recursive: true });
    settingsFile = path.join(scratch, '.vscode', 'settings.json');
    examplesSettings = fs.readFileSync(settingsFile, 'utf8');
    page = await ui().openWorkbench(scratch);
    await page.setViewportSize({ width: 1440, height: 860 });
  });

  after(async () => {
    await page?.close();
    // The tests after these drive the first page with the keyboard and the clipboard: it must be in front.
    await ui().page.bringToFront();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('opens the examples on their README', async () => {
    // examples/.vscode/settings.json sets "workbench.startupEditor": "readme" (the test editor's
    // user settings say "none").
    // The workbench runs its startup editor once it is restored; a page in the background of the
    // browser (the UI phase has several) gets there late: bring it to the front.
    await page.bringToFront();
    await page.mouse.click(700, 400);
    assert.ok(await waitForStartupReadme(page), 'a README tab opens at startup');
    await clearNotifications(page);
    await screenshot(page, 'startup-readme');
    await closeStartupReadme(page);
  });

  it('shows the preview\'s web view with a glyph per severity, light then dark', async () => {
    await setTheme(LIGHT);
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, ISSUE);
    await runCommand(page, contributedCommand(ui().root, 'newsletter.openPreviewToSide')!.title);
    const frame = await preview();
    await frame.waitForSelector('.nl-mark-badge svg[role="img"]', { timeout: 30_000 });
    const labels = await frame.evaluate(() => Array.from(document.querySelectorAll('.nl-mark-badge svg')).map((s) => s.getAttribute('aria-label')));
    assert.ok(labels.length > 0 && labels.every((l) => l === 'Error' || l === 'Warning' || l === 'Info' || l === 'Hint'), labels.join(', '));
    assert.ok(!(await frame.evaluate(() => Array.from(document.querySelectorAll('.nl-mark-badge')).some((b) => b.textContent?.includes('`')))), 'no raw backticks in marks');
    await clearNotifications(page);
    await screenshot(page, 'preview-web-light');
    await setTheme(DARK);
    await frame.waitForFunction(() => document.body.classList.contains('vscode-dark'), undefined, { timeout: 20_000 });
    const colours = await frame.evaluate(() => ({
      body: getComputedStyle(document.body).color,
      headings: Array.from(document.querySelectorAll('#nl-root h1, #nl-root h2')).map((h) => getComputedStyle(h).color),
    }));
    assert.ok(colours.headings.length > 0);
    assert.deepEqual([...new Set(colours.headings)], [colours.body], 'headings as bright as the body in the dark theme');
    await screenshot(page, 'preview-web-dark');
  });

  it('shows the email view at a mail\'s width, the ordinal mark on the ISSUE line, dark then light', async () => {
    const frame = await preview();
    // Without the side bar the panel is wider than a mail: the view wraps at 72 columns, not at its edge.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await frame.click('.nl-view-button[data-view="email"]');
    await frame.waitForSelector('pre.nl-email .nl-email-line.nl-marked', { timeout: 20_000 });
    const marked = await frame.evaluate(() => Array.from(document.querySelectorAll('.nl-email-line.nl-marked')).map((el) => el.textContent?.trim() ?? ''));
    assert.ok(marked.some((l) => l.startsWith('ISSUE #121 - 11nd')), `marked lines: ${marked.join(' | ')}`);
    assert.ok(!marked.includes('DEVOPS WEEKLY'), 'the title mark is not on the name line');
    // The mail is at most 72 columns wide (newsletter.email.wrapColumn's default), however wide the panel.
    const width = await frame.evaluate(() => {
      const pre = document.querySelector('pre.nl-email')!;
      const probe = document.createElement('span');
      probe.textContent = '0'.repeat(72);
      probe.style.whiteSpace = 'nowrap'; // measured on one line, however narrow the panel
      pre.appendChild(probe);
      const column = probe.getBoundingClientRect().width;
      probe.remove();
      return { maxWidth: Number.parseFloat(getComputedStyle(pre).maxWidth), column };
    });
    assert.ok(Math.abs(width.maxWidth - width.column) <= 2, `the mail's width is at most ${width.maxWidth} px; 72 columns are ${width.column} px`);
    await clearNotifications(page);
    await screenshot(page, 'preview-email-dark');
    await setTheme(LIGHT);
    await frame.waitForFunction(() => document.body.classList.contains('vscode-light'), undefined, { timeout: 20_000 });
    await screenshot(page, 'preview-email-light');
    await frame.click('.nl-view-button[data-view="web"]');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  });

  it('shows the outline and the completion list', async () => {
    await setTheme(DARK);
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, ISSUE);
    await runCommand(page, 'Explorer: Focus on Outline View');
    await page.locator('.outline-pane .monaco-list-row').first().waitFor({ timeout: 20_000 });
    await clearNotifications(page);
    await screenshot(page, 'outline');
    // On the empty line above "Tools": in News, after its last entry.
    const lines = fs.readFileSync(path.join(scratch, '_posts', ISSUE), 'utf8').split('\n');
    const target = lines.indexOf('Tools') - 1;
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(target + 1));
    await page.keyboard.press('Enter');
    const widget = page.locator('.suggest-widget.visible');
    await eventually('the completion list', async () => {
      await page.keyboard.press('Control+Space');
      if (await widget.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return true;
      await runCommand(page, 'Trigger Suggest');
      return (await widget.waitFor({ timeout: 3_000 }).then(() => true, () => false)) ? true : undefined;
    }, 30_000);
    await page.waitForTimeout(800);
    const labels = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
    console.log(`      completion list: ${labels.join(', ')}`);
    assert.ok(labels.length > 0, 'the completion list has items');
    await screenshot(page, 'completions');
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
  });
});
