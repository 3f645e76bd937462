/**
 * The preview's script in headless Chromium (the real document and dist/webview/preview.js):
 * live updates replace only what changed and keep the scroll position, marks land on their
 * entries, scroll sync and clicks talk to the extension. Skips when Chromium or playwright-core is
 * missing.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { parseIssue, parseWithConfig } from '../../src/core/parse/parseIssue';
import { resolveConfig } from '../../src/core/config';
import { IssueHtmlRenderer } from '../../src/core/render';
import { siteMarksOf } from '../../src/core/rules/siteMarks';
import { buildPreviewDocument, createNonce } from '../../src/vscode/previewDocument';
import type { ToWebviewMessage } from '../../src/webview/messages';
import { projectRoot } from './helpers/text';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCRIPT_FILE = join(projectRoot, 'dist', 'webview', 'preview.js');
const playwright = await import('playwright-core').catch(() => undefined);
const skip = !existsSync(CHROMIUM) ? `Chromium is not installed at ${CHROMIUM}` : !playwright ? 'playwright-core is not installed' : !existsSync(SCRIPT_FILE) ? 'dist/webview/preview.js is not built' : false;
const ORIGIN = 'http://webview.test';

/** A long issue of our own: 40 News entries, so that the page scrolls. */
function longIssue(firstEntry = 'Entry 0 describes something.'): string {
  const entries = Array.from({ length: 40 }, (_, i) => `${i === 0 ? firstEntry : `Entry ${i} describes something worth reading, at some length so that it wraps.`}\n<br>[https://site${i}.example/post](https://site${i}.example/post)\n`);
  return `---\ntitle: DEVOPS WEEKLY ISSUE \\#3 - 17th January 2021\ndate: 2021-01-17T09:00:00+00:00\n---\n\nThe intro.\n\n\nNews\n====\n\n${entries.join('\n\n')}`;
}

function update(text: string): ToWebviewMessage {
  return { type: 'update', resource: 'file:///posts/long.md', title: 'Preview long.md', locked: false, view: 'web', issue: new IssueHtmlRenderer().render(parseIssue(text)) };
}

const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;

/** An issue of our own in a list-style format: nested sections, one block per item. */
function listIssue(firstItem = 'First item'): string {
  const items = (prefix: string) => Array.from({ length: 12 }, (_, i) => `* [${i === 0 && prefix === 'a' ? firstItem : `${prefix} item ${i}`}](https://${prefix}${i}.example/)`).join('\n');
  return `Title: This Week in Rust 7\nNumber: 7\nDate: 2031-01-01\n\nIntro.\n\n## Updates from Rust Community\n\n### Official\n\n${items('a')}\n\n### Newsletters\n\n${items('b')}\n\n## Crate of the Week\n\nA crate.\n`;
}

function listUpdate(text: string): ToWebviewMessage {
  return { type: 'update', resource: 'file:///content/list.md', title: 'Preview list.md', locked: false, view: 'web', issue: new IssueHtmlRenderer({ profile: TWIR.format }).render(parseWithConfig(text, 'list.md', TWIR)) };
}

describe('the preview script in Chromium', { skip }, () => {
  let context: BrowserContext;
  let userDataDir: string;
  let page: Page;
  const posted: { type: string; [key: string]: unknown }[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'nl-chromium-'));
    context = await playwright!.chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 600, height: 500 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await context.newPage();
    const html = buildPreviewDocument({
      cspSource: ORIGIN, nonce: createNonce(), scriptUri: `${ORIGIN}/preview.js`, styleUri: `${ORIGIN}/preview.css`,
      title: 'Preview long.md', view: 'web', issue: new IssueHtmlRenderer().render(parseIssue(longIssue())),
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: html });
      if (url.endsWith('/preview.js')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(SCRIPT_FILE, 'utf8') });
      if (url.endsWith('/preview.css')) return route.fulfill({ contentType: 'text/css', body: readFileSync(join(projectRoot, 'media', 'preview.css'), 'utf8') });
      return route.abort();
    });
    await page.exposeFunction('__recordPosted', (message: { type: string }) => {
      posted.push(message);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { acquireVsCodeApi: () => unknown; __recordPosted: (m: unknown) => void };
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__recordPosted(m), getState: () => undefined, setState: () => undefined });
    });
    await page.goto(`${ORIGIN}/`);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.evaluate((m) => window.postMessage(m, '*'), update(longIssue()) as unknown as Record<string, unknown>);
    await page.waitForTimeout(200);
  });

  test('the first update, over the blocks the document came with, runs without an error', () => {
    assert.deepEqual(pageErrors, []);
    // (the last test checks again after everything else)
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const send = async (message: ToWebviewMessage) => {
    await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
    await page.waitForTimeout(150);
  };

  test('an edit replaces only the changed entry, moves the line numbers of the rest, and keeps the scroll position', async () => {
    await page.evaluate(() => window.scrollTo(0, 900));
    await page.waitForTimeout(100);
    // Tag every entry element: an element that survives the update keeps its tag.
    await page.evaluate(() => document.querySelectorAll('[data-entry]').forEach((el) => ((el as unknown as { __kept: boolean }).__kept = true)));
    const linesBefore = await page.getAttribute('[data-entry="s0-e5"]', 'data-line');
    await send(update(longIssue('Entry 0 describes something.\nWith a second line typed now.')));
    assert.equal(await page.evaluate(() => window.scrollY), 900, 'the scroll position stays');
    const kept = await page.evaluate(() => Array.from(document.querySelectorAll('[data-entry]')).map((el) => [el.getAttribute('data-entry'), Boolean((el as unknown as { __kept?: boolean }).__kept)]));
    const replaced = kept.filter(([, k]) => !k).map(([key]) => key);
    assert.deepEqual(replaced, ['s0-e0'], 'only the edited entry was rebuilt');
    assert.match(await page.innerText('[data-entry="s0-e0"]'), /With a second line typed now\./);
    assert.equal(Number(await page.getAttribute('[data-entry="s0-e5"]', 'data-line')), Number(linesBefore) + 1, 'the entries below moved down a line');
  });

  test('marks land on the entry that holds the diagnostic\'s line, and go away when it is fixed', async () => {
    const line = Number(await page.getAttribute('[data-entry="s0-e3"]', 'data-line'));
    await send({ type: 'marks', marks: [{ line, severity: 'warning', message: 'The same URL is in entry 7.' }] });
    assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('.nl-marked')).map((el) => el.getAttribute('data-entry'))), ['s0-e3']);
    assert.equal(await page.innerText('[data-entry="s0-e3"] .nl-mark-badge'), 'The same URL is in entry 7.');
    await send({ type: 'marks', marks: [] });
    assert.equal(await page.locator('.nl-marked').count(), 0);
  });

  test('a mark where the site differs shows in words, outlined; its diagnostic is not marked on the block again', async () => {
    // DevOps Weekly's site is kramdown: an entry starting `#ChefConf` is a heading there.
    const text = longIssue('#ChefConf is next week in Austin.');
    const document = parseIssue(text);
    const config = resolveConfig().config;
    const marks = siteMarksOf(document, config);
    assert.equal(marks.length, 1);
    await send({ ...(update(text) as Extract<ToWebviewMessage, { view: 'web' }>), issue: new IssueHtmlRenderer().render(document, marks) });
    const mark = page.locator('[data-entry="s0-e0"] .nl-site-mark');
    assert.equal(await mark.count(), 1);
    assert.equal(await mark.locator('.nl-site-mark-label').innerText(), 'site: a heading');
    const looks = await mark.evaluate((el) => {
      const hidden = el.querySelector('.nl-visually-hidden') as HTMLElement;
      return { border: getComputedStyle(el).borderTopStyle, hiddenWidth: hidden.getBoundingClientRect().width, spoken: el.textContent ?? '' };
    });
    assert.equal(looks.border, 'dashed');
    assert.ok(looks.hiddenWidth <= 1, 'the message for screen readers takes no room on the page');
    assert.match(looks.spoken, /^site: a heading \(kramdown\): The site \(kramdown\) shows this line as a heading/);
    // The same finding as a diagnostic: the page marks it already, so the block gets no second mark.
    const line = Number(await page.getAttribute('[data-entry="s0-e0"]', 'data-line'));
    await send({ type: 'marks', marks: [{ line, severity: 'warning', message: 'The site (kramdown) shows this line as a heading.', inPage: true }] });
    assert.equal(await page.locator('.nl-marked').count(), 0);
    await send({ type: 'marks', marks: [{ line, severity: 'warning', message: 'Another finding.' }] });
    assert.equal(await page.locator('[data-entry="s0-e0"].nl-marked').count(), 1);
    await send({ type: 'marks', marks: [] });
    await send(update(longIssue()));
    assert.equal(await page.locator('.nl-site-mark').count(), 0);
  });

  test('the editor\'s top line scrolls that entry to the top of the preview', async () => {
    const line = Number(await page.getAttribute('[data-entry="s0-e20"]', 'data-line'));
    await send({ type: 'scrollToLine', line });
    const top = await page.evaluate(() => {
      const toolbar = (document.querySelector('.nl-toolbar') as HTMLElement).offsetHeight;
      return Math.round(document.querySelector('[data-entry="s0-e20"]')!.getBoundingClientRect().top - toolbar);
    });
    assert.ok(Math.abs(top) <= 1, `entry 20 is at the top (off by ${top} px)`);
  });

  test('scrolling the preview tells the extension the line at its top', async () => {
    await page.waitForTimeout(300); // past the moment when scrolls are the extension's own
    posted.length = 0;
    const line = Number(await page.getAttribute('[data-entry="s0-e10"]', 'data-line'));
    await page.evaluate(() => {
      const toolbar = (document.querySelector('.nl-toolbar') as HTMLElement).offsetHeight;
      window.scrollTo(0, window.scrollY + document.querySelector('[data-entry="s0-e10"]')!.getBoundingClientRect().top - toolbar);
    });
    await page.waitForTimeout(400);
    const scrolled = posted.filter((m) => m.type === 'scrolled');
    assert.ok(scrolled.length > 0, 'a scrolled message was posted');
    assert.equal(scrolled[scrolled.length - 1].line, line);
  });

  test('a click on an entry asks to reveal its lines; a click on a link asks to open it', async () => {
    posted.length = 0;
    const entry = page.locator('[data-entry="s0-e2"]');
    await entry.scrollIntoViewIfNeeded();
    await entry.click({ position: { x: 3, y: 3 } });
    await entry.locator('a').click();
    await page.waitForTimeout(100);
    const start = Number(await entry.getAttribute('data-line'));
    assert.deepEqual(posted.filter((m) => m.type !== 'scrolled'), [
      { type: 'revealLine', line: start, endLine: start + 1 },
      { type: 'openLink', href: 'https://site2.example/post' },
    ]);
  });

  test('nested sections: subsections inside their section, and an edit to one list item rebuilds only that item', async () => {
    await send(listUpdate(listIssue()));
    const nested = await page.evaluate(() => Array.from(document.querySelectorAll('article > section > section')).map((el) => el.getAttribute('data-key')));
    assert.equal(nested.length, 2, 'the two subsections sit inside the first section');
    const items = await page.evaluate(() => Array.from(document.querySelectorAll('.nl-shape-list-item')).map((el) => [el.getAttribute('data-line'), el.getAttribute('data-line-end')]));
    assert.equal(items.length, 24);
    assert.ok(items.every(([start, end]) => start === end), 'each item block covers its one line');
    await page.evaluate(() => document.querySelectorAll('[data-entry]').forEach((el) => ((el as unknown as { __kept: boolean }).__kept = true)));
    const firstKey = await page.getAttribute('.nl-shape-list-item', 'data-entry');
    await send(listUpdate(listIssue('First item, renamed')));
    const replaced = await page.evaluate(() => Array.from(document.querySelectorAll('[data-entry]')).filter((el) => !(el as unknown as { __kept?: boolean }).__kept).map((el) => el.getAttribute('data-entry')));
    assert.deepEqual(replaced, [firstKey]);
    assert.match(await page.innerText(`[data-entry="${firstKey}"]`), /First item, renamed/);
  });

  test('a list item: a click reveals its line, a mark lands on it, and scroll sync finds it', async () => {
    const item = page.locator('.nl-shape-list-item').nth(15);
    const line = Number(await item.getAttribute('data-line'));
    const key = await item.getAttribute('data-entry');
    await item.scrollIntoViewIfNeeded();
    posted.length = 0;
    await item.click({ position: { x: 2, y: 2 } });
    await page.waitForTimeout(100);
    assert.deepEqual(posted.filter((m) => m.type === 'revealLine'), [{ type: 'revealLine', line, endLine: line }]);
    await send({ type: 'marks', marks: [{ line, severity: 'error', message: 'Duplicate link.' }] });
    assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('.nl-marked')).map((el) => el.getAttribute('data-entry'))), [key]);
    await send({ type: 'marks', marks: [] });
    await send({ type: 'scrollToLine', line });
    const top = await page.evaluate((k) => {
      const toolbar = (document.querySelector('.nl-toolbar') as HTMLElement).offsetHeight;
      return Math.round(document.querySelector(`[data-entry="${k}"]`)!.getBoundingClientRect().top - toolbar);
    }, key);
    assert.ok(Math.abs(top) <= 1, `item at the top (off by ${top} px)`);
  });

  test('the Email button asks for the email view, and an email update shows the mail text', async () => {
    posted.length = 0;
    await page.click('.nl-view-button[data-view="email"]');
    await page.waitForTimeout(100);
    assert.deepEqual(posted.filter((m) => m.type === 'setView'), [{ type: 'setView', view: 'email' }]);
    await send({ type: 'update', resource: 'file:///posts/long.md', title: 'Preview long.md', locked: false, view: 'email', lines: [{ text: 'DEVOPS WEEKLY' }, { text: 'ISSUE #3 - 17th January 2021' }] });
    assert.equal(await page.innerText('pre.nl-email'), 'DEVOPS WEEKLY\nISSUE #3 - 17th January 2021\n');
    assert.equal(await page.getAttribute('.nl-view-button[data-view="email"]', 'aria-pressed'), 'true');
    assert.deepEqual(pageErrors, [], 'the script never threw');
  });
});
