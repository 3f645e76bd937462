import type { Entry, Finding, IssueDocument, Range } from '../model';
import type { Rule, RuleCode } from './rule';
import { fencedLines, finding, lineRange, matchesOf, rangeOf } from './helpers';

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
function keyPattern(key: string): PlaceholderPattern {
  const parts = key.split(/\b(YYYY|MM|DD|Month)\b/);
  const source = parts.map((part, i) => (i % 2 === 1 ? `(?:${part}|${DATE_WORDS[part]})` : escape(part))).join('');
  const bounded = `${/^\w/.test(key) ? '\\b' : ''}${source}${/\w$/.test(key) ? '\\b' : ''}`;
  // Every match holds the key's longest part that is no date word, as written.
  const needs = parts.filter((_, i) => i % 2 === 0).reduce((a, b) => (b.length > a.length ? b : a), '');
  return { pattern: new RegExp(bounded, 'g'), needs };
}

/**
 * A placeholder's pattern, and a piece of text each of its matches holds (or ''): a text without
 * it is passed over without running the pattern, which, starting with `\b` or a class, would be
 * tried at every character of the issue after every edit.
 */
interface PlaceholderPattern {
  readonly pattern: RegExp;
  readonly needs: string;
}

/** Template tokens every newsletter's templates use, whatever the profile says. */
const GENERIC: readonly PlaceholderPattern[] = [
  // `INSERT_LINK_HERE`, `REDDIT_LINK_HERE`, `ADD_URL_HERE`.
  { pattern: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_HERE\b/g, needs: '_HERE' },
  // Shell-style template variables: `$twir_events_end_date`.
  { pattern: /\$[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, needs: '$' },
  // An ISO week that no calendar has.
  { pattern: /\b\d{4}-W00\b/g, needs: '-W00' },
];

interface Placeholder {
  readonly start: number;
  readonly end: number;
  readonly written: string;
}

const patternSets = new WeakMap<object, readonly PlaceholderPattern[]>();

/** What a match must hold to be a placeholder still unfilled (a half-filled date keeps one of its words). */
const PLACEHOLDER_WORD = /[A-Z_]{2,}|\$|\bMonth\b|\bDD\b|\bMM\b|\bYYYY\b|W00/;

/**
 * The patterns for a profile's placeholder keys and the generic tokens, made once per profile.
 * A key with a line break in it is left out: no line could hold it.
 */
function placeholderPatterns(placeholders: Readonly<Record<string, string>>): readonly PlaceholderPattern[] {
  let patterns = patternSets.get(placeholders);
  if (!patterns) {
    patterns = [...Object.keys(placeholders).filter((key) => key.trim() !== '' && !/[\r\n]/.test(key)).map(keyPattern), ...GENERIC];
    patternSets.set(placeholders, patterns);
  }
  return patterns;
}

/**
 * The placeholders of the text, line by line outside fences (`fencedLines`) and code spans, each
 * place once (the first pattern's match there). Each pattern runs over the whole text once, not
 * over every line: no pattern matches across a line break, so its matches are those each line
 * would give alone, and only the few lines with a match are read again, for their code spans.
 * (This rule runs on the whole issue after every edit.)
 */
function placeholdersIn(document: IssueDocument, patterns: readonly PlaceholderPattern[]): Placeholder[] {
  const { text, lines } = document;
  const candidates: Array<Placeholder & { readonly line: number; readonly pattern: number }> = [];
  patterns.forEach(({ pattern, needs }, k) => {
    if (!text.includes(needs)) return;
    for (const m of matchesOf(pattern, text)) {
      if (m[0] === '' || !PLACEHOLDER_WORD.test(m[0])) continue;
      candidates.push({ line: lines.positionAt(m.index).line, pattern: k, start: m.index, end: m.index + m[0].length, written: m[0] });
    }
  });
  if (candidates.length === 0) return [];
  // In the order a scan of each line gives: by line, then by pattern, then by place.
  candidates.sort((a, b) => a.line - b.line || a.pattern - b.pattern || a.start - b.start);
  const fenced = fencedLines(document);
  const found: Placeholder[] = [];
  let line = -1;
  let spans: Array<[number, number]> = [];
  let starts = new Set<number>();
  for (const candidate of candidates) {
    if (fenced(candidate.line)) continue;
    if (candidate.line !== line) {
      line = candidate.line;
      const base = lines.offsetAt({ line, character: 0 });
      spans = codeSpans(lines.lineText(line)).map(([s, e]) => [base + s, base + e]);
      starts = new Set();
    }
    const { start, end } = candidate;
    if (spans.some(([s, e]) => start >= s && end <= e) || starts.has(start)) continue;
    starts.add(start);
    found.push({ start, end, written: candidate.written });
  }
  return found;
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
    const saysNone = section.entries.filter((entry) => entry.links.length === 0 && entry.range.start.line === entry.range.end.line && NONE_THIS_WEEK.test(document.lines.lineText(entry.range.start.line)));
    // A section whose items stand under labels (`FCP issues:`, `Other issues:`) may well say "No PRs
    // this week" of one group: only a section with one list at most is sure to contradict it.
    // (Counted only for a section with such a line: most have none, and this runs after every edit.)
    if (saysNone.length === 0 || labelLines(document, section.bodyRange.start.line, section.bodyRange.end.line) > 1) continue;
    for (const entry of saysNone) {
      const line = entry.range.start.line;
      findings.push(finding(PLACEHOLDER, lineRange(document, line), `This line says the section is empty, but it holds ${linked.length} entr${linked.length === 1 ? 'y' : 'ies'}: is it left from the template?`));
    }
  }
  return findings;
}

/**
 * How many of the lines `first..last` end with a colon (and emphasis marks or spaces) and are no
 * list item: a group's label (`FCP issues:`). Only the lines with a colon are read: most have none.
 */
function labelLines(document: IssueDocument, first: number, last: number): number {
  const { text, lines } = document;
  const end = lines.offsetAt({ line: last, character: Number.MAX_SAFE_INTEGER });
  let labels = 0;
  let line = -1;
  // The lines that may end so, found in the text (`$` also matches before a U+2028, which is no
  // line break here: each line found is read again whole).
  LABEL_END.lastIndex = lines.offsetAt({ line: first, character: 0 });
  for (let m = LABEL_END.exec(text); m && m.index < end; m = LABEL_END.exec(text)) {
    const next = lines.positionAt(m.index).line;
    if (next === line) continue;
    line = next;
    const written = lines.lineText(line);
    if (/:[*_]*\s*$/.test(written) && !/^\s*(?:[*+-]|\d+[.)])\s/.test(written)) labels++;
  }
  return labels;
}

const LABEL_END = /:[*_]*\s*$/gm;

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
    for (const { start, end, written } of placeholdersIn(document, placeholderPatterns(config.format.newIssue.placeholders))) {
      findings.push(finding(PLACEHOLDER, rangeOf(document, start, end), `\`${written}\` is a placeholder of the template: fill it in or remove it.`));
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
