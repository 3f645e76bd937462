import type { Finding, Fix, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, forEachUnfencedLine, rangeOf, replace } from './helpers';
import { FEW_ISSUES, memoized } from '../text/memo';

const MISSPELT: RuleCode = {
  code: 'date.month-misspelt',
  defaultSeverity: 'warning',
  description: 'A date whose month is not a month: a slip of one or two letters (`Ocr 12`, `Ma4 5`, `Janurary 22, 2023`).',
};

const FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = FULL.map((name) => name.slice(0, 3));
const MONTH_WORDS = new Set([...FULL, ...SHORT, 'Sept'].map((w) => w.toLowerCase()));

/** Edit distance with adjacent transpositions (`Setpember`), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * The months a word could have meant, when it is not a month itself: a three-character word one
 * slip from an abbreviation (`Ocr`, `Ma4`), or a longer word one slip from a full name (two for a
 * name of seven letters or more: `Janurary`). Same first letter: a slip keeps the word's start.
 */
export function meantMonths(word: string): string[] {
  if (MONTH_WORDS.has(word.toLowerCase()) || word.length < 3) return [];
  const first = word[0].toLowerCase();
  if (word.length === 3) return SHORT.filter((m) => m[0].toLowerCase() === first && editDistance(word, m) === 1);
  return FULL.filter((m) => m[0].toLowerCase() === first && editDistance(word, m) <= (m.length >= 7 ? 2 : 1) && editDistance(word, m) < word.length - 2);
}

/**
 * Where a month word is a date beyond doubt: the word before a day and a year (`Janurary 22, 2023`)
 * or after a day and before a year (`22nd Janurary 2023`); or leading a list item as an event's day
 * (`* [Ocr 12. San Diego ...](url)`, `* Ma4  5. London`), where a bare day follows it with a `.`.
 */
const WITH_YEAR = /(?<![\w-])([A-Za-z][A-Za-z0-9]{2,9})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)|(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s+([A-Za-z][A-Za-z0-9]{2,9}),?\s+\d{4}(?!\d)/dg;
const ANY_DIGIT = /\d/;
const FOUR_DIGITS = /\d{4}/;
const EVENT_LEAD = /^(\s*(?:[*+-]|\d+[.)])\s+(?:\[|\*\*)*\s*)([A-Za-z][A-Za-z0-9]{2,9})\.?\s+\d{1,2}\.(?!\d)/;

function monthFixes(word: string, meant: readonly string[], range: Fix['edits'][number]['range']): Fix[] {
  const spell = (m: string) => (word === word.toUpperCase() ? m.toUpperCase() : word === word.toLowerCase() ? m.toLowerCase() : m);
  return meant.map((m) => ({ title: `Write \`${spell(m)}\``, edits: [replace(range, spell(m))], preferred: meant.length === 1 }));
}

/** `date.month-misspelt`: a month name with a slip in a date, where a reader sees no date at all. */
export const monthNamesRule: Rule = {
  name: 'month-names',
  codes: [MISSPELT],
  docs: 'docs/rules.md',
  check: ({ document }) => checkMonthNames(document),
};

function checkMonthNames(document: IssueDocument): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  const report = (line: number, start: number, word: string) => {
    const meant = meantMonths(word);
    const base = document.lines.offsetAt({ line, character: 0 }) + start;
    if (seen.has(base)) return;
    seen.add(base);
    const range = rangeOf(document, base, base + word.length);
    findings.push(finding(MISSPELT, range, `\`${word}\` is not a month: ${meant.map((m) => `\`${m}\``).join(' or ')}?`, { fixes: monthFixes(word, meant, range) }));
  };
  const events = document.sections.filter((s) => s.kind === 'events').map((s) => s.bodyRange);
  const inEvents = (line: number) => events.some((r) => line >= r.start.line && line <= r.end.line);
  forEachUnfencedLine(document, (line, start, end) => {
    const text = document.text.slice(start, end);
    const events = inEvents(line);
    // Each shape `misspeltMonths` looks for holds a year, or in events a day: the lines without
    // one (most of them) are passed over before the lookup, which would copy them.
    if (!(events ? ANY_DIGIT : FOUR_DIGITS).test(text)) return;
    for (const found of (events ? misspeltMonthsInEvents : misspeltMonthsInProse)(text)) report(line, found.start, found.word);
  });
  return findings;
}

/**
 * The words of one line (in an events section or not) in the place of a date's month that are no
 * month but near one, with where they start. A function of the line alone, remembered (below):
 * after an edit, every other line of the issue is the same.
 */
function misspeltMonths(line: string, inEvents: boolean): readonly { start: number; word: string }[] {
  // A word in backticks is code, not a date.
  const plain = line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
  const found: { start: number; word: string }[] = [];
  const lead = inEvents ? EVENT_LEAD.exec(plain) : null;
  if (lead) found.push({ start: lead[1].length, word: lead[2] });
  WITH_YEAR.lastIndex = 0;
  for (let m = WITH_YEAR.exec(plain); m; m = WITH_YEAR.exec(plain)) {
    const group = m[1] !== undefined ? 1 : 2;
    const at = m.indices?.[group];
    if (at) found.push({ start: at[0], word: m[group] });
  }
  return found.filter(({ word }) => meantMonths(word).length > 0);
}

/** By the line itself, one map for each kind of section: no key is built for the lookup. */
const misspeltMonthsInProse = memoized((line: string) => misspeltMonths(line, false), FEW_ISSUES);
const misspeltMonthsInEvents = memoized((line: string) => misspeltMonths(line, true), FEW_ISSUES);
