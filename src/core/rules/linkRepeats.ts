import { compareIssues, indexEntryOf, type IndexedIssue, type IndexedUrl } from '../workspace';
import type { Entry, Finding, Fix, IssueDocument, Position, RelatedLocation } from '../model';
import { urlIdentity } from '../urls';
import type { Rule, RuleCode } from './rule';
import { finding } from './helpers';

const DUPLICATE: RuleCode = {
  code: 'link.duplicate',
  defaultSeverity: 'warning',
  description: 'The same URL is featured twice in one issue (sponsor sections aside).',
};
const SEEN_BEFORE: RuleCode = {
  code: 'link.seen-before',
  defaultSeverity: 'info',
  description: 'A URL in News or Tools was already featured in News or Tools of an earlier issue of the workspace (sponsor, Jobs and Events sections repeat by design).',
};

const MAX_RELATED = 5;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * Removing the entry that repeats a URL: the whole paragraph, list item or link heading with the
 * blank lines before it (after it, for the first entry under a heading), offered when every URL it features was
 * featured before it. Not safe: the entry's own words go with it.
 */
function removeEntryFix(document: IssueDocument, at: Position, earlier: ReadonlyMap<string, Position>): Fix | undefined {
  const entries: Entry[] = [...document.intro, ...document.sections.flatMap((s) => s.entries)];
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
  codes: [DUPLICATE, SEEN_BEFORE],
  docs: 'docs/rules.md',
  check: ({ document, workspace }) => {
    const self = indexEntryOf(document, document.fileName ?? '');
    // Featured sections only: Events, Jobs and the like list the same meetup or employer twice by design.
    const featured = self.urls.filter((url) => url.featured && url.editorial);
    const findings: Finding[] = [];
    const first = new Map<string, IndexedUrl>();
    for (const url of featured) {
      const earlier = first.get(url.normalized);
      if (earlier) {
        const related: RelatedLocation[] = document.fileName ? [{ fileName: document.fileName, range: earlier.range, message: 'first featured here' }] : [];
        const firstAt = new Map([...first.values()].map((u) => [u.normalized, u.range.start]));
        const fix = removeEntryFix(document, url.range.start, firstAt);
        findings.push(finding(DUPLICATE, url.range, `This URL is already featured above (line ${earlier.range.start.line + 1}).`, { related, fixes: fix ? [fix] : [] }));
      } else {
        first.set(url.normalized, url);
      }
    }
    if (!workspace) return findings;
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
