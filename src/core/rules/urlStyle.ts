import type { Entry, Finding, IssueDocument, Link, TextEdit } from '../model';
import { parseHttpUrl } from '../urls';
import type { Rule, RuleCode } from './rule';
import { finding } from './helpers';

const URL_STYLE: RuleCode = {
  code: 'link.url-style',
  defaultSeverity: 'hint',
  description: "A link in a form readers should not get: an alternative view of a site (`old.reddit.com`, a mobile `m.` host) or a video link that starts part-way (`&t=206s`).",
  reach: 'item',
};
const MEDIA_TAG: RuleCode = {
  code: 'entry.media-tag',
  defaultSeverity: 'hint',
  description: "An entry that links to a video site has no `[video]` tag, though the newsletter tags its videos (the format's tags hold `video`).",
  reach: 'item',
};

/** Hosts that serve a site's pages in another view than the one the site links to, and that site's own host. */
const ALTERNATIVE_HOSTS: ReadonlyArray<[RegExp, (host: string) => string]> = [
  [/^old\.reddit\.com$/i, () => 'www.reddit.com'],
  [/^(?:m|mobile)\.(youtube\.com|twitter\.com|facebook\.com)$/i, (host) => `www.${host.replace(/^(?:m|mobile)\./i, '')}`],
  [/^([a-z]{2,3})\.m\.wikipedia\.org$/i, (host) => host.replace(/\.m\./i, '.')],
];
const VIDEO_HOSTS = /(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com)$/i;

function allEntries(document: IssueDocument): Entry[] {
  return [...document.intro, ...document.sections.flatMap((section) => section.entries)];
}

function checkLink(link: Link): Finding[] {
  if (link.style !== 'inline') return [];
  const parsed = parseHttpUrl(link.target);
  if (!parsed) return [];
  const findings: Finding[] = [];
  const retarget = (target: string): TextEdit[] => [
    ...(link.text === link.target ? [{ range: link.textRange, newText: target }] : []),
    { range: link.targetRange, newText: target },
  ];
  for (const [pattern, canonical] of ALTERNATIVE_HOSTS) {
    if (!pattern.test(parsed.hostname)) continue;
    const host = canonical(parsed.hostname);
    const at = link.target.toLowerCase().indexOf(parsed.hostname.toLowerCase());
    if (at < 0) continue;
    const target = `${link.target.slice(0, at)}${host}${link.target.slice(at + parsed.hostname.length)}`;
    findings.push(finding(URL_STYLE, link.targetRange, `\`${parsed.hostname}\` is another view of \`${host}\`: link to the site's own pages.`, {
      fixes: [{ title: `Link to ${host}`, edits: retarget(target), preferred: true }],
    }));
  }
  if (VIDEO_HOSTS.test(parsed.hostname)) {
    const [beforeHash, ...hash] = link.target.split('#');
    const q = beforeHash.indexOf('?');
    const pairs = q < 0 ? [] : beforeHash.slice(q + 1).split('&');
    const start = pairs.filter((p) => /^(?:t|start|time_continue)=/i.test(p));
    const fragmentStart = hash.length > 0 && /^t=/i.test(hash[0]);
    if (start.length > 0 || fragmentStart) {
      const kept = pairs.filter((p) => !start.includes(p));
      const target = `${q < 0 ? beforeHash : beforeHash.slice(0, q)}${kept.length ? `?${kept.join('&')}` : ''}${hash.length && !fragmentStart ? `#${hash.join('#')}` : ''}`;
      findings.push(finding(URL_STYLE, link.targetRange, 'This video link starts part-way through the video: link to its start unless the moment is the point.', {
        fixes: [{ title: 'Link to the start of the video', edits: retarget(target), preferred: true }],
      }));
    }
  }
  return findings;
}

/** The bracketed tags before an item's first link (`* [series] [video] [Title](url)`), with where they are. */
function leadingTags(document: IssueDocument, entry: Entry): { tags: Array<{ name: string; start: number }>; linkStart: number } | undefined {
  const text = document.lines.lineText(entry.range.start.line);
  const bullet = /^\s*(?:[*+-]|\d+[.)])\s+/.exec(text);
  if (!bullet) return undefined;
  const tags: Array<{ name: string; start: number }> = [];
  let i = bullet[0].length;
  for (let m = /^\[([A-Za-z][\w -]{0,15})\](?!\()\s*/.exec(text.slice(i)); m; m = /^\[([A-Za-z][\w -]{0,15})\](?!\()\s*/.exec(text.slice(i))) {
    tags.push({ name: m[1], start: i + 1 });
    i += m[0].length;
  }
  return text.startsWith('[', i) ? { tags, linkStart: i } : undefined;
}

function checkMediaTag(document: IssueDocument, entry: Entry, tags: readonly string[]): Finding[] {
  if (entry.shape !== 'list-item' || !entry.primaryLink) return [];
  const lead = leadingTags(document, entry);
  if (!lead) return [];
  const findings: Finding[] = [];
  const parsed = parseHttpUrl(entry.primaryLink.target);
  const first = entry.primaryLink.range.start;
  if (!parsed || !VIDEO_HOSTS.test(parsed.hostname) || first.line !== entry.range.start.line || first.character !== lead.linkStart) return findings;
  if (!tags.includes('video') || lead.tags.some((t) => /^video$/i.test(t.name))) return findings;
  const at = { line: entry.range.start.line, character: lead.linkStart };
  findings.push(finding(MEDIA_TAG, entry.primaryLink.range, 'This entry links to a video but has no `[video]` tag, as this newsletter gives its videos.', {
    fixes: [{ title: 'Add the `[video]` tag', edits: [{ range: { start: at, end: at }, newText: '[video] ' }], preferred: true }],
  }));
  return findings;
}

/** The house form of links (`link.url-style`) and of the media tags before them (`entry.media-tag`). */
export const urlStyleRule: Rule = {
  name: 'url-style',
  codes: [URL_STYLE, MEDIA_TAG],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const findings: Finding[] = [];
    const tags = config.format.entries.tags;
    // An online event streamed on a video site is an event, not a video to tag.
    const events = new Set(document.sections.filter((s) => s.kind === 'events').flatMap((s) => s.entries));
    for (const entry of allEntries(document)) {
      if (entry.blockType === 'code' || entry.blockType === 'html') continue;
      for (const link of entry.links) findings.push(...checkLink(link));
      if (!events.has(entry)) findings.push(...checkMediaTag(document, entry, tags));
    }
    return findings;
  },
};
