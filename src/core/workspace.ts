import type { NewsletterConfig } from './config';
import type { CalendarDate, FileNameInfo, IssueDocument, Range } from './model';
import { isIssueFile } from './issueFiles';
import { parseWithConfig } from './parse/parseIssue';
import { compareDays, parseFileName, parseFileNameWith } from './parse/dates';
import { linkIdentity, urlIdentity } from './urls';
import { sponsorFooterEntries } from './sponsorFooter';
import { titleDay } from './parse/title';
import { issueSymbolsOf, type IssueSymbols } from './symbols';

/**
 * The index across issues: numbers, dates, file names and the URLs each issue features. Built
 * from a host (the CLI's file system, VS Code's workspace, or an in-memory fake in tests) and kept
 * current by the host calling `update`/`delete`/`rename`. Rules read it synchronously.
 */

/** A file the host can list: `id` is what the host reads it by (a path or a URI string). */
export interface WorkspaceFile {
  readonly id: string;
  /** Path relative to the workspace folder, `/`-separated, for the `files` globs. */
  readonly relativePath: string;
}

/** What the index needs from its host. */
export interface WorkspaceHost {
  listFiles(): Promise<readonly WorkspaceFile[]>;
  readFile(id: string): Promise<string>;
}

export interface IndexedUrl {
  readonly url: string;
  /** The comparison key: `urlIdentity` (normalised, with a fragment that names a place on the page). */
  readonly normalized: string;
  readonly range: Range;
  /** True in a sponsor section: sponsors repeat by design. */
  readonly sponsor: boolean;
  /**
   * True for what the issue features, not a link in a description: a link line (`<br>[URL](URL)`)
   * of a paragraph entry, the primary link of a list item or link heading in a featured section,
   * or a bare URL.
   */
  readonly featured: boolean;
  /** True for the link of a link-heading entry: one of the issue's headline items. */
  readonly headline?: boolean;
  /**
   * True in a featured section (the profile's `featured` rules: News and Tools for DevOps Weekly),
   * outside the sponsor's footer: the editor's own picks. Sponsor, Jobs, Events and one-off
   * sections (a partner's conference block) repeat week after week by design.
   */
  readonly editorial: boolean;
}

export interface IndexedIssue {
  readonly id: string;
  readonly baseName: string;
  /** The issue's number (the header's number field or the title's), else the file name's. */
  readonly number?: number;
  /** Where the number stands (the title's number, else the title, else the top of the file). */
  readonly numberRange: Range;
  /** The `date` field's day, else the file name's, else the title's. */
  readonly date?: CalendarDate;
  /** The issue's own number: the header's number field where the format has one, else the title's. */
  readonly titleNumber?: number;
  readonly dateFieldDay?: CalendarDate;
  /** Where the `date` field's value stands (with `dateFieldDay`). */
  readonly dateRange?: Range;
  /**
   * What the date field writes after its day (`T09:00:00+00:00`, ` 22:00:00 -0000`, or '' for a
   * day alone), absent when the field holds no date: the archive's habit for New Issue.
   */
  readonly dateFieldTime?: string;
  readonly titleDay?: CalendarDate;
  readonly fileNameInfo: FileNameInfo;
  readonly urls: readonly IndexedUrl[];
  /** The issue's outline, for workspace symbol search (Ctrl+T). */
  readonly symbols: IssueSymbols;
}

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const entryCache = new WeakMap<IssueDocument, IndexedIssue>();

/**
 * What the index keeps of one parsed issue. Documents never change, so the entry is made once per
 * document and id: the rules that compare issues and the index itself share it.
 */
export function indexEntryOf(document: IssueDocument, id: string): IndexedIssue {
  const cached = entryCache.get(document);
  if (cached?.id === id) return cached;
  const entry = makeIndexEntry(document, id);
  entryCache.set(document, entry);
  return entry;
}

const urlsCache = new WeakMap<IssueDocument, readonly IndexedUrl[]>();

/**
 * The URLs of one parsed issue as its index entry holds them (`IndexedIssue.urls`), made once per
 * document: `link.duplicate` reads them after every edit, and needs nothing else of the entry
 * (its outline for symbol search, the costly part, waits for the index's own update).
 */
export function indexedUrlsOf(document: IssueDocument): readonly IndexedUrl[] {
  const cached = urlsCache.get(document);
  if (cached) return cached;
  const urls: IndexedUrl[] = [];
  const blocks = [
    { sponsor: false, editorial: false, repeats: false, entries: document.intro },
    ...document.sections.map((s) => ({
      sponsor: s.kind === 'sponsor',
      // The editor's picks: sections the profile marks featured, unless they repeat other entries by design.
      editorial: s.featured && !s.repeatsByDesign,
      repeats: s.repeatsByDesign,
      entries: s.entries,
    })),
  ];
  const footer = sponsorFooterEntries(document);
  for (const block of blocks) {
    for (const entry of block.entries) {
      const sponsor = block.sponsor || footer.has(entry);
      const editorial = block.editorial && !sponsor;
      for (const link of entry.links) {
        if (!link.target) continue;
        // What an entry features: a paragraph's link lines, a list item's or link heading's own link.
        const featured = !block.repeats && (entry.shape === 'paragraph' ? link.isLinkLine : entry.shape !== 'block' && link === entry.primaryLink);
        const headline = entry.shape === 'link-heading' && link === entry.primaryLink;
        urls.push({ url: link.target, normalized: linkIdentity(link), range: link.targetRange, sponsor, editorial, featured, ...(headline ? { headline } : {}) });
      }
      for (const bare of entry.bareUrls) {
        const normalized = urlIdentity(bare.url);
        // `[url](url` that did not parse shows the URL twice on one line: one URL, not a repeat.
        if (urls.some((u) => u.normalized === normalized && u.range.start.line === bare.range.start.line)) continue;
        urls.push({ url: bare.url, normalized, range: bare.range, sponsor, editorial, featured: !block.repeats && entry.shape !== 'block' });
      }
    }
  }
  urlsCache.set(document, urls);
  return urls;
}

function makeIndexEntry(document: IssueDocument, id: string): IndexedIssue {
  const fileNameInfo = document.fileNameInfo ?? parseFileName(id);
  const title = document.title;
  const day = title ? titleDay(title) : undefined;
  const urls = indexedUrlsOf(document);
  return withFileName({
    id,
    baseName: fileNameInfo.baseName,
    titleNumber: document.number?.value,
    numberRange: document.number?.range ?? title?.range ?? TOP,
    dateFieldDay: document.date?.calendar,
    ...(document.date?.calendar ? { dateRange: document.date.range } : {}),
    dateFieldTime: timeOfDateField(document.date?.raw, document.date?.calendar !== undefined),
    titleDay: day,
    fileNameInfo,
    urls,
    symbols: issueSymbolsOf(document),
  });
}

function timeOfDateField(raw: string | undefined, isDate: boolean): string | undefined {
  if (raw === undefined || !isDate) return undefined;
  const match = /^(["']?)\d{4}-\d{2}-\d{2}(.*?)\1$/.exec(raw.trim());
  return match ? match[2] : undefined;
}

/** The issue's publication day, as `document.publicationDate` reads it: the date field's day, else the file name's. */
export function publicationDayOf(issue: IndexedIssue): CalendarDate | undefined {
  return issue.dateFieldDay ?? issue.fileNameInfo.date;
}

function withFileName(entry: Omit<IndexedIssue, 'number' | 'date'>): IndexedIssue {
  return {
    ...entry,
    number: entry.titleNumber ?? entry.fileNameInfo.number,
    date: entry.dateFieldDay ?? entry.fileNameInfo.date ?? entry.titleDay,
  };
}

/**
 * Publication order: by date, then by number, then by file name. Issues without a date sort by
 * number among themselves and after dated ones only when their number says so.
 */
export function compareIssues(a: IndexedIssue, b: IndexedIssue): number {
  if (a.date && b.date) {
    const byDate = compareDays(a.date, b.date);
    if (byDate !== 0) return byDate;
  }
  if (a.number !== undefined && b.number !== undefined && a.number !== b.number) return a.number - b.number;
  return a.baseName < b.baseName ? -1 : a.baseName > b.baseName ? 1 : 0;
}

export type WorkspaceListener = () => void;

export class WorkspaceIndex {
  private readonly issuesById = new Map<string, IndexedIssue>();
  private readonly idsByUrl = new Map<string, Set<string>>();
  private readonly idsByNumber = new Map<number, Set<string>>();
  private sortedCache: IndexedIssue[] | undefined;
  private readonly listeners = new Set<WorkspaceListener>();
  /** Grows by one on every change, so callers can tell whether their results are stale. */
  version = 0;

  constructor(private readonly config: NewsletterConfig) {}

  get size(): number {
    return this.issuesById.size;
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  onDidChange(listener: WorkspaceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds or replaces an issue from its parsed model. */
  set(document: IssueDocument, id = document.fileName ?? ''): IndexedIssue {
    const entry = indexEntryOf(document, id);
    this.put(entry);
    return entry;
  }

  /**
   * Adds, replaces or removes a file from its text: a file that is not an issue (by the `files`
   * globs or its title) is removed. Returns the entry, if it is an issue.
   */
  update(file: WorkspaceFile, text: string): IndexedIssue | undefined {
    if (!isIssueFile(file.relativePath, text, this.config)) {
      this.delete(file.id);
      return undefined;
    }
    return this.set(parseWithConfig(text, file.id, this.config), file.id);
  }

  delete(id: string): void {
    const old = this.issuesById.get(id);
    if (!old) return;
    this.unlink(old);
    this.issuesById.delete(id);
    this.changed();
  }

  /** Re-keys an issue whose file was renamed or moved; the file name's date and number are re-read. */
  rename(oldId: string, newId: string): void {
    const old = this.issuesById.get(oldId);
    if (!old) return;
    this.unlink(old);
    this.issuesById.delete(oldId);
    // Read with the format's file-name pattern, as the parser reads it.
    const fileNameInfo = parseFileNameWith(newId, this.config.format.files.name);
    const baseName = fileNameInfo.baseName;
    this.put(withFileName({ ...old, id: newId, baseName, fileNameInfo, symbols: { ...old.symbols, baseName } }));
  }

  /**
   * Adds or replaces issues from their entries, as stored (`indexStore.ts`) or made by a worker
   * thread (`indexEntryOf`), without a document: one change event for all of them.
   */
  restore(entries: Iterable<IndexedIssue>): void {
    let any = false;
    for (const entry of entries) {
      this.link(entry);
      any = true;
    }
    if (any) this.changed();
  }

  /** Every entry, for storing (`serializeIndexCache` with each file's hash and findings). */
  entries(): IterableIterator<IndexedIssue> {
    return this.issuesById.values();
  }

  get(id: string): IndexedIssue | undefined {
    return this.issuesById.get(id);
  }

  /** Every issue in publication order. */
  issues(): readonly IndexedIssue[] {
    this.sortedCache ??= [...this.issuesById.values()].sort(compareIssues);
    return this.sortedCache;
  }

  /** The issues with a number, other than `exceptId`. */
  withNumber(number: number, exceptId?: string): IndexedIssue[] {
    return [...(this.idsByNumber.get(number) ?? [])].filter((id) => id !== exceptId).map((id) => this.issuesById.get(id) as IndexedIssue);
  }

  /** Where a normalised URL is featured, in publication order. */
  occurrencesOf(normalized: string): Array<{ issue: IndexedIssue; url: IndexedUrl }> {
    const out: Array<{ issue: IndexedIssue; url: IndexedUrl }> = [];
    const ids = this.idsByUrl.get(normalized);
    if (!ids) return out;
    for (const id of ids) {
      const issue = this.issuesById.get(id) as IndexedIssue;
      for (const url of issue.urls) if (url.normalized === normalized) out.push({ issue, url });
    }
    return out.sort((a, b) => compareIssues(a.issue, b.issue));
  }

  /** The issue published just before `issue` (which need not be in the index). */
  previousOf(issue: IndexedIssue): IndexedIssue | undefined {
    let best: IndexedIssue | undefined;
    for (const other of this.issuesById.values()) {
      if (other.id === issue.id || compareIssues(other, issue) >= 0) continue;
      if (!best || compareIssues(other, best) > 0) best = other;
    }
    return best;
  }

  /** One more than the highest number in the workspace (and than `atLeast`). */
  nextFreeNumber(atLeast = 1): number {
    let highest = atLeast - 1;
    for (const number of this.idsByNumber.keys()) if (number > highest) highest = number;
    return highest + 1;
  }

  private put(entry: IndexedIssue): void {
    this.link(entry);
    this.changed();
  }

  private link(entry: IndexedIssue): void {
    const old = this.issuesById.get(entry.id);
    if (old) this.unlink(old);
    this.issuesById.set(entry.id, entry);
    if (entry.number !== undefined) addTo(this.idsByNumber, entry.number, entry.id);
    for (const url of entry.urls) addTo(this.idsByUrl, url.normalized, entry.id);
  }

  private unlink(entry: IndexedIssue): void {
    if (entry.number !== undefined) removeFrom(this.idsByNumber, entry.number, entry.id);
    for (const url of entry.urls) removeFrom(this.idsByUrl, url.normalized, entry.id);
  }

  private changed(): void {
    this.sortedCache = undefined;
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function addTo<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

export interface BuildOptions {
  /** Called after each file with the count done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between files; the build stops early (with what it has) when it returns true. */
  readonly isCancelled?: () => boolean;
  /** Adds to an existing index instead of a new one. */
  readonly into?: WorkspaceIndex;
  /** Gives the event loop a turn every this many files (default 20), so an editor stays responsive. */
  readonly yieldEvery?: number;
}

/**
 * Reads every file the host lists and indexes the issues among them. A file that cannot be read
 * is skipped (it is not an issue as far as the index can tell), never fatal.
 */
export async function buildWorkspaceIndex(host: WorkspaceHost, config: NewsletterConfig, options: BuildOptions = {}): Promise<WorkspaceIndex> {
  const index = options.into ?? new WorkspaceIndex(config);
  const files = await host.listFiles();
  const yieldEvery = options.yieldEvery ?? 20;
  let done = 0;
  for (const file of files) {
    if (options.isCancelled?.()) break;
    try {
      index.update(file, await host.readFile(file.id));
    } catch {
      index.delete(file.id);
    }
    done++;
    options.onProgress?.(done, files.length);
    if (yieldEvery > 0 && done % yieldEvery === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return index;
}

/** A host over texts held in memory, for tests and for callers that already read the files. */
export class InMemoryWorkspaceHost implements WorkspaceHost {
  readonly files = new Map<string, string>();

  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [id, text] of Object.entries(files)) this.files.set(id, text);
  }

  async listFiles(): Promise<readonly WorkspaceFile[]> {
    return [...this.files.keys()].sort().map((id) => ({ id, relativePath: id.replace(/^\/+/, '') }));
  }

  async readFile(id: string): Promise<string> {
    const text = this.files.get(id);
    if (text === undefined) throw new Error(`no such file: ${id}`);
    return text;
  }
}
