import type { Fix } from '../model';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';
import { titleDay } from '../parse/title';
import { dateFieldValue, fieldInsertLine, headerLine, headerName } from './header';

const INVALID: RuleCode = {
  code: 'date.invalid',
  defaultSeverity: 'error',
  description: 'The `date` field is missing, or is not a date (ISO 8601, e.g. `2020-10-18T09:30:00+01:00`).',
};

/** `date.invalid`: the site sorts and dates issues by this field, so it must be a real day. */
export const dateRule: Rule = {
  name: 'date',
  codes: [INVALID],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const profile = config.format;
    const frontMatter = document.frontMatter;
    if (!frontMatter) return [];
    const name = profile.header.dateField;
    const field = document.date;
    if (!field) {
      // The file name's day is what Jekyll and Pelican fall back on.
      const day = document.fileNameInfo?.date ?? (document.title ? titleDay(document.title) : undefined);
      const fixes: Fix[] = [];
      if (day) {
        const line = headerLine(profile.header.kind, name, dateFieldValue(profile, day), false);
        fixes.push({
          title: `Add \`${line}\``,
          edits: [insert({ line: fieldInsertLine(document, profile), character: 0 }, `${line}${eolOf(document)}`)],
          preferred: true,
        });
      }
      return [finding(INVALID, lineRange(document, frontMatter.range.start.line), `The ${headerName(profile.header.kind)} has no \`${name}\` field.`, { fixes })];
    }
    if (field.calendar) return [];
    const shown = field.raw === '' ? 'empty' : `\`${field.raw}\``;
    const range = field.raw === '' ? lineRange(document, field.range.start.line) : field.range;
    return [finding(INVALID, range, `The \`${name}\` field is ${shown}, not a date: write it as \`YYYY-MM-DDTHH:MM:SS+HH:MM\`.`)];
  },
};
