import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NewsletterConfig } from '../core';
import { parseManyHere, type ParseMany, type ParseRequest, type StoredFile, type WithDocument } from '../core/indexStore';
import { issueUrls, type IssueUrl } from '../linkcheck/issueLinks';

/** A batch of files for one worker, and its answer. */
export interface WorkerRequest {
  readonly batch: number;
  readonly requests: readonly ParseRequest[];
  readonly config: NewsletterConfig;
  /** Also answer each file's http(s) URLs (`urls`, in the order of `files`). */
  readonly withUrls: boolean;
}
export type WorkerAnswer = { readonly batch: number; readonly files: StoredFile[]; readonly urls?: IssueUrl[][] } | { readonly batch: number; readonly error: string };

/** Below this many files to parse, starting threads costs more than it saves: the main thread parses them. */
export const MIN_FILES_FOR_WORKERS = 24;
/** Files per message: small enough to balance the load, large enough that messages cost little. */
const BATCH = 4;
/** Batches a worker holds at once: it starts the next while the main thread, busy parsing too, has not yet read its answer. */
const IN_FLIGHT = 2;
/**
 * Each worker's young generation, in MB (`resourceLimits.maxYoungGenerationSizeMb`, three
 * semi-spaces: 64 MB each). Parsing allocates a great many short-lived objects (micromark's
 * events and tokens, mdast nodes), and V8's default young generation, a few MB to begin with,
 * is collected so often that collecting costs nearly as much as parsing: bare remark-parse of
 * This Week in Rust's issues took 7.7 s in a worker by default and 5.1 s with this (bench:
 * coldCheck). The price is memory, while the worker lives: up to this much more per worker.
 */
export const WORKER_YOUNG_GENERATION_MB = 192;

declare const __dirname: string | undefined;

/** dist/parseWorker.js beside the bundle that runs this (dist/cli.js, dist/extension.js), when there is one. */
export function defaultWorkerScript(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const path = join(__dirname, 'parseWorker.js');
  return existsSync(path) ? path : undefined;
}

export interface WorkerOptions {
  /**
   * How many threads parse (default: `os.availableParallelism()`), the main thread among them
   * when it parses too (then 1 or less: the main thread alone).
   */
  readonly threads?: number;
  /** The worker's script (default: dist/parseWorker.js beside the running bundle). */
  readonly script?: string;
  /**
   * Whether the main thread parses its share too (default: true). In the CLI it has nothing else
   * to do meanwhile, its answers need no copying between threads, and one worker fewer is started.
   * False: only the workers parse (the extension host, whose thread is the editor's).
   */
  readonly mainThreadParses?: boolean;
  /** Each worker's young generation in MB (default: `WORKER_YOUNG_GENERATION_MB`). */
  readonly youngGenerationMb?: number;
  /** Called with the number of threads that parse (0: the main thread alone, no worker started). */
  readonly onThreads?: (threads: number) => void;
  /** Called after each batch of files parsed on the threads, with how many are done so far. */
  readonly onParsed?: (done: number, total: number) => void;
  /**
   * Asked before each batch: once it says true, no batch is sent, and the files parsed so far
   * are answered (in the order asked, the others left out).
   */
  readonly cancelled?: () => boolean;
  /**
   * How the files are parsed when they stay on this thread (few files, one core, no worker
   * script): default `parseManyHere`. The extension host passes its own, which yields to the
   * editor between files. (`onUrls` is not called for the files it parses.)
   */
  readonly here?: ParseMany;
  /**
   * Called with each parsed file's http(s) URLs (`issueUrls`), read from the same parse as its
   * findings: `check --links` then does not parse the files again.
   */
  readonly onUrls?: (id: string, urls: IssueUrl[]) => void;
}

/**
 * A `ParseMany` over worker threads and the main thread (or the workers alone): the files go out
 * in small batches, largest files first (so no thread is left with a big one at the end), to
 * whichever thread is free, and the answers are put back in the order asked, so the results are
 * the main thread's. Few files, one core, or no worker script: the main thread parses them.
 */
export function workerParseMany(options: WorkerOptions = {}): ParseMany {
  return async (requests, config) => {
    const script = options.script ?? defaultWorkerScript();
    const threads = Math.min(options.threads ?? availableParallelism(), Math.ceil(requests.length / BATCH));
    const mainThreadParses = options.mainThreadParses ?? true;
    const workers = mainThreadParses ? threads - 1 : threads;
    if (!script || workers < 1 || requests.length < MIN_FILES_FOR_WORKERS) {
      options.onThreads?.(0);
      return options.here ? options.here(requests, config) : parseManyHere(requests, config, urlsOf(options.onUrls));
    }
    options.onThreads?.(threads);
    return runPool(script, workers, requests, config, { ...options, mainThreadParses });
  };
}

/**
 * The CLI's pool (`check`): as many worker threads as `threads` (default: the cores there are)
 * parse, and the main thread only hands out the batches and puts the answers in order; with one
 * thread, the main thread parses alone. The main thread does not take a share: its young
 * generation is V8's default, fixed when node starts (a worker's is set, see
 * `WORKER_YOUNG_GENERATION_MB`), and its share was the slowest. Measured on This Week in Rust's
 * 477 issues, 2 cores, fresh processes, three runs each alternating: 11.1 s on two workers against
 * 12.7 s on one worker and the main thread (bench: coldCheck gives the in-process figures).
 */
export function commandLineParseMany(options: Omit<WorkerOptions, 'mainThreadParses'> = {}): ParseMany {
  const threads = options.threads ?? availableParallelism();
  return workerParseMany({ ...options, threads, mainThreadParses: threads === 1 });
}

/** What a parse on this thread reads for `onUrls`: each document's URLs, from the same parse. */
function urlsOf(onUrls: WorkerOptions['onUrls']): WithDocument | undefined {
  return onUrls ? (id, document) => onUrls(id, issueUrls(document)) : undefined;
}

async function runPool(
  script: string,
  workerCount: number,
  requests: readonly ParseRequest[],
  config: NewsletterConfig,
  options: WorkerOptions & { readonly mainThreadParses: boolean },
): Promise<StoredFile[]> {
  const { onUrls, onParsed, cancelled } = options;
  const youngGenerationMb = options.youngGenerationMb ?? WORKER_YOUNG_GENERATION_MB;
  // Largest first: the time of a file grows with its size, and the last batches, small ones, even out the threads' ends.
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].text.length - requests[a].text.length || a - b);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += BATCH) batches.push(order.slice(i, i + BATCH));
  const answers: StoredFile[] = new Array(requests.length);
  let next = 0;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  let stopped = false;
  let done = 0;
  const take = (): number[] | undefined => {
    stopped ||= cancelled?.() ?? false;
    return failure === undefined && !stopped && next < batches.length ? batches[next++] : undefined;
  };
  const place = (batch: readonly number[], files: readonly StoredFile[]) => {
    batch.forEach((index, i) => (answers[index] = files[i]));
    done += batch.length;
    onParsed?.(done, requests.length);
  };
  const onWorker = (worker: Worker) => new Promise<void>((resolve, reject) => {
    const sent = new Map<number, number[]>();
    let id = 0;
    const fail = (error: Error) => {
      failure ??= error;
      reject(error);
    };
    const send = () => {
      while (sent.size < IN_FLIGHT) {
        const batch = take();
        if (!batch) break;
        sent.set(++id, batch);
        worker.postMessage({ batch: id, requests: batch.map((index) => requests[index]), config, withUrls: onUrls !== undefined } satisfies WorkerRequest);
      }
      if (sent.size === 0) resolve();
    };
    worker.on('message', (answer: WorkerAnswer) => {
      if ('error' in answer) {
        fail(new Error(`a parse worker failed: ${answer.error}`));
        return;
      }
      const batch = sent.get(answer.batch) as number[];
      place(batch, answer.files);
      if (onUrls) batch.forEach((index, i) => onUrls(requests[index].id, answer.urls?.[i] ?? []));
      sent.delete(answer.batch);
      send();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (sent.size > 0 || code !== 0) fail(new Error(`a parse worker stopped (exit code ${code})`));
    });
    send();
  });
  const onMainThread = async () => {
    const withDocument = urlsOf(onUrls);
    for (let batch = take(); batch; batch = take()) {
      place(batch, parseManyHere(batch.map((index) => requests[index]), config, withDocument));
      // Let the workers' answers in, so that they are sent their next batch without waiting.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    const running = Array.from({ length: workerCount }, () => {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
      workers.push(worker);
      return onWorker(worker);
    });
    await Promise.all(options.mainThreadParses ? [...running, onMainThread()] : running);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Cancelled: the files parsed before, without holes (the others were never sent).
  return stopped ? answers.filter((answer) => answer !== undefined) : answers;
}
