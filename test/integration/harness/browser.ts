// Debian Chromium driven by playwright-core: opens the workbench pages of the offline editor.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, SCRATCH } from './codeServer';

/** The system's temporary folder, read before `launchBrowser` points TMPDIR into the scratch folder. */
const SYSTEM_TMP = os.tmpdir();

/**
 * Chromium puts its singleton socket at `$TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket`, and
 * a Unix socket path holds at most 107 bytes: in a checkout a few folders deep the scratch folder is
 * too long (Chromium aborts with "Socket path too long"), so TMPDIR moves to a fresh folder of the
 * system's temporary folder then.
 */
const SOCKET_PATH_ROOM = 107 - '/org.chromium.Chromium.XXXXXX/SingletonSocket'.length;

function chromiumTmp(name: string): string {
  const local = path.join(SCRATCH, name, 'chromium-tmp');
  if (Buffer.byteLength(local) <= SOCKET_PATH_ROOM) {
    fs.rmSync(local, { recursive: true, force: true });
    fs.mkdirSync(local, { recursive: true });
    return local;
  }
  const base = Buffer.byteLength(SYSTEM_TMP) + 24 <= SOCKET_PATH_ROOM ? SYSTEM_TMP : '/tmp';
  return fs.mkdtempSync(path.join(base, 'nd-chromium-'));
}

export async function launchBrowser(name: string, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const profile = path.join(SCRATCH, name, 'chromium-profile');
  const home = path.join(SCRATCH, name, 'chromium-home');
  for (const dir of [profile, home]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  const tmp = chromiumTmp(name);
  // Chromium's crash handler writes under $HOME/.config, playwright's artifacts under TMPDIR:
  // both stay in the scratch folder (TMPDIR unless its path is too long for Chromium's socket).
  process.env.TMPDIR = tmp;
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache'), TMPDIR: tmp },
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Printed by a suite's index before mocha starts: the launcher shows the output from there on. */
export const START_MARKER = '[newsletter-suite-start]';

/** Workbench messages that are not the suite's (offline gallery, sign-in, connection): log file only. */
const WORKBENCH_NOISE = /open-vsx\.org|AccountPolicyGate|AgentHost|\[Service Worker\]|builtin extensions cache|authentication provider|connection token|Creating a socket|reconnection-grace-time|marketplace|gallery/i;

export interface SuiteRun {
  /** The exit code the workbench reported (0 = every test passed). */
  readonly code: number;
  /** Counts printed by the suite's index (`[newsletter-suite-result] {...}`), if it got that far. */
  readonly counts?: { passed: number; failed: number; skipped: number };
  /** JSON lines a suite printed with a marker (`[newsletter-metric] {...}`). */
  readonly metrics: Array<Record<string, unknown>>;
}

/**
 * Opens `url` (a workbench page whose payload names `extensionTestsPath`), forwards the
 * extension host's output through `window.codeAutomationLog`, and resolves with the code passed
 * to `window.codeAutomationExit` (or 1 after `timeoutMs`).
 */
export async function runSuitePage(
  context: BrowserContext,
  url: string,
  options: { label: string; timeoutMs?: number; write?: (text: string) => void },
): Promise<SuiteRun> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const page = await context.newPage();
  let counts: SuiteRun['counts'];
  const metrics: Array<Record<string, unknown>> = [];
  let finish: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => { finish = resolve; });
  // Everything the workbench and the extension host log goes to a file; the console shows the
  // suite's own output (from its start marker on) and, when the suite never started, the log's tail.
  const logFile = path.join(SCRATCH, `${options.label}-editor.log`);
  fs.writeFileSync(logFile, '');
  let started = false;
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    // (mocha colours its output when it thinks a CI terminal wants it: strip that.)
    // eslint-disable-next-line no-control-regex
    const text = (Array.isArray(args) ? format(...(args as unknown[])) : String(args)).replace(/\x1b\[[0-9;]*m/g, '');
    fs.appendFileSync(logFile, `[${type}] ${text}\n`);
    if (text.includes(START_MARKER)) {
      started = true;
      return;
    }
    for (const line of text.split('\n')) {
      const result = /\[newsletter-suite-result\] (\{.*\})/.exec(line);
      if (result) counts = JSON.parse(result[1]);
      const metric = /\[newsletter-metric\] (\{.*\})/.exec(line);
      if (metric) metrics.push(JSON.parse(metric[1]));
    }
    if (started && !WORKBENCH_NOISE.test(text)) write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(Number(code)));
  page.on('pageerror', (err) => write(`[${options.label}: page error] ${err.message}\n`));
  await page.goto(url);
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const code = await Promise.race([
    exited,
    new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        write(`[${options.label}] no result after ${Math.round(timeoutMs / 1000)} s: giving up\n`);
        resolve(1);
      }, timeoutMs);
    }),
  ]);
  if (timer) clearTimeout(timer);
  await page.close().catch(() => undefined);
  if (!started || !counts) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    write(`[${options.label}] the suite did not report its result; the editor's log (${path.relative(process.cwd(), logFile)}) ends with:\n${tail}\n`);
  }
  return { code, counts, metrics };
}

/** Opens the workbench and waits until it is restored (needs the smoke-test driver). */
export async function openWorkbench(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForFunction(() => typeof (window as unknown as { driver?: unknown }).driver === 'object', undefined, { timeout: 60_000 });
  await page.evaluate(() => (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
  return page;
}
