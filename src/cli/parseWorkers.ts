import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NewsletterConfig } from '../core';
import { parseManyHere, type ParseMany, type ParseRequest, type StoredFile } from '../core/indexStore';

/** A batch of files for one worker, and its answer. */
export interface WorkerRequest {
  readonly batch: number;
  readonly requests: readonly ParseRequest[];
  readonly config: NewsletterConfig;
}
export type WorkerAnswer = { readonly batch: number; readonly files: StoredFile[] } | { readonly batch: number; readonly error: string };

/** Below this many files to parse, starting threads costs more than it saves: the main thread parses them. */
export const MIN_FILES_FOR_WORKERS = 24;
/** Files per message: small enough to balance the load, large enough that messages cost little. */
const BATCH = 8;

declare const __dirname: string | undefined;

/** dist/parseWorker.js beside the CLI bundle (dist/cli.js), when there is one. */
export function defaultWorkerScript(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const path = join(__dirname, 'parseWorker.js');
  return existsSync(path) ? path : undefined;
}

export interface WorkerOptions {
  /** How many threads (default: `os.availableParallelism()`); 1 or less parses on the main thread. */
  readonly threads?: number;
  /** The worker's script (default: dist/parseWorker.js beside the CLI). */
  readonly script?: string;
  /** Called with the number of threads used (0: the main thread). */
  readonly onThreads?: (threads: number) => void;
}

/**
 * A `ParseMany` over worker threads: the files go out in small batches to whichever thread is
 * free, and the answers come back in the order asked, so the results are the main thread's. Few
 * files, one core, or no worker script: the main thread parses them.
 */
export function workerParseMany(options: WorkerOptions = {}): ParseMany {
  return async (requests, config) => {
    const script = options.script ?? defaultWorkerScript();
    const threads = Math.min(options.threads ?? availableParallelism(), Math.ceil(requests.length / BATCH));
    if (!script || threads <= 1 || requests.length < MIN_FILES_FOR_WORKERS) {
      options.onThreads?.(0);
      return parseManyHere(requests, config);
    }
    options.onThreads?.(threads);
    return runPool(script, threads, requests, config);
  };
}

async function runPool(script: string, threads: number, requests: readonly ParseRequest[], config: NewsletterConfig): Promise<StoredFile[]> {
  const batches: ParseRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
  const answers: StoredFile[][] = new Array(batches.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(script);
      workers.push(worker);
      const send = () => {
        if (next >= batches.length) {
          resolve();
          return;
        }
        const batch = next++;
        worker.postMessage({ batch, requests: batches[batch], config } satisfies WorkerRequest);
      };
      worker.on('message', (answer: WorkerAnswer) => {
        if ('error' in answer) {
          reject(new Error(`a parse worker failed: ${answer.error}`));
          return;
        }
        answers[answer.batch] = answer.files;
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (next < batches.length || code !== 0) reject(new Error(`a parse worker stopped (exit code ${code})`));
      });
      send();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return answers.flat();
}
