import type { NewsletterConfig } from './config';
import type { CalendarDate, Position } from './model';
import { addDays, compareDays, formatIsoDay, isValidCalendarDate, pad2 } from './parse/dates';
import { formatTitle } from './titleTemplate';
import type { IndexedIssue } from './workspace';

/** What `New Issue` needs to know of an issue already in the workspace (see `existingIssueOf`). */
export interface ExistingIssue {
  readonly number?: number;
  readonly date?: CalendarDate;
}

/** A wall-clock time of day. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The clock, passed in so the computation is the same in tests, the CLI and the editor:
 * `today` and `time` are local, and `offsetMinutes` gives the local offset from UTC (east
 * positive, so +60 for CET) in force at a given day and time, which differs across a DST change.
 */
export interface NewIssueClock {
  readonly today: CalendarDate;
  readonly time: TimeOfDay;
  offsetMinutes(date: CalendarDate, time: TimeOfDay): number;
}

export interface NewIssuePlan {
  readonly number: number;
  readonly date: CalendarDate;
  /** `YYYY-MM-DD-N.md` */
  readonly fileName: string;
  /** The title as written in the front matter (template applied). */
  readonly title: string;
  /** The `date` field's value: ISO 8601 with the local offset, e.g. `2020-10-18T09:30:00+01:00`. */
  readonly dateField: string;
  /** The whole new file. */
  readonly text: string;
  /** Where the intro goes: the cursor's place once the file is open. */
  readonly introPosition: Position;
}

/**
 * The next issue: number = the highest number + 1, day = the latest issue's day plus the
 * publication interval (today when there is no issue yet), with the title, file name and
 * skeleton that go with them. Issues without a number or day still count for what they have.
 */
export function planNewIssue(existing: readonly ExistingIssue[], config: NewsletterConfig, clock: NewIssueClock): NewIssuePlan {
  let highest = 0;
  let latest: CalendarDate | undefined;
  for (const issue of existing) {
    if (issue.number !== undefined && Number.isFinite(issue.number) && issue.number > highest) highest = issue.number;
    if (issue.date && isValidCalendarDate(issue.date) && (!latest || compareDays(issue.date, latest) > 0)) latest = issue.date;
  }
  const number = highest + 1;
  const date = latest ? addDays(latest, config.format.newIssue.intervalDays) : clock.today;
  const title = formatTitle(config.format.title.template, number, date);
  const dateField = formatDateTime(date, clock.time, clock.offsetMinutes(date, clock.time));
  const { text, introPosition } = skeleton(title, dateField);
  return { number, date, fileName: `${formatIsoDay(date)}-${number}.md`, title, dateField, text, introPosition };
}

/** `YYYY-MM-DDThh:mm:ss±hh:mm`; an offset of 0 is written `+00:00`, as the archive does. */
export function formatDateTime(date: CalendarDate, time: TimeOfDay, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMinutes));
  const clock = `${pad2(time.hour)}:${pad2(time.minute)}:${pad2(time.second)}`;
  return `${formatIsoDay(date)}T${clock}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The section headings of a new issue, in order. */
export const SKELETON_SECTIONS = ['Sponsor', 'News', 'Tools'] as const;

/**
 * The new file: front matter, an empty intro line (where the cursor goes), then the sections
 * with empty bodies, separated by two blank lines as in the archive. The title goes into the
 * YAML as written by the template (`\#` is plain text to YAML).
 */
function skeleton(title: string, dateField: string): { text: string; introPosition: Position } {
  const lines = ['---', `title: ${title}`, `date: ${dateField}`, '---', '', ''];
  const introPosition = { line: lines.length - 1, character: 0 };
  for (const name of SKELETON_SECTIONS) {
    lines.push('', '', name, '='.repeat(name.length), '', '');
  }
  return { text: lines.join('\n'), introPosition };
}

/**
 * What New Issue takes from an issue of the workspace index. Where the title (or `date` field)
 * and the file name disagree, the higher number and the later day count: a half-updated copy of
 * last week's front matter must not make New Issue reuse a number or a day.
 */
export function existingIssueOf(issue: IndexedIssue): ExistingIssue {
  const numbers = [issue.titleNumber, issue.fileNameInfo.number].filter((n): n is number => n !== undefined);
  const days = [issue.dateFieldDay, issue.fileNameInfo.date].filter((d): d is CalendarDate => d !== undefined);
  return {
    number: numbers.length > 0 ? Math.max(...numbers) : undefined,
    date: days.length > 0 ? days.reduce((a, b) => (compareDays(b, a) > 0 ? b : a)) : undefined,
  };
}

/** The local clock of the machine this runs on (the JavaScript `Date`'s time zone). */
export function systemClock(now: Date = new Date()): NewIssueClock {
  return {
    today: { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() },
    time: { hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() },
    offsetMinutes: (date, time) => -new Date(date.year, date.month - 1, date.day, time.hour, time.minute, time.second).getTimezoneOffset(),
  };
}
