import { MONTHS, ordinalSuffix } from './parse/title';
import type { CalendarDate } from './model';

const PLACEHOLDER = /\{(number|day|ordinal|month|year)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression for titles written to the template. `lenient` accepts any run of
 * whitespace where the template has a space, any case, and `#` with or without its backslash:
 * good enough to recognise an issue file, not to say its title is well formed.
 */
export function titleTemplateRegExp(template: string, lenient: boolean): RegExp {
  let source = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    source += literal(template.slice(last, match.index), lenient);
    source += { number: '(\\d+)', day: '(\\d{1,2})', ordinal: '([A-Za-z]{2})', month: '([A-Za-z]+)', year: '(\\d{4})' }[match[1] as 'number'];
    last = (match.index ?? 0) + match[0].length;
  }
  source += literal(template.slice(last), lenient);
  return new RegExp(`^${lenient ? '\\s*' : ''}${source}${lenient ? '\\s*' : ''}$`, lenient ? 'i' : '');
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

/** Whether a front matter title looks like an issue title written to the template. */
export function looksLikeIssueTitle(title: string, template: string): boolean {
  return titleTemplateRegExp(template, true).test(title.trim());
}

/** The title for an issue number and day, written to the template. */
export function formatTitle(template: string, number: number, date: CalendarDate): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    switch (name) {
      case 'number': return String(number);
      case 'day': return String(date.day);
      case 'ordinal': return ordinalSuffix(date.day);
      case 'month': return MONTHS[date.month - 1];
      default: return String(date.year);
    }
  });
}
