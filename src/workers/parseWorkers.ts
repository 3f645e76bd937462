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

declare const __dirname: string | undefined;

/** dist/parseWorker.js beside the bundle that runs this (dist/cli.js, dist/extension.js), when there is one. */
export function defaultWorkerScript(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const path = join(__dirname, 'parseWorker.js');
  return existsSync(path) ? path : undefined;
}

export interface WorkerOptions {
  /** How many threads parse (default: `os.availableParallelism()`), the main thread among them; 1 or less: the main thread alone. */
  readonly threads?: number;
  /** The worker's script (default: dist/parseWorker.js beside the CLI). */
  readonly script?: string;
  /**
   * Whether the main thread parses its share too (default: true). It has nothing else to do
   * meanwhile, its answers need no copying between threads, and one worker fewer is started.
   * False (for tests): only the workers parse.
   */
  readonly mainThreadParses?: boolean;
  /** Called with the number of threads that parse (0: the main thread alone, no worker started). */
  readonly onThreads?: (threads: number) => void;
  /**
   * Called with each parsed file's http(s) URLs (`issueUrls`), read from the same parse as its
   * findings: `check --links` then does not parse the files again.
   */
  readonly onUrls?: (id: string, urls: IssueUrl[]) => void;
}

/**
 * A `ParseMany` over worker threads and the main thread: the files go out in small batches,
 * largest files first (so no thread is left with a big one at the end), to whichever thread is
 * free, and the answers are put back in the order asked, so the results are the main thread's.
 * Few files, one core, or no worker script: the main thread parses them.
 */
export function workerParseMany(options: WorkerOptions = {}): ParseMany {
  return async (requests, config) => {
    const script = options.script ?? defaultWorkerScript();
    const threads = Math.min(options.threads ?? availableParallelism(), Math.ceil(requests.length / BATCH));
    const mainThreadParses = options.mainThreadParses ?? true;
    const workers = mainThreadParses ? threads - 1 : threads;
    const onUrls = options.onUrls;
    const withDocument: WithDocument | undefined = onUrls ? (id, document) => onUrls(id, issueUrls(document)) : undefined;
    if (!script || threads <= 1 || workers < 1 || requests.length < MIN_FILES_FOR_WORKERS) {
      options.onThreads?.(0);
      return parseManyHere(requests, config, withDocument);
    }
    options.onThreads?.(threads);
    return runPool(script, workers, mainThreadParses, requests, config, onUrls);
  };
}

async function runPool(
  script: string,
  workerCount: number,
  mainThreadParses: boolean,
  requests: readonly ParseRequest[],
  config: NewsletterConfig,
  onUrls: WorkerOptions['onUrls'],
): Promise<StoredFile[]> {
  // Largest first: the time of a file grows with its size, and the last batches, small ones, even out the threads' ends.
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].text.length - requests[a].text.length || a - b);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += BATCH) batches.push(order.slice(i, i + BATCH));
  const answers: StoredFile[] = new Array(requests.length);
  let next = 0;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  const take = (): number[] | undefined => (failure === undefined && next < batches.length ? batches[next++] : undefined);
  const place = (batch: readonly number[], files: readonly StoredFile[]) => batch.forEach((index, i) => (answers[index] = files[i]));
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
    for (let batch = take(); batch; batch = take()) {
      place(batch, parseManyHere(batch.map((index) => requests[index]), config, onUrls ? (id, document) => onUrls(id, issueUrls(document)) : undefined));
      // Let the workers' answers in, so that they are sent their next batch without waiting.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    const running = Array.from({ length: workerCount }, () => {
      const worker = new Worker(script);
      workers.push(worker);
      return onWorker(worker);
    });
    await Promise.all(mainThreadParses ? [...running, onMainThread()] : running);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return answers;
}
