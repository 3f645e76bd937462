import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { main } from '../../src/cli/main';
import { projectRoot } from './helpers/text';

const weekly = join(projectRoot, 'test', 'fixtures', 'render', 'weekly.md');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`), cwd });
  return { code, out, err };
}

describe('newsletter-desk render', () => {
  test('prints the plain-text mail with the footer from the project config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-render-'));
    try {
      copyFileSync(weekly, join(dir, 'weekly.md'));
      writeFileSync(join(dir, '.newsletter-desk.json'), JSON.stringify({ emailFooter: 'Subscribe at https://example.org/subscribe' }));
      const result = await run(['render', '--format', 'text', 'weekly.md'], dir);
      assert.equal(result.code, 0);
      assert.equal(result.out, readFileSync(join(projectRoot, 'test', 'fixtures', 'render', 'weekly.mail.txt'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('prints self-contained HTML by default', async () => {
    const result = await run(['render', weekly], projectRoot);
    assert.equal(result.code, 0);
    assert.match(result.out, /^<!DOCTYPE html>/);
    assert.match(result.out, /Issue #512/);
    assert.doesNotMatch(result.out, /<script|<link /);
  });

  test('says what is wrong with a bad format, a missing file or a second file, with exit code 2', async () => {
    assert.match((await run(['render', '--format', 'pdf', weekly], projectRoot)).err, /--format must be html or text/);
    const missing = await run(['render', 'no-such-issue.md'], projectRoot);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read no-such-issue\.md/);
    assert.equal((await run(['render', weekly, weekly], projectRoot)).code, 2);
  });
});
