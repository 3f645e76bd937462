import type { Finding, Fix, IssueDocument, Link } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, isAscii, rangeOf } from './helpers';
import { allEntries } from '../entries';
import { parseHttpUrl } from '../urls';
import { FEW_ISSUES, memoized } from '../text/memo';

const CONTRADICTS: RuleCode = {
  code: 'link.text-contradicts-url',
  defaultSeverity: 'info',
  description: 'A link\'s text names something its URL contradicts: `#91032` linking to `/93032`, a word one letter away from the URL\'s own spelling of it, another version, repository or crate.',
};

/**
 * Why this is a suspicion and not a defect: a link text is free prose, and its URL is whatever the
 * site chose. What the rule looks for is the shape of a slip, where the URL spells a name or a number
 * the text nearly repeats: one letter away (`Databse` under `...-sqlite-database`), one number away
 * (`#91032` under `/issues/93032`), or a name the URL contradicts outright (`[strum]` linking to
 * `crates.io/crates/cargo-make`). Equal or unrelated words are fine: a title need not be its slug.
 */

/** Words (letters and digits) and versions (`1.50.0`) of a text, lower case, in order. */
const TOKEN = /\d+(?:\.\d+)+|[\p{L}\p{N}]+/gu;
/**
 * Names joined by `-`, `_` or `.` (`magic-wormhole.rs`, `the-way`, `memory-profiler`). Only from
 * the start of a word (the lookbehind): a search restarted inside a long word would read it to its
 * end again from every letter, quadratic in its length (3 s on a 40,000-letter word), and no match
 * can start inside a word anyway.
 */
const COMPOUND = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)+/gu;
/** Hosts that put a repository's owner and name first in the path. */
const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'codeberg.org', 'bitbucket.org', 'sr.ht', 'git.sr.ht']);
/** Path segments before an issue's or a pull request's number. */
const ISSUE_PATHS = new Set(['issues', 'issue', 'pull', 'pulls', 'pr', 'merge_requests', 'discussions', 'tickets', 'ticket', 'bug', 'bugs']);
/** One-word link texts that say what the page is, not which project it is. */
const GENERIC_WORDS = new Set([
  'here', 'this', 'that', 'link', 'links', 'repo', 'repository', 'source', 'code', 'github', 'gitlab', 'crate', 'crates',
  'docs', 'documentation', 'website', 'site', 'page', 'homepage', 'post', 'blog', 'article', 'announcement', 'project',
  'issue', 'issues', 'pr', 'pull', 'commit', 'tracking', 'rfc', 'thread', 'discussion', 'forum', 'video', 'slides',
  'book', 'guide', 'tutorial', 'demo', 'example', 'examples', 'playground', 'release', 'releases', 'changelog', 'paper',
  'api', 'library', 'lib', 'tool', 'app', 'crates.io', 'docs.rs', 'lib.rs', 'readme', 'more', 'details', 'the', 'a',
]);

interface UrlParts {
  readonly host: string;
  /** The host's labels that name the site (not `www`, not the top-level domain). */
  readonly hostLabels: readonly string[];
  /** The path's segments, decoded, lower case, empty ones dropped. */
  readonly segments: readonly string[];
}

function urlParts(target: string): UrlParts | undefined {
  const url = parseHttpUrl(target);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const labels = host.split('.');
  const segments = url.pathname.split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment).toLowerCase();
    } catch {
      return segment.toLowerCase();
    }
  });
  return { host, hostLabels: labels.slice(0, -1), segments };
}

const UNACCENTED: Readonly<Record<string, string>> = { 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'µ': 'u', 'ı': 'i' };

/** Lower case, without accents: a slug writes `Skåne` as `skane`, `Wrocław` as `wroclaw`. */
function fold(text: string): string {
  // ASCII has no accents to drop (most words and titles): lower case is all there is to do.
  if (isAscii(text)) return text.toLowerCase();
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[łøđßæœµı]/g, (c) => UNACCENTED[c] ?? c);
}

/** The other way slugs write German: `zurück` as `zurueck`. */
function foldGerman(text: string): string {
  return fold(text.toLowerCase().replace(/[äöü]/g, (c) => `${({ 'ä': 'a', 'ö': 'o', 'ü': 'u' } as Record<string, string>)[c]}e`));
}

/** `TOKEN` for ASCII text, where a letter or digit is `[A-Za-z0-9]`: the same matches, found faster. */
const ASCII_TOKEN = /\d+(?:\.\d+)+|[A-Za-z0-9]+/g;

/** The text's words and versions, folded (remembered: the same URL pieces and words recur across links and issues). */
const tokens = memoized((text: string): readonly string[] => {
  const folded = fold(text);
  return folded.match(isAscii(folded) ? ASCII_TOKEN : TOKEN) ?? [];
});

/** Optimal string alignment distance (a swap of two neighbours counts one), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) { rows[0].push(j); continue; }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return Math.min(rows[a.length][b.length], limit + 1);
}

/**
 * Two spellings of one word that are not a slip: one is the other cut short or inflected (`crate`,
 * `crates`; a slug cut at a length), or British and American spellings (`optimise`, `colour`,
 * `licence`, `centre`, `travelling`).
 */
function variantSpellings(a: string, b: string): boolean {
  // Cut short, or with a letter before it (a user name `ncameron` for `Cameron`, `CString`, `tshirts`).
  if (a.startsWith(b) || b.startsWith(a) || a.endsWith(b) || b.endsWith(a)) return true;
  const plain = (w: string) => w.replace(/z/g, 's').replace(/our/g, 'or').replace(/ce\b/g, 'se').replace(/re$/, 'er').replace(/ll/g, 'l');
  return plain(a) === plain(b);
}

interface Suspicion {
  readonly message: string;
  /** The text's word (folded) that the suspicion is about: none when the issue spells it so elsewhere. */
  readonly word?: string;
  /** Offsets within the link text of a word to respell, and its spelling in the URL. */
  readonly respell?: { readonly start: number; readonly end: number; readonly to: string };
}

function caseLike(model: string, word: string): string {
  if (model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  if (model[0] === model[0].toUpperCase() && model.slice(1) === model.slice(1).toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  if (model === model.toLowerCase()) return word;
  return '';
}

/**
 * The words of the text one letter away from a word of the URL that the text never spells right,
 * in order: a slip in a compound name (`they-way` under `/the-way/`) ends the list; a single word
 * carries its folded spelling (`word`), as the caller drops it when the issue spells it so
 * elsewhere too (`proseWords`), and takes the next.
 */
function misspeltWords(text: string, url: UrlParts): Suspicion[] {
  const found: Suspicion[] = [];
  const textWords = new Set(tokens(text));
  const urlPieces = [...url.hostLabels, ...url.segments];
  const urlWords = new Set(urlPieces.flatMap((piece) => tokens(piece)));
  const urlWhole = urlPieces.join('/');
  // Names joined by `-` `_` `.` first: `they-way` under `/the-way/` (each word too short alone).
  for (const m of /[-_.]/.test(text) ? text.matchAll(COMPOUND) : []) {
    const compound = m[0].toLowerCase();
    // A digit more or less is another version or model (`gtk4-rs`, `F302R8`), not a slip.
    if (compound.length < 6 || urlWhole.includes(compound) || /\d/.test(compound)) continue;
    for (const piece of urlPieces) {
      if (!/[-_.]/.test(piece) || textWords.has(piece) || variantSpellings(compound, piece)) continue;
      if (editDistance(compound, piece, 1) !== 1 || tokens(piece).join() === tokens(compound).join()) continue;
      return [{ message: `The link text says \`${m[0]}\` where its URL says \`${piece}\`: a typo in one of them?`, respell: respellAt(m[0], m.index, piece) }];
    }
  }
  // The lengths of the URL's words that a word of the text could be a slip of (below): a word
  // whose length is none of them, give or take one, is no slip, and most links have few such words.
  const lengths = new Set<number>();
  for (const candidate of urlWords) if (candidate.length >= 6 && !textWords.has(candidate) && /^\p{L}+$/u.test(candidate)) lengths.add(candidate.length);
  if (lengths.size === 0) return found;
  for (const m of text.matchAll(isAscii(text) ? /[A-Za-z]+/g : /\p{L}+/gu)) {
    const word = fold(m[0]);
    if (word.length < 6 || !(lengths.has(word.length) || lengths.has(word.length - 1) || lengths.has(word.length + 1))) continue;
    if (urlWords.has(word) || urlWords.has(foldGerman(m[0]))) continue;
    // One letter away or nothing (`editDistance` below): only a piece with a word of about this
    // length can hold the candidate, and the lengths tell cheaply.
    const near = (candidate: string) => candidate.length >= 6 && Math.abs(candidate.length - word.length) <= 1;
    words: for (const piece of urlPieces) {
      const pieceWords = tokens(piece);
      if (!pieceWords.some(near)) continue;
      // A slug of several words must share another word with the text: then it spells this title.
      const supported = pieceWords.length === 1 || pieceWords.some((w) => w.length >= 2 && w !== word && textWords.has(w));
      if (!supported) continue;
      for (const candidate of pieceWords) {
        if (!near(candidate) || !/^\p{L}+$/u.test(candidate) || textWords.has(candidate) || variantSpellings(word, candidate)) continue;
        // Only an ending letter differs: another form of the word (`released`, `releases`; `dependence`, `dependency`).
        if (word.slice(0, -1) === candidate.slice(0, -1) && /[sdryen]/.test(word.slice(-1)) && /[sdryen]/.test(candidate.slice(-1))) continue;
        if (editDistance(word, candidate, 1) !== 1) continue;
        found.push({ message: `The link text says \`${m[0]}\` where its URL spells \`${candidate}\`: a typo in one of them?`, respell: respellAt(m[0], m.index, candidate), word });
        break words;
      }
    }
  }
  return found;
}

function respellAt(word: string, at: number, to: string): Suspicion['respell'] {
  const spelled = caseLike(word, to);
  return spelled ? { start: at, end: at + word.length, to: spelled } : undefined;
}

/** Two numbers that say the same: equal, or one version the other's prefix (`1.50`, `1.50.0`). */
function sameNumber(a: string, b: string): boolean {
  if (a === b || a.replace(/\./g, '') === b.replace(/\./g, '')) return true; // `0.1` in a slug is often `01`
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b)) return true; // `10`, `0010`
  // `0.1` as `010` (`0.1.0`).
  const padded = (digits: string, version: string) => /^\d+$/.test(digits) && version.includes('.') && new RegExp(`^${version.replace(/\./g, '')}0*$`).test(digits);
  if (padded(a, b) || padded(b, a)) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.includes('.') && long.startsWith(`${short}.`);
}

const isNumber = (token: string) => /^\d+(?:\.\d+)*$/.test(token);

/**
 * `#91032` linking to `/issues/93032`; or a number after a word that the URL puts after the same
 * word (`docs 5` under `...-docs-58`, `Piston 1.0` under `piston-0.1`), when the text's number is
 * nowhere in the URL.
 */
function otherNumber(text: string, url: UrlParts): Suspicion | undefined {
  // Both cases below read a number of the text: most titles have none.
  if (!/\d/.test(text)) return undefined;
  // `serde-0-dot-7`: a slug's spelling of `0.7`.
  const urlTokens = url.segments.flatMap((segment) => tokens(segment.replace(/(\d)-dot-(?=\d)/g, '$1.')));
  const inUrl = (n: string) => urlTokens.some((t) => isNumber(t) && sameNumber(t, n));
  // `#N` alone (or `repo#N`) names an issue or pull request; in a longer text it may be another
  // one the linked page is about (`fixes #31845`, `RFC #495`).
  const ref = /^[\w.-]*(?:\/[\w.-]+)?#(\d+)$/.exec(text.replace(/[`*]/g, '').trim())?.[1];
  const numbered = url.segments.findIndex((s, i) => i > 0 && /^\d+$/.test(s) && ISSUE_PATHS.has(url.segments[i - 1]));
  if (ref && numbered > 0 && url.segments[numbered] !== ref) {
    return { message: `The link text says \`#${ref}\` but the URL points at number ${url.segments[numbered]}.` };
  }
  // A word and the number right after it (`docs 5`, `Changelog #108`), not across punctuation
  // (`Quiz: 26 questions`); from the start of a word, as COMPOUND, for the same reason.
  const folded = fold(text);
  for (const m of folded.matchAll(/(?<![\p{L}\p{N}])([\p{L}\p{N}]+)[ \t]+#?(\d+(?:\.\d+)*)(?![\p{L}\p{N}])/gu)) {
    const [, word, number] = m;
    if (isNumber(word) || word.length < 3 || inUrl(number)) continue;
    for (let j = 1; j < urlTokens.length; j++) {
      if (urlTokens[j - 1] !== word || !isNumber(urlTokens[j])) continue;
      // A slug writes `1.0` as `1-0`: read the numbers that follow as one version.
      let k = j;
      while (k + 1 < urlTokens.length && /^\d+$/.test(urlTokens[k + 1]) && urlTokens[k + 1].length <= 3) k++;
      const parts = urlTokens.slice(j, k + 1);
      const dotted = parts.join('.');
      if (parts.some((_, n) => sameNumber(parts.slice(0, n + 1).join('.'), number))) continue;
      // Only a number of the same shape, a digit or two off, is a slip: `5` and `58`, `1.0` and `0.1`,
      // `91032` and `93032`; a year against a post id is just another number.
      if (Math.abs(number.length - dotted.length) > 1 || editDistance(number, dotted, 2) > (number.length >= 4 ? 1 : 2)) continue;
      return { message: `The link text says \`${word} ${number}\` where its URL says \`${word}-${parts.join('-')}\`.` };
    }
  }
  return undefined;
}

/**
 * The text names a repository, subreddit or crate that the URL is not: `owner/repo` against a code
 * host's path, `/r/name` against reddit's, or a crate-like name (`strum`) against a crate page or a
 * repository that share nothing with it.
 */
function otherName(text: string, url: UrlParts): Suspicion | undefined {
  // (`(?<!_)`: a run of `_` is read from its start only, not again from each of its characters.)
  const plain = text.replace(/(?<!_)(?:[`*_]+(?=[^\w]|$)|(?<=^|[^\w])[`*_]+)/g, '').trim();
  const subreddit = /^\/?r\/(\w+)\/?$/i.exec(plain);
  if (subreddit && url.host.endsWith('reddit.com') && url.segments[0] === 'r' && url.segments[1] !== subreddit[1].toLowerCase()) {
    return { message: `The link text names \`r/${subreddit[1]}\` but the URL is \`r/${url.segments[1] ?? ''}\`.` };
  }
  const repo = /^([\w.-]+)\/([\w.-]+?)(?:#\d+)?$/.exec(plain);
  if (repo && CODE_HOSTS.has(url.host) && url.segments.length >= 2) {
    const [owner, name] = [repo[1].toLowerCase(), repo[2].toLowerCase()];
    const linked = `${url.segments[0]}/${url.segments[1]}`;
    // One half the same, the other a letter or two off: a slip in the name (`redox/kernel` for
    // `redox-os/kernel` is a short form, and a path of the repository's own is no name at all).
    const [sameOwner, sameName] = [owner === url.segments[0], name === url.segments[1]];
    const slip = (a: string, b: string) => !variantSpellings(a, b) && editDistance(a, b) <= 2;
    if ((sameOwner && slip(name, url.segments[1])) || (sameName && slip(owner, url.segments[0]))) {
      return { message: `The link text names the repository \`${repo[1]}/${repo[2]}\` but the URL is \`${linked}\`.` };
    }
    return undefined;
  }
  if (!/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/.test(plain) || plain.length < 3 || GENERIC_WORDS.has(plain)) return undefined;
  // Only the page of a crate or a repository itself says which project it is: a link into one
  // (an issue, a pull request) is about something else, which the text describes.
  const crate = /^(?:crates\.io|lib\.rs)$/.test(url.host) && url.segments.length === 2 && url.segments[0] === 'crates' ? url.segments[1]
    : url.host === 'docs.rs' && url.segments.length <= 3 ? url.segments[url.segments[0] === 'crate' ? 1 : 0] : undefined;
  const names = crate ? [crate] : CODE_HOSTS.has(url.host) && url.segments.length === 2 ? [url.segments[1], url.segments[0]] : [];
  if (names.length === 0) return undefined;
  const key = (n: string) => n.replace(/_/g, '-').replace(/\.(?:rs|git)$/, '');
  const named = key(plain);
  const namedWords = named.split('-');
  const related = (n: string) => {
    const words = key(n).split('-');
    // One word in common (`gl_generator` in `gl-rs`), or an abbreviation of the name (`jsf`).
    return key(n).includes(named) || named.includes(key(n)) || editDistance(named, key(n)) <= 2
      || namedWords.some((w) => words.some((u) => w.length >= 2 && (u.includes(w) || w.includes(u))))
      || (named.length <= 4 && [...named].every((c) => words.some((u) => u.startsWith(c))));
  };
  if (names.some(related)) return undefined;
  return { message: `The link text names \`${plain}\` but the URL is the page of \`${crate ?? `${url.segments[0]}/${url.segments[1]}`}\`.` };
}

/** How often each word occurs in the issue's text, URLs left out. */
function proseWords(document: IssueDocument): Map<string, number> {
  const prose = document.text.replace(/\]\([^)\s]*\)|<?https?:\/\/[^\s)>]+/g, ' ');
  // Counted as written first, then each distinct word folded once: folding is the costly part.
  const written = new Map<string, number>();
  for (const m of prose.matchAll(/\p{L}+/gu)) written.set(m[0], (written.get(m[0]) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [word, n] of written) {
    const folded = fold(word);
    counts.set(folded, (counts.get(folded) ?? 0) + n);
  }
  return counts;
}

/**
 * What a link text and its target (`text\0target`) could contradict, first to last: a function of
 * the two strings alone, remembered, as an issue's hundreds of links are the same after an edit
 * elsewhere and this is the costly part of the rule.
 */
const suspicionsOf = memoized((key: string): readonly Suspicion[] => {
  const split = key.lastIndexOf('\u0000');
  const text = key.slice(0, split);
  const url = urlParts(key.slice(split + 1));
  // A link whose text is a URL is link.text-mismatch's.
  if (!url || /^(?:https?:\/\/|www\.)/i.test(text.trim())) return [];
  const outright = otherName(text, url) ?? otherNumber(text, url);
  return outright ? [outright] : misspeltWords(text, url);
}, FEW_ISSUES);

/** The same, by the link: an edit keeps the links of the entries it did not touch (parse/body.ts). */
const byLink = new WeakMap<Link, readonly Suspicion[]>();

const NO_SUSPICION: readonly Suspicion[] = [];

/** The link's finding, if any (asked for every link of the issue after each edit: most have none, found by the link). */
function check(document: IssueDocument, link: Link, prose: () => ReadonlyMap<string, number>): Finding | undefined {
  if (link.style === 'autolink' || !link.target) return undefined;
  const text = link.text;
  let suspicions = byLink.get(link);
  if (!suspicions) byLink.set(link, (suspicions = /\S/.test(text) ? suspicionsOf(`${text}\u0000${link.target}`) : NO_SUSPICION));
  if (suspicions.length === 0) return undefined;
  // Spelled so elsewhere in the issue too: then it is the URL that has the slip, or no slip at all.
  const suspicion = suspicions.find((s) => s.word === undefined || (prose().get(s.word) ?? 0) <= 1);
  if (!suspicion) return undefined;
  const fixes: Fix[] = [];
  const { respell } = suspicion;
  const textStart = document.lines.offsetAt(link.textRange.start);
  if (respell && document.text.slice(textStart, textStart + text.length) === text) {
    fixes.push({ title: `Write \`${respell.to}\`, as the URL spells it`, edits: [{ range: rangeOf(document, textStart + respell.start, textStart + respell.end), newText: respell.to }] });
  }
  return finding(CONTRADICTS, link.textRange, suspicion.message, { fixes });
}

/** Link texts that name something their URL contradicts: a suspicion (info), for the editor to look at. */
export const linkTextUrlRule: Rule = {
  name: 'link-text-url',
  codes: [CONTRADICTS],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    // Counted only when a link has a word to look up: few have, and counting reads the whole issue.
    let counted: Map<string, number> | undefined;
    const prose = () => (counted ??= proseWords(document));
    const findings: Finding[] = [];
    for (const entry of allEntries(document)) {
      for (const link of entry.links) {
        const found = check(document, link, prose);
        if (found) findings.push(found);
      }
    }
    return findings;
  },
};
