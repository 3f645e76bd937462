import { compareIssues, indexedUrlsOf, type IndexedIssue, type IndexedUrl } from '../workspace';
import type { Entry, Finding, Fix, IssueDocument, Link, Position, Range, RelatedLocation, Section } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, rangeOf, textOf } from './helpers';
import { linkIdentity, urlIdentity } from '../urls';
import { allEntries } from '../entries';
import { FEW_ISSUES, memoized } from '../text/memo';

const DUPLICATE: RuleCode = {
  code: 'link.duplicate',
  defaultSeverity: 'warning',
  description: 'The same URL is featured twice in one issue (sponsor sections aside).',
};
const SEEN_BEFORE: RuleCode = {
  code: 'link.seen-before',
  defaultSeverity: 'info',
  description: 'A URL in News or Tools was already featured in News or Tools of an earlier issue of the workspace (sponsor, Jobs and Events sections repeat by design).',
  scope: 'workspace',
};

const DUPLICATE_TITLE: RuleCode = {
  code: 'link.duplicate-title',
  defaultSeverity: 'warning',
  description: 'Two entries of one issue carry the same title under different URLs (one article on two hosts, a mirror).',
};

const OTHER_TITLE: RuleCode = {
  code: 'link.same-url-other-title',
  defaultSeverity: 'info',
  description: 'An item links to the URL of an item above whose title shares no word with its own: a URL pasted onto the wrong item?',
};

const MAX_RELATED = 5;

/**
 * A title as two copies of one article share it: case, dashes (`—`, `--`), quotes, ellipses and
 * spacing aside, and how many words it has (remembered: asked for every entry after each edit).
 */
const titleKey = memoized((text: string): { readonly key: string; readonly words: number } => {
  // `--` is how a plain keyboard writes an em dash; `...` sits with or without a space after it.
  // A run of spaces is read from its start only (the lookbehinds): a search that restarts at each
  // of its spaces reads the rest of the run every time, quadratic in its length.
  const key = text.toLowerCase().replace(/[\u2013\u2014\u2212]|-{2,}/g, '-').replace(/(?:(?<!\s)\s+)?(?:\.{3}|\u2026)\s*/g, ' \u2026 ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
    .replace(/`/g, '').replace(/(?:(?<!\s)\s+)?-\s*/g, ' - ').replace(/(?<![\s.!?:])[\s.!?:]+$/g, '').replace(/\s+/g, ' ').trim();
  return { key, words: key.split(' ').filter((w) => /\w/.test(w)).length };
});

/** The same by the link, which an edit elsewhere keeps (parse/body.ts). */
const linkTitleKeys = new WeakMap<Link, { readonly key: string; readonly words: number }>();

function titleKeyOf(link: Link): { readonly key: string; readonly words: number } {
  let known = linkTitleKeys.get(link);
  if (!known) linkTitleKeys.set(link, (known = titleKey(link.text)));
  return known;
}

/**
 * Entries whose leading link has the same title as an earlier one, under another URL. Titles of
 * fewer than five words are left out (`Part 2`, `Two years of Rust`: two authors may well title alike).
 */
function duplicateTitles(document: IssueDocument): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, { link: Link; url: string }>();
  for (const section of document.sections) {
    if (repeatsInPlace(section)) continue;
    for (const entry of section.entries) {
      const link = entry.primaryLink;
      if (!link?.target || (entry.shape !== 'list-item' && entry.shape !== 'link-heading') || !linkLeads(document, entry, link)) continue;
      const { key, words } = titleKeyOf(link);
      if (words < 5) continue;
      const url = linkIdentity(link);
      const earlier = seen.get(key);
      if (!earlier) { seen.set(key, { link, url }); continue; }
      if (earlier.url === url) continue; // the same URL again is link.duplicate's
      findings.push(finding(DUPLICATE_TITLE, link.textRange, `An entry with this title is already above (line ${earlier.link.range.start.line + 1}), under another URL: the same article twice?`, {
        related: document.fileName ? [{ fileName: document.fileName, range: earlier.link.textRange, message: 'the same title' }] : [],
      }));
    }
  }
  return findings;
}

/** Words that say nothing about which page a title names. */
const STOP_WORDS = new Set([
  'the', 'and', 'for', 'with', 'from', 'into', 'onto', 'your', 'you', 'our', 'their', 'this', 'that', 'these', 'those',
  'how', 'why', 'what', 'when', 'who', 'are', 'was', 'were', 'has', 'have', 'had', 'its', 'not', 'but', 'all', 'new',
  'here', 'link', 'post', 'blog', 'page', 'read', 'more', 'via', 'about', 'part', 'discussion', 'thread', 'comments',
]);

/** A title's words of three letters or more that are not stop words, lower case (remembered: asked for every link after each edit). */
const titleWords = memoized((text: string): readonly string[] =>
  [...text.toLowerCase().matchAll(/[\p{L}\p{N}]{3,}/gu)].map((m) => m[0]).filter((w) => !STOP_WORDS.has(w)), FEW_ISSUES);

/** The same by the link (its text's), each word once, which an edit elsewhere keeps (parse/body.ts). */
const linkWords = new WeakMap<Link, readonly string[]>();

function distinctWords(link: Link): readonly string[] {
  let words = linkWords.get(link);
  if (!words) linkWords.set(link, (words = [...new Set(titleWords(link.text))]));
  return words;
}

/** A link text's words that name something: three letters or more, not a stop word, not common in the issue. */
function namingWords(link: Link, common: ReadonlySet<string>): readonly string[] {
  const words = distinctWords(link);
  return common.size === 0 ? words : words.filter((w) => !common.has(w));
}

/** Two words of one family: equal, one the other's start (`play`, `playground`), or the same first five letters (`announcing`, `announcement`). */
function sameFamily(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a))) || (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5));
}

/** Where the `[label]: URL` line of a reference link is, to show where its URL comes from. */
function definitionOf(document: IssueDocument, link: Link): Range | undefined {
  if (link.style !== 'reference') return undefined;
  const source = textOf(document, link.range);
  const label = (/\]\s*\[([^\]]+)\]$/.exec(source)?.[1] ?? link.text).trim().replace(/\s+/g, ' ').toLowerCase();
  const { tree, bodyOffset } = document.markdown;
  const node = tree.children.find((n) => n.type === 'definition' && n.identifier.toLowerCase() === label);
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  return start !== undefined && end !== undefined ? rangeOf(document, start + bodyOffset, end + bodyOffset) : undefined;
}

/**
 * An item whose leading link repeats a URL linked above under a title that shares no naming word
 * with it (`[multirust](…/Fearless-Concurrency.html)` below `[Fearless concurrency with Rust](…)`):
 * a URL pasted onto the wrong item, in any section. Repeats of one page under related titles (an
 * RFC listed under two headings, a headline item linked again below) are left alone; so are texts
 * that are URLs or name nothing (`here`), and words most titles of the issue share (`Rust`).
 */
function unrelatedRepeats(document: IssueDocument, reported: ReadonlySet<string>): Finding[] {
  const at = (range: Range) => `${range.start.line}:${range.start.character}`;
  const links: Array<{ link: Link; entry: Entry }> = [];
  for (const entry of document.intro) for (const link of entry.links) links.push({ link, entry });
  for (const section of document.sections) {
    if (repeatsInPlace(section)) continue;
    for (const entry of section.entries) for (const link of entry.links) links.push({ link, entry });
  }
  const usable = links.filter(({ link }) => link.target && link.style !== 'autolink' && !/^\s*(?:https?:\/\/|www\.)/i.test(link.text));
  // How many links' texts hold each word (run after every edit: counted without a copy of the map).
  const frequency = new Map<string, number>();
  for (const { link } of usable) for (const w of distinctWords(link)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const common = new Set<string>();
  const threshold = Math.max(3, usable.length / 10);
  for (const [w, n] of frequency) if (n >= threshold) common.add(w);
  const findings: Finding[] = [];
  const seen = new Map<string, Array<{ link: Link; words: readonly string[]; headline: boolean }>>();
  for (const { link, entry } of usable) {
    // Item titles only: a link inside a sentence is named by its phrase (`RFC`, `have been combined`), not by a title.
    const leads = entry.primaryLink === link && (entry.shape === 'list-item' || entry.shape === 'link-heading') && linkLeads(document, entry, link);
    if (!leads) continue;
    const key = linkIdentity(link);
    const words = namingWords(link, common);
    const earlier = seen.get(key) ?? [];
    const headline = entry.shape === 'link-heading';
    // A headline item listed again below among the week's changes is a cross-reference (as for link.duplicate).
    if (words.length > 0 && earlier.length > 0 && !reported.has(at(link.targetRange)) && !earlier.some((e) => e.headline && !headline)) {
      const named = earlier.filter((e) => e.words.length > 0);
      const first = named[0];
      if (first && named.every((e) => !e.words.some((w) => words.some((v) => sameFamily(w, v))))) {
        const places: RelatedLocation[] = document.fileName ? [{ fileName: document.fileName, range: first.link.textRange, message: 'the same URL, under this title' }] : [];
        const definition = definitionOf(document, link);
        if (definition && document.fileName) places.push({ fileName: document.fileName, range: definition, message: 'where this link\'s URL is defined' });
        const title = first.link.text.replace(/\s+/g, ' ').trim();
        findings.push(finding(OTHER_TITLE, link.targetRange, `An item above (line ${first.link.range.start.line + 1}) links to this URL under a title that shares no word with this one ("${title}"): a URL pasted onto the wrong item?`, { related: places }));
      }
    }
    earlier.push({ link, words, headline });
    seen.set(key, earlier);
  }
  return findings;
}

interface Candidate {
  /** The normalised URL, prefixed by where it counts: `F` for featured sections, else the section's index. */
  readonly key: string;
  readonly range: Range;
  /** The entry's own link, when the URL is one: its text is the title a repeat is told by. */
  readonly link?: Link;
  /** The link of a link-heading entry: one of the issue's headline items. */
  readonly headline?: boolean;
}

/** Sections whose list entries repeat on purpose: sponsors, events (one group, several meetups), jobs. */
function repeatsInPlace(section: Section): boolean {
  return section.kind === 'sponsor' || section.kind === 'events' || section.kind === 'jobs' || section.repeatsByDesign;
}

/**
 * Whether each link leads its entry, by the link: an edit elsewhere keeps the entries it did not
 * touch, links and all (parse/body.ts), and asks again for every one of them.
 */
const leading = new WeakMap<Link, boolean>();

/** True when the entry's own link leads it: `* [Title](url)`, `* [tag] [Title](url)`, `### [Title](url)`. */
function linkLeads(document: IssueDocument, entry: Entry, link: Link): boolean {
  const known = leading.get(link);
  if (known !== undefined) return known;
  const before = textOf(document, { start: entry.range.start, end: link.range.start });
  const leads = /^\s*(?:[*+-]|\d+[.)])\s+(?:\[[^\]]*\]\s*)*$/.test(before) || /^#{1,6}\s+$/.test(before);
  leading.set(link, leads);
  return leads;
}

/**
 * The links `link.duplicate` compares: what the featured sections feature (as the workspace index
 * sees it), compared across the whole issue; and, in the other sections whose entries are list
 * items or link headings, each entry's leading link, compared within its own section (a URL pasted
 * onto a second item of a list is the slip editors fix most; across sections, an RFC or a post
 * listed under two headings is often on purpose). Sponsors, events, jobs and the sections the
 * profile marks `repeatsByDesign` are left out.
 */
function duplicateCandidates(document: IssueDocument, urls: readonly IndexedUrl[]): Candidate[] {
  // By the target's range itself: the index entry's URLs hold their links' `targetRange` objects.
  const primaryAt = new Map<Range, Link>();
  for (const section of document.sections) {
    for (const entry of section.entries) if (entry.primaryLink) primaryAt.set(entry.primaryLink.targetRange, entry.primaryLink);
  }
  const candidates: Candidate[] = urls
    .filter((url) => url.featured && url.editorial)
    .map((url) => ({ key: `F\u0000${url.normalized}`, range: url.range, link: primaryAt.get(url.range), headline: url.headline }));
  const taken = new Set(candidates.map((c) => c.range));
  document.sections.forEach((section, index) => {
    if (repeatsInPlace(section)) return;
    for (const entry of section.entries) {
      const link = entry.primaryLink;
      if (!link?.target || (entry.shape !== 'list-item' && entry.shape !== 'link-heading')) continue;
      if (taken.has(link.targetRange) || !linkLeads(document, entry, link)) continue;
      // `[name]` (a shortcut reference) names one definition wherever it is used: a list of thanks
      // that names a person twice, not a pasted URL.
      if (link.style === 'reference' && !/\]\s*\[[^\]]+\]$/.test(textOf(document, link.range))) continue;
      taken.add(link.targetRange);
      candidates.push({ key: `${index}\u0000${linkIdentity(link)}`, range: link.targetRange, link: primaryAt.get(link.targetRange), headline: entry.shape === 'link-heading' });
    }
  });
  return candidates.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** A candidate's title as the message quotes it: its link's text on one line. */
function titleOf(candidate: Candidate): string | undefined {
  return candidate.link?.text.replace(/\s+/g, ' ').trim();
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * Removing the entry that repeats a URL: the whole paragraph, list item or link heading with the
 * blank lines before it (after it, for the first entry under a heading), offered when every URL it features was
 * featured before it. Not safe: the entry's own words go with it.
 */
function removeEntryFix(document: IssueDocument, at: Position, earlier: ReadonlyMap<string, Position>): Fix | undefined {
  const entries: Entry[] = allEntries(document);
  const entry = entries.find((e) => !before(at, e.range.start) && !before(e.range.end, at));
  if (!entry || entry.shape === 'block') return undefined;
  const own = entry.shape === 'paragraph' ? entry.links.filter((l) => l.isLinkLine) : entry.primaryLink ? [entry.primaryLink] : [];
  if (own.length === 0) return undefined;
  const repeated = own.every((l) => {
    const first = earlier.get(urlIdentity(l.target));
    return first !== undefined && before(first, entry.range.start);
  });
  if (!repeated) return undefined;
  const lines = document.lines;
  const end = { line: entry.range.end.line, character: lines.lineText(entry.range.end.line).length };
  const firstOfItsSection = [document.intro, ...document.sections.map((s) => s.entries)].some((list) => list[0] === entry);
  let next = entry.range.end.line + 1;
  while (next < lines.lineCount && lines.lineText(next).trim() === '') next++;
  // Between entries, the blank lines before it go with it; under a heading, those after it.
  const range = firstOfItsSection && next < lines.lineCount
    ? { start: { line: entry.range.start.line, character: 0 }, end: { line: next, character: 0 } }
    : { start: previousContentEnd(document, entry.range.start.line), end };
  return { title: 'Remove this repeated entry', edits: [{ range, newText: '' }] };
}

function previousContentEnd(document: IssueDocument, line: number): Position {
  let previous = line - 1;
  while (previous > 0 && document.lines.lineText(previous).trim() === '') previous--;
  return previous < 0 ? { line, character: 0 } : { line: previous, character: document.lines.lineText(previous).length };
}

function label(issue: IndexedIssue): string {
  return issue.number !== undefined ? `issue ${issue.number}` : issue.baseName;
}

/**
 * URLs featured more than once: twice in this issue (outside sponsor content), or already picked
 * in an earlier issue (News and Tools only: sponsors, job ads and event blocks repeat by design).
 * Only what an issue features counts (link lines and bare URLs); a link inside a description may
 * well point back at an earlier story. URLs compare by `urlIdentity`.
 */
export const linkRepeatsRule: Rule = {
  name: 'linkRepeats',
  codes: [DUPLICATE, SEEN_BEFORE, DUPLICATE_TITLE, OTHER_TITLE],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    const first = new Map<string, Candidate>();
    for (const url of duplicateCandidates(document, indexedUrlsOf(document))) {
      const earlier = first.get(url.key);
      // A headline item (a link heading with its paragraphs) listed again further down, among the
      // week's changes of its kind, is a cross-reference, not a second pick.
      if (earlier?.headline && !url.headline) continue;
      if (earlier) {
        const related: RelatedLocation[] = document.fileName ? [{ fileName: document.fileName, range: earlier.range, message: 'first featured here' }] : [];
        const [was, is] = [titleOf(earlier), titleOf(url)];
        const titles = was && is && was !== is ? ` under another title ("${was}")` : '';
        const firstAt = new Map([...first.values()].map((c) => [c.key.slice(c.key.indexOf('\u0000') + 1), c.range.start]));
        const fix = removeEntryFix(document, url.range.start, firstAt);
        findings.push(finding(DUPLICATE, url.range, `This URL is already featured above${titles} (line ${earlier.range.start.line + 1}).`, { related, fixes: fix ? [fix] : [] }));
      } else {
        first.set(url.key, url);
      }
    }
    const reported = new Set(findings.map((f) => `${f.range.start.line}:${f.range.start.character}`));
    findings.push(...unrelatedRepeats(document, reported));
    findings.push(...duplicateTitles(document));
    return findings;
  },
  checkWorkspace: ({ issue: self, workspace }) => {
    const findings: Finding[] = [];
    const first = new Map<string, IndexedUrl>();
    for (const url of featuredUrls(self)) if (!first.has(url.normalized)) first.set(url.normalized, url);
    const sponsorHere = new Set(self.urls.filter((url) => url.sponsor).map((url) => url.normalized));
    for (const url of first.values()) {
      if (!url.editorial || sponsorHere.has(url.normalized)) continue;
      const occurrences = workspace.occurrencesOf(url.normalized);
      // A URL that any issue ran as sponsor content is the sponsor's, wherever it shows up.
      if (occurrences.some((o) => o.url.sponsor)) continue;
      const before = occurrences
        .filter((o) => o.issue.id !== self.id && o.url.featured && o.url.editorial && compareIssues(o.issue, self) < 0);
      if (before.length === 0) continue;
      const issues = [...new Map(before.map((o) => [o.issue.id, o.issue])).values()];
      const latest = issues[issues.length - 1];
      const others = issues.length - 1;
      findings.push(finding(SEEN_BEFORE, url.range,
        `Already featured in ${label(latest)} (${latest.baseName})${others > 0 ? ` and ${others} earlier issue${others === 1 ? '' : 's'}` : ''}.`, {
          related: before.slice(-MAX_RELATED).reverse().map((o) => ({ fileName: o.issue.id, range: o.url.range, message: `featured in ${label(o.issue)}` })),
        }));
    }
    return findings;
  },
};

/** Featured sections only: Events, Jobs and the like list the same meetup or employer twice by design. */
function featuredUrls(self: IndexedIssue): IndexedUrl[] {
  return self.urls.filter((url) => url.featured && url.editorial);
}
