import { addDays, compareDays, daysBetween, formatIsoDay, isValidCalendarDate } from '../parse/dates';
import type { CalendarDate, Entry, Finding, IssueDocument, Range } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, rangeOf, textOf } from './helpers';

const ORDER: RuleCode = {
  code: 'events.order',
  reach: 'section',
  defaultSeverity: 'warning',
  description: 'A dated entry of an events section comes before an entry of an earlier day in the same list.',
};
const WINDOW: RuleCode = {
  code: 'events.window',
  reach: 'section',
  defaultSeverity: 'warning',
  description: "A dated entry of an events section lies outside the issue's window (the window the section states, else from a week before the issue to eight weeks after it): often a wrong year.",
};

/** Without a stated window: events from a week before the issue to eight weeks after it. */
const DEFAULT_BEFORE_DAYS = 7;
const DEFAULT_AFTER_DAYS = 56;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface Dated {
  readonly day: CalendarDate;
  /** True when the year was written, not guessed from the issue's date. */
  readonly hasYear: boolean;
  readonly range: Range;
}

/** The year that puts a month and day nearest the issue's date. */
function nearestYear(month: number, day: number, near: CalendarDate): CalendarDate {
  const options = [near.year - 1, near.year, near.year + 1].map((year) => ({ year, month, day }));
  return options.reduce((best, d) => (Math.abs(daysBetween(near, d)) < Math.abs(daysBetween(near, best)) ? d : best));
}

/**
 * The date an event entry starts with, after its bullet and an optional `[` or `**`:
 * `2024-03-10 | City | [Group](url)`, `[Mar 10. City - Title](url)`, `[3/10. City ...](url)`.
 */
function leadingDate(document: IssueDocument, entry: Entry, near: CalendarDate | undefined): Dated | undefined {
  const text = textOf(document, entry.range);
  const lead = /^\s*(?:[*+-]|\d+[.)])\s+(?:\[|\*\*)*\s*/.exec(text);
  if (!lead) return undefined;
  const rest = text.slice(lead[0].length);
  const at = (length: number) => {
    const start = document.lines.offsetAt(entry.range.start) + lead[0].length;
    return rangeOf(document, start, start + length);
  };
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(rest);
  if (iso) {
    const day = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    return isValidCalendarDate(day) ? { day, hasYear: true, range: at(10) } : undefined;
  }
  if (!near) return undefined;
  const named = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?!\d)/.exec(rest);
  const numeric = /^(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(rest);
  let month = 0;
  let dayOfMonth = 0;
  let length = 0;
  if (named && MONTHS.includes(named[1].slice(0, 3).toLowerCase())) {
    month = MONTHS.indexOf(named[1].slice(0, 3).toLowerCase()) + 1;
    dayOfMonth = Number(named[2]);
    length = named[0].length;
  } else if (numeric) {
    month = Number(numeric[1]);
    dayOfMonth = Number(numeric[2]);
    length = numeric[0].length;
  } else {
    return undefined;
  }
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const day = nearestYear(month, dayOfMonth, near);
  return isValidCalendarDate(day) ? { day, hasYear: false, range: at(length) } : undefined;
}

/**
 * The items of a list that are in date order, as indices: the longest run in order (the fewest
 * items to move), and of those the one spanning the fewest days, so that an item whose date
 * jumps ahead of its neighbours (`3/21`, `4/23`, `4/15`: a month typed wrong) is the one reported.
 * On a tie the item listed later is the one out of place.
 */
function inOrder(list: readonly Dated[]): Set<number> {
  const length: number[] = [];
  const start: CalendarDate[] = [];
  const back: number[] = [];
  list.forEach((item, i) => {
    length.push(1); start.push(item.day); back.push(-1);
    for (let j = 0; j < i; j++) {
      if (compareDays(list[j].day, item.day) > 0) continue;
      if (length[j] + 1 > length[i] || (length[j] + 1 === length[i] && compareDays(start[j], start[i]) > 0)) {
        length[i] = length[j] + 1; start[i] = start[j]; back[i] = j;
      }
    }
  });
  let end = -1;
  list.forEach((item, i) => {
    if (end < 0 || length[i] > length[end] || (length[i] === length[end] && daysBetween(start[i], item.day) < daysBetween(start[end], list[end].day))) end = i;
  });
  const kept = new Set<number>();
  for (let i = end; i >= 0; i = back[i]) kept.add(i);
  return kept;
}

/** A window the section states in its text: `between 2024-03-06 - 2024-04-03`. */
function statedWindow(document: IssueDocument, start: number, end: number): [CalendarDate, CalendarDate] | undefined {
  for (let line = start; line <= end && line < document.lines.lineCount; line++) {
    const m = /(\d{4})-(\d{2})-(\d{2})\s*(?:-|–|to|\.\.)\s*(\d{4})-(\d{2})-(\d{2})/.exec(document.lines.lineText(line));
    if (!m || /^\s*(?:[*+-]|\d+[.)])\s/.test(document.lines.lineText(line))) continue;
    const from = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    const to = { year: Number(m[4]), month: Number(m[5]), day: Number(m[6]) };
    if (isValidCalendarDate(from) && isValidCalendarDate(to) && compareDays(from, to) <= 0) return [from, to];
  }
  return undefined;
}

/**
 * Dated entries of the sections of kind `events`: in day order within each list, and within the
 * issue's window. Only entries that start with a date count (an event's sub-items do not).
 */
export const eventsRule: Rule = {
  name: 'events',
  codes: [ORDER, WINDOW],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    const published = document.publicationDate;
    document.sections.forEach((section, index) => {
      if (section.kind !== 'events') return;
      // The window a top-level events section states applies to its subsections too.
      let top = index;
      while (document.sections[top].parent !== undefined && document.sections[document.sections[top].parent as number].kind === 'events') top = document.sections[top].parent as number;
      const topSection = document.sections[top];
      const stated = statedWindow(document, topSection.headingRange.end.line, (document.sections[top + 1]?.headingRange.start.line ?? topSection.bodyRange.end.line));
      const window = stated ?? (published ? [addDays(published, -DEFAULT_BEFORE_DAYS), addDays(published, DEFAULT_AFTER_DAYS)] as [CalendarDate, CalendarDate] : undefined);
      // Each list (a run of dated items, which starts again after anything else) is put in order
      // apart from the fewest items: those are the ones out of place.
      const lists: Dated[][] = [];
      let previousEnd = -1;
      for (const entry of section.entries) {
        if (entry.shape !== 'list-item') { previousEnd = -1; continue; }
        const dated = leadingDate(document, entry, published);
        if (!dated) continue;
        if (previousEnd < 0 || entry.range.start.line - previousEnd > 2) lists.push([]);
        previousEnd = entry.range.end.line;
        if (window && dated.hasYear && (compareDays(dated.day, window[0]) < 0 || compareDays(dated.day, window[1]) > 0)) {
          findings.push(finding(WINDOW, dated.range,
            `${formatIsoDay(dated.day)} is outside this issue's events window (${formatIsoDay(window[0])} to ${formatIsoDay(window[1])}${stated ? ', as the section states' : ''}): is the year or month wrong?`));
          continue;
        }
        lists[lists.length - 1].push(dated);
      }
      for (const list of lists) {
        const kept = inOrder(list);
        const order = [...kept].sort((a, b) => a - b);
        list.forEach((dated, i) => {
          if (kept.has(i)) return;
          const before = order.filter((k) => k < i).pop();
          const after = order.find((k) => k > i);
          const place = before === undefined ? `before ${formatIsoDay(list[after as number].day)}` : `after ${formatIsoDay(list[before].day)}`;
          findings.push(finding(ORDER, dated.range, `This event (${formatIsoDay(dated.day)}) is out of date order: it is listed ${place}. Move it, or check its date.`));
        });
      }
    });
    return findings;
  },
};
