import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { fixturePath } from './helpers/text';

const folder = fixturePath('cli');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: folder });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The findings a fixture states for itself in `<!-- expect: CODE LINE:COLUMN -->` comments. */
function expectedFindings(file: string): string[] {
  const text = readFileSync(join(folder, file), 'utf8');
  return [...text.matchAll(/<!-- expect: (\S+) (\d+):(\d+) -->/g)].map((m) => `${m[1]} ${m[2]}:${m[3]}`);
}

describe('newsletter-desk check', () => {
  test('reports the findings each fixture states, 1-based, and exits 1 on an error', async () => {
    const result = await run('check', '--format', 'json');
    assert.equal(result.code, 1);
    const reports = JSON.parse(result.out) as { file: string; messages: { code: string; line: number; column: number; severity: string }[] }[];
    for (const report of reports) {
      assert.deepEqual(report.messages.map((m) => `${m.code} ${m.line}:${m.column}`), expectedFindings(report.file), report.file);
    }
  });

  test('checks issue files by folder and by title, and never a README beside them', async () => {
    const reports = JSON.parse((await run('check', '.', '--format', 'json')).out) as { file: string }[];
    assert.deepEqual(reports.map((r) => r.file.replace(/\\/g, '/')).sort(), ['_posts/2021-03-07-40.md', '_posts/2021-03-14-41.md', 'notes/draft.md']);
  });

  test('prints file:line:column, severity, code and message in text format', async () => {
    const result = await run('check', '_posts');
    const line = result.out.split('\n').find((l) => l.includes('frontmatter.invalid'));
    assert.match(line ?? '', /^_posts[\\/]2021-03-14-41\.md:4:1 {2}error {2}frontmatter\.invalid {2}The front matter is not valid YAML/);
  });

  test('exits 0 when no finding is an error', async () => {
    assert.equal((await run('check', '_posts/2021-03-07-40.md')).code, 0);
  });

  test('accepts globs', async () => {
    const reports = JSON.parse((await run('check', '_posts/*-40.md', '--format', 'json')).out) as { file: string }[];
    assert.equal(reports.length, 1);
  });

  test('checks a file named explicitly even when it is not an issue', async () => {
    const reports = JSON.parse((await run('check', 'README.md', '--format', 'json')).out) as { file: string }[];
    assert.deepEqual(reports.map((r) => r.file), ['README.md']);
  });

  for (const [why, argv] of [
    ['a path that does not exist', ['check', 'no-such-folder']],
    ['an unknown format', ['check', '--format', 'xml']],
    ['an unknown option', ['check', '--frobnicate']],
    ['an unknown command', ['frobnicate']],
    ['a glob that matches nothing', ['check', 'nothing/*.md']],
    ['a config file that does not exist', ['check', '--config', 'missing.json']],
    ['an option value that starts with a dash', ['check', '--threads', '-1']],
  ] as const) {
    test(`exits 2 with one line on stderr for ${why}`, async () => {
      const result = await run(...argv);
      assert.equal(result.code, 2);
      assert.equal(result.err.split('\n').length, 1);
      assert.match(result.err, /^newsletter-desk: /);
    });
  }

  test('an option value that starts with a dash: the one line says how to write it', async () => {
    const result = await run('check', '--threads', '-1');
    assert.match(result.err, /--threads=-/);
  });
});
