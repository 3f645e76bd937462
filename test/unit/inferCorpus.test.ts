import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { CORPUS_MISSING, corpusDir } from './helpers/text';

const corpus = corpusDir();

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * `init` on a copy of each corpus (no config there), then `check` and `outline` of its issue
 * folder under the inferred profile and under the preset: the same findings, the same tree.
 */
const CASES = [
  // DevOps Weekly's posts, inside a folder of their own (the archive as a repository holds it).
  { name: 'devops-weekly', copy: 'posts', into: join('archive', 'posts'), root: 'archive', check: 'posts', issues: 361 },
  { name: 'this-week-in-rust', copy: 'this-week-in-rust', into: 'this-week-in-rust', root: 'this-week-in-rust', check: 'content', issues: 477 },
  { name: 'lwkd', copy: 'lwkd', into: 'lwkd', root: 'lwkd', check: '_posts', issues: 262 },
] as const;

describe('init on each corpus infers a profile that behaves as the preset', { skip: corpus ? false : CORPUS_MISSING }, () => {
  for (const c of CASES) {
    test(`${c.name}: check gives exactly the preset's findings and outline the same tree`, async (t) => {
      const tmp = mkdtempSync(join(tmpdir(), `nd-infer-${c.name}-`));
      t.after(() => rmSync(tmp, { recursive: true, force: true }));
      mkdirSync(join(tmp, c.into, '..'), { recursive: true });
      cpSync(join(corpus as string, c.copy), join(tmp, c.into), { recursive: true });
      const root = join(tmp, c.root);
      assert.ok(!existsSync(join(root, '.newsletter-desk.json')));

      const started = performance.now();
      const init = await run(root, 'init');
      t.diagnostic(`init ${c.name}: ${Math.round(performance.now() - started)} ms`);
      assert.equal(init.code, 0, init.err);
      t.diagnostic(init.out);

      const presetFile = join(tmp, 'preset.json');
      writeFileSync(presetFile, JSON.stringify({ format: c.name }));
      const inferred = await run(root, 'check', c.check, '--format', 'json');
      const preset = await run(root, 'check', c.check, '--format', 'json', '--config', presetFile);
      assert.equal(inferred.err, '');
      const inferredReports = JSON.parse(inferred.out) as { file: string; messages: unknown[] }[];
      assert.equal(inferredReports.length, c.issues);
      assert.deepEqual(inferredReports, JSON.parse(preset.out));

      const inferredOutline = await run(root, 'outline', c.check, '--format', 'json');
      const presetOutline = await run(root, 'outline', c.check, '--format', 'json', '--config', presetFile);
      assert.equal(inferredOutline.code, 0, inferredOutline.err);
      assert.deepEqual(JSON.parse(inferredOutline.out), JSON.parse(presetOutline.out));
    });
  }
});
