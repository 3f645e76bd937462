import type * as vscode from 'vscode';
import { availableParallelism } from 'node:os';
import { activateCommon, type NewsletterApi, type RegisterFeature } from './activate';
import { registerLinkCheck } from './linkCheck';
import type { ParseOffThread } from './workspaceIndex';
import { workerParseMany } from '../workers/parseWorkers';

/** Features that need Node: they are bundled into the desktop build only. */
const NODE_FEATURES: RegisterFeature[] = [
  registerLinkCheck, // live link checking over HTTP (src/linkcheck)
];

/**
 * At most this many parse workers. Each holds a heap of its own while it lives (its young
 * generation alone may grow to `WORKER_YOUNG_GENERATION_MB`), inside the editor's extension host,
 * and the first index is built once per workspace (later windows load it from storage): two
 * workers build This Week in Rust's 477 issues in a few seconds.
 */
const MAX_INDEX_WORKERS = 2;

/**
 * The workspace index parses on worker threads (dist/parseWorker.js), one core left to the editor:
 * the extension host's thread, which every extension shares, only reads the answers.
 */
const parseOnWorkers: ParseOffThread = (requests, config, how) =>
  workerParseMany({
    threads: Math.max(1, Math.min(MAX_INDEX_WORKERS, availableParallelism() - 1)),
    mainThreadParses: false,
    here: how.here,
    onParsed: how.progress,
    cancelled: how.cancelled,
    onThreads: how.onThreads,
  })(requests, config);

/** Desktop (Node) entry: everything the web entry has, plus features that need Node. */
export function activate(context: vscode.ExtensionContext): NewsletterApi {
  return activateCommon(context, 'node', NODE_FEATURES, { parseOffThread: parseOnWorkers });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
