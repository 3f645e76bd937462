import { addDays, compareDays, daysBetween, formatIsoDay, isValidCalendarDate } from '../parse/dates';
import type { CalendarDate, Entry, Finding, IssueDocument, Range } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, rangeOf, textOf } from './helpers';

const ORDER: RuleCode = {
  code: 'events.order',
  defaultSeverity: 'warning',
  description: 'A dated entry of an events section comes before an entry of an earlier day in the same list.',
};
const WINDOW: RuleCode = {
  code: 'events.window',
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
      let previous: Dated | undefined;
      let previousEnd = -1;
      for (const entry of section.entries) {
        if (entry.shape !== 'list-item') { previous = undefined; continue; }
        const dated = leadingDate(document, entry, published);
        if (!dated) continue;
        // A list starts again after anything that is not one of its items.
        if (previous && entry.range.start.line - previousEnd > 2) previous = undefined;
        if (window && dated.hasYear && (compareDays(dated.day, window[0]) < 0 || compareDays(dated.day, window[1]) > 0)) {
          findings.push(finding(WINDOW, dated.range,
            `${formatIsoDay(dated.day)} is outside this issue's events window (${formatIsoDay(window[0])} to ${formatIsoDay(window[1])}${stated ? ', as the section states' : ''}): is the year or month wrong?`));
        } else if (previous && compareDays(dated.day, previous.day) < 0) {
          findings.push(finding(ORDER, dated.range, `This event (${formatIsoDay(dated.day)}) is listed after one on ${formatIsoDay(previous.day)}: keep the list in date order.`));
        }
        previous = dated;
        previousEnd = entry.range.end.line;
      }
    });
    return findings;
  },
};
