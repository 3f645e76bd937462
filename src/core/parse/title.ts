import type { CalendarDate, FrontMatterField, Located, Title } from '../model';
import type { LineIndex } from '../text/lineIndex';
import { templatePlaceholders, titleTemplateRegExp } from '../titleTemplate';

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const MONTH_BY_PREFIX = new Map<string, number>();
MONTHS.forEach((name, i) => {
  MONTH_BY_PREFIX.set(name.toLowerCase(), i + 1);
  MONTH_BY_PREFIX.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_BY_PREFIX.set('sept', 9);

// Each pattern is a plain sequence without nested quantifiers, so matching stays linear.
const NUMBER = /#[ \t]*(\d{1,6})/;
/** A number standing alone (not part of a date or of a version such as `0.7`): for templates whose number has no `#`. */
const BARE_NUMBER = /(?<![\d-]|\d\.)\b(\d{1,6})\b(?![\d-]|\.\d)/;
const DAY_MONTH_YEAR = /\b(\d{1,2})[ \t]*([A-Za-z]{2})?[ \t]+([A-Za-z]{3,9})\.?,?[ \t]+(\d{4})\b/;
const MONTH_DAY_YEAR = /\b([A-Za-z]{3,9})\.?[ \t]+(\d{1,2})([A-Za-z]{2})?,?[ \t]+(\d{4})\b/;
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/**
 * Decomposes a title such as `DEVOPS WEEKLY ISSUE \#512 - 18th October 2020` into its parts, each
 * with its range in the file. Tolerant on purpose: a title with doubled spaces or a wrong ordinal
 * still yields its parts, so the rules can say what is wrong and rewrite it.
 */
export function parseTitle(field: FrontMatterField, lines: LineIndex, template?: string): Title {
  const { text, offset } = unquote(field, lines);
  return parseTitleText(text, offset, lines, template);
}

/**
 * The title's parts, read with the template where the title fits it (leniently: spaces, case,
 * `\#`), and otherwise by looking for a number and a date the way the template writes them.
 */
export function parseTitleText(text: string, offset: number, lines: LineIndex, template?: string): Title {
  const at = (start: number, end: number) => lines.rangeOf(offset + start, offset + end);
  const located = <T>(value: T, start: number, end: number): Located<T> => ({ value, range: at(start, end) });
  if (template !== undefined) {
    const fitted = fromTemplate(text, template, located);
    if (fitted) return { text, range: at(0, text.length), ...fitted };
  }
  const usesHash = template === undefined || /#\{number\}|#[ \t]*\{number\}/.test(template);
  const monthFirst = template !== undefined && /\{(month|mon)\}[^{}]*\{(day|dd)\}/.test(template);

  let number: Located<number> | undefined;
  const numberMatch = usesHash ? NUMBER.exec(text) : template?.includes('{number}') ? BARE_NUMBER.exec(text) : null;
  if (numberMatch) {
    const digitsStart = numberMatch.index + numberMatch[0].length - numberMatch[1].length;
    number = located(Number(numberMatch[1]), digitsStart, digitsStart + numberMatch[1].length);
  }

  let day: Located<number> | undefined;
  let ordinal: Located<string> | undefined;
  let month: Located<number> | undefined;
  let year: Located<number> | undefined;
  const searchFrom = numberMatch ? numberMatch.index + numberMatch[0].length : 0;
  if (monthFirst) {
    const m = MONTH_DAY_YEAR.exec(text.slice(searchFrom));
    const monthNumber = m ? MONTH_BY_PREFIX.get(m[1].toLowerCase()) : undefined;
    if (m && monthNumber !== undefined) {
      const base = searchFrom + m.index;
      month = located(monthNumber, base, base + m[1].length);
      const dayStart = text.indexOf(m[2], base + m[1].length);
      day = located(Number(m[2]), dayStart, dayStart + m[2].length);
      if (m[3]) ordinal = located(m[3], dayStart + m[2].length, dayStart + m[2].length + 2);
      const yearStart = text.indexOf(m[4], dayStart + m[2].length);
      year = located(Number(m[4]), yearStart, yearStart + 4);
    }
    return { text, range: at(0, text.length), number, day, ordinal, month, year };
  }
  const dateMatch = DAY_MONTH_YEAR.exec(text.slice(searchFrom));
  if (dateMatch) {
    const monthNumber = MONTH_BY_PREFIX.get(dateMatch[3].toLowerCase());
    if (monthNumber !== undefined) {
      let cursor = searchFrom + dateMatch.index;
      day = located(Number(dateMatch[1]), cursor, cursor + dateMatch[1].length);
      cursor += dateMatch[1].length;
      if (dateMatch[2]) {
        const ordinalStart = text.indexOf(dateMatch[2], cursor);
        ordinal = located(dateMatch[2], ordinalStart, ordinalStart + 2);
        cursor = ordinalStart + 2;
      }
      const monthStart = text.indexOf(dateMatch[3], cursor);
      month = located(monthNumber, monthStart, monthStart + dateMatch[3].length);
      const yearStart = text.indexOf(dateMatch[4], monthStart + dateMatch[3].length);
      year = located(Number(dateMatch[4]), yearStart, yearStart + 4);
    }
  }

  return { text, range: at(0, text.length), number, day, ordinal, month, year };
}

type LocatedOf = <T>(value: T, start: number, end: number) => Located<T>;

/** The parts of a title that fits its template, or undefined when it does not fit. */
function fromTemplate(text: string, template: string, located: LocatedOf): Omit<Title, 'text' | 'range'> | undefined {
  const match = titleTemplateRegExp(template, true).exec(text);
  if (!match?.indices) return undefined;
  const parts: { -readonly [K in keyof Omit<Title, 'text' | 'range'>]: Title[K] } = {};
  const names = templatePlaceholders(template);
  for (let i = 0; i < names.length; i++) {
    const span = match.indices[i + 1];
    const value = match[i + 1];
    if (!span || value === undefined) continue;
    const [s, e] = span;
    switch (names[i]) {
      case 'number': parts.number ??= located(Number(value), s, e); break;
      case 'day': case 'dd': parts.day ??= located(Number(value), s, e); break;
      case 'ordinal': parts.ordinal ??= located(value, s, e); break;
      case 'month': case 'mon': {
        const month = MONTH_BY_PREFIX.get(value.toLowerCase());
        if (month === undefined) return undefined; // not a month: read the title the tolerant way
        parts.month ??= located(month, s, e);
        break;
      }
      case 'mm': parts.month ??= located(Number(value), s, e); break;
      case 'year': parts.year ??= located(Number(value), s, e); break;
      case 'iso': {
        const iso = ISO_DAY.exec(value);
        if (iso) {
          parts.year ??= located(Number(iso[1]), s, s + 4);
          parts.month ??= located(Number(iso[2]), s + 5, s + 7);
          parts.day ??= located(Number(iso[3]), s + 8, s + 10);
        }
        break;
      }
      default: break;
    }
  }
  return parts;
}

/**
 * The title's text and the file offset where that text starts. A quoted value is taken without
 * its quotes; escapes inside double quotes are rare in titles and are left as written, so that
 * every range still points at the characters it names.
 */
function unquote(field: FrontMatterField, lines: LineIndex): { text: string; offset: number } {
  const raw = field.rawValue;
  const offset = lines.offsetAt(field.valueRange.start);
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.length >= 2 && raw[raw.length - 1] === quote) {
    return { text: raw.slice(1, -1), offset: offset + 1 };
  }
  return { text: raw, offset };
}

/** The English ordinal suffix of a day of the month: 1st, 2nd, 3rd, 4th, 11th, 22nd... */
export function ordinalSuffix(day: number): 'st' | 'nd' | 'rd' | 'th' {
  const lastTwo = day % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return 'th';
  switch (day % 10) {
    case 1: return 'st';
    case 2: return 'nd';
    case 3: return 'rd';
    default: return 'th';
  }
}

/** The day the title names, when it names a complete one. */
export function titleDay(title: Title): CalendarDate | undefined {
  if (!title.day || !title.month || !title.year) return undefined;
  return { year: title.year.value, month: title.month.value, day: title.day.value };
}
