/**
 * The lines of `after` that are added or changed against `before` (0-based line numbers of
 * `after`), from a line diff (Myers' O(ND) algorithm, the one `git diff` uses by default). Line
 * breaks are `\n`, `\r\n` or a lone `\r`, and do not count as a change: a file checked out with
 * CRLF compares equal to its LF blob. A line that only moved is reported where it now stands
 * when the diff cannot keep it (as git shows it); callers that care about moved content compare
 * the content itself (the link checker asks whether a URL was in the old text at all).
 */
export function changedLines(before: string, after: string): Set<number> {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const changed = new Set<number>();
  const kept = keptLines(a.slice(start, endA), b.slice(start, endB));
  for (let i = 0; i < endB - start; i++) if (!kept[i]) changed.add(start + i);
  return changed;
}

/** Beyond this many differing lines the diff stops and every line in between counts as changed. */
const MAX_EDITS = 4000;

/** Which lines of `b` the shortest edit script from `a` keeps (the rest are insertions). */
function keptLines(a: readonly string[], b: readonly string[]): boolean[] {
  const n = a.length;
  const m = b.length;
  const kept = new Array<boolean>(m).fill(false);
  if (n === 0 || m === 0) return kept;
  const max = Math.min(n + m, MAX_EDITS);
  // v[k + offset]: the furthest x on diagonal k; trace[d] holds v[-d-1 .. d+1] before step d.
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return kept; // too different: every line of `b` counts as changed
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      kept[y] = true;
    }
    x = prevX;
    y = prevY;
  }
  return kept;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
