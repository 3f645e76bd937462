import type { Entry, Finding, IssueDocument, Range } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, lineRange, rangeOf } from './helpers';
import { FEW_ISSUES, memoized } from '../text/memo';

const PLACEHOLDER: RuleCode = {
  code: 'template.placeholder',
  defaultSeverity: 'warning',
  description: "A placeholder of the new-issue template is still in the issue (`INSERT_LINK_HERE`, `Month DD`, a `TODO` link target, a template variable).",
};
const EMPTY_ITEM: RuleCode = {
  code: 'entry.empty',
  defaultSeverity: 'warning',
  description: 'A list item with nothing after its bullet (usually left from the template).',
};

/** Words of a template's placeholder keys that stand for a part of a date, and what fills them. */
const DATE_WORDS: Readonly<Record<string, string>> = {
  YYYY: '\\d{4}',
  MM: '\\d{1,2}',
  DD: '\\d{1,2}',
  Month: '(?:January|February|March|April|May|June|July|August|September|October|November|December)',
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern for one placeholder key of the profile (`newIssue.placeholders`): the key as written,
 * or half filled in (`Month DD, 2024`: the year typed, the day not), as long as one date word is left.
 */
function keyPattern(key: string): RegExp {
  const parts = key.split(/\b(YYYY|MM|DD|Month)\b/);
  const source = parts.map((part, i) => (i % 2 === 1 ? `(?:${part}|${DATE_WORDS[part]})` : escape(part))).join('');
  const bounded = `${/^\w/.test(key) ? '\\b' : ''}${source}${/\w$/.test(key) ? '\\b' : ''}`;
  return new RegExp(bounded, 'g');
}

/** Template tokens every newsletter's templates use, whatever the profile says. */
const GENERIC = [
  // `INSERT_LINK_HERE`, `REDDIT_LINK_HERE`, `ADD_URL_HERE`.
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_HERE\b/g,
  // Shell-style template variables: `$twir_events_end_date`.
  /\$[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g,
  // An ISO week that no calendar has.
  /\b\d{4}-W00\b/g,
];

interface Placeholder {
  readonly start: number;
  readonly end: number;
  readonly written: string;
}

const scanners = new WeakMap<object, (line: string) => readonly Placeholder[]>();

/** What a match must hold to be a placeholder still unfilled (a half-filled date keeps one of its words). */
const PLACEHOLDER_WORD = /[A-Z_]{2,}|\$|\bMonth\b|\bDD\b|\bMM\b|\bYYYY\b|W00/;
/**
 * What a line holds wherever `PLACEHOLDER_WORD` matches in it (`DD`, `MM` and `YYYY` are two
 * capitals): `[A-Z_]{2}|\$|Month|W00`. A line without it holds no placeholder.
 */
function mayHoldPlaceholder(text: string): boolean {
  // A loop over the characters: a regular expression of these alternatives reads each line slower.
  let capitals = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c === 95) {
      if (++capitals === 2) return true;
      if (c === 77 && text.startsWith('onth', i + 1)) return true; // Month
      if (c === 87 && text.startsWith('00', i + 1)) return true; // W00
    } else {
      capitals = 0;
      if (c === 36) return true; // $
    }
  }
  return false;
}
const NONE: readonly Placeholder[] = [];

/**
 * The placeholders of one line (outside code spans, each place once) for a profile's placeholder
 * keys and the generic tokens: a function of the line alone, remembered per profile, as after an
 * edit every other line of the issue is the same.
 */
function placeholderScanner(placeholders: Readonly<Record<string, string>>): (line: string) => readonly Placeholder[] {
  const known = scanners.get(placeholders);
  if (known) return known;
  const patterns = [...Object.keys(placeholders).filter((key) => key.trim() !== '').map(keyPattern), ...GENERIC];
  const memo = memoized((text: string): readonly Placeholder[] => {
    const found: Placeholder[] = [];
    const spans = codeSpans(text);
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (m[0] === '' || spans.some(([s, e]) => start >= s && end <= e)) continue;
        if (!PLACEHOLDER_WORD.test(m[0])) continue;
        if (found.some((p) => p.start === start)) continue;
        found.push({ start, end, written: m[0] });
      }
    }
    return found;
  }, FEW_ISSUES);
  // Most lines hold nothing a placeholder needs (`mayHoldPlaceholder`): passed over before the lookup.
  const scanner = (text: string) => (mayHoldPlaceholder(text) ? memo(text) : NONE);
  scanners.set(placeholders, scanner);
  return scanner;
}

/** Link targets that say "fill me in". */
const TODO_TARGET = /^(?:todo|tbd|fixme|xxx|url|link)$/i;

/** Whether a link target is a template's "fill me in" (`INSERT_LINK_HERE`, `TODO`): this rule's to report. */
export function isPlaceholderTarget(target: string): boolean {
  const t = target.trim();
  return TODO_TARGET.test(t) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_HERE$/.test(t);
}

/** The spans of the line that are inside backticks: a placeholder quoted in code is prose about it. */
function codeSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /(`+)[\s\S]*?\1/g;
  for (let m = re.exec(line); m; m = re.exec(line)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function allEntries(document: IssueDocument): Entry[] {
  return [...document.intro, ...document.sections.flatMap((section) => section.entries)];
}

/** The line of an item that holds only its bullet (and spaces), or undefined. */
function bareBullet(document: IssueDocument, entry: Entry): Range | undefined {
  if (entry.shape !== 'list-item' && entry.blockType !== 'listItem') return undefined;
  if (entry.range.start.line !== entry.range.end.line) return undefined;
  const line = document.lines.lineText(entry.range.start.line);
  return /^\s*(?:[*+-]|\d+[.)])\s*$/.test(line) ? lineRange(document, entry.range.start.line) : undefined;
}

/** A template's "nothing this week" line: `*No RFCs were approved this week.*`, `No new jobs this week.` */
const NONE_THIS_WEEK = /^[*_\s]*No\b[^[\]()]{0,80}\bthis (?:week|issue|time)[.!]?[*_\s]*$/i;

/**
 * A "nothing this week" line in a section that does hold entries: the template's default, left in
 * above (or below) the real items. Only a line of its own (a paragraph), and only when the section
 * has a linked entry besides it and does not group its items under labels.
 */
function noneThisWeek(document: IssueDocument): Finding[] {
  const findings: Finding[] = [];
  for (const section of document.sections) {
    const linked = section.entries.filter((e) => e.shape !== 'block' && e.links.length > 0 && e.blockType !== 'code' && e.blockType !== 'html');
    if (linked.length === 0) continue;
    // A section whose items stand under labels (`FCP issues:`, `Other issues:`) may well say "No PRs
    // this week" of one group: only a section with one list at most is sure to contradict it.
    let labels = 0;
    for (let line = section.bodyRange.start.line; line <= section.bodyRange.end.line && line < document.lines.lineCount; line++) {
      if (/:[*_]*\s*$/.test(document.lines.lineText(line)) && !/^\s*(?:[*+-]|\d+[.)])\s/.test(document.lines.lineText(line))) labels++;
    }
    if (labels > 1) continue;
    for (const entry of section.entries) {
      if (entry.links.length > 0 || entry.range.start.line !== entry.range.end.line) continue;
      const line = entry.range.start.line;
      if (!NONE_THIS_WEEK.test(document.lines.lineText(line))) continue;
      findings.push(finding(PLACEHOLDER, lineRange(document, line), `This line says the section is empty, but it holds ${linked.length} entr${linked.length === 1 ? 'y' : 'ies'}: is it left from the template?`));
    }
  }
  return findings;
}

/**
 * Leftovers of the new-issue template: placeholders still in the text (the profile's own
 * placeholder keys, which New Issue replaces, plus tokens every template uses), `TODO` link targets,
 * and list items with nothing after the bullet.
 */
export const templateRule: Rule = {
  name: 'template',
  codes: [PLACEHOLDER, EMPTY_ITEM],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const findings: Finding[] = [];
    const placeholdersOf = placeholderScanner(config.format.newIssue.placeholders);
    let fenced = false;
    for (let line = 0; line < document.lines.lineCount; line++) {
      const text = document.lines.lineText(line);
      if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
      if (fenced) continue;
      const base = document.lines.offsetAt({ line, character: 0 });
      for (const { start, end, written } of placeholdersOf(text)) {
        findings.push(finding(PLACEHOLDER, rangeOf(document, base + start, base + end), `\`${written}\` is a placeholder of the template: fill it in or remove it.`));
      }
    }
    findings.push(...noneThisWeek(document));
    for (const entry of allEntries(document)) {
      for (const link of entry.links) {
        if (TODO_TARGET.test(link.target.trim())) {
          findings.push(finding(PLACEHOLDER, link.targetRange, `The link "${link.text}" points at \`${link.target}\`, a placeholder: put the URL in.`));
        }
      }
      const bare = bareBullet(document, entry);
      if (bare) {
        // Removing the line drops no word and no URL: the item holds only its bullet.
        const next = Math.min(entry.range.start.line + 1, document.lines.lineCount - 1);
        const removal = next > entry.range.start.line
          ? { start: { line: entry.range.start.line, character: 0 }, end: { line: next, character: 0 } }
          : bare;
        findings.push(finding(EMPTY_ITEM, bare, 'This list item is empty: write the entry or remove the bullet.', {
          fixes: [{ title: 'Remove the empty item', edits: [{ range: removal, newText: '' }], preferred: true, safe: true }],
        }));
      }
    }
    return findings;
  },
};
