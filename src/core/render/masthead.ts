import type { IssueDocument } from '../model';
import { MONTHS, ordinalSuffix } from '../parse/title';

export interface Masthead {
  /** The front matter title with Markdown escapes removed (`\#` -> `#`); empty when there is none. */
  readonly title: string;
  /** The title as the mail's first lines: the newsletter's name, then `ISSUE #N - date`. */
  readonly titleLines: readonly string[];
  /** The newsletter's name (the title before `ISSUE`), when the title has that shape. */
  readonly name?: string;
  readonly number?: number;
  /** The issue's day as the title writes it (`18th October 2020`), else from the `date` field. */
  readonly dateText?: string;
  /** ISO day (`2020-10-18`) for a `<time datetime>`. */
  readonly isoDate?: string;
  /** 0-based line of the title in the file, for scroll sync. */
  readonly line?: number;
}

const ISSUE_WORD = /^(.*?\S)[ \t]+(ISSUE\b.*)$/i;

/** What the masthead (web) and the mail's first lines (email) show, taken from the title and date. */
export function mastheadOf(document: IssueDocument): Masthead {
  const title = (document.title?.text ?? '').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1').trim();
  const split = ISSUE_WORD.exec(title);
  const titleLines = title === '' ? [] : split ? [split[1], split[2]] : [title];

  const t = document.title;
  let dateText: string | undefined;
  let isoDate: string | undefined;
  if (t?.day && t.month && t.year) {
    dateText = `${t.day.value}${t.ordinal?.value ?? ordinalSuffix(t.day.value)} ${MONTHS[t.month.value - 1] ?? ''} ${t.year.value}`;
    isoDate = iso(t.year.value, t.month.value, t.day.value);
  } else if (document.date?.calendar) {
    const { year, month, day } = document.date.calendar;
    dateText = `${day}${ordinalSuffix(day)} ${MONTHS[month - 1]} ${year}`;
    isoDate = iso(year, month, day);
  }
  return {
    title,
    titleLines,
    name: split?.[1],
    number: t?.number?.value ?? document.fileNameInfo?.number,
    dateText,
    isoDate,
    line: t?.range.start.line,
  };
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
