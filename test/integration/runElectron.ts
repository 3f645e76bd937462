// Runs the integration suite in desktop VS Code downloaded by @vscode/test-electron: the
// ecosystem's standard launcher, for machines that can download VS Code (this project's machines
// cannot: they use runCodeServer.ts). Usage: npm run test:electron
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const workspace = path.join(root, '.vscode-test', 'workspaces', 'electron');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist-test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: process.env.NEWSLETTER_TEST_GREP ? { NEWSLETTER_TEST_GREP: process.env.NEWSLETTER_TEST_GREP } : undefined,
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
