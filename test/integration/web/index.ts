// The web run's entry: loaded as `extensionTestsPath` by a web worker extension host (the
// extension's `browser` bundle, dist/web/extension.js). No Node here: mocha's browser build and
// the suites that use only the `vscode` API are bundled into one file (dist-test/integration-web/).
import 'mocha/mocha';

const RESULT_MARKER = '[newsletter-suite-result]';

/** mocha's browser build defaults to its HTML reporter; a worker has no DOM, so print lines instead. */
class ConsoleReporter {
  constructor(runner: Mocha.Runner) {
    const indent = (test: Mocha.Runnable): string => '  '.repeat(test.titlePath().length);
    runner.on('suite', (suite: Mocha.Suite) => {
      if (suite.title) console.log(`${'  '.repeat(suite.titlePath().length)}${suite.title}`);
    });
    runner.on('pass', (test: Mocha.Test) => console.log(`${indent(test)}✔ ${test.title} (${test.duration ?? 0}ms)`));
    runner.on('pending', (test: Mocha.Test) => console.log(`${indent(test)}- ${test.title} (skipped)`));
    runner.on('fail', (test: Mocha.Test, err: Error) => {
      console.log(`${indent(test)}✘ ${test.title}`);
      console.log(`${indent(test)}  ${err.stack ?? err.message}`);
    });
    runner.on('end', () => {
      const s = runner.stats;
      console.log(`  ${s?.passes ?? 0} passing, ${s?.failures ?? 0} failing, ${s?.pending ?? 0} pending`);
    });
  }
}

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', color: false, timeout: 30_000 } as unknown as Mocha.MochaOptions);
  mocha.reporter(ConsoleReporter as unknown as Mocha.ReporterConstructor);
  // After setup, so that `describe` exists when the suites load. The core cases: the same file
  // the desktop run executes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after mocha.setup
  require('../suite/extension.test');
  console.log('[newsletter-suite-start] web worker extension host');
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: passes, failed: failures, skipped: pending })}`);
        if (failures > 0) reject(new Error(`${failures} web integration test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
