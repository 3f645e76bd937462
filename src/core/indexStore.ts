/**
 * The workspace index that survives a restart: each issue file's index entry and the findings of
 * its issue-scoped codes, stored keyed by the file's content hash, our version and a hash of the
 * config (profile and rule levels). A second run reuses what is unchanged and parses only what is
 * not; the workspace-scoped codes (`link.seen-before`, `issue.number-*`: `scope` in
 * rules/rule.ts) are never stored, always recomputed from the index, which costs no parsing.
 *
 * Pure: the host reads and writes the cache text (the CLI's `.newsletter-desk/index-cache.json`,
 * the extension's workspace storage) and may pass its own hash function.
 */
import type { NewsletterConfig } from './config';
import type { Finding, IssueDocument } from './model';
import { parseIssue } from './parse/parseIssue';
import { SharedBlocks } from './parse/sharedBlocks';
import { runIssueRules, runWorkspaceRules, silencedLines, sortFindings } from './rules/runner';
import { indexEntryOf, WorkspaceIndex, type IndexedIssue } from './workspace';

/** A content hash: `name` is stored with the cache, so a cache made with another hash is not used. */
export interface Hasher {
  readonly name: string;
  hash(text: string): string;
}

/**
 * A fast non-cryptographic 64-bit hash (two 32-bit FNV-1a style lanes mixed with Math.imul), in
 * plain JS for hosts without a native one (the web extension). Collisions are as unlikely as a
 * cache needs; it is not a defence against someone forging a cache file.
 */
export const JS_HASHER: Hasher = {
  name: 'fnv2x32',
  hash(text: string): string {
    let h1 = 0x811c9dc5 ^ text.length;
    let h2 = 0x01000193 ^ Math.imul(text.length, 0x9e3779b1);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  },
};

/** One issue file's part of the stored index: what a later run needs to skip parsing it. */
export interface StoredFile {
  /** The id the index knows the file by (the CLI: its absolute path; the extension: its URI). */
  readonly id: string;
  /** The content hash of the text the entry was made from. */
  readonly hash: string;
  readonly issue: IndexedIssue;
  /** The findings of the issue-scoped codes (`runIssueRules`): levels and disable comments applied. */
  readonly findings: readonly Finding[];
}

/** What a stored index is only good for: the same version of Newsletter Desk, the same config, the same hash. */
export interface IndexCacheKey {
  /** Our version (package.json's, injected at build). */
  readonly version: string;
  readonly config: NewsletterConfig;
  readonly hasher?: Hasher;
}

const KIND = 'newsletter-desk index cache';
/** 2: JSON Lines (a header, then one line per file), read and written a few files at a time. */
const SCHEMA = 2;
/** Files written or read between two pauses of the `InTurns` variants. */
const FILES_PER_TURN = 25;

/** The config's hash: profile, rule levels and the rest, keys sorted so the order they were written in does not count. */
export function configHash(config: NewsletterConfig, hasher: Hasher = JS_HASHER): string {
  return hasher.hash(stableJson(config));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache file's text: a header line (kind, schema, version, hash, config hash, how many files,
 * a checksum), then one line of JSON per file. The checksum is the hash of the lines' hashes, so
 * a line that changed, went missing or was cut short shows, and each line is checked as it is read.
 */
export function serializeIndexCache(files: Iterable<StoredFile>, key: IndexCacheKey): string {
  return runNow(writing(files, key));
}

/**
 * `serializeIndexCache`, pausing (`await pause()`) every few files: a host whose thread is the
 * editor's (the extension host) stays responsive while a large archive's index is written.
 */
export function serializeIndexCacheInTurns(files: Iterable<StoredFile>, key: IndexCacheKey, pause: () => Promise<void>): Promise<string> {
  return runInTurns(writing(files, key), pause);
}

export type LoadedIndexCache =
  | { readonly ok: true; readonly files: ReadonlyMap<string, StoredFile> }
  /** `problem`: one line saying why the cache was not used (absent: there was no cache). */
  | { readonly ok: false; readonly problem?: string };

/**
 * Reads a cache file's text. Anything that is not a cache we wrote for this version, config and
 * hash (corrupt, truncated, changed by hand, foreign, old) is ignored, never trusted: the answer
 * then says why in one line, and the caller parses everything.
 */
export function loadIndexCache(text: string | undefined, key: IndexCacheKey): LoadedIndexCache {
  return runNow(reading(text, key));
}

/** `loadIndexCache`, pausing (`await pause()`) every few files (see `serializeIndexCacheInTurns`). */
export function loadIndexCacheInTurns(text: string | undefined, key: IndexCacheKey, pause: () => Promise<void>): Promise<LoadedIndexCache> {
  return runInTurns(reading(text, key), pause);
}

/** The work of writing and reading, as generators that yield where a host may pause: one code path for both variants. */
type Steps<T> = Generator<void, T, void>;

function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function runInTurns<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function* writing(files: Iterable<StoredFile>, key: IndexCacheKey): Steps<string> {
  const hasher = key.hasher ?? JS_HASHER;
  const lines: string[] = [];
  const lineHashes: string[] = [];
  for (const file of files) {
    const line = JSON.stringify(file);
    lines.push(line);
    lineHashes.push(hasher.hash(line));
    if (lines.length % FILES_PER_TURN === 0) yield;
  }
  const header = { kind: KIND, schema: SCHEMA, version: key.version, hash: hasher.name, config: configHash(key.config, hasher), files: lines.length, checksum: hasher.hash(lineHashes.join('')) };
  return `${JSON.stringify(header)}\n${lines.map((line) => `${line}\n`).join('')}`;
}

const IGNORED = 'ignored, every file parsed again';

function* reading(text: string | undefined, key: IndexCacheKey): Steps<LoadedIndexCache> {
  if (text === undefined || text === '') return { ok: false };
  const hasher = key.hasher ?? JS_HASHER;
  const headerEnd = text.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(headerEnd === -1 ? text : text.slice(0, headerEnd));
  } catch {
    return { ok: false, problem: `the index cache is not valid JSON (corrupt, cut short or not ours): ${IGNORED}` };
  }
  if (!isRecord(header) || header.kind !== KIND) return { ok: false, problem: `the index cache is not one Newsletter Desk wrote: ${IGNORED}` };
  if (header.schema !== SCHEMA) return { ok: false, problem: `the index cache is in another layout (schema ${String(header.schema)}, this version reads ${SCHEMA}): ${IGNORED}` };
  if (header.version !== key.version || header.hash !== hasher.name) {
    return { ok: false, problem: `the index cache was written by another version (${String(header.version)}): ${IGNORED}` };
  }
  if (header.config !== configHash(key.config, hasher)) return { ok: false, problem: `the index cache was made with another format or rule levels: ${IGNORED}` };
  const lines = headerEnd === -1 ? [] : text.slice(headerEnd + 1).split('\n');
  // Written with a newline after every line: the last piece is empty, unless the file was cut short.
  if (lines.pop() !== '' || lines.length !== header.files) {
    return { ok: false, problem: `the index cache does not hold the files its header counts (cut short or changed): ${IGNORED}` };
  }
  const files = new Map<string, StoredFile>();
  const lineHashes: string[] = [];
  for (const line of lines) {
    if (lineHashes.length > 0 && lineHashes.length % FILES_PER_TURN === 0) yield;
    lineHashes.push(hasher.hash(line));
    let file: unknown;
    try {
      file = JSON.parse(line);
    } catch {
      return { ok: false, problem: `the index cache is not valid JSON (corrupt or cut short): ${IGNORED}` };
    }
    if (!isStoredFile(file)) return { ok: false, problem: `the index cache holds an entry of the wrong shape: ${IGNORED}` };
    files.set(file.id, file);
  }
  if (header.checksum !== hasher.hash(lineHashes.join(''))) {
    return { ok: false, problem: `the index cache does not match its checksum (changed or damaged): ${IGNORED}` };
  }
  return { ok: true, files };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRange(value: unknown): boolean {
  return isRecord(value) && isRecord(value.start) && isRecord(value.end) && typeof value.start.line === 'number' && typeof value.end.line === 'number';
}

/** Enough of the shape that nothing downstream trips over a well-formed but foreign entry. */
function isStoredFile(value: unknown): value is StoredFile {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.hash !== 'string' || !Array.isArray(value.findings)) return false;
  const issue = value.issue;
  if (!isRecord(issue) || issue.id !== value.id || typeof issue.baseName !== 'string' || !isRange(issue.numberRange)) return false;
  if (!isRecord(issue.fileNameInfo) || !isRecord(issue.symbols) || !Array.isArray(issue.symbols.entries) || !Array.isArray(issue.urls)) return false;
  if (!issue.urls.every((u: unknown) => isRecord(u) && typeof u.normalized === 'string' && typeof u.url === 'string' && isRange(u.range))) return false;
  return value.findings.every((f: unknown) => isRecord(f) && typeof f.code === 'string' && typeof f.message === 'string' && typeof f.severity === 'string' && isRange(f.range));
}

/** One issue file to parse: its id, text and content hash. */
export interface ParseRequest {
  readonly id: string;
  readonly text: string;
  readonly hash: string;
}

/**
 * Parses many issue files: the main thread's `parseManyHere`, or a host's pool of worker threads
 * (the CLI's, the desktop extension's) that gives the same answers in the same order.
 */
export type ParseMany = (requests: readonly ParseRequest[], config: NewsletterConfig) => Promise<StoredFile[]>;

/**
 * `preferred`, and where it fails (a worker thread that cannot start, or stops), `fallback` on the
 * same files: a host's pool of threads is a way to be faster, never a reason to have no index.
 * `onFailure` is told why.
 */
export function parseManyOrElse(preferred: ParseMany, fallback: ParseMany, onFailure: (error: unknown) => void): ParseMany {
  return async (requests, config) => {
    try {
      return await preferred(requests, config);
    } catch (error) {
      onFailure(error);
      return fallback(requests, config);
    }
  };
}

/**
 * Reads more from a parsed issue than the index keeps (`check --links`: its URLs), from the same
 * parse; the document is not kept.
 */
export type WithDocument = (id: string, document: IssueDocument) => void;

/** Parses one issue file: its index entry and the findings of its issue-scoped codes. */
/**
 * The blocks of the issues this thread has parsed for the index: the next issues copy those they
 * share (a newsletter's standing paragraphs) instead of parsing them again. One per thread (each
 * worker loads this module on its own), kept between batches, bounded (`SharedBlocks`).
 */
const sharedBlocks = new SharedBlocks();

export function analyseIssue(request: ParseRequest, config: NewsletterConfig, withDocument?: WithDocument): StoredFile {
  const document = parseIssue(request.text, request.id, { profile: config.format, sharedBlocks });
  withDocument?.(request.id, document);
  return { id: request.id, hash: request.hash, issue: indexEntryOf(document, request.id), findings: runIssueRules(document, { config }) };
}

/** `ParseMany` on this thread. */
export function parseManyHere(requests: readonly ParseRequest[], config: NewsletterConfig, withDocument?: WithDocument): StoredFile[] {
  return requests.map((request) => analyseIssue(request, config, withDocument));
}

export interface RefreshOptions {
  readonly config: NewsletterConfig;
  /** What a stored index holds (`loadIndexCache`): entries whose hash matches are used as they are. */
  readonly stored?: ReadonlyMap<string, StoredFile>;
  readonly hasher?: Hasher;
  /** How the files that changed are parsed (default: `parseManyHere`). */
  readonly parseMany?: ParseMany;
  /** Adds to this index instead of a new one. */
  readonly into?: WorkspaceIndex;
}

export interface RefreshResult {
  readonly index: WorkspaceIndex;
  /** Every issue file's stored part, by id, in the order given: what to save for next time. */
  readonly files: ReadonlyMap<string, StoredFile>;
  /** The ids that were parsed (not in the store, or changed since). */
  readonly parsed: readonly string[];
  /** How many files came from the store unparsed. */
  readonly reused: number;
}

/**
 * Builds the index over the issue files given (the host has already told the issues apart, with
 * `isIssueFile`): a file whose content hash matches its stored entry is not parsed.
 */
export async function refreshIndex(issues: readonly { readonly id: string; readonly text: string }[], options: RefreshOptions): Promise<RefreshResult> {
  const hasher = options.hasher ?? JS_HASHER;
  const out = new Map<string, StoredFile | undefined>();
  const requests: ParseRequest[] = [];
  let reused = 0;
  for (const { id, text } of issues) {
    const hash = hasher.hash(text);
    const stored = options.stored?.get(id);
    if (stored && stored.hash === hash) {
      out.set(id, stored);
      reused++;
    } else {
      out.set(id, undefined);
      requests.push({ id, text, hash });
    }
  }
  const parsed = requests.length === 0 ? [] : await (options.parseMany ?? (async (r, c) => parseManyHere(r, c)))(requests, options.config);
  for (const file of parsed) out.set(file.id, file);
  const files = new Map<string, StoredFile>();
  for (const [id, file] of out) if (file) files.set(id, file);
  const index = options.into ?? new WorkspaceIndex(options.config);
  index.restore([...files.values()].map((file) => file.issue));
  return { index, files, parsed: requests.map((r) => r.id), reused };
}

/**
 * Every finding of one issue file, as `runRules` with the workspace gives them: the stored
 * issue-scoped ones and the workspace-scoped ones computed now from the index. `text` is the
 * file's text (for its disable comments).
 */
export function findingsOfStored(file: StoredFile, text: string, index: WorkspaceIndex, config: NewsletterConfig): Finding[] {
  const across = runWorkspaceRules(file.issue, silencedLines(text), { config, workspace: index });
  return across.length === 0 ? [...file.findings] : sortFindings([...file.findings, ...across]);
}
