/**
 * A limit for what only an edit reuses (an issue's lines, its links): a few open issues' worth,
 * so that checking a whole archive passes through the map without holding the archive in it.
 */
export const FEW_ISSUES = 5_000;

/**
 * Remembers what a pure function of a string gave, so that work repeated on every keystroke (the
 * same URLs normalised, the same descriptions shortened, for the entries an edit did not touch)
 * is done once. Bounded: the map is dropped when it grows past `limit` keys (an archive's worth of
 * distinct strings) or past `maxChars` characters of keys, so that it never holds more than that.
 * The characters matter in the editor: each keystroke in a line or a link text asks for a new key
 * as long as it, and 50,000 keys of a 2,000-character line are 100 MB.
 */
export function memoized<T>(compute: (key: string) => T, limit = 50_000, maxChars = 4_000_000): (key: string) => T {
  let known = new Map<string, T>();
  let chars = 0;
  return (key: string) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as T;
    // A key cut from a document's text (a line, a link's text) would keep the whole text alive in
    // the map, one text per edit: the map keeps (and `compute` cuts its answer from) a copy of its own.
    const own = ownCopy(key);
    const value = compute(own);
    if (known.size >= limit || chars + own.length > maxChars) {
      known = new Map();
      chars = 0;
    }
    known.set(own, value);
    chars += own.length;
    return value;
  };
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
