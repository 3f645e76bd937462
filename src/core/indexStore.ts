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
import { parseWithConfig } from './parse/parseIssue';
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
const SCHEMA = 1;

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
 * The cache file's text. `files` carries a checksum, so a file changed by hand or cut short is
 * noticed on load and ignored.
 */
export function serializeIndexCache(files: Iterable<StoredFile>, key: IndexCacheKey): string {
  const hasher = key.hasher ?? JS_HASHER;
  const body = JSON.stringify([...files]);
  return `{"kind":${JSON.stringify(KIND)},"schema":${SCHEMA},"version":${JSON.stringify(key.version)},"hash":${JSON.stringify(hasher.name)},"config":${JSON.stringify(configHash(key.config, hasher))},"checksum":${JSON.stringify(hasher.hash(body))},"files":${body}}\n`;
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
  if (text === undefined || text === '') return { ok: false };
  const hasher = key.hasher ?? JS_HASHER;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the index cache is not valid JSON (corrupt or cut short): ignored, every file parsed again' };
  }
  if (!isRecord(data) || data.kind !== KIND) return { ok: false, problem: 'the index cache is not one Newsletter Desk wrote: ignored, every file parsed again' };
  if (data.schema !== SCHEMA || data.version !== key.version || data.hash !== hasher.name) {
    return { ok: false, problem: `the index cache was written by another version (${String(data.version)}): ignored, every file parsed again` };
  }
  if (data.config !== configHash(key.config, hasher)) return { ok: false, problem: 'the index cache was made with another format or rule levels: ignored, every file parsed again' };
  if (!Array.isArray(data.files) || data.checksum !== hasher.hash(bodyOf(text))) {
    return { ok: false, problem: 'the index cache does not match its checksum (changed or damaged): ignored, every file parsed again' };
  }
  const files = new Map<string, StoredFile>();
  for (const file of data.files) {
    if (!isStoredFile(file)) return { ok: false, problem: 'the index cache holds an entry of the wrong shape: ignored, every file parsed again' };
    files.set(file.id, file);
  }
  return { ok: true, files };
}

const FILES = ',"files":';

/**
 * The text of `files` as written (the checksum is over it): after the first `,"files":`, which
 * cannot occur inside a JSON string of the header (a quote there is escaped), up to the final `}`.
 */
function bodyOf(text: string): string {
  const start = text.indexOf(FILES);
  const end = text.trimEnd().length - 1;
  return start === -1 || end < start ? '' : text.slice(start + FILES.length, end);
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
export function analyseIssue(request: ParseRequest, config: NewsletterConfig, withDocument?: WithDocument): StoredFile {
  const document = parseWithConfig(request.text, request.id, config);
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
