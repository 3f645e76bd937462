/**
 * Hostile issues (test/fixtures/hostile/) rendered through the real preview document, CSP and
 * script included, in headless Chromium: nothing runs, nothing navigates, nothing is requested
 * from outside. Skips when Chromium or playwright-core is missing.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { IssueHtmlRenderer, renderPlainTextLines } from '../../src/core/render';
import { buildPreviewDocument, createNonce } from '../../src/vscode/previewDocument';
import type { ToWebviewMessage } from '../../src/webview/messages';
import { projectRoot } from './helpers/text';


const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCRIPT_FILE = join(projectRoot, 'dist', 'webview', 'preview.js');
const STYLE_FILE = join(projectRoot, 'media', 'preview.css');
const playwright = await import('playwright-core').catch(() => undefined);
const skip = !existsSync(CHROMIUM)
  ? `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`
  : !playwright
    ? 'playwright-core is not installed'
    : !existsSync(SCRIPT_FILE)
      ? 'dist/webview/preview.js is not built (npm run build)'
      : false;

// Like a webview's own origin, this is not https: relative URLs do not count as `img-src https:`.
const ORIGIN = 'http://webview.test';
const PAGE_URL = `${ORIGIN}/index.html`;
const SCRIPT_URL = `${ORIGIN}/dist/webview/preview.js`;
const STYLE_URL = `${ORIGIN}/media/preview.css`;
const OWN = new Set([PAGE_URL, SCRIPT_URL, STYLE_URL]);

const hostileDir = join(projectRoot, 'test', 'fixtures', 'hostile');
const hostileFiles = existsSync(hostileDir) ? readdirSync(hostileDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort() : [];

interface Observed {
  requests: string[];
  dialogs: string[];
  console: string[];
  navigations: string[];
  posted: unknown[];
  errors: string[];
}

/** The document the panel would build for this issue and view, and the update it would post. */
function previewFor(text: string, fileName: string, view: 'web' | 'email'): { html: string; update: ToWebviewMessage } {
  const document = parseIssue(text, fileName);
  const issue = new IssueHtmlRenderer().render(document);
  const lines = renderPlainTextLines(document, { footer: 'Footer <b>with markup</b>' });
  const html = buildPreviewDocument({
    cspSource: ORIGIN,
    nonce: createNonce(),
    scriptUri: SCRIPT_URL,
    styleUri: STYLE_URL,
    title: `Preview ${fileName}`,
    view,
    issue: view === 'web' ? issue : undefined,
    emailLines: view === 'email' ? lines : undefined,
  });
  const base = { type: 'update' as const, resource: `file:///posts/${fileName}`, title: `Preview ${fileName}`, locked: false };
  const update: ToWebviewMessage = view === 'web' ? { ...base, view, issue } : { ...base, view, lines };
  return { html, update };
}

describe('the preview keeps hostile issues inert in Chromium', { skip }, () => {
  let browser: Browser;
  let userDataDir: string;
  let context: BrowserContext;

  before(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'nl-chromium-'));
    context = await playwright!.chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    browser = context.browser() as Browser;
    void browser;
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  async function open(html: string): Promise<{ page: Page; observed: Observed }> {
    const page = await context.newPage();
    const observed: Observed = { requests: [], dialogs: [], console: [], navigations: [], posted: [], errors: [] };
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      observed.requests.push(url);
      if (url === PAGE_URL) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      else if (url === SCRIPT_URL) await route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(SCRIPT_FILE, 'utf8') });
      else if (url === STYLE_URL) await route.fulfill({ status: 200, contentType: 'text/css', body: readFileSync(STYLE_FILE, 'utf8') });
      else await route.abort();
    });
    page.on('dialog', (dialog) => {
      observed.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => observed.console.push(message.text()));
    page.on('pageerror', (error) => observed.errors.push(error.message));
    page.on('framenavigated', (frame) => observed.navigations.push(frame.url()));
    page.on('popup', (popup) => observed.navigations.push(`popup ${popup.url()}`));
    // VS Code's webview API, as the preview script sees it; messages land where the test reads them.
    await page.exposeFunction('__recordPosted', (message: unknown) => {
      observed.posted.push(message);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { acquireVsCodeApi: () => unknown; __recordPosted: (m: unknown) => void };
      let state: unknown;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => w.__recordPosted(m),
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
        },
      });
    });
    await page.goto(PAGE_URL, { waitUntil: 'load' });
    return { page, observed };
  }

  async function settle(page: Page): Promise<void> {
    // Long enough for timers, image errors, animations and meta refresh (0 s) to have fired.
    await page.waitForTimeout(400);
  }

  async function assertInert(page: Page, observed: Observed, label: string): Promise<void> {
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    assert.equal(pwned, undefined, `${label}: a payload ran (window.__pwned = ${String(pwned)})`);
    assert.deepEqual(observed.dialogs, [], `${label}: a dialog opened`);
    assert.deepEqual(observed.console.filter((m) => m.includes('PWNED')), [], `${label}: a payload logged`);
    assert.equal(page.url(), PAGE_URL, `${label}: the page navigated`);
    assert.deepEqual(observed.navigations.filter((u) => u !== PAGE_URL), [], `${label}: a frame navigated`);
    assert.equal(page.frames().length, 1, `${label}: a frame was created`);
    assert.deepEqual(observed.requests.filter((u) => !OWN.has(u)), [], `${label}: something was requested from outside`);
  }

  for (const file of hostileFiles) {
    test(`${file}: nothing runs, navigates or loads, at first paint, after a live update and on clicks`, async () => {
      const text = readFileSync(join(hostileDir, file), 'utf8');
      const { html, update } = previewFor(text, file, 'web');
      const { page, observed } = await open(html);
      try {
        await settle(page);
        assert.ok(observed.posted.some((m) => (m as { type?: string }).type === 'ready'), 'the preview script ran (it posts ready)');
        await assertInert(page, observed, `${file} (document)`);

        // The live path: the same content arriving as an update message, inserted by the script.
        await page.evaluate((message) => window.postMessage(message, '*'), update as unknown as Record<string, unknown>);
        await settle(page);
        assert.ok((await page.locator('[data-entry]').count()) > 2, 'the update was applied');
        assert.deepEqual(observed.errors, [], 'the preview script applied the whole update without an error');
        await assertInert(page, observed, `${file} (update)`);

        // Every link and button: a click may only ask the extension to open a link.
        const targets = page.locator('a, button:not(.nl-view-button), summary, .nl-block');
        const count = await targets.count();
        for (let i = 0; i < count; i++) {
          await targets.nth(i).click({ force: true, timeout: 2000 }).catch(() => undefined);
          await targets.nth(i).click({ force: true, button: 'middle', timeout: 2000 }).catch(() => undefined);
        }
        await settle(page);
        await assertInert(page, observed, `${file} (clicks)`);
        const opened = observed.posted.filter((m) => (m as { type?: string }).type === 'openLink').map((m) => (m as { href: string }).href);
        for (const href of opened) assert.doesNotMatch(href, /^\s*(?:javascript|data|vbscript|file|command):/i, `${file}: the webview asked to open ${href}`);
      } finally {
        await page.close();
      }
    });
  }

  test('the email view shows hostile text as text', async () => {
    const text = readFileSync(join(hostileDir, 'scripts.md'), 'utf8');
    const { html, update } = previewFor(text, 'scripts.md', 'email');
    const { page, observed } = await open(html);
    try {
      await settle(page);
      await page.evaluate((message) => window.postMessage(message, '*'), update as unknown as Record<string, unknown>);
      await settle(page);
      await assertInert(page, observed, 'email view');
      const shown = await page.locator('pre.nl-email').innerText();
      assert.match(shown, /<script>window.__pwned = 'script'/);
      assert.match(shown, /Footer <b>with markup<\/b>/);
    } finally {
      await page.close();
    }
  });

  test('links in the preview never navigate: a click posts openLink with the target', async () => {
    const { html } = previewFor('---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st January 2021\n---\n\nNews\n====\n\nText.\n<br>[https://ok.example/a](https://ok.example/a)\n', 'ok.md', 'web');
    const { page, observed } = await open(html);
    try {
      await page.locator('a[href="https://ok.example/a"]').click();
      await settle(page);
      assert.equal(page.url(), PAGE_URL);
      assert.deepEqual(observed.posted.filter((m) => (m as { type?: string }).type === 'openLink'), [{ type: 'openLink', href: 'https://ok.example/a' }]);
      assert.deepEqual(observed.requests.filter((u) => !OWN.has(u)), []);
    } finally {
      await page.close();
    }
  });

  test('an https image is the one thing from outside the policy lets in', async () => {
    const { html } = previewFor('---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st January 2021\n---\n\n![logo](https://images.example/logo.png)\n\n![plain](http://images.example/logo.png)\n', 'img.md', 'web');
    const { page, observed } = await open(html);
    try {
      await settle(page);
      assert.deepEqual(observed.requests.filter((u) => !OWN.has(u)), ['https://images.example/logo.png']);
    } finally {
      await page.close();
    }
  });
});
