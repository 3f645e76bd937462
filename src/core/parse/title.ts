import type { FrontMatterField, Located, Title } from '../model';
import type { LineIndex } from '../text/lineIndex';

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
const DAY_MONTH_YEAR = /\b(\d{1,2})[ \t]*([A-Za-z]{2})?[ \t]+([A-Za-z]{3,9})\.?,?[ \t]+(\d{4})\b/;

/**
 * Decomposes a title such as `DEVOPS WEEKLY ISSUE \#512 - 18th October 2020` into its parts, each
 * with its range in the file. Tolerant on purpose: a title with doubled spaces or a wrong ordinal
 * still yields its parts, so the rules can say what is wrong and rewrite it.
 */
export function parseTitle(field: FrontMatterField, lines: LineIndex): Title {
  const { text, offset } = unquote(field, lines);
  const at = (start: number, end: number) => lines.rangeOf(offset + start, offset + end);
  const located = <T>(value: T, start: number, end: number): Located<T> => ({ value, range: at(start, end) });

  let number: Located<number> | undefined;
  const numberMatch = NUMBER.exec(text);
  if (numberMatch) {
    const digitsStart = numberMatch.index + numberMatch[0].length - numberMatch[1].length;
    number = located(Number(numberMatch[1]), digitsStart, digitsStart + numberMatch[1].length);
  }

  let day: Located<number> | undefined;
  let ordinal: Located<string> | undefined;
  let month: Located<number> | undefined;
  let year: Located<number> | undefined;
  const searchFrom = numberMatch ? numberMatch.index + numberMatch[0].length : 0;
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
