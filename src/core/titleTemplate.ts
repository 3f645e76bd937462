import { MONTHS, ordinalSuffix } from './parse/title';
import type { CalendarDate } from './model';
import { formatIsoDay, isoWeek, pad2 } from './parse/dates';
import { memoized } from './text/memo';

/** The placeholders a title template may hold (see `TitleProfile.template`). */
export type TitlePlaceholder = 'number' | 'day' | 'dd' | 'ordinal' | 'month' | 'mon' | 'mm' | 'year' | 'iso' | 'week';

const PLACEHOLDER = /\{(number|day|dd|ordinal|month|mon|mm|year|iso|week)\}/g;

const GROUP: Record<TitlePlaceholder, string> = {
  number: '(\\d+)',
  day: '(\\d{1,2})',
  dd: '(\\d{2})',
  ordinal: '([A-Za-z]{2})',
  month: '([A-Za-z]+)',
  mon: '([A-Za-z]{3,4})',
  mm: '(\\d{2})',
  year: '(\\d{4})',
  iso: '(\\d{4}-\\d{2}-\\d{2})',
  week: '(\\d{1,2})',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The placeholders of a template, in the order they appear. */
export function templatePlaceholders(template: string): TitlePlaceholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as TitlePlaceholder);
}

/**
 * A regular expression for titles written to the template; group i+1 captures the template's
 * i-th placeholder. `lenient` accepts any run of whitespace where the template has a space, any
 * case, and `#` with or without its backslash: good enough to recognise an issue file, not to say
 * its title is well formed.
 */
export function titleTemplateRegExp(template: string, lenient: boolean): RegExp {
  // Made once per template: the title rules ask for it on every check, after every edit. Safe to
  // share: the expression is neither global nor sticky, so it keeps no state between uses.
  return (lenient ? lenientTitleRegExp : strictTitleRegExp)(template);
}

const strictTitleRegExp = memoized((template: string) => makeTitleRegExp(template, false), 1_000);
const lenientTitleRegExp = memoized((template: string) => makeTitleRegExp(template, true), 1_000);

function makeTitleRegExp(template: string, lenient: boolean): RegExp {
  let source = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    source += literal(template.slice(last, match.index), lenient);
    source += GROUP[match[1] as TitlePlaceholder];
    last = (match.index ?? 0) + match[0].length;
  }
  source += literal(template.slice(last), lenient);
  return new RegExp(`^${lenient ? '\\s*' : ''}${source}${lenient ? '\\s*' : ''}$`, lenient ? 'id' : 'd');
}

function literal(text: string, lenient: boolean): string {
  if (!lenient) return escapeRegExp(text);
  // Tokens of one kind each ([ \t]+, `\\?#`, plain characters), so the expression cannot backtrack badly.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      while (text[i + 1] === ' ' || text[i + 1] === '\t') i++;
      out += '[ \\t]+';
    } else if (c === '\\' && text[i + 1] === '#') {
      out += '\\\\?#';
      i++;
    } else if (c === '#') {
      out += '\\\\?#';
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

/** Whether a title looks like an issue title written to the template. */
export function looksLikeIssueTitle(title: string, template: string): boolean {
  return titleTemplateRegExp(template, true).test(title.trim());
}

/** The value of one placeholder for an issue number and day. */
export function placeholderValue(name: string, number: number | undefined, date: CalendarDate): string | undefined {
  switch (name) {
    case 'number': return number === undefined ? undefined : String(number);
    case 'day': return String(date.day);
    case 'dd': return pad2(date.day);
    case 'ordinal': return ordinalSuffix(date.day);
    case 'month': return MONTHS[date.month - 1];
    case 'mon': return MONTHS[date.month - 1].slice(0, 3);
    case 'mm': return pad2(date.month);
    case 'year': return String(date.year);
    case 'iso': return formatIsoDay(date);
    case 'week': return pad2(isoWeek(date));
    default: return undefined;
  }
}

/** The title for an issue number and day, written to the template. */
export function formatTitle(template: string, number: number | undefined, date: CalendarDate): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => placeholderValue(name, number, date) ?? whole);
}
