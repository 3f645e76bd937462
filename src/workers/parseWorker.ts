/**
 * The worker thread's entry (bundled as dist/parseWorker.js): parses the batches of issue files
 * the pool in parseWorkers.ts sends and answers with each file's index entry and issue findings
 * (and, when asked, its http(s) URLs for `check --links`).
 */
import { parentPort } from 'node:worker_threads';
import { parseManyHere } from '../core/indexStore';
import { issueUrls, type IssueUrl } from '../linkcheck/issueLinks';
import type { WorkerRequest, WorkerAnswer } from './parseWorkers';

const port = parentPort;
if (port) {
  port.on('message', (message: WorkerRequest) => {
    let answer: WorkerAnswer;
    try {
      const urls: IssueUrl[][] = [];
      const files = parseManyHere(message.requests, message.config, message.withUrls ? (_, document) => urls.push(issueUrls(document)) : undefined);
      answer = { batch: message.batch, files, ...(message.withUrls ? { urls } : {}) };
    } catch (error) {
      answer = { batch: message.batch, error: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    port.postMessage(answer);
  });
}
