// Runs the integration suite in a real VS Code offline: code-server (VS Code 1.139 server + web
// workbench, installed by scripts/setup-editor.sh) with the page opened in Debian Chromium through
// playwright-core. Phases, each in the same editor:
//   suite  the mocha suites test/integration/suite/*.test.ts in the Node extension host, with the
//          extension under development (extensionDevelopmentPath/extensionTestsPath payload)
//   web    the core suite against the browser bundle (dist/web/extension.js) in a web worker
//          extension host (payload extensionDevelopmentKind=web)
//   vsix   the .vsix from `npm run package` installed with --install-extension: test/integration/vsix
//   formats  test/integration/suite-formats/*.test.ts on a list-style newsletter (workspace-twir)
//          and the set-up offer on a workspace without config (workspace-noconfig)
//   ui     test/integration/ui/*.test.ts: playwright drives the workbench as a person would
//   archive  test/integration/suite-archive on a scratch workspace of the shared This Week in Rust
//          issues (../shared/corpus, copied at test time; skipped when absent), loaded twice with
//          the same user data: the second load (a window reload) must take the index from storage
// Usage: node dist-test/integration/runCodeServer.js [--only suite,web,vsix,ui] [--grep TEXT]
// Prints mocha's output and a final `N passed, N failed` line; exits non-zero when anything failed.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, openWorkbench, runSuitePage, type SuiteRun } from './harness/browser';
import {
  ROOT, SCRATCH, checkEditorInstalled, copyWorkspace, editorDirs, installVsix, startCodeServer, type RunningEditor,
} from './harness/codeServer';
import { setUiContext } from './ui/context';

const PHASES = ['suite', 'formats', 'web', 'vsix', 'ui', 'archive'] as const;
type Phase = (typeof PHASES)[number];

interface Outcome { phase: Phase; passed: number; failed: number; skipped: number; note?: string }

function parseArgs(argv: string[]): { only: Set<Phase>; grep?: string } {
  let only = new Set<Phase>(PHASES);
  let grep: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      for (const name of names) if (!PHASES.includes(name as Phase)) throw new Error(`Unknown phase ${name}: use ${PHASES.join(', ')}`);
      only = new Set(names as Phase[]);
    } else if (argv[i] === '--grep') {
      grep = argv[++i];
    } else {
      throw new Error(`Unknown argument ${argv[i]}. Usage: runCodeServer.js [--only ${PHASES.join(',')}] [--grep TEXT]`);
    }
  }
  return { only, grep: grep ?? process.env.NEWSLETTER_TEST_GREP };
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function packagedVsix(): string | undefined {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const file = path.join(ROOT, `${name}-${version}.vsix`);
  return fs.existsSync(file) ? file : undefined;
}

/**
 * A copy of the extension whose manifest has only `browser` (no `main`): the workbench can then run
 * it in nothing but its web worker extension host, and runs the tests there too. (The payload's
 * `extensionDevelopmentKind` is not honoured by the web workbench.)
 */
function webOnlyCopy(): string {
  const to = path.join(SCRATCH, 'web-extension');
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.main;
  fs.writeFileSync(path.join(to, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const entry of ['dist', 'media', 'syntaxes', 'snippets', 'package.nls.json', 'README.md', 'LICENSE']) {
    const from = path.join(ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(to, entry), { recursive: true, filter: (f) => !f.endsWith('.map') });
  }
  fs.rmSync(path.join(to, 'dist', 'extension.js'), { force: true });
  fs.rmSync(path.join(to, 'dist', 'cli.js'), { force: true });
  return to;
}

/** A suite page's outcome as counts (a crash before the counts were printed counts as one failure). */
function outcomeOf(phase: Phase, run: SuiteRun): Outcome {
  if (run.counts) {
    const failed = run.code !== 0 && run.counts.failed === 0 ? 1 : run.counts.failed;
    return { phase, ...run.counts, failed, note: failed !== run.counts.failed ? `exit code ${run.code}` : undefined };
  }
  return { phase, passed: 0, failed: 1, skipped: 0, note: `no test result (exit code ${run.code})` };
}

async function main(): Promise<number> {
  const { only, grep } = parseArgs(process.argv.slice(2));
  checkEditorInstalled();
  const started = Date.now();
  const results = path.join(ROOT, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  const extensionEnvironment: Record<string, string> = {};
  if (grep) extensionEnvironment.NEWSLETTER_TEST_GREP = grep;

  const dirs = editorDirs('code-server');
  const outcomes: Outcome[] = [];
  const metrics: Array<Record<string, unknown>> = [];

  let vsix: string | undefined;
  if (only.has('vsix')) {
    vsix = packagedVsix();
    if (vsix) {
      log(`== Installing ${path.relative(ROOT, vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KiB) with code-server --install-extension`);
      log(installVsix(dirs, vsix));
    } else {
      outcomes.push({ phase: 'vsix', passed: 0, failed: 1, skipped: 0, note: 'no .vsix: run `npm run package` first (npm run test:integration does)' });
    }
  }

  let editor: RunningEditor | undefined;
  let browser: BrowserContext | undefined;
  const stopAll = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    await editor?.stop();
    editor = undefined;
  };
  const onSignal = (): void => { void stopAll().then(() => process.exit(130)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    editor = await startCodeServer(dirs, { log });
    browser = await launchBrowser('code-server');
    const env: Array<[string, string]> = Object.keys(extensionEnvironment).length
      ? [['extensionEnvironment', JSON.stringify(extensionEnvironment)]]
      : [];
    const fixtures = path.join(ROOT, 'test', 'integration', 'workspace');
    const compiled = path.join(ROOT, 'dist-test', 'integration');

    if (only.has('suite')) {
      log('\n== Integration suite: Node extension host, extension under development');
      const workspace = copyWorkspace(fixtures, 'suite');
      const run = await runSuitePage(browser, editor.pageUrl(workspace, [
        ['extensionDevelopmentPath', editor.remote(ROOT)],
        ['extensionTestsPath', editor.remote(path.join(compiled, 'index.js'))],
        ...env,
      ]), { label: 'suite' });
      outcomes.push(outcomeOf('suite', run));
    }

    if (only.has('formats')) {
      // Each workspace gets its own page: the extension reads one project's format per folder.
      for (const [name, env2] of [['workspace-twir', 'formats'], ['workspace-noconfig', 'setup']] as const) {
        log(`\n== Formats: ${name}, Node extension host`);
        const workspace = copyWorkspace(path.join(ROOT, 'test', 'integration', name), `formats-${env2}`);
        const run = await runSuitePage(browser, editor.pageUrl(workspace, [
          ['extensionDevelopmentPath', editor.remote(ROOT)],
          ['extensionTestsPath', editor.remote(path.join(compiled, 'formats', 'index.js'))],
          ['extensionEnvironment', JSON.stringify({ ...extensionEnvironment, NEWSLETTER_FORMATS_SUITE: env2 })],
        ]), { label: `formats-${env2}` });
        outcomes.push(outcomeOf('formats', run));
      }
    }

    if (only.has('web')) {
      log('\n== Web build: dist/web/extension.js in a web worker extension host');
      const webIndex = path.join(ROOT, 'dist-test', 'integration-web', 'index.js');
      if (!fs.existsSync(webIndex)) throw new Error(`${webIndex} is missing: run \`node esbuild.mjs --tests\` first.`);
      const workspace = copyWorkspace(fixtures, 'web');
      const extension = webOnlyCopy();
      // The workbench runs the tests in the extension host of the extension that contains them.
      const tests = path.join(extension, 'integration-web', 'index.js');
      fs.mkdirSync(path.dirname(tests), { recursive: true });
      fs.copyFileSync(webIndex, tests);
      const run = await runSuitePage(browser, editor.pageUrl(workspace, [
        ['extensionDevelopmentPath', editor.remote(extension)],
        ['extensionTestsPath', editor.remote(tests)],
        ...env,
      ]), { label: 'web' });
      outcomes.push(outcomeOf('web', run));
    }

    if (only.has('vsix') && vsix) {
      log('\n== Packaged extension: installed from the .vsix');
      const workspace = copyWorkspace(fixtures, 'vsix');
      const run = await runSuitePage(browser, editor.pageUrl(workspace, [
        ['extensionDevelopmentPath', editor.remote(path.join(ROOT, 'test', 'integration', 'vsix-host'))],
        ['extensionTestsPath', editor.remote(path.join(compiled, 'vsix', 'index.js'))],
        ['extensionEnvironment', JSON.stringify({ ...extensionEnvironment, NEWSLETTER_EXPECT_EXTENSIONS_DIR: dirs.extensions })],
      ]), { label: 'vsix' });
      outcomes.push(outcomeOf('vsix', run));
      metrics.push(...run.metrics.map((m) => ({ ...m, vsixBytes: fs.statSync(vsix as string).size })));
    }

    if (only.has('archive')) {
      const corpus = process.env.NEWSLETTER_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus');
      const content = path.join(corpus, 'this-week-in-rust', 'content');
      if (!fs.existsSync(content)) {
        log(`\n== Archive: skipped, ${content} is not present (the shared corpus)`);
        outcomes.push({ phase: 'archive', passed: 0, failed: 0, skipped: 1, note: 'corpus absent' });
      } else {
        // A scratch workspace of the real issues, never inside the project's tracked files.
        const workspace = path.join(SCRATCH, 'workspaces', 'archive-twir');
        fs.rmSync(workspace, { recursive: true, force: true });
        fs.mkdirSync(workspace, { recursive: true });
        fs.cpSync(content, path.join(workspace, 'content'), { recursive: true });
        fs.writeFileSync(path.join(workspace, '.newsletter-desk.json'), '{"format":"this-week-in-rust"}\n');
        for (const step of ['first', 'reload'] as const) {
          log(`\n== Archive (${step} load): ${path.relative(ROOT, workspace)}, Node extension host`);
          const run = await runSuitePage(browser, editor.pageUrl(workspace, [
            ['extensionDevelopmentPath', editor.remote(ROOT)],
            ['extensionTestsPath', editor.remote(path.join(compiled, 'archive', 'index.js'))],
            ['extensionEnvironment', JSON.stringify({ ...extensionEnvironment, NEWSLETTER_ARCHIVE_STEP: step })],
          ]), { label: `archive-${step}` });
          outcomes.push(outcomeOf('archive', run));
        }
      }
    }

    if (only.has('ui')) {
      log('\n== UI tests: playwright drives the workbench');
      outcomes.push(await runUiTests(browser, editor, fixtures, grep));
    }
  } catch (err) {
    log(`\nThe integration run stopped: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    outcomes.push({ phase: 'suite', passed: 0, failed: 1, skipped: 0, note: 'harness error' });
  } finally {
    await stopAll();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }

  if (metrics.length > 0) {
    fs.writeFileSync(path.join(results, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
    for (const m of metrics) log(`metric: ${JSON.stringify(m)}`);
  }
  log('\n== Integration summary');
  for (const o of outcomes) {
    log(`  ${o.phase.padEnd(5)} ${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped${o.note ? ` (${o.note})` : ''}`);
  }
  log(`  state: ${path.relative(ROOT, SCRATCH)}/, screenshots: test-results/screenshots/, took ${Math.round((Date.now() - started) / 1000)} s`);
  const total = outcomes.reduce((t, o) => ({ passed: t.passed + o.passed, failed: t.failed + o.failed, skipped: t.skipped + o.skipped }), { passed: 0, failed: 0, skipped: 0 });
  log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

async function runUiTests(browser: BrowserContext, editor: RunningEditor, fixtures: string, grep?: string): Promise<Outcome> {
  const uiDir = path.join(ROOT, 'dist-test', 'integration', 'ui');
  const files = fs.existsSync(uiDir) ? fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.js')).sort() : [];
  const workspace = copyWorkspace(fixtures, 'ui');
  const openPage = (folder: string) => openWorkbench(browser, editor.pageUrl(folder, [['extensionDevelopmentPath', editor.remote(ROOT)]]));
  const page = await openPage(workspace);
  setUiContext({
    page,
    workspace,
    root: ROOT,
    screenshots: path.join(ROOT, 'test-results', 'screenshots'),
    openWorkbench: openPage,
  });
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (grep) mocha.grep(grep);
  for (const file of files) mocha.addFile(path.join(uiDir, file));
  // mocha colours its output when CI=true (supports-color), whatever its `color` option says:
  // keep the CI log plain text.
  const write = process.stdout.write.bind(process.stdout);
  // eslint-disable-next-line no-control-regex
  const plain = (chunk: unknown): unknown => (typeof chunk === 'string' ? chunk.replace(/\x1b\[[0-9;]*m/g, '') : chunk);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (write as (...a: unknown[]) => boolean)(plain(chunk), ...rest)) as typeof process.stdout.write;
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
  }).finally(() => {
    process.stdout.write = write;
  });
  await page.close().catch(() => undefined);
  return { phase: 'ui', passed: stats.passes, failed: stats.failures, skipped: stats.pending };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? err.message : String(err));
    log('0 passed, 1 failed');
    process.exit(1);
  },
);
