/**
 * Remembers what a pure function of a string gave, so that work repeated on every keystroke (the
 * same URLs normalised, the same descriptions shortened, for the entries an edit did not touch)
 * is done once. Bounded: the map is dropped when it grows past `limit` (an archive's worth of
 * distinct strings), so that it never holds more than that.
 */
export function memoized<T>(compute: (key: string) => T, limit = 50_000): (key: string) => T {
  let known = new Map<string, T>();
  return (key: string) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as T;
    const value = compute(key);
    if (known.size >= limit) known = new Map();
    known.set(key, value);
    return value;
  };
}
