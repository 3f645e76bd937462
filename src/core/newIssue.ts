import type { NewsletterConfig } from './config';
import type { CalendarDate, Position } from './model';
import { addDays, formatIsoDay, isValidCalendarDate, pad2, parseFileName } from './parse/dates';
import { formatTitle, titleTemplateRegExp } from './titleTemplate';

/**
 * What `New Issue` needs to know of an issue already in the workspace. The workspace index's
 * `IndexedIssue` has this shape, so either the index or a plain scan of the files can feed it.
 */
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
  const date = latest ? addDays(latest, config.publicationIntervalDays) : clock.today;
  const title = formatTitle(config.titleTemplate, number, date);
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

function compareDays(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const TITLE_LINE = /^title:[ \t]*(.*?)[ \t]*$/m;
const DATE_LINE = /^date:[ \t]*["']?(\d{4})-(\d{2})-(\d{2})/m;

/**
 * The number and day of an issue file from its name and the head of its text, cheaply (no
 * Markdown parse), for a scan of many files. Where the title (or `date` field) and the file name
 * disagree, the higher number and the later day count: a half-updated copy of last week's
 * front matter must not make New Issue reuse a number or a day.
 */
export function existingIssueOf(fileName: string, text: string, config: NewsletterConfig): ExistingIssue {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const fromName = parseFileName(fileName);
  let number = fromName.number;
  let date = fromName.date;
  if (/^---[ \t]*\r?\n/.test(head)) {
    const titleMatch = TITLE_LINE.exec(head);
    if (titleMatch) {
      let title = titleMatch[1];
      if (/^(["']).*\1$/.test(title)) title = title.slice(1, -1);
      const titleNumber = titleNumberOf(title.trim(), config.titleTemplate);
      if (titleNumber !== undefined && (number === undefined || titleNumber > number)) number = titleNumber;
    }
    const dateMatch = DATE_LINE.exec(head);
    if (dateMatch) {
      const day = { year: Number(dateMatch[1]), month: Number(dateMatch[2]), day: Number(dateMatch[3]) };
      if (isValidCalendarDate(day) && (!date || compareDays(day, date) > 0)) date = day;
    }
  }
  return { number, date };
}

/** The number in a title written to the template, else the digits after its `#`. */
function titleNumberOf(title: string, template: string): number | undefined {
  const match = titleTemplateRegExp(template, true).exec(title);
  const group = numberGroupOf(template);
  if (match && group > 0) return Number(match[group]);
  const digits = /#[ \t]*(\d{1,6})\b/.exec(title);
  return digits ? Number(digits[1]) : undefined;
}

/** Which capture group of `titleTemplateRegExp` holds the number (its placeholders in order). */
function numberGroupOf(template: string): number {
  const names = [...template.matchAll(/\{(number|day|ordinal|month|year)\}/g)].map((m) => m[1]);
  return names.indexOf('number') + 1;
}

/** The local clock of the machine this runs on (the JavaScript `Date`'s time zone). */
export function systemClock(now: Date = new Date()): NewIssueClock {
  return {
    today: { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() },
    time: { hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() },
    offsetMinutes: (date, time) => -new Date(date.year, date.month - 1, date.day, time.hour, time.minute, time.second).getTimezoneOffset(),
  };
}
