/**
 * `npm run bench`: runs every benchmark script in this folder, one after the other, each in its
 * own process so that one's memory and JIT state do not colour the next. Name one or more to run
 * only those: `npm run bench -- parse rules`, `npm run bench -- keystroke` (the latency of an edit:
 * incremental parse against a full one).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = new Set(process.argv.slice(2));
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !['run.mjs', 'support.mjs'].includes(f))
  .filter((f) => wanted.size === 0 || wanted.has(basename(f, '.mjs')))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench: ${basename(script, '.mjs')} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, script)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
