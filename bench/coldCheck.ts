/**
 * Cold `check` of This Week in Rust's 477 issues (its preset), against bare remark-parse of the
 * same files, side by side in this process (best of ROUNDS, alternating): reading the files
 * included in both. The check parses on the cores there are (one worker thread per core, as the
 * CLI does: `commandLineParseMany` in parseWorkers.ts). Also the same check on one thread, and a warm run (`--cache`, nothing
 * changed) against the cold one. Targets: cold check / bare remark <= 1.0 (with the workers), warm
 * / cold <= 0.1. Peak RSS is the process's (`resourceUsage().maxRSS`), worker threads included
 * (they share the process), after each phase. CPU time (the process's, all threads) is reported
 * beside the wall clock: on a shared machine it says what our work costs when the wall clock
 * cannot. Last, bare remark-parse in a worker with the parse workers' young generation: the
 * workers are given a larger one (parseWorkers.ts), and this tells what that alone is worth.
 * And the CLI's check against bare remark-parse as fresh processes: in this process, the rounds
 * after the first find the JIT and the rules' memos warm, which flatters the check. And bare
 * remark-parse split over as many worker threads as the check's (with their young generation,
 * kept between rounds as the check's pool is): what the machine's cores give the parser alone,
 * the most the check's threads could give it.
 * Without the corpus: skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { resolveConfig } from '../src/core/config';
import { checkArchive, formatText } from '../src/cli/check';
import { expandPaths } from '../src/cli/files';
import { readFoundFiles } from '../src/cli/workspace';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { commandLineParseMany, WORKER_YOUNG_GENERATION_MB } from '../src/workers/parseWorkers';
import { parseManyHere } from '../src/core/indexStore';
import { projectRoot } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const corpus = process.env.NEWSLETTER_CORPUS ?? resolve(projectRoot, '..', 'shared', 'corpus');
const cwd = join(corpus, 'this-week-in-rust');
const script = join(projectRoot, 'dist', 'parseWorker.js');
const config = resolveConfig({ format: 'this-week-in-rust' }).config;
const remark = unified().use(remarkParse);
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** CPU time (user + system) of the last `timed` call, the whole process's: worker threads included. */
let lastCpu = 0;

async function timed(fn: () => unknown): Promise<number> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  lastCpu = (used.user + used.system) / 1000;
  return elapsed;
}

function bare(share = 0, of = 1): void {
  const found = expandPaths(['content'], cwd);
  for (let i = share; i < found.length; i += of) remark.parse(readFileSync(found[i].path, 'utf8'));
}

/**
 * Bare remark-parse over `threads` worker threads (this script, kept between rounds), each the
 * files of its own share, with the parse workers' young generation; the main thread waits, as
 * the check's does.
 */
function bareOnThreads(threads: number): { run: () => Promise<void>; close: () => Promise<void> } {
  const workers = Array.from({ length: threads }, (_, i) => new Worker(new URL(import.meta.url), { workerData: { bareShare: i, of: threads }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
  const run = async () => {
    const done = workers.map((worker) => new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.postMessage('parse');
    }));
    await Promise.all(done);
  };
  return { run, close: async () => void (await Promise.all(workers.map((worker) => worker.terminate()))) };
}

async function check(options: Parameters<typeof checkArchive>[2]): Promise<string> {
  const read = readFoundFiles(expandPaths(['content'], cwd), config, cwd, cwd);
  return formatText((await checkArchive(read, config, options)).reports);
}

/**
 * Bare remark-parse in a worker thread with the parse workers' young generation, best of ROUNDS:
 * what that setting alone gives the parser, beside the main thread's default heap. (This script
 * is the worker's too: see the end.)
 */
function bareInWorker(): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: 'bare', resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/**
 * One fresh process, timed from start to exit in `cwd`: nothing warmed by an earlier round (the
 * JIT, the rules' memos), as a user or CI runs it. A usage error (exit code 2) is the bench's.
 */
function freshProcess(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  const elapsed = performance.now() - start;
  if (run.error || run.status === null || run.status === 2) throw new Error(`node ${args.join(' ')} failed (${run.error?.message ?? `exit code ${run.status}`})`);
  return elapsed;
}

let files: number;
try {
  files = expandPaths(['content'], cwd).length;
} catch {
  files = 0;
}
if (process.argv.includes('--bare-once')) {
  // The fresh-process baseline (see `freshProcess`): read and parse every file once.
  bare();
} else if (!isMainThread && typeof workerData === 'object' && workerData !== null && 'bareShare' in workerData) {
  const { bareShare, of } = workerData as { bareShare: number; of: number };
  parentPort?.on('message', () => {
    bare(bareShare, of);
    parentPort?.postMessage('done');
  });
} else if (!isMainThread && workerData === 'bare') {
  for (const found of expandPaths(['content'], cwd).slice(0, 20)) remark.parse(readFileSync(found.path, 'utf8'));
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) times.push(await timed(bare));
  parentPort?.postMessage(Math.min(...times));
} else if (files === 0) {
  console.log('this-week-in-rust: corpus absent, skipped');
} else {
  console.log(`this-week-in-rust: ${files} files, ${availableParallelism()} cores, best of ${ROUNDS} rounds`);
  // Warm up the JIT on both paths (a few files), so the first round is not the slow one.
  for (const found of expandPaths(['content'], cwd).slice(0, 20)) remark.parse(readFileSync(found.path, 'utf8'));
  const workers = commandLineParseMany({ script });
  const threads = availableParallelism();
  const bareThreads = bareOnThreads(threads);
  const bareThreadTimes: number[] = [];
  const oneThread = async (r: Parameters<typeof parseManyHere>[0], c: typeof config) => parseManyHere(r, c);
  const bareTimes: number[] = [];
  const coldTimes: number[] = [];
  const singleTimes: number[] = [];
  const bareCpu: number[] = [];
  const coldCpu: number[] = [];
  const singleCpu: number[] = [];
  let outputs: string[] = [];
  let rssBare = '';
  let rssCold = '';
  for (let round = 0; round < ROUNDS; round++) {
    bareTimes.push(await timed(bare));
    bareCpu.push(lastCpu);
    rssBare ||= rssMb();
    let out = '';
    coldTimes.push(await timed(async () => (out = await check({ parseMany: workers }))));
    coldCpu.push(lastCpu);
    rssCold ||= rssMb();
    outputs.push(out);
    singleTimes.push(await timed(async () => outputs.push(await check({ parseMany: oneThread }))));
    singleCpu.push(lastCpu);
    bareThreadTimes.push(await timed(bareThreads.run));
  }
  await bareThreads.close();
  const folder = mkdtempSync(join(tmpdir(), 'nd-bench-cache-'));
  const cachePath = join(folder, 'index-cache.json');
  const writing = await timed(async () => outputs.push(await check({ parseMany: workers, cachePath })));
  const warmTimes: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) warmTimes.push(await timed(async () => outputs.push(await check({ parseMany: workers, cachePath }))));
  const cacheSize = readFileSync(cachePath).length;
  // The CLI and bare remark-parse as fresh processes, alternating.
  const configPath = join(folder, 'newsletter-desk.json');
  writeFileSync(configPath, JSON.stringify({ format: 'this-week-in-rust' }));
  const cli = join(projectRoot, 'dist', 'cli.js');
  const freshBare: number[] = [];
  const freshCheck: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    freshBare.push(freshProcess([fileURLToPath(import.meta.url), '--bare-once']));
    freshCheck.push(freshProcess([cli, 'check', 'content', '--config', configPath]));
  }
  rmSync(folder, { recursive: true, force: true });
  // Before the worker below, which has a heap of its own: the check's figure, comparable with earlier runs'.
  const rssEnd = rssMb();
  const bareTuned = await bareInWorker();
  const same = outputs.every((o) => o === outputs[0]);
  outputs = [];
  const best = (t: number[]) => Math.min(...t);
  const ms = (t: number) => `${t.toFixed(0)} ms`;
  console.log(`  bare remark-parse (read + parse)     ${ms(best(bareTimes))}   peak RSS after: ${rssBare} MB`);
  console.log(`  cold check, worker threads           ${ms(best(coldTimes))}   peak RSS after: ${rssCold} MB (workers included)`);
  console.log(`  cold check, one thread               ${ms(best(singleTimes))}`);
  console.log(`  cold check writing the cache         ${ms(writing)}   (cache file ${(cacheSize / 1048576).toFixed(1)} MB)`);
  console.log(`  warm check (--cache, unchanged)      ${ms(best(warmTimes))}   peak RSS at the end: ${rssEnd} MB`);
  console.log(`  bare remark-parse in a worker, young generation ${WORKER_YOUNG_GENERATION_MB} MB as the parse workers': ${ms(bareTuned)}`);
  console.log(`  ratio cold check (workers) / bare remark: ${(best(coldTimes) / best(bareTimes)).toFixed(3)} (target <= 1.0); / bare remark with the workers' heap: ${(best(coldTimes) / bareTuned).toFixed(3)}`);
  console.log(`  ratio cold check (one thread) / bare remark: ${(best(singleTimes) / best(bareTimes)).toFixed(3)}`);
  console.log(`  bare remark-parse on ${threads} worker threads ${ms(best(bareThreadTimes))}: the cores give the parser alone ${(best(bareTimes) / best(bareThreadTimes)).toFixed(2)}x; cold check (workers) / that: ${(best(coldTimes) / best(bareThreadTimes)).toFixed(3)}`);
  console.log(`  fresh processes: bare remark-parse ${ms(best(freshBare))}, \`newsletter-desk check\` ${ms(best(freshCheck))}: ratio ${(best(freshCheck) / best(freshBare)).toFixed(3)} (node start-up in both)`);
  console.log(`  ratio warm / cold (workers): ${(best(warmTimes) / best(coldTimes)).toFixed(3)} (target <= 0.1)`);
  // CPU time hardly depends on what else the machine runs: the cost of our work, whatever the wall clock says.
  console.log(`  CPU time (best): bare ${ms(best(bareCpu))}, cold check workers ${ms(best(coldCpu))}, one thread ${ms(best(singleCpu))}`);
  console.log(`  ratio CPU cold check (workers, all threads) / bare remark: ${(best(coldCpu) / best(bareCpu)).toFixed(3)}; one thread: ${(best(singleCpu) / best(bareCpu)).toFixed(3)} (the workers' target needs well under 2)`);
  console.log(`  every run printed the same findings: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
}
