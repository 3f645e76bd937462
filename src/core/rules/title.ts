import { formatTitle, titleTemplateRegExp } from '../titleTemplate';
import { MONTHS, ordinalSuffix } from '../parse/title';
import { formatIsoDay, isValidCalendarDate, sameDay } from '../parse/dates';
import type { CalendarDate, Finding, Fix, IssueDocument, Range, Title } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert, lineRange, replace } from './helpers';

const MISSING: RuleCode = {
  code: 'title.missing',
  defaultSeverity: 'error',
  description: 'The front matter has no `title`.',
};
const FORMAT: RuleCode = {
  code: 'title.format',
  defaultSeverity: 'warning',
  description: 'The title does not follow the configured pattern (`newsletter.titleTemplate`): stray or doubled spaces, a missing `\\#`, an unescaped `#`.',
};
const ORDINAL: RuleCode = {
  code: 'title.ordinal',
  defaultSeverity: 'warning',
  description: 'The ordinal suffix does not fit the day (`23th`, `29nd`).',
};
const DATE_MISMATCH: RuleCode = {
  code: 'title.date-mismatch',
  defaultSeverity: 'error',
  description: 'The date in the title is not the day of the `date` field (a stale copy, last year after New Year, the wrong month).',
};

/** The day the title names, when it names a complete one. */
export function titleDay(title: Title): CalendarDate | undefined {
  if (!title.day || !title.month || !title.year) return undefined;
  return { year: title.year.value, month: title.month.value, day: title.day.value };
}

function spanOfDate(title: Title): Range | undefined {
  if (!title.day || !title.year) return undefined;
  return { start: title.day.range.start, end: title.year.range.end };
}

/** `18th October 2020`, as the default template writes a day. */
export function formatTitleDate(date: CalendarDate): string {
  return `${date.day}${ordinalSuffix(date.day)} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** Why a title that does not match the template exactly is off, in words an author recognises. */
function describeFormatProblem(text: string, template: string): string {
  if (/[ \t]{2,}/.test(text) && !/[ \t]{2,}/.test(template)) return 'it has doubled spaces';
  if (text !== text.trim()) return 'it has stray spaces at an end';
  if (template.includes('\\#') && /(^|[^\\])#/.test(text)) return 'the `#` is not escaped as `\\#`';
  if (template.includes('#') && !text.includes('#')) return 'the `#` before the number is missing';
  return 'it differs from the pattern';
}

function checkFormat(document: IssueDocument, title: Title, template: string): Finding[] {
  const strict = titleTemplateRegExp(template, false);
  const day = titleDay(title);
  const number = title.number?.value;
  const recoverable = day !== undefined && number !== undefined && isValidCalendarDate(day);
  // The ordinal has a rule of its own: keep the author's ordinal when comparing the rest.
  const expected = recoverable
    ? formatTitle(template, number, day).replace(`${day.day}${ordinalSuffix(day.day)}`, `${day.day}${title.ordinal?.value ?? ordinalSuffix(day.day)}`)
    : undefined;
  if (expected !== undefined ? title.text === expected : strict.test(title.text)) return [];

  const fixes: Fix[] = [];
  if (recoverable && expected !== undefined) {
    const fixed = formatTitle(template, number, day);
    // Only spacing, case and the `#` escape differ: rewriting drops nothing the author wrote.
    const safe = titleTemplateRegExp(template, true).test(title.text);
    fixes.push({ title: `Rewrite the title as \`${fixed}\``, edits: [replace(title.range, fixed)], preferred: true, safe });
  }
  const reason = describeFormatProblem(title.text, template);
  const message = recoverable
    ? `The title does not follow the pattern: ${reason}. Expected \`${expected}\`.`
    : `The title does not follow the pattern \`${template}\`: ${reason}.`;
  const unescaped = document.frontMatter?.error && !title.text.includes('\\#') ? ' (YAML reads an unescaped ` #` as the start of a comment)' : '';
  return [finding(FORMAT, title.range, message + unescaped, { fixes })];
}

function checkOrdinal(title: Title): Finding[] {
  if (!title.day || !title.ordinal) return [];
  const right = ordinalSuffix(title.day.value);
  if (title.ordinal.value === right) return [];
  return [finding(ORDINAL, title.ordinal.range, `\`${title.day.value}${title.ordinal.value}\` should be \`${title.day.value}${right}\`.`, {
    fixes: [{ title: `Change to \`${title.day.value}${right}\``, edits: [replace(title.ordinal.range, right)], preferred: true, safe: true }],
  })];
}

function describeMismatch(inTitle: CalendarDate, inField: CalendarDate): string {
  const parts: string[] = [];
  if (inTitle.year !== inField.year) parts.push(inTitle.year === inField.year - 1 && inField.month === 1 ? 'last year (after New Year?)' : 'another year');
  if (inTitle.month !== inField.month) parts.push('another month');
  if (inTitle.day !== inField.day) parts.push('another day');
  return parts.join(', ');
}

function checkDate(document: IssueDocument, title: Title): Finding[] {
  const span = spanOfDate(title);
  const inTitle = titleDay(title);
  const field = document.date;
  if (!span || !inTitle || !field?.calendar) return [];
  const inField = field.calendar;
  if (!isValidCalendarDate(inTitle)) {
    return [finding(DATE_MISMATCH, span, `The title's date is not a real day; the \`date\` field says ${formatTitleDate(inField)}.`, {
      fixes: [{ title: `Take the date from \`date\`: ${formatTitleDate(inField)}`, edits: [replace(span, formatTitleDate(inField))], preferred: true }],
    })];
  }
  if (sameDay(inTitle, inField)) return [];
  const fileDay = document.fileNameInfo?.date;
  // Two against one: when the file name agrees with `date`, the title is the odd one out.
  const titleIsOdd = fileDay ? sameDay(fileDay, inField) : true;
  const fieldIsOdd = fileDay ? sameDay(fileDay, inTitle) : false;
  const dayPart = /^(["']?)(\d{4}-\d{2}-\d{2})/.exec(field.raw);
  const fixes: Fix[] = [
    { title: `Take the date from \`date\`: ${formatTitleDate(inField)}`, edits: [replace(span, formatTitleDate(inField))], preferred: titleIsOdd && !fieldIsOdd },
  ];
  if (dayPart) {
    const start = { line: field.range.start.line, character: field.range.start.character + dayPart[1].length };
    fixes.push({
      title: `Change \`date\` to ${formatIsoDay(inTitle)}, the title's day`,
      edits: [replace({ start, end: { line: start.line, character: start.character + 10 } }, formatIsoDay(inTitle))],
      preferred: fieldIsOdd,
    });
  }
  return [finding(DATE_MISMATCH, span,
    `The title says ${formatTitleDate(inTitle)} but \`date\` says ${formatTitleDate(inField)} (${describeMismatch(inTitle, inField)}).`,
    { fixes })];
}

/** Title rules: present, written to the template, a fitting ordinal, the same day as `date`. */
export const titleRule: Rule = {
  name: 'title',
  codes: [MISSING, FORMAT, ORDINAL, DATE_MISMATCH],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const frontMatter = document.frontMatter;
    if (!frontMatter) return []; // frontmatter.missing says it all
    const title = document.title;
    if (!title || title.text.trim() === '') {
      const info = document.fileNameInfo;
      const at = title?.range ?? lineRange(document, frontMatter.range.start.line);
      const fixes: Fix[] = [];
      if (!title && info?.date && info.number !== undefined) {
        const text = formatTitle(config.format.title.template, info.number, document.date?.calendar ?? info.date);
        const eol = /\r\n/.test(document.text) ? '\r\n' : '\n';
        fixes.push({ title: `Add \`title: ${text}\``, edits: [insert({ line: frontMatter.range.start.line + 1, character: 0 }, `title: ${text}${eol}`)], preferred: true });
      }
      return [finding(MISSING, at, 'The issue has no title: add `title:` to the front matter.', { fixes })];
    }
    // Inside double quotes YAML reads `#` literally and `\#` is an invalid escape: the pattern's
    // `\#` is then written `#`.
    const doubleQuoted = frontMatter.fields.get('title')?.rawValue.startsWith('"') === true;
    const template = doubleQuoted ? config.format.title.template.replace(/\\#/g, '#') : config.format.title.template;
    return [...checkFormat(document, title, template), ...checkOrdinal(title), ...checkDate(document, title)];
  },
};
