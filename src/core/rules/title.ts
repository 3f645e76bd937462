import { formatTitle, templatePlaceholders, titleTemplateRegExp } from '../titleTemplate';
import { headerField } from '../parse/parseIssue';
import type { FormatProfile } from '../format/profile';
import { MONTHS, ordinalSuffix, titleDay } from '../parse/title';
import { formatIsoDay, isValidCalendarDate, sameDay } from '../parse/dates';
import type { CalendarDate, Finding, Fix, IssueDocument, Range, Title } from '../model';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange, replace } from './helpers';
import { headerLine, headerName } from './header';

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


function spanOfDate(title: Title): Range | undefined {
  if (!title.day || !title.year) return undefined;
  const parts = [title.day, title.month, title.year].filter((part) => part !== undefined);
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  let start = title.day.range.start;
  let end = title.year.range.end;
  for (const part of parts) {
    if (before(part.range.start, start)) start = part.range.start;
    if (before(end, part.range.end)) end = part.range.end;
  }
  return { start, end };
}

/** The part of a title template that writes its date: from its first date placeholder to its last. */
function dateTemplateOf(template: string): string | undefined {
  const re = /\{(day|dd|ordinal|month|mon|mm|year|iso|week)\}/g;
  const matches = [...template.matchAll(re)];
  if (matches.length === 0) return undefined;
  const first = matches[0];
  const last = matches[matches.length - 1];
  return template.slice(first.index, (last.index ?? 0) + last[0].length);
}

/** A day as the template writes it in a title (`18th October 2020`, `March 4, 2018`). */
function formatDateAsTemplate(template: string, date: CalendarDate): string {
  const part = dateTemplateOf(template);
  return part === undefined ? formatTitleDate(date) : formatTitle(part, undefined, date);
}

/** `18th October 2020`, as the default template writes a day. */
export function formatTitleDate(date: CalendarDate): string {
  return `${date.day}${ordinalSuffix(date.day)} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** Why a title that does not match the template exactly is off, in words an author recognises. */
function describeFormatProblem(text: string, template: string, expected?: string): string {
  if (/[ \t]{2,}/.test(text) && !/[ \t]{2,}/.test(template)) return 'it has doubled spaces';
  if (text !== text.trim()) return 'it has stray spaces at an end';
  if (template.includes('\\#') && /(^|[^\\])#/.test(text)) return 'the `#` is not escaped as `\\#`';
  if (template.includes('#') && !text.includes('#')) return 'the `#` before the number is missing';
  if (expected !== undefined && text.toLowerCase() === expected.toLowerCase()) return 'its capitalisation differs';
  return 'it differs from the pattern';
}

function checkFormat(document: IssueDocument, title: Title, template: string): Finding[] {
  const strict = titleTemplateRegExp(template, false);
  const placeholders = templatePlaceholders(template);
  const needsNumber = placeholders.includes('number');
  const needsDay = placeholders.some((name) => name !== 'number');
  const day = titleDay(title);
  const number = title.number?.value;
  // Rewritable when the title gives every part the template writes (a template may have no date, or no number).
  const recoverable = (!needsNumber || number !== undefined) && (!needsDay || (day !== undefined && isValidCalendarDate(day)));
  const anyDay: CalendarDate = day ?? { year: 2000, month: 1, day: 1 };
  // The ordinal has a rule of its own: keep the author's ordinal when comparing the rest.
  const expected = recoverable
    ? (day && placeholders.includes('ordinal')
      ? formatTitle(template, number, day).replace(`${day.day}${ordinalSuffix(day.day)}`, `${day.day}${title.ordinal?.value ?? ordinalSuffix(day.day)}`)
      : formatTitle(template, number, anyDay))
    : undefined;
  if (expected !== undefined ? title.text === expected : strict.test(title.text)) return [];

  const fixes: Fix[] = [];
  if (recoverable && expected !== undefined) {
    const fixed = formatTitle(template, number, anyDay);
    // Only spacing, case and the `#` escape differ: rewriting drops nothing the author wrote.
    const safe = titleTemplateRegExp(template, true).test(title.text);
    fixes.push({ title: `Rewrite the title as \`${fixed}\``, edits: [replace(title.range, fixed)], preferred: true, safe });
  }
  const reason = describeFormatProblem(title.text, template, expected);
  const message = recoverable
    ? `The title does not follow the pattern: ${reason}. Expected \`${expected}\`.`
    : `The title does not follow the pattern \`${template}\`: ${reason}.`;
  const unescaped = document.frontMatter?.error && !title.text.includes('\\#') ? ' (YAML reads an unescaped ` #` as the start of a comment)' : '';
  const found = finding(FORMAT, title.range, message + unescaped, { fixes });
  // Spacing, case or the `#` escape: a slip. Other words than the pattern's (`Special Edition: ...`,
  // `These Weeks in ...`) may well be on purpose: worth knowing, not a warning.
  const slip = titleTemplateRegExp(template, true).test(title.text) || /[ \t]{2,}/.test(title.text) || title.text !== title.text.trim() || template.includes('#');
  return [slip ? found : { ...found, severity: 'info' }];
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

function checkDate(document: IssueDocument, title: Title, profile: FormatProfile): Finding[] {
  if (profile.header.titleDateMatches === 'fileName') return checkDateAgainstFileName(document, title, profile);
  const span = spanOfDate(title);
  const inTitle = titleDay(title);
  const field = document.date;
  if (!span || !inTitle || !field?.calendar) return [];
  const inField = field.calendar;
  const template = profile.title.template;
  const show = (date: CalendarDate) => formatDateAsTemplate(template, date);
  const name = `\`${profile.header.dateField}\``;
  if (!isValidCalendarDate(inTitle)) {
    return [finding(DATE_MISMATCH, span, `The title's date is not a real day; the ${name} field says ${show(inField)}.`, {
      fixes: [{ title: `Take the date from ${name}: ${show(inField)}`, edits: [replace(span, show(inField))], preferred: true }],
    })];
  }
  if (sameDay(inTitle, inField)) return [];
  const fileDay = document.fileNameInfo?.date;
  // Two against one: when the file name agrees with `date`, the title is the odd one out.
  const titleIsOdd = fileDay ? sameDay(fileDay, inField) : true;
  const fieldIsOdd = fileDay ? sameDay(fileDay, inTitle) : false;
  const dayPart = /^(["']?)(\d{4}-\d{2}-\d{2})/.exec(field.raw);
  const fixes: Fix[] = [
    { title: `Take the date from ${name}: ${show(inField)}`, edits: [replace(span, show(inField))], preferred: titleIsOdd && !fieldIsOdd },
  ];
  if (dayPart) {
    const start = { line: field.range.start.line, character: field.range.start.character + dayPart[1].length };
    fixes.push({
      title: `Change ${name} to ${formatIsoDay(inTitle)}, the title's day`,
      edits: [replace({ start, end: { line: start.line, character: start.character + 10 } }, formatIsoDay(inTitle))],
      preferred: fieldIsOdd,
    });
  }
  return [finding(DATE_MISMATCH, span,
    `The title says ${show(inTitle)} but ${name} says ${show(inField)} (${describeMismatch(inTitle, inField)}).`,
    { fixes })];
}

/** Where the title names the day the file name names (the week's last day), not the date field's. */
function checkDateAgainstFileName(document: IssueDocument, title: Title, profile: FormatProfile): Finding[] {
  const span = spanOfDate(title);
  const inTitle = titleDay(title);
  const fileDay = document.fileNameInfo?.date;
  if (!span || !inTitle || !fileDay) return [];
  const show = (date: CalendarDate) => formatDateAsTemplate(profile.title.template, date);
  const take: Fix = { title: `Take the date from the file name: ${show(fileDay)}`, edits: [replace(span, show(fileDay))], preferred: true };
  if (!isValidCalendarDate(inTitle)) {
    return [finding(DATE_MISMATCH, span, `The title's date is not a real day; the file name says ${show(fileDay)}.`, { fixes: [take] })];
  }
  if (sameDay(inTitle, fileDay)) return [];
  return [finding(DATE_MISMATCH, span,
    `The title says ${show(inTitle)} but the file name says ${show(fileDay)} (${describeMismatch(inTitle, fileDay)}).`,
    { fixes: [take] })];
}

/** Title rules: present, written to the template, a fitting ordinal, the same day as `date`. */
export const titleRule: Rule = {
  name: 'title',
  codes: [MISSING, FORMAT, ORDINAL, DATE_MISMATCH],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const profile = config.format;
    const frontMatter = document.frontMatter;
    // frontmatter.missing says it all; a format without a header takes its title from the first heading.
    if (!frontMatter && profile.header.kind !== 'none') return [];
    const title = document.title;
    if (!title || title.text.trim() === '') {
      const info = document.fileNameInfo;
      const at = title?.range ?? (frontMatter ? lineRange(document, frontMatter.range.start.line) : lineRange(document, 0));
      const fixes: Fix[] = [];
      const needsNumber = templatePlaceholders(profile.title.template).includes('number');
      const number = info?.number ?? document.number?.value;
      if (!title && frontMatter && info?.date && (!needsNumber || number !== undefined)) {
        const day = profile.header.titleDateMatches === 'fileName' ? info.date : document.date?.calendar ?? info.date;
        const text = formatTitle(profile.title.template, number, day);
        const line = headerLine(profile.header.kind, profile.header.titleField, text);
        const at = profile.header.kind === 'pelican' ? frontMatter.range.start.line : frontMatter.range.start.line + 1;
        fixes.push({ title: `Add \`${line}\``, edits: [insert({ line: at, character: 0 }, `${line}${eolOf(document)}`)], preferred: true });
      }
      const where = frontMatter
        ? `add \`${profile.header.titleField}${profile.header.kind === 'toml' ? ' =' : ':'}\` to the ${headerName(profile.header.kind)}`
        : 'start it with a heading';
      return [finding(MISSING, at, `The issue has no title: ${where}.`, { fixes })];
    }
    // Inside double quotes YAML reads `#` literally and `\#` is an invalid escape: the pattern's
    // `\#` is then written `#`.
    const doubleQuoted = headerField(frontMatter, profile.header.titleField)?.rawValue.startsWith('"') === true;
    const template = doubleQuoted ? profile.title.template.replace(/\\#/g, '#') : profile.title.template;
    return [...checkFormat(document, title, template), ...checkOrdinal(title), ...checkDate(document, title, profile)];
  },
};
