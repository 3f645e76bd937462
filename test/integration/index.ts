// The integration suite's entry: VS Code (desktop through runElectron.ts, or code-server through
// runCodeServer.ts) loads this file as `extensionTestsPath` and calls `run()` in the extension host.
// It runs every compiled suite file `dist-test/integration/suite/*.test.js` with mocha (BDD).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Printed by the extension host, read by the launchers: the suite's counts as JSON. */
export const RESULT_MARKER = '[newsletter-suite-result]';

export function run(): Promise<void> {
  return runFolder(path.join(__dirname, 'suite'));
}

/** Runs every `*.test.js` of a folder (that `include` accepts) with mocha and prints the counts with RESULT_MARKER. */
export function runFolder(suiteDir: string, include: (fileName: string) => boolean = () => true): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.NEWSLETTER_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js') && include(f)).sort();
  for (const file of files) mocha.addFile(path.join(suiteDir, file));
  console.log(`[newsletter-suite-start] ${files.length} suite file(s) from ${suiteDir}`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: passes, failed: failures, skipped: pending })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
