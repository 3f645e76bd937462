import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { normalizeUrl } from '../core/urls';
import { LINK_STATUSES, type LinkResult, type TtlHours } from './types';

/** Where the cache lives: a file for the CLI and the extension's global storage, memory in tests. */
export interface CacheStore {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

const FORMAT_VERSION = 1;

interface CacheFile {
  version: number;
  /** Normalised URL -> the variants checked (see `variantOf`). */
  entries: Record<string, CachedResult[]>;
}

type CachedResult = Omit<LinkResult, 'fromCache'> & { readonly variant: string };

/**
 * Results of earlier checks, keyed by normalised URL (`normalizeUrl`), each fresh for the time to
 * live of its outcome. `normalizeUrl` treats `http://www.x.org/a/` and `https://x.org/a` as the
 * same page, which is right for "was this linked before" but not for an HTTP answer (the first
 * one may redirect, the second not), so under one key the cache keeps each variant of scheme,
 * `www.` and trailing slash apart. Tracking parameters, fragments, the order of query parameters
 * and the case of the host do not make a variant: those share one result.
 */
export class LinkCache {
  private entries = new Map<string, CachedResult[]>();
  private dirty = false;

  constructor(
    private readonly store: CacheStore,
    private ttlHours: TtlHours,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the store; a missing, unreadable or foreign file gives an empty cache and a problem. */
  async load(): Promise<string | undefined> {
    this.entries.clear();
    let text: string | undefined;
    try {
      text = await this.store.read();
    } catch (error) {
      return `link cache could not be read (${error instanceof Error ? error.message : String(error)}); starting empty`;
    }
    if (text === undefined) return undefined;
    try {
      const data = JSON.parse(text) as Partial<CacheFile>;
      if (data.version !== FORMAT_VERSION || typeof data.entries !== 'object' || data.entries === null) {
        return 'link cache has an unknown format; starting empty';
      }
      for (const [key, list] of Object.entries(data.entries)) {
        if (Array.isArray(list)) this.entries.set(key, list.filter(isCachedResult));
      }
      return undefined;
    } catch {
      return 'link cache is not valid JSON; starting empty';
    }
  }

  setTtl(ttlHours: TtlHours): void {
    this.ttlHours = ttlHours;
  }

  /** The cached result for `url` if it is still fresh, marked `fromCache`. */
  get(url: string): LinkResult | undefined {
    const found = this.entries.get(cacheKeyOf(url))?.find((e) => e.variant === variantOf(url));
    if (!found || !this.isFresh(found)) return undefined;
    const { variant: _variant, ...result } = found;
    return { ...result, fromCache: true, requests: 0 };
  }

  set(result: LinkResult): void {
    const key = cacheKeyOf(result.url);
    const variant = variantOf(result.url);
    const { fromCache: _fromCache, ...stored } = result;
    const list = (this.entries.get(key) ?? []).filter((e) => e.variant !== variant);
    list.push({ ...stored, variant });
    this.entries.set(key, list);
    this.dirty = true;
  }

  /** Forgets the result for `url` (every variant of its key is kept but that one). */
  delete(url: string): void {
    const key = cacheKeyOf(url);
    const variant = variantOf(url);
    const list = this.entries.get(key);
    if (!list) return;
    const rest = list.filter((e) => e.variant !== variant);
    if (rest.length === list.length) return;
    if (rest.length > 0) this.entries.set(key, rest);
    else this.entries.delete(key);
    this.dirty = true;
  }

  /** Drops everything (the "clear cache" command). */
  clear(): void {
    this.entries.clear();
    this.dirty = true;
  }

  /** Results held, fresh or not. */
  get size(): number {
    let n = 0;
    for (const list of this.entries.values()) n += list.length;
    return n;
  }

  /** Writes the fresh entries back (expired ones are dropped), when anything changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const entries: Record<string, CachedResult[]> = {};
    for (const [key, list] of this.entries) {
      const fresh = list.filter((e) => this.isFresh(e));
      if (fresh.length > 0) entries[key] = fresh;
    }
    const file: CacheFile = { version: FORMAT_VERSION, entries };
    await this.store.write(JSON.stringify(file));
    this.dirty = false;
  }

  private isFresh(entry: CachedResult): boolean {
    const hours = this.ttlHours[entry.status];
    return hours > 0 && this.now() - entry.checkedAt < hours * 3_600_000 && this.now() >= entry.checkedAt - 60_000;
  }
}

/** The key of a URL in the cache: its normalised form. */
export function cacheKeyOf(url: string): string {
  return normalizeUrl(url);
}

/** What `normalizeUrl` folds together but a server may answer differently. */
export function variantOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}${u.hostname.toLowerCase().startsWith('www.') ? 'www' : ''}${u.pathname.length > 1 && u.pathname.endsWith('/') ? '/' : ''}`;
  } catch {
    return '';
  }
}

function isCachedResult(value: unknown): value is CachedResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' && typeof v.checkedAt === 'number' && typeof v.variant === 'string'
    && LINK_STATUSES.includes(v.status as LinkResult['status']) && typeof v.reason === 'string';
}

/** A JSON file, written atomically (a temporary file renamed over it); folders are created. */
export function fileCacheStore(path: string): CacheStore {
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(text) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, path);
    },
  };
}

/** A store in memory, for tests and for runs that must not write anything. */
export function memoryCacheStore(initial?: string): CacheStore & { text: string | undefined } {
  const store = {
    text: initial,
    async read() {
      return store.text;
    },
    async write(text: string) {
      store.text = text;
    },
  };
  return store;
}
