import type { Entry, Finding, Fix, IssueDocument, Section } from '../model';
import type { FormatProfile } from '../format/profile';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';
import { sponsorFooterEntries } from '../sponsorFooter';
import { hasLinkLine } from '../entries';
import { linkSyntaxAround } from './unparsedLink';

const SPLIT: RuleCode = {
  code: 'entry.split',
  defaultSeverity: 'warning',
  description: 'A description and its `<br>` link line are separated by a blank line, so they render as two paragraphs.',
};
const MISSING_LINK: RuleCode = {
  code: 'entry.missing-link',
  defaultSeverity: 'warning',
  description: 'An entry in News or Tools has no `<br>[URL](URL)` link line.',
};
const MISSING_DESCRIPTION: RuleCode = {
  code: 'entry.missing-description',
  defaultSeverity: 'warning',
  description: 'An entry in News or Tools has link lines but no description above them.',
};
const BARE_URL: RuleCode = {
  code: 'entry.bare-url',
  defaultSeverity: 'warning',
  description: 'A URL (with or without a scheme, e.g. `www.example.org/x`) is written as plain text, not as a link.',
};

const BROKEN_LINK_LINE = /^[ \t]*<br[ \t]*\/?>[ \t]*\[/i;

/** A paragraph made of link lines only: the second half of a split entry. */
function isOrphanLinkParagraph(entry: Entry): boolean {
  return entry.blockType === 'paragraph' && entry.description === '' && hasLinkLine(entry);
}

function canTakeLinkLines(entry: Entry): boolean {
  return entry.blockType === 'paragraph' && !hasLinkLine(entry) && entry.bareUrls.length === 0 && entry.description !== '';
}

function checkSplit(document: IssueDocument, section: Section): Finding[] {
  if (!isParagraphSection(section)) return [];
  const findings: Finding[] = [];
  for (let i = 1; i < section.entries.length; i++) {
    const before = section.entries[i - 1];
    const orphan = section.entries[i];
    if (!isOrphanLinkParagraph(orphan) || !canTakeLinkLines(before)) continue;
    const gap = { start: before.range.end, end: orphan.range.start };
    findings.push(finding(SPLIT, lineRange(document, orphan.range.start.line),
      'This link line is separated from its description by a blank line: they render as two paragraphs.', {
        fixes: [{ title: 'Join the link line to its description', edits: [{ range: gap, newText: eolOf(document) }], preferred: true, safe: true }],
      }));
  }
  return findings;
}

/** Paragraph-style entries: a description with `<br>[URL](URL)` link lines. */
function isParagraphSection(section: Section): boolean {
  return section.entryShape === 'paragraph';
}

const PLACEHOLDER_URL = 'https://';

/** Offsets of every `url` in `text`, as the fix's placeholder (typed once, mirrored). */
function selecting(text: string, url: string): { edit: number; ranges: { start: number; end: number }[] } {
  const ranges: { start: number; end: number }[] = [];
  for (let at = text.indexOf(url); at >= 0; at = text.indexOf(url, at + url.length)) ranges.push({ start: at, end: at + url.length });
  return { edit: 0, ranges };
}

/**
 * The link an entry lacks, written in the shape of its section: a link line under a paragraph, the
 * item's text made the link of a list item (or a link after it, where links sit inline), the heading
 * made a link. The URL is a placeholder (or a link of the description), selected for typing.
 */
function addLinkFix(document: IssueDocument, entry: Entry, shape: Section['entryShape'], profile: FormatProfile): Fix | undefined {
  const line = entry.range.start.line;
  const text = document.lines.lineText(line);
  const known = entry.links.find((l) => /^https?:\/\//i.test(l.target))?.target;
  const url = known ?? PLACEHOLDER_URL;
  const title = known ? `Add the link line <br>[${url}](${url})` : 'Add a link (type its URL)';
  if (shape === 'paragraph') {
    const newText = `${eolOf(document)}<br>[${url}](${url})`;
    return { title, edits: [insert(entry.range.end, newText)], select: selecting(newText, url), preferred: true };
  }
  if (shape === 'link-heading') {
    const heading = /^(#{1,6}[ \t]+)(.*?)[ \t]*(?:[ \t]#+[ \t]*)?$/.exec(text);
    if (!heading || heading[2] === '') return undefined;
    const newText = `[${heading[2]}](${url})`;
    const start = heading[1].length;
    return { title, edits: [{ range: { start: { line, character: start }, end: { line, character: start + heading[2].length } }, newText }], select: selecting(newText, url), preferred: true };
  }
  const item = /^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)(.*?)[ \t]*$/.exec(text);
  if (!item || item[2] === '') return undefined;
  const start = item[1].length;
  if (profile.entries.linkPosition === 'inline') {
    const newText = ` ([link](${url}))`;
    return { title, edits: [insert({ line, character: start + item[2].length }, newText)], select: selecting(newText, url), preferred: true };
  }
  const newText = `[${item[2]}](${url})`;
  return { title, edits: [{ range: { start: { line, character: start }, end: { line, character: start + item[2].length } }, newText }], select: selecting(newText, url), preferred: true };
}

/** Whether the list items before entry `i` (and it) follow a paragraph with a link that ends with `:`. */
function introducedByLinkedSentence(entries: readonly Entry[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && entries[j].shape === 'list-item') j--;
  const lead = entries[j];
  return lead !== undefined && lead.shape === 'block' && lead.blockType === 'paragraph' && lead.links.length > 0 && /:\s*$/.test(lead.description);
}

/** A list item or a heading entry of a featured section that links nowhere: nothing to feature. */
function checkListItemWithoutLink(document: IssueDocument, section: Section, profile: FormatProfile): Finding[] {
  if (!section.featured || section.repeatsByDesign) return [];
  const findings: Finding[] = [];
  section.entries.forEach((entry, i) => {
    if (entry.shape !== section.entryShape || entry.links.length > 0 || entry.bareUrls.length > 0) return;
    if (entry.description === '') return; // an empty item: entry.empty's
    // A topic heading over a list of linked items introduces them; it needs no link of its own.
    if (entry.shape === 'link-heading' && section.entries[i + 1]?.shape === 'list-item') return;
    // Items under a linked sentence that ends with a colon spell out that sentence (`Go has been
    // [updated](url):` then `* master: v1.13.8`): the sentence's link is theirs.
    if (entry.shape === 'list-item' && introducedByLinkedSentence(section.entries, i)) return;
    const firstLine = lineRange(document, entry.range.start.line);
    const fix = addLinkFix(document, entry, section.entryShape, profile);
    findings.push(finding(MISSING_LINK, { start: entry.range.start, end: firstLine.end }, `This entry in ${section.name} has no link.`, { fixes: fix ? [fix] : [] }));
  });
  return findings;
}

function checkMissingLink(document: IssueDocument, section: Section, profile: FormatProfile): Finding[] {
  if (!isParagraphSection(section)) return checkListItemWithoutLink(document, section, profile);
  if (!section.featured) return [];
  const findings: Finding[] = [];
  const footer = sponsorFooterEntries(document);
  section.entries.forEach((entry, i) => {
    if (footer.has(entry)) return; // the sponsor's message at the end of the issue
    if (entry.blockType !== 'paragraph' || hasLinkLine(entry) || entry.bareUrls.length > 0) return;
    const next = section.entries[i + 1];
    if (next && isOrphanLinkParagraph(next)) return; // entry.split says it better
    if (entry.links.length === 0 && BROKEN_LINK_LINE.test(document.lines.lineText(entry.range.end.line))) return; // link.malformed
    const what = entry.links.length > 0 ? 'has links in its description but no `<br>[URL](URL)` link line' : 'has no link';
    const firstLine = lineRange(document, entry.range.start.line);
    const fix = addLinkFix(document, entry, 'paragraph', profile);
    findings.push(finding(MISSING_LINK, { start: entry.range.start, end: firstLine.end }, `This entry in ${section.name} ${what}.`, { fixes: fix ? [fix] : [] }));
  });
  return findings;
}

function checkMissingDescription(document: IssueDocument, section: Section): Finding[] {
  if (!isParagraphSection(section) || !section.featured) return [];
  const findings: Finding[] = [];
  section.entries.forEach((entry, i) => {
    if (!isOrphanLinkParagraph(entry)) return;
    const before = section.entries[i - 1];
    if (before && canTakeLinkLines(before)) return; // entry.split: the description is just above
    findings.push(finding(MISSING_DESCRIPTION, lineRange(document, entry.range.start.line), `This entry in ${section.name} has a link but no description: say why it is worth reading.`));
  });
  return findings;
}

function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url.replace(/^\/\//, '')}`;
}

function checkBareUrls(document: IssueDocument, entry: Entry, linkLines: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const bare of entry.bareUrls) {
    const lineText = document.lines.lineText(bare.range.start.line);
    if (BROKEN_LINK_LINE.test(lineText)) continue; // a link that does not parse: link.malformed
    if (linkSyntaxAround(document, bare)) continue; // `[x](URL` without its `)`: link.malformed
    const url = withScheme(bare.url);
    // `Acme (www.acme.com) is hiring` names a company: only a URL on its own line, with a scheme,
    // or with a path is meant as a link.
    const hasPath = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/]+\/\S/i.test(bare.url);
    const alone = aloneOnLine(lineText, bare.url);
    if (!alone && url !== bare.url && !hasPath) continue;
    const fixes: Fix[] = [];
    // A link line is how paragraph-style entries write their link; elsewhere a URL becomes a link in place.
    if (linkLines && alone && bare.range.start.line === bare.range.end.line) {
      const line = bare.range.start.line;
      fixes.push({
        title: `Turn into a link line \`<br>[${url}](${url})\``,
        edits: [{ range: { start: { line, character: alone.indent }, end: { line, character: lineText.trimEnd().length } }, newText: `<br>[${url}](${url})` }],
        preferred: true,
        safe: true,
      });
    } else {
      fixes.push({ title: `Turn into a link \`[${bare.url}](${url})\``, edits: [{ range: bare.range, newText: `[${bare.url}](${url})` }] });
    }
    findings.push(finding(BARE_URL, bare.range, `\`${bare.url}\` is not a link${url === bare.url ? '' : ' (and has no scheme)'}.`, { fixes }));
  }
  return findings;
}

/** Whether the line holds only the URL (after indentation and an optional `<br>`); where it starts. */
function aloneOnLine(lineText: string, url: string): { indent: number } | undefined {
  const indent = lineText.length - lineText.trimStart().length;
  let rest = lineText.slice(indent).trimEnd();
  const br = /^<br[ \t]*\/?>[ \t]*/i.exec(rest);
  if (br) rest = rest.slice(br[0].length);
  return rest === url ? { indent } : undefined;
}

/** Entries: split from their link line, without a link or a description, or with a URL that is not a link. */
export const entriesRule: Rule = {
  name: 'entries',
  codes: [SPLIT, MISSING_LINK, MISSING_DESCRIPTION, BARE_URL],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const findings: Finding[] = [];
    const introLinkLines = config.format.entries.shape === 'paragraph';
    for (const entry of document.intro) findings.push(...checkBareUrls(document, entry, introLinkLines));
    for (const section of document.sections) {
      findings.push(...checkSplit(document, section), ...checkMissingLink(document, section, config.format), ...checkMissingDescription(document, section));
      for (const entry of section.entries) findings.push(...checkBareUrls(document, entry, isParagraphSection(section)));
    }
    return findings;
  },
};

