import type { IssueDocument } from '../model';
import { MONTHS, ordinalSuffix } from '../parse/title';
import { formatIsoDay } from '../parse/dates';

export interface Masthead {
  /** The front matter title with Markdown escapes removed (`\#` -> `#`); empty when there is none. */
  readonly title: string;
  /** The title as the mail's first lines: the newsletter's name, then `ISSUE #N - date`. */
  readonly titleLines: readonly string[];
  /** The masthead's name: the title before `ISSUE` when the title has that shape, else the whole title. */
  readonly name?: string;
  readonly number?: number;
  /** The publication day (`18th October 2020`; `document.publicationDate`), else the title's day. */
  readonly dateText?: string;
  /** ISO day (`2020-10-18`) for a `<time datetime>`. */
  readonly isoDate?: string;
  /** 0-based line of the title in the file, for scroll sync. */
  readonly line?: number;
}

const ISSUE_WORD = /^(.*?\S)[ \t]+(ISSUE\b.*)$/i;

/**
 * What the masthead (web) and the mail's first lines (email) show, from the metadata whatever the
 * header's kind: the title (`document.title`), the number (`document.number`) and the day
 * (`document.publicationDate`).
 */
export function mastheadOf(document: IssueDocument): Masthead {
  const title = (document.title?.text ?? '').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1').trim();
  const split = ISSUE_WORD.exec(title);
  const titleLines = title === '' ? [] : split ? [split[1], split[2]] : [title];

  const t = document.title;
  let dateText: string | undefined;
  let isoDate: string | undefined;
  const day = document.publicationDate;
  if (day) {
    // The publication day (the header's date field, else the file name's): the one date of an issue.
    const ordinal = t?.day?.value === day.day && t.ordinal ? t.ordinal.value : ordinalSuffix(day.day);
    dateText = `${day.day}${ordinal} ${MONTHS[day.month - 1] ?? ''} ${day.year}`;
    isoDate = formatIsoDay(day);
  } else if (t?.day && t.month && t.year) {
    dateText = `${t.day.value}${t.ordinal?.value ?? ordinalSuffix(t.day.value)} ${MONTHS[t.month.value - 1] ?? ''} ${t.year.value}`;
    isoDate = formatIsoDay({ year: t.year.value, month: t.month.value, day: t.day.value });
  }
  return {
    title,
    titleLines,
    name: split?.[1] ?? (title || undefined),
    number: document.number?.value ?? document.fileNameInfo?.number,
    dateText,
    isoDate,
    line: t?.range.start.line,
  };
}
