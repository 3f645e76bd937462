/**
 * A limit for what only an edit reuses (an issue's lines, its links): a few open issues' worth,
 * so that checking a whole archive passes through the map without holding the archive in it.
 */
export const FEW_ISSUES = 5_000;

/**
 * A map by string for a cache that lives long (across edits, across an archive): it keeps a copy
 * of its own of each key (`ownCopy`), and is emptied when it reaches `limit` keys or `maxChars`
 * characters of keys, so that it never holds more than that. The characters matter in the editor:
 * each keystroke in a line, a link text or a block asks for a new key as long as it, and 50,000
 * keys of a 2,000-character line are 100 MB.
 */
export class BoundedCache<T> {
  private known = new Map<string, T>();
  private chars = 0;

  constructor(private readonly limit: number, private readonly maxChars = 4_000_000) {}

  get(key: string): T | undefined {
    return this.known.get(key);
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  /** Keeps `value` for `key`: a key already kept keeps its place, a new one goes in as a copy of its own. */
  set(key: string, value: T): void {
    if (this.known.has(key)) {
      this.known.set(key, value);
      return;
    }
    this.add(ownCopy(key), value);
  }

  /** The value for `key`, made by `make` from a copy of the key of its own the first time it is asked for. */
  remember(key: string, make: (own: string) => T): T {
    const hit = this.known.get(key);
    if (hit !== undefined || this.known.has(key)) return hit as T;
    // A key cut from a document's text (a line, a link's text) would keep the whole text alive in
    // the map, one text per edit: the map keeps (and `make` cuts its answer from) a copy of its own.
    const own = ownCopy(key);
    const value = make(own);
    this.add(own, value);
    return value;
  }

  private add(own: string, value: T): void {
    if (this.known.size >= this.limit || this.chars + own.length > this.maxChars) {
      this.known = new Map();
      this.chars = 0;
    }
    this.known.set(own, value);
    this.chars += own.length;
  }
}

/**
 * Remembers what a pure function of a string gave, so that work repeated on every keystroke (the
 * same URLs normalised, the same descriptions shortened, for the entries an edit did not touch)
 * is done once. Bounded as `BoundedCache` is: `limit` keys (an archive's worth of distinct
 * strings), `maxChars` characters of keys.
 */
export function memoized<T>(compute: (key: string) => T, limit = 50_000, maxChars = 4_000_000): (key: string) => T {
  const known = new BoundedCache<T>(limit, maxChars);
  return (key: string) => known.remember(key, compute);
}

/**
 * The string's characters in a string of their own, for a string a long-lived cache keeps.
 * JavaScript engines make `text.slice(a, b)` a view into `text` (V8 does for 13 characters or
 * more), which keeps all of `text` alive, and a string built by concatenation (a template literal)
 * keeps its parts, slices included; a concatenation is copied flat when it is first read, and
 * slicing that copy keeps only it.
 */
export function ownCopy(key: string): string {
  return key.length < 13 ? key : ` ${key}`.slice(1);
}
