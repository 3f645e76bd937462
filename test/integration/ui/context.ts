// What the launcher hands the UI tests (they run in the launcher's Node process, with mocha,
// driving the workbench page through playwright-core).
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';

export interface UiContext {
  /** A restored workbench with the extension under development and `workspace` open. */
  readonly page: Page;
  /** The scratch copy of the fixture workspace the page has open. */
  readonly workspace: string;
  /** The project root. */
  readonly root: string;
  /** Where screenshots go (gitignored). */
  readonly screenshots: string;
  /** Opens another workbench page on a folder (same editor, extension under development). */
  openWorkbench(folder: string): Promise<Page>;
}

const KEY = '__newsletterUi';

export function setUiContext(context: UiContext): void {
  (globalThis as unknown as Record<string, UiContext>)[KEY] = context;
}

export function ui(): UiContext {
  const context = (globalThis as unknown as Record<string, UiContext | undefined>)[KEY];
  if (!context) throw new Error('UI tests run from the launcher: npm run test:integration');
  return context;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = ui().screenshots;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a person would, and waits for its tab. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Runs a command from the command palette (F1) by its title as the palette shows it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The contributed command with this id, with the title the palette shows, or undefined. */
export function contributedCommand(root: string, id: string): { id: string; title: string } | undefined {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes?: { commands?: Array<{ command: string; title: string; category?: string }> };
  };
  const command = manifest.contributes?.commands?.find((c) => c.command === id);
  if (!command) return undefined;
  return { id, title: command.category ? `${command.category}: ${command.title}` : command.title };
}

/** Polls until `find` returns something, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The webview frame whose text contains `text` (webviews are nested iframes). The workbench's own
 * frame is left out: the editor shows the same words.
 */
export async function frameWithText(page: Page, text: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (body.includes(text)) return frame;
  }
  return undefined;
}

/** Clears the workbench's notifications (toasts would cover what a screenshot shows). */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(400); // the palette fades out

}

/**
 * The examples open on their README (`workbench.startupEditor: readme` in examples/.vscode), a
 * while after the workbench is restored: waits for its tab (true), or `timeoutMs` (false), so that
 * it does not take the focus in the middle of a test.
 */
export async function waitForStartupReadme(page: Page, timeoutMs = 90_000): Promise<boolean> {
  return page.locator('.tabs-container .tab', { hasText: 'README.md' }).first().waitFor({ timeout: timeoutMs }).then(() => true, () => false);
}

/** Closes the startup README's tab with the mouse (its preview may hold the keyboard focus). */
export async function closeStartupReadme(page: Page): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: 'README.md' }).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}
