import type { CalendarDate, DateField, FileNameInfo, FrontMatterField } from '../model';

// Month and day may have one digit: YAML's timestamps and Pelican's dates both accept `2020-12-2`.
const ISO_DATE = /^["']?(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?[ \t]*(Z|[+-]\d{2}:?\d{2})?)?["']?$/;
const FILE_NAME = /^(\d{4})-(\d{2})-(\d{2})-(?:(\d+)|[^.]*)(?:\.[A-Za-z]+)?$/;

/** Whether the numbers name a real day of the Gregorian calendar. */
export function isValidCalendarDate(date: CalendarDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= daysInMonth(date.year, date.month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Orders days: negative when a is earlier, 0 on the same day, positive when later. */
export function compareDays(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function sameDay(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

export function formatIsoDay(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Days from a to b (b - a), ignoring time and offsets. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The `date` field: the calendar day is the one written, in the value's own offset (a post dated
 * `2020-10-18T00:30:00+01:00` is an issue of the 18th even though it is the 17th in UTC).
 */
export function parseDateField(field: FrontMatterField): DateField {
  const match = ISO_DATE.exec(field.rawValue);
  if (!match) return { raw: field.rawValue, range: field.valueRange };
  const calendar = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCalendarDate(calendar)) return { raw: field.rawValue, range: field.valueRange };
  let instant: Date | undefined;
  if (match[4] !== undefined) {
    const [hh, mm, ss] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
    if (hh > 23 || mm > 59 || ss > 60) return { raw: field.rawValue, range: field.valueRange };
    const zone = match[7] ?? 'Z';
    const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    instant = new Date(Date.UTC(calendar.year, calendar.month - 1, calendar.day, hh, mm, ss) - offsetMinutes * 60_000);
  }
  return { raw: field.rawValue, range: field.valueRange, calendar, instant };
}

/** Jekyll's `YYYY-MM-DD-slug.md`; for issues the slug is the issue number. */
export function parseFileName(fileName: string): FileNameInfo {
  const baseName = fileName.split(/[\\/]/).pop() ?? fileName;
  const match = FILE_NAME.exec(baseName);
  if (!match) return { baseName };
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return {
    baseName,
    date: isValidCalendarDate(date) ? date : undefined,
    number: match[4] !== undefined ? Number(match[4]) : undefined,
  };
}

/** The ISO 8601 week number (1-53) of a day: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: CalendarDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/**
 * The date and number a file name carries, read with the format's file-name pattern
 * (`{yyyy}-{mm}-{dd}-{number}.md`); any extension is accepted. A name that does not fit the pattern
 * still gives the day it starts with, Jekyll-style.
 */
export function parseFileNameWith(fileName: string, pattern: string): FileNameInfo {
  const baseName = fileName.split(/[\\/]/).pop() ?? fileName;
  const match = fileNamePatternRegExp(pattern).exec(baseName);
  const groups = match?.groups ?? /^(?<yyyy>\d{4})-(?<mm>\d{2})-(?<dd>\d{2})(?:[-_.]|$)/.exec(baseName)?.groups;
  if (!groups) return { baseName };
  const date = groups.yyyy && groups.mm && groups.dd ? { year: Number(groups.yyyy), month: Number(groups.mm), day: Number(groups.dd) } : undefined;
  return {
    baseName,
    date: date && isValidCalendarDate(date) ? date : undefined,
    number: groups.number !== undefined ? Number(groups.number) : undefined,
  };
}

const fileNameRegExps = new Map<string, RegExp>();

function fileNamePatternRegExp(pattern: string): RegExp {
  let cached = fileNameRegExps.get(pattern);
  if (cached) return cached;
  const stem = pattern.replace(/\.[A-Za-z0-9]+$/, '');
  let source = '';
  let last = 0;
  const seen = new Set<string>();
  for (const m of stem.matchAll(/\{(yyyy|mm|dd|number|slug)\}/g)) {
    source += stem.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const name = m[1];
    const group = { yyyy: '\\d{4}', mm: '\\d{2}', dd: '\\d{2}', number: '\\d+', slug: '[^.]*' }[name as 'yyyy'];
    source += seen.has(name) ? `(?:${group})` : `(?<${name}>${group})`;
    seen.add(name);
    last = (m.index ?? 0) + m[0].length;
  }
  source += stem.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  cached = new RegExp(`^${source}(?:\\.[A-Za-z0-9]+)?$`);
  fileNameRegExps.set(pattern, cached);
  return cached;
}

/** The file name for an issue, written to the format's pattern. */
export function formatFileName(pattern: string, number: number | undefined, date: CalendarDate, slug = ''): string {
  return pattern.replace(/\{(yyyy|mm|dd|number|slug)\}/g, (whole, name: string) => {
    switch (name) {
      case 'yyyy': return String(date.year).padStart(4, '0');
      case 'mm': return pad2(date.month);
      case 'dd': return pad2(date.day);
      case 'number': return number === undefined ? whole : String(number);
      default: return slug;
    }
  });
}
