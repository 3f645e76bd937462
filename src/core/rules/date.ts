import type { Fix } from '../model';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';
import { titleDay } from '../parse/title';
import { formatIsoDay } from '../parse/dates';
import { dateFieldValue, fieldInsertLine, headerLine, headerName } from './header';

const INVALID: RuleCode = {
  code: 'date.invalid',
  defaultSeverity: 'error',
  description: 'The `date` field is not a date (ISO 8601, e.g. `2020-10-18T09:30:00+01:00`), or is missing where nothing else dates the issue.',
};

const MISSING: RuleCode = {
  code: 'date.missing',
  defaultSeverity: 'info',
  description: 'The header has no `date` field: the site dates the issue from its file name (at midnight).',
};

/**
 * `date.invalid`: the site sorts and dates issues by this field, so it must be a real day.
 * `date.missing`: with no field, Jekyll and Pelican fall back on the file name's day, so the issue
 * is still dated (LWKD's early posts have no `date` at all): only worth a note, and a fix that
 * writes the field at the format's time of day.
 */
export const dateRule: Rule = {
  name: 'date',
  codes: [INVALID, MISSING],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const profile = config.format;
    const frontMatter = document.frontMatter;
    if (!frontMatter) return [];
    const name = profile.header.dateField;
    const field = document.date;
    if (!field) {
      const fileNameDay = document.fileNameInfo?.date;
      const day = fileNameDay ?? (document.title ? titleDay(document.title) : undefined);
      const fixes: Fix[] = [];
      if (day) {
        const line = headerLine(profile.header.kind, name, dateFieldValue(profile, day), false);
        fixes.push({
          title: `Add \`${line}\``,
          edits: [insert({ line: fieldInsertLine(document, profile), character: 0 }, `${line}${eolOf(document)}`)],
          preferred: true,
        });
      }
      const where = lineRange(document, frontMatter.range.start.line);
      const header = headerName(profile.header.kind);
      if (fileNameDay) return [finding(MISSING, where, `The ${header} has no \`${name}\` field: the site dates the issue from its file name (${formatIsoDay(fileNameDay)}, at midnight).`, { fixes })];
      return [finding(INVALID, where, `The ${header} has no \`${name}\` field, and the file name carries no day.`, { fixes })];
    }
    if (field.calendar) return [];
    const shown = field.raw === '' ? 'empty' : `\`${field.raw}\``;
    const range = field.raw === '' ? lineRange(document, field.range.start.line) : field.range;
    return [finding(INVALID, range, `The \`${name}\` field is ${shown}, not a date: write it as \`YYYY-MM-DDTHH:MM:SS+HH:MM\`.`)];
  },
};
