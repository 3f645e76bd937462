import { compareIssues, indexEntryOf, type IndexedIssue, type IndexedUrl } from '../workspace';
import type { Finding, RelatedLocation } from '../model';
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
  scope: 'workspace',
};

const MAX_RELATED = 5;

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
  check: ({ document }) => {
    const self = indexEntryOf(document, document.fileName ?? '');
    const findings: Finding[] = [];
    const first = new Map<string, IndexedUrl>();
    for (const url of featuredUrls(self)) {
      const earlier = first.get(url.normalized);
      if (earlier) {
        const related: RelatedLocation[] = document.fileName ? [{ fileName: document.fileName, range: earlier.range, message: 'first featured here' }] : [];
        findings.push(finding(DUPLICATE, url.range, `This URL is already featured above (line ${earlier.range.start.line + 1}).`, { related }));
      } else {
        first.set(url.normalized, url);
      }
    }
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
