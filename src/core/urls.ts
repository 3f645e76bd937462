/**
 * URL helpers shared by the rules (`link.duplicate`, `link.seen-before`), the workspace index and the
 * link checker's cache. `normalizeUrl` answers "is this the same page?", not "is this the same
 * string?". Every step is documented in docs/rules.md, "How URLs are compared"; change both together.
 */
import { memoized } from './text/memo';
import type { Link } from './model';

/**
 * Query parameters that only say where a click came from. They are dropped before comparing.
 * `ref` is deliberately NOT here: GitHub and others use `?ref=<branch>` to name a different page.
 */
const TRACKING_PARAMETERS = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok',
]);

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
}

/** Query parameters of a YouTube link that do not change the video: share tokens, start time, player. */
const YOUTUBE_SHARE_PARAMETERS = new Set(['v', 'si', 't', 'feature', 'pp']);

/** The video id of a YouTube watch link in any of its forms, or undefined. */
function youtubeVideoId(host: string, path: string, query: ReadonlyArray<[string, string]>): string | undefined {
  if (host === 'youtu.be') return /^\/([\w-]{6,})$/.exec(path)?.[1];
  if (host !== 'youtube.com' && host !== 'm.youtube.com') return undefined;
  if (path === '/watch') return query.find(([name]) => name === 'v')?.[1];
  return undefined;
}

/**
 * The URL as written, with the tracking parameters (the list `normalizeUrl` drops) taken out of its
 * query; everything else (order, case, fragment) kept. A query left empty goes with its `?`.
 */
export function withoutTrackingParameters(url: string): string {
  const parts = /^([^?#]*)\?([^#]*)(#.*)?$/.exec(url);
  if (!parts) return url;
  const name = (pair: string) => {
    const raw = pair.split('=')[0].replace(/\+/g, ' ');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  };
  const pairs = parts[2].split('&');
  const kept = pairs.filter((pair) => pair !== '' && !isTrackingParameter(name(pair)));
  if (kept.length === pairs.filter((pair) => pair !== '').length) return url;
  return `${parts[1]}${kept.length > 0 ? `?${kept.join('&')}` : ''}${parts[3] ?? ''}`;
}

/**
 * Parses an absolute `http:` or `https:` URL; `undefined` for anything else (no scheme, another
 * scheme, spaces, an invalid host). Surrounding white space is ignored.
 */
export function parseHttpUrl(url: string): URL | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/?#]/i.test(trimmed) || /\s/.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    if (!parsed.hostname) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

/**
 * A URL written without a scheme, like `www.example.org/event/` or `example.org/x`: a host with at
 * least one dot and a top-level domain of letters, optionally followed by a path, query or fragment.
 */
const SCHEMELESS = /^(?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

/**
 * The key under which two URLs count as the same page:
 *
 * - scheme and host in lower case, and `http` and `https` treated as the same (the key says `https`);
 * - a leading `www.` and a trailing `.` of the host removed; default ports (80, 443) removed;
 * - the fragment removed, unless it is a client-side route (`#!...` or `#/...`);
 * - tracking parameters removed (`utm_*`, `fbclid`, `gclid`, `dclid`, `msclkid`, `yclid`, `igshid`,
 *   `mc_cid`, `mc_eid`, `_hsenc`, `_hsmi`, `mkt_tok`); `ref` is kept;
 * - a YouTube video in any of its forms (`youtu.be/ID`, `m.youtube.com/watch?v=ID`) becomes
 *   `youtube.com/watch?v=ID`, without its share token (`si`), start time (`t`), `feature` or `pp`;
 * - `?m=1` as the only query (Blogger's mobile view) removed;
 * - the remaining query parameters sorted by name (stable: repeated names keep their order), and an
 *   empty query removed;
 * - a trailing `/` of the path removed (so `https://example.org/` is `https://example.org`);
 * - the path keeps its case (paths are case-sensitive on most servers).
 *
 * A URL written without a scheme (`www.example.org/x`) is read as `https://`. Anything that is not
 * an http(s) URL comes back trimmed but otherwise unchanged, so it still compares equal to itself.
 */
export function normalizeUrl(url: string): string {
  const trimmed = url.trim();
  let parsed = parseHttpUrl(trimmed);
  if (!parsed && SCHEMELESS.test(trimmed)) parsed = parseHttpUrl(`https://${trimmed.replace(/^\/\//, '')}`);
  if (!parsed) return trimmed;

  let host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';

  let path = parsed.pathname;
  while (path.endsWith('/')) path = path.slice(0, -1);

  let kept: Array<[string, string]> = [];
  for (const [name, value] of parsed.searchParams) {
    if (!isTrackingParameter(name)) kept.push([name, value]);
  }
  // One YouTube video, however it was shared: `youtu.be/ID`, `m.youtube.com/watch?v=ID`,
  // `youtube.com/watch?v=ID&si=...` (a share token) or `&t=90` (a start time) all name it.
  const video = youtubeVideoId(host, path, kept);
  if (video) {
    host = 'youtube.com';
    path = '/watch';
    kept = [['v', video], ...kept.filter(([name]) => !YOUTUBE_SHARE_PARAMETERS.has(name.toLowerCase()))];
  }
  // Blogger's mobile view (`?m=1`) is the same post.
  if (kept.length === 1 && kept[0][0] === 'm' && kept[0][1] === '1') kept = [];
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';

  const hash = /^#[!/]/.test(parsed.hash) ? parsed.hash : '';
  return `https://${host}${port}${path}${query}${hash}`;
}

/**
 * The key under which two featured links count as the same link: `normalizeUrl`, plus the fragment
 * when it names a place on the page (`#R000334` can be one job of a careers page, `#part-2` one
 * chapter). Medium's share-tracking fragments (`#.3k711kybp`) and empty fragments are dropped.
 */
export function urlIdentity(url: string): string {
  return knownIdentity(url);
}

/**
 * `urlIdentity` of a link's target, by the link: an edit keeps the links of the entries it did
 * not touch (parse/body.ts), and the index and the repeat rules ask for all of them after each
 * one, which by the URL alone costs a lookup keyed by the whole string every time.
 */
export function linkIdentity(link: Link): string {
  let identity = identities.get(link);
  // (The callers ask only for links with a target.)
  if (identity === undefined) identities.set(link, (identity = urlIdentity(link.target ?? '')));
  return identity;
}

const identities = new WeakMap<Link, string>();

const knownIdentity = memoized((url: string): string => {
  const normalized = normalizeUrl(url);
  if (normalized.includes('#')) return normalized; // a client-side route, already kept
  const hash = /#([^#]*)$/.exec(url.trim());
  if (!hash || hash[1] === '' || hash[1].startsWith('.')) return normalized;
  if (normalized === url.trim()) return normalized; // not an http URL: compared as written
  return `${normalized}#${hash[1]}`;
});

/** True when two URLs name the same page by `normalizeUrl`. */
export function sameUrl(a: string, b: string): boolean {
  return normalizeUrl(a) === normalizeUrl(b);
}
