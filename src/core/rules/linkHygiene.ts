import type { Entry, Finding, IssueDocument, Link, TextEdit } from '../model';
import { isTrackingParameter, parseHttpUrl } from '../urls';
import type { Rule, RuleCode } from './rule';
import { finding } from './helpers';

const TRACKING: RuleCode = {
  code: 'link.tracking',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A link carries tracking parameters (`utm_*`, `fbclid`, `si=`...) that only say where a click came from.',
};
const TRUNCATED: RuleCode = {
  code: 'entry.truncated-title',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'An entry\'s title was cut short when it was copied (it ends in `...` or `…`).',
};

/** Share parameters some hosts add, which `normalizeUrl` keeps (they may matter elsewhere). */
const HOST_TRACKING: ReadonlyArray<[RegExp, ReadonlySet<string>]> = [
  [/(^|\.)(youtube\.com|youtu\.be|spotify\.com)$/i, new Set(['si'])],
  [/(^|\.)(twitter\.com|x\.com)$/i, new Set(['ref_src', 'ref_url', 's', 't'])],
];

function allEntries(document: IssueDocument): Entry[] {
  return [...document.intro, ...document.sections.flatMap((section) => section.entries)];
}

function hostTracking(host: string, name: string): boolean {
  return HOST_TRACKING.some(([pattern, names]) => pattern.test(host) && names.has(name.toLowerCase()));
}

/**
 * A campaign link made for this newsletter (`utm_source=newsletter`, `utm_campaign=devopsweekly`):
 * an advertiser counts its placement with it, so it is not ours to strip.
 */
function madeForUs(pairs: readonly string[], newsletter: string): boolean {
  const squash = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');
  const own = squash(newsletter);
  return pairs.some((p) => {
    const [key, value = ''] = p.split('=');
    if (!/^utm_(source|campaign|medium)$/i.test(key)) return false;
    const v = squash(value);
    return v.includes('newsletter') || (own.length >= 4 && v.includes(own));
  });
}

/**
 * The newsletter's own name, as its titles write it: the title template's words before its first
 * placeholder, without the words that number an issue (`DEVOPS WEEKLY ISSUE \#{number}` gives
 * `DEVOPS WEEKLY`). Taken from the format's data, never from a preset's name.
 */
function newsletterName(template: string): string {
  const lead = template.split('{')[0].replace(/\\?#/g, ' ');
  return lead.split(/\s+/).filter((word) => word !== '' && !/^(issue|edition|no\.?|number|nr\.?|vol\.?|-)$/i.test(word)).join(' ');
}

function checkTracking(link: Link, newsletter: string): Finding[] {
  if (link.style !== 'inline' || !link.target.includes('?')) return [];
  const parsed = parseHttpUrl(link.target);
  if (!parsed) return [];
  const [beforeHash, ...hashParts] = link.target.split('#');
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return [];
  const pairs = beforeHash.slice(queryAt + 1).split('&');
  const name = (pair: string) => { try { return decodeURIComponent(pair.split('=')[0]); } catch { return pair.split('=')[0]; } };
  if (madeForUs(pairs, newsletter)) return [];
  const common = pairs.filter((p) => isTrackingParameter(name(p)));
  const hosted = pairs.filter((p) => !isTrackingParameter(name(p)) && hostTracking(parsed.hostname, name(p)));
  const dropped = [...common, ...hosted];
  if (dropped.length === 0) return [];
  const kept = pairs.filter((p) => !dropped.includes(p) && p !== '');
  const clean = `${beforeHash.slice(0, queryAt)}${kept.length ? `?${kept.join('&')}` : ''}${hashParts.length ? `#${hashParts.join('#')}` : ''}`;
  const edits: TextEdit[] = [{ range: link.targetRange, newText: clean }];
  if (link.text === link.target) edits.unshift({ range: link.textRange, newText: clean });
  const names = dropped.map((p) => `\`${name(p)}\``).join(', ');
  return [finding(TRACKING, link.targetRange, `The URL carries tracking parameters (${names}): they only say where the click came from.`, {
    // Safe when `normalizeUrl` drops the same parameters: the URL stays the same page by our own comparison.
    fixes: [{ title: 'Remove the tracking parameters', edits, preferred: true, safe: hosted.length === 0 }],
  })];
}

const TRUNCATION = /(?:[^\s.]\.\.\.|…)[*_]*$/;

function checkTruncated(entry: Entry): Finding[] {
  const link = entry.primaryLink;
  if (!link || link.style === 'autolink' || link.isLinkLine) return [];
  const text = link.text.trim();
  if (!TRUNCATION.test(text)) return [];
  // A title may end in an ellipsis on purpose ("Not so fast…"). A cut one comes from a browser tab
  // (`Title | Si...`) or a page that shortens long titles to about 60-75 characters.
  const cut = / \| [^|]*$/.test(text) || (text.length >= 60 && text.length <= 75);
  if (!cut) return [];
  return [finding(TRUNCATED, link.textRange, `The title \`${text.length > 60 ? `…${text.slice(-57)}` : text}\` ends in an ellipsis: it was probably cut short when copied. Write it out in full.`)];
}

/** Tracking parameters in links, and titles cut short. */
export const linkHygieneRule: Rule = {
  name: 'link-hygiene',
  codes: [TRACKING, TRUNCATED],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const findings: Finding[] = [];
    const sponsored = new Set(document.sections.filter((s) => s.kind === 'sponsor').flatMap((s) => s.entries));
    for (const entry of allEntries(document)) {
      if (entry.blockType === 'code' || entry.blockType === 'html') continue;
      // A sponsor's campaign parameters are how the sponsor counts the clicks it paid for.
      if (!sponsored.has(entry)) for (const link of entry.links) findings.push(...checkTracking(link, newsletterName(config.format.title.template)));
      findings.push(...checkTruncated(entry));
    }
    return findings;
  },
};
