/**
 * How the preview looks, in headless Chromium (the real document, dist/webview/preview.js and
 * media/preview.css): marks keep their text clear of their bar, show `code` as code and one glyph
 * per severity; the view switch is a VS Code toggle; headings are as bright as the body; the email
 * view wraps at its column, puts a title mark on the right mail line, and has Copy buttons. Skips
 * when Chromium or playwright-core is missing.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { IssueHtmlRenderer, renderPlainTextLines } from '../../src/core/render';
import { buildPreviewDocument, createNonce } from '../../src/vscode/previewDocument';
import { isFromWebviewMessage, isToWebviewMessage, type ToWebviewMessage } from '../../src/webview/messages';
import { projectRoot } from './helpers/text';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCRIPT_FILE = join(projectRoot, 'dist', 'webview', 'preview.js');
const playwright = await import('playwright-core').catch(() => undefined);
const skip = !existsSync(CHROMIUM) ? `Chromium is not installed at ${CHROMIUM}` : !playwright ? 'playwright-core is not installed' : !existsSync(SCRIPT_FILE) ? 'dist/webview/preview.js is not built' : false;
const ORIGIN = 'http://webview.test';

/** An issue of our own: a wrong ordinal in the title, a quoted sponsor heading, three entries. */
const ISSUE = [
  '---',
  'title: DEVOPS WEEKLY ISSUE \\#121 - 11nd January 2026',
  'date: 2026-01-11T09:00:00+00:00',
  '---',
  '',
  'The intro of this issue, which is long enough to need more than one line when a mail reader wraps it at seventy-two characters, as most of them do for plain text.',
  '',
  '',
  '>From our sponsor, Acme',
  '=======================',
  '',
  'Acme runs things.',
  '<br>[https://acme.example/](https://acme.example/)',
  '',
  '',
  'News',
  '====',
  '',
  'Entry one.',
  '<br>[https://one.example/](https://one.example/)',
  '',
  '',
  'Entry two.',
  '<br>[https://two.example/](https://two.example/)',
  '',
  '',
  'Entry three.',
  '<br>[https://three.example/](https://three.example/)',
  '',
].join('\n');
const SOURCE = ISSUE.split('\n');
const lineOf = (text: string) => SOURCE.findIndex((l) => l.startsWith(text));

const webUpdate = (): ToWebviewMessage => ({ type: 'update', resource: 'file:///posts/x.md', title: 'Preview x.md', locked: false, view: 'web', issue: new IssueHtmlRenderer().render(parseIssue(ISSUE)) });
const emailUpdate = (wrapColumn?: number): ToWebviewMessage => ({
  type: 'update', resource: 'file:///posts/x.md', title: 'Preview x.md', locked: false, view: 'email',
  lines: renderPlainTextLines(parseIssue(ISSUE)), ...(wrapColumn === undefined ? {} : { wrapColumn }),
});

test('the messages: copy asks for text or html only; a wrap column is a bounded whole number', () => {
  assert.ok(isFromWebviewMessage({ type: 'copy', what: 'text' }));
  assert.ok(isFromWebviewMessage({ type: 'copy', what: 'html' }));
  assert.ok(!isFromWebviewMessage({ type: 'copy', what: 'file:///etc/passwd' }));
  const email = emailUpdate(72) as Record<string, unknown>;
  assert.ok(isToWebviewMessage(email));
  assert.ok(!isToWebviewMessage({ ...email, wrapColumn: -1 }));
  assert.ok(!isToWebviewMessage({ ...email, wrapColumn: 1e9 }));
  assert.ok(!isToWebviewMessage({ type: 'marks', marks: [{ line: 1, character: -2, severity: 'error', message: 'x' }] }));
});

test('the title\'s two mail lines say where each starts in the source line', () => {
  const lines = renderPlainTextLines(parseIssue(ISSUE));
  assert.equal(lines[0].text, 'DEVOPS WEEKLY');
  assert.equal(lines[1].text, 'ISSUE #121 - 11nd January 2026');
  assert.equal(lines[0].sourceLine, 1);
  assert.equal(lines[1].sourceLine, 1);
  assert.equal(SOURCE[1].slice(lines[1].sourceColumn), 'ISSUE \\#121 - 11nd January 2026');
  assert.ok((lines[0].sourceColumn ?? 0) < (lines[1].sourceColumn ?? 0));
});

describe('how the preview looks, in Chromium', { skip }, () => {
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
      viewport: { width: 1200, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await context.newPage();
    const message = webUpdate();
    const html = buildPreviewDocument({
      cspSource: ORIGIN, nonce: createNonce(), scriptUri: `${ORIGIN}/preview.js`, styleUri: `${ORIGIN}/preview.css`,
      title: 'Preview x.md', view: 'web', issue: message.type === 'update' && message.view === 'web' ? message.issue : undefined,
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: html });
      if (url.endsWith('/preview.js')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(SCRIPT_FILE, 'utf8') });
      if (url.endsWith('/preview.css')) return route.fulfill({ contentType: 'text/css', body: readFileSync(join(projectRoot, 'media', 'preview.css'), 'utf8') });
      return route.abort();
    });
    await page.exposeFunction('__recordPosted', (m: { type: string }) => {
      posted.push(m);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { acquireVsCodeApi: () => unknown; __recordPosted: (m: unknown) => void };
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__recordPosted(m), getState: () => undefined, setState: () => undefined });
      // A dark theme's colours, as the workbench sets them on the webview's root element.
      const theme: Record<string, string> = {
        '--vscode-editor-foreground': 'rgb(220, 221, 222)',
        '--vscode-foreground': 'rgb(204, 204, 204)',
        '--vscode-descriptionForeground': 'rgb(140, 141, 142)',
        '--vscode-editor-background': 'rgb(31, 31, 31)',
        '--vscode-inputOption-activeBackground': 'rgb(1, 2, 3)',
        '--vscode-inputOption-activeBorder': 'rgb(4, 5, 6)',
        '--vscode-inputOption-activeForeground': 'rgb(7, 8, 9)',
        '--vscode-editor-font-family': 'monospace',
      };
      document.addEventListener('DOMContentLoaded', () => {
        for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
      });
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${ORIGIN}/`);
    await send(webUpdate());
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const send = async (message: ToWebviewMessage) => {
    await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
    await page.waitForTimeout(150);
  };

  /** The entry block holding a source line. */
  const blockAt = (line: number) => page.evaluate((l) => {
    const el = Array.from(document.querySelectorAll<HTMLElement>('.nl-block[data-line]')).find((b) => Number(b.dataset.line) <= l && l <= Number(b.dataset.lineEnd));
    return el?.dataset.entry;
  }, line);

  test('a mark\'s text keeps clear of its coloured bar', async () => {
    const line = lineOf('Entry one.');
    await send({ type: 'marks', marks: [{ line, severity: 'warning', message: 'Something to fix.' }] });
    const key = await blockAt(line);
    assert.ok(key);
    const gap = await page.evaluate((k) => {
      const block = document.querySelector(`[data-entry="${k}"]`)!;
      const badge = block.querySelector('.nl-mark-badge')!;
      const text = block.querySelector('p')!;
      const edge = block.getBoundingClientRect().left;
      return { badge: badge.getBoundingClientRect().left - edge, text: text.getBoundingClientRect().left - edge, shadow: getComputedStyle(block).boxShadow };
    }, key);
    // The bar is drawn inside the block's left edge (3 px); the text starts well to its right.
    assert.match(gap.shadow, /inset/, `the bar is inside the block: ${gap.shadow}`);
    assert.ok(gap.badge >= 8, `the mark's message starts ${gap.badge} px from the bar's edge`);
    assert.ok(gap.text >= 8, `the entry's text starts ${gap.text} px from the bar's edge`);
  });

  test('code in a mark\'s message shows as code, without its backticks', async () => {
    const line = lineOf('Entry one.');
    await send({ type: 'marks', marks: [{ line, severity: 'error', message: 'The link `https://one.example/` is also in `#120`.' }] });
    const key = await blockAt(line);
    const badge = page.locator(`[data-entry="${key}"] .nl-mark-badge`);
    assert.equal(await badge.innerText(), 'The link https://one.example/ is also in #120.');
    assert.deepEqual(await badge.locator('code').allInnerTexts(), ['https://one.example/', '#120']);
  });

  test('each severity has its own glyph, named for screen readers', async () => {
    const marks = (['error', 'warning', 'info'] as const).map((severity, i) => ({ line: lineOf(['Entry one.', 'Entry two.', 'Entry three.'][i]), severity, message: `A ${severity}.` }));
    await send({ type: 'marks', marks });
    const icons = await page.evaluate(() => Array.from(document.querySelectorAll('.nl-mark-badge')).map((b) => {
      const svg = b.querySelector('svg');
      return { label: svg?.getAttribute('aria-label'), role: svg?.getAttribute('role'), d: svg?.querySelector('path')?.getAttribute('d') ?? '' };
    }));
    assert.deepEqual(icons.map((i) => [i.role, i.label]), [['img', 'Error'], ['img', 'Warning'], ['img', 'Info']]);
    assert.equal(new Set(icons.map((i) => i.d)).size, 3, 'three different glyphs');
    await send({ type: 'marks', marks: [] });
  });

  test('the Web/Email switch is a VS Code toggle: the theme\'s option colours when pressed, quiet when not', async () => {
    const styles = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.nl-view-button')).map((b) => {
      const s = getComputedStyle(b);
      return { view: b.dataset.view, pressed: b.getAttribute('aria-pressed'), background: s.backgroundColor, border: s.borderTopColor, color: s.color };
    }));
    assert.deepEqual(styles, [
      { view: 'web', pressed: 'true', background: 'rgb(1, 2, 3)', border: 'rgb(4, 5, 6)', color: 'rgb(7, 8, 9)' },
      { view: 'email', pressed: 'false', background: 'rgba(0, 0, 0, 0)', border: 'rgba(0, 0, 0, 0)', color: 'rgb(204, 204, 204)' },
    ]);
  });

  test('headings are as bright as the body text, the quoted sponsor heading too', async () => {
    const colours = await page.evaluate(() => ({
      body: getComputedStyle(document.body).color,
      headings: Array.from(document.querySelectorAll('#nl-root h1, #nl-root h2, #nl-root h3')).map((h) => `${h.textContent}: ${getComputedStyle(h).color}`),
    }));
    assert.equal(colours.body, 'rgb(220, 221, 222)');
    assert.ok(colours.headings.length >= 2, colours.headings.join(', '));
    assert.deepEqual(colours.headings.filter((h) => !h.endsWith(colours.body)), [], 'headings in another colour than the body');
  });

  test('the Copy buttons ask the extension for the email text and the HTML', async () => {
    posted.length = 0;
    await page.click('.nl-copy-button[data-copy="text"]');
    await page.click('.nl-copy-button[data-copy="html"]');
    await page.waitForTimeout(100);
    assert.deepEqual(posted.filter((m) => m.type === 'copy'), [{ type: 'copy', what: 'text' }, { type: 'copy', what: 'html' }]);
  });

  test('the email view wraps at its wrap column, not at the panel\'s width', async () => {
    await send(emailUpdate(72));
    const measure = () => page.evaluate(() => {
      const pre = document.querySelector<HTMLElement>('pre.nl-email')!;
      const probe = document.createElement('span');
      probe.textContent = '0'.repeat(72);
      probe.style.whiteSpace = 'nowrap';
      pre.appendChild(probe);
      const column = probe.getBoundingClientRect().width;
      probe.remove();
      return { pre: pre.getBoundingClientRect().width, column };
    });
    const at72 = await measure();
    assert.ok(Math.abs(at72.pre - at72.column) <= 2, `the mail is ${at72.pre} px wide; 72 characters are ${at72.column} px`);
    await send(emailUpdate(0));
    const wide = await measure();
    assert.ok(wide.pre > wide.column + 50, `wrap column 0: the panel's width (${wide.pre} px)`);
    await send(emailUpdate(72));
  });

  test('a mark on the title\'s date lands on the mail\'s ISSUE line, not on the newsletter\'s name', async () => {
    await send(emailUpdate(72));
    const character = SOURCE[1].indexOf('11nd');
    await send({ type: 'marks', marks: [{ line: 1, character, severity: 'warning', message: '11nd should be 11th.' }] });
    const marked = await page.evaluate(() => Array.from(document.querySelectorAll('.nl-email-line.nl-marked')).map((el) => el.textContent?.trim()));
    assert.deepEqual(marked, ['ISSUE #121 - 11nd January 2026']);
    // A mark at the start of the title stays on the name's line.
    await send({ type: 'marks', marks: [{ line: 1, character: SOURCE[1].indexOf('DEVOPS'), severity: 'warning', message: 'x' }] });
    const first = await page.evaluate(() => Array.from(document.querySelectorAll('.nl-email-line.nl-marked')).map((el) => el.textContent?.trim()));
    assert.deepEqual(first, ['DEVOPS WEEKLY']);
    assert.deepEqual(pageErrors, [], 'the script never threw');
  });
});
