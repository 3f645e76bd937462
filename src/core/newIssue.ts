import type { NewsletterConfig } from './config';
import type { FormatProfile, HeaderKind } from './format/profile';
import type { CalendarDate, Position } from './model';
import { addDays, compareDays, daysBetween, formatFileName, formatIsoDay, isValidCalendarDate, pad2, sameDay } from './parse/dates';
import { parseWithConfig } from './parse/parseIssue';
import { formatTitle, placeholderValue } from './titleTemplate';
import { publicationDayOf, type IndexedIssue } from './workspace';

/** What `New Issue` needs to know of an issue already in the workspace (see `existingIssueOf`). */
export interface ExistingIssue {
  readonly number?: number;
  /** The publication day. */
  readonly date?: CalendarDate;
  /** The day the title names, where it names one (LWKD's "Week Ending" day precedes its publication). */
  readonly titleDate?: CalendarDate;
  /** What the date field writes after the day (`T09:00:00+00:00`, '' for none), where it holds a date. */
  readonly time?: string;
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
  /** Absent for a format whose issues have no number (none in the title, header or file name). */
  readonly number?: number;
  /** The publication day. */
  readonly date: CalendarDate;
  /** The day the title names (the publication day unless the archive's titles name another). */
  readonly titleDate: CalendarDate;
  /** From the profile's `files.name`, e.g. `YYYY-MM-DD-N.md`. */
  readonly fileName: string;
  /** The title as written in the header (template applied). */
  readonly title: string;
  /**
   * The date field's value: the day and the profile's `newIssue.time` where it has one (as the
   * archive writes it), else ISO 8601 with the local offset, e.g. `2020-10-18T09:30:00+01:00`.
   */
  readonly dateField: string;
  /** The whole new file. */
  readonly text: string;
  /** Where the intro goes: the cursor's place once the file is open. */
  readonly introPosition: Position;
  /** True when the text comes from the repository's template file, false for the built-in skeleton. */
  readonly fromTemplate: boolean;
}

/**
 * The next issue: number = the highest number + 1 (where the format numbers its issues), day =
 * the latest issue's publication day plus the profile's interval (today when there is no issue
 * yet), with the title, file name and text that go with them. The text is the repository's
 * template (`newIssue.template`) with its placeholders filled when the caller passes its text
 * (the caller reads the file, so the core stays pure), else a skeleton built from the profile.
 */
export function planNewIssue(existing: readonly ExistingIssue[], config: NewsletterConfig, clock: NewIssueClock, templateText?: string): NewIssuePlan {
  const profile = config.format;
  let highest = 0;
  let latest: ExistingIssue | undefined;
  for (const issue of existing) {
    if (issue.number !== undefined && Number.isFinite(issue.number) && issue.number > highest) highest = issue.number;
    if (issue.date && isValidCalendarDate(issue.date) && (!latest?.date || compareDays(issue.date, latest.date) > 0)) latest = issue;
  }
  const number = hasNumbers(profile) ? highest + 1 : undefined;
  const interval = profile.newIssue.intervalDays;
  const date = latest?.date ? addDays(latest.date, interval) : clock.today;
  // The title's day keeps the latest issue's distance to its publication day (0 for most).
  const lag = latest?.date && latest.titleDate ? daysBetween(latest.titleDate, latest.date) : 0;
  const titleDate = lag > 0 && lag < interval ? addDays(date, -lag) : date;
  const title = formatTitle(profile.title.template, number, titleDate);
  const slug = slugOf(title);
  const habit = profile.newIssue.time ? undefined : timeHabitOf(existing);
  const dateField = profile.newIssue.time
    ? `${formatIsoDay(date)} ${profile.newIssue.time}`
    : habit !== undefined ? `${formatIsoDay(date)}${habit}` : formatDateTime(date, clock.time, clock.offsetMinutes(date, clock.time));
  const fileName = formatFileName(profile.files.name, number, titleDate, slug);
  if (templateText !== undefined) {
    const text = fillTemplate(templateText, profile.newIssue.placeholders, { number, titleDate, date, slug });
    return { number, date, titleDate, fileName, title, dateField, text, introPosition: introPositionOf(text, fileName, config), fromTemplate: true };
  }
  const { text, introPosition } = skeleton(profile, title, dateField, number, slug);
  return { number, date, titleDate, fileName, title, dateField, text, introPosition, fromTemplate: false };
}

/** How many of the latest issues the time-of-day habit is read from. */
const HABIT_WINDOW = 10;

/**
 * The archive's habit for what follows the day in the date field: the most common suffix among
 * the latest issues (a time and offset, or nothing), when at least half of them and two write it;
 * undefined when there is no habit (each issue at the time it was written).
 */
export function timeHabitOf(existing: readonly ExistingIssue[]): string | undefined {
  const latest = existing
    .filter((issue) => issue.time !== undefined && issue.date && isValidCalendarDate(issue.date))
    .sort((a, b) => compareDays(b.date as CalendarDate, a.date as CalendarDate))
    .slice(0, HABIT_WINDOW);
  const counts = new Map<string, number>();
  for (const issue of latest) counts.set(issue.time as string, (counts.get(issue.time as string) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= 2 && best[1] * 2 >= latest.length ? best[0] : undefined;
}

/** Whether the format numbers its issues: a number in the title, the header or the file name. */
export function hasNumbers(profile: FormatProfile): boolean {
  return profile.header.numberField !== undefined || /\{number\}/.test(profile.title.template) || /\{number\}/.test(profile.files.name);
}

/** `week-ending-march-3-2024` for `Week Ending March 3, 2024`. */
export function slugOf(title: string): string {
  return title.toLowerCase().replace(/\\#/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The template's text with each placeholder key replaced by its value, a title-template
 * expression (`{number}`, `{month} {dd}, {year}`) plus `{pubIso}` (the publication day) and
 * `{slug}`. Longer keys go first, so a key that holds another (`POST_SLUG_DATE`, `POST_DATE`)
 * is replaced whole.
 */
export function fillTemplate(
  template: string,
  placeholders: Readonly<Record<string, string>>,
  values: { readonly number?: number; readonly titleDate: CalendarDate; readonly date: CalendarDate; readonly slug: string },
): string {
  const expand = (expression: string) =>
    expression.replace(/\{(pubIso|slug)\}/g, (_, name: string) => (name === 'pubIso' ? formatIsoDay(values.date) : values.slug))
      .replace(/\{([a-z]+)\}/g, (whole, name: string) => placeholderValue(name, values.number, values.titleDate) ?? whole);
  let text = template;
  for (const key of Object.keys(placeholders).filter((k) => k !== '').sort((a, b) => b.length - a.length)) {
    text = text.split(key).join(expand(placeholders[key]));
  }
  return text;
}

/** The line after the header of a filled template (or its first line when it has no header). */
function introPositionOf(text: string, fileName: string, config: NewsletterConfig): Position {
  const document = parseWithConfig(text, fileName, config);
  const end = document.frontMatter?.range.end.line;
  const line = end === undefined ? 0 : Math.min(end + 1, Math.max(0, document.lines.lineCount - 1));
  return { line, character: 0 };
}

/** `YYYY-MM-DDThh:mm:ss±hh:mm`; an offset of 0 is written `+00:00`, as the archive does. */
export function formatDateTime(date: CalendarDate, time: TimeOfDay, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMinutes));
  const clock = `${pad2(time.hour)}:${pad2(time.minute)}:${pad2(time.second)}`;
  return `${formatIsoDay(date)}T${clock}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * The metadata header for a new issue, in the profile's kind, with the title, date and (where the
 * profile has the fields) number and slug: YAML or TOML front matter, Pelican `Key: value` lines,
 * or, for a format without a header, the title as the first heading. The values go in as given
 * (a snippet passes snippet text).
 */
export function headerLines(kind: HeaderKind, fields: readonly (readonly [string, string])[], title: string): string[] {
  switch (kind) {
    case 'yaml': return ['---', ...fields.map(([key, value]) => `${key}: ${value}`), '---'];
    case 'toml': return ['+++', ...fields.map(([key, value]) => `${key} = ${tomlString(value)}`), '+++'];
    case 'pelican': return [...fields.map(([key, value]) => `${key}: ${value}`)];
    default: return [`# ${title}`];
  }
}

function tomlString(value: string): string {
  if (/^\d+$/.test(value)) return value;
  return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
}

/** The header fields a profile writes, in order: title, number, date, slug. */
export function headerFields(profile: FormatProfile, values: { title: string; date: string; number?: string; slug?: string }): [string, string][] {
  const { header } = profile;
  const fields: [string, string][] = [[header.titleField, values.title]];
  if (header.numberField && values.number !== undefined) fields.push([header.numberField, values.number]);
  fields.push([header.dateField, values.date]);
  if (header.slugField && values.slug !== undefined) fields.push([header.slugField, values.slug]);
  return fields;
}

/**
 * How the profile writes a section heading: setext `===` for a format of flat level-1/2 sections
 * (DevOps Weekly), else ATX `## ` at the profile's lowest section level.
 */
export function sectionHeadingStyle(profile: FormatProfile): { readonly setext: boolean; readonly level: number } {
  const levels = profile.sections.levels.length > 0 ? profile.sections.levels : [2];
  const level = Math.min(...levels);
  const setext = !profile.sections.nested && level === 1 && levels.every((l) => l <= 2);
  return { setext, level };
}

/** The lines of a section heading written the profile's way (`name` may be snippet text). */
export function sectionHeadingLines(profile: FormatProfile, name: string, shownLength = name.length): string[] {
  const style = sectionHeadingStyle(profile);
  return style.setext ? [name, '='.repeat(Math.max(3, shownLength))] : [`${'#'.repeat(style.level)} ${name}`];
}

/**
 * The built-in new file: the header, an empty intro line (where the cursor goes), then the
 * profile's `newIssue.sections` with empty bodies. Setext sections are set apart by two blank
 * lines as in DevOps Weekly's archive. The title goes into the header as the template writes it
 * (`\#` is plain text to YAML).
 */
function skeleton(profile: FormatProfile, title: string, dateField: string, number: number | undefined, slug: string): { text: string; introPosition: Position } {
  const header = headerLines(profile.header.kind, headerFields(profile, { title, date: dateField, number: number === undefined ? undefined : String(number), slug }), title);
  const lines = [...header, '', ''];
  const introPosition = { line: lines.length - 1, character: 0 };
  const { setext } = sectionHeadingStyle(profile);
  for (const name of profile.newIssue.sections) {
    if (setext) lines.push('', '', ...sectionHeadingLines(profile, name), '', '');
    else lines.push('', ...sectionHeadingLines(profile, name), '', '');
  }
  return { text: lines.join('\n'), introPosition };
}

/**
 * What New Issue takes from an issue of the workspace index. Where the title and the file name
 * disagree, the higher number counts: a half-updated copy of last week's front matter must not
 * make New Issue reuse a number. The day is the publication day (the date field's, else the file
 * name's), the day `issue.number-sequence` counts the interval from.
 */
export function existingIssueOf(issue: IndexedIssue): ExistingIssue {
  const numbers = [issue.titleNumber, issue.fileNameInfo.number].filter((n): n is number => n !== undefined);
  const existing: ExistingIssue = {
    number: numbers.length > 0 ? Math.max(...numbers) : undefined,
    // The one notion of an issue's date (`document.publicationDate`), which issue.number-sequence reads too.
    date: publicationDayOf(issue),
    ...(issue.dateFieldTime !== undefined ? { time: issue.dateFieldTime } : {}),
  };
  // Only a title day that differs from the issue's own date field says the titles name another
  // day than the publication (a stale copy has both from last week).
  return issue.titleDay && issue.dateFieldDay && !sameDay(issue.titleDay, issue.dateFieldDay) ? { ...existing, titleDate: issue.titleDay } : existing;
}

/** The local clock of the machine this runs on (the JavaScript `Date`'s time zone). */
export function systemClock(now: Date = new Date()): NewIssueClock {
  return {
    today: { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() },
    time: { hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() },
    offsetMinutes: (date, time) => -new Date(date.year, date.month - 1, date.day, time.hour, time.minute, time.second).getTimezoneOffset(),
  };
}
