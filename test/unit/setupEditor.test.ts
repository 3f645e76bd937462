import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { projectRoot } from './helpers/text';

/**
 * scripts/setup-editor.sh's first step, with stand-ins for dpkg, apt-get, sudo and id on the PATH:
 * it says which Debian packages it will install and why before it runs apt-get, asks at a
 * terminal before it uses sudo, and never prompts for a password without one (`sudo -n`).
 * `script` gives it a terminal. Skips where bash or script(1) is missing.
 */
const SCRIPT = join(projectRoot, 'scripts', 'setup-editor.sh');
const hasTools = ['/bin/bash', '/usr/bin/script'].every(existsSync);

describe('setup-editor.sh installs Debian packages only after saying so', { skip: hasTools ? false : 'needs bash and script(1)' }, () => {
  let dir: string;
  let log: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nl-setup-'));
    log = join(dir, 'calls.log');
    const stub = (name: string, body: string) => {
      writeFileSync(join(dir, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    };
    stub('dpkg', 'exit 1'); // nothing installed
    stub('id', '[ "$1" = "-u" ] && echo 1000 || /usr/bin/id "$@"'); // not root
    stub('apt-get', `echo "apt-get $*" >> "${log}"`);
    // Step 1 only (SETUP_EDITOR_ONLY=packages): anything past it would show here as npm calls.
    stub('npm', `echo "npm $*" >> "${log}"; exit 1`);
    stub('sudo', `echo "sudo $*" >> "${log}"; [ "$1" = "-n" ] && shift; "$@"`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function run(options: { terminal: boolean; answer?: string; ci?: boolean }): { output: string; calls: string[]; status: number | null } {
    writeFileSync(log, '');
    const env: NodeJS.ProcessEnv = { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, CHROMIUM_PATH: join(dir, 'no-chromium'), SETUP_EDITOR_ONLY: 'packages', ...(options.ci ? { CI: 'true' } : {}) };
    const result = options.terminal
      ? spawnSync('/usr/bin/script', ['-qec', `bash ${SCRIPT}`, '/dev/null'], { env, input: `${options.answer ?? ''}\n`, encoding: 'utf8', timeout: 20_000 })
      : spawnSync('/bin/bash', [SCRIPT], { env, input: '', encoding: 'utf8', timeout: 20_000 });
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { output: `${result.stdout}${result.stderr}`, calls, status: result.status };
  }

  test('at a terminal it names each package and why, asks, and installs nothing on "no"', () => {
    const { output, calls, status } = run({ terminal: true, answer: 'n' });
    assert.match(output, /chromium: the browser/);
    assert.match(output, /libkrb5-dev: Kerberos headers/);
    assert.match(output, /Install them now with `sudo apt-get install chromium libkrb5-dev`\? \[y\/N\]/);
    assert.deepEqual(calls, [], 'no sudo, no apt-get');
    assert.notEqual(status, 0);
  });

  test('at a terminal, "y" installs them with sudo', () => {
    const { calls, status } = run({ terminal: true, answer: 'y' });
    assert.equal(status, 0);
    assert.deepEqual(calls.filter((c) => c.startsWith('sudo')), ['sudo apt-get update -qq', 'sudo apt-get install -y -qq chromium libkrb5-dev']);
  });

  test('in CI it says what it installs first, and uses sudo -n (never a password prompt)', () => {
    const { output, calls, status } = run({ terminal: false, ci: true });
    assert.equal(status, 0);
    assert.ok(output.indexOf('chromium: the browser') < output.indexOf('Running:'), output);
    assert.deepEqual(calls.filter((c) => c.startsWith('sudo')), ['sudo -n apt-get update -qq', 'sudo -n apt-get install -y -qq chromium libkrb5-dev']);
  });
});
