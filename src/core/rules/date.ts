import { formatIsoDay } from '../parse/dates';
import type { Fix } from '../model';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';
import { titleDay } from './title';

const INVALID: RuleCode = {
  code: 'date.invalid',
  defaultSeverity: 'error',
  description: 'The `date` field is missing, or is not a date (ISO 8601, e.g. `2020-10-18T09:30:00+01:00`).',
};

/** `date.invalid`: Jekyll sorts and dates posts by this field, so it must be a real day. */
export const dateRule: Rule = {
  name: 'date',
  codes: [INVALID],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const frontMatter = document.frontMatter;
    if (!frontMatter) return [];
    const field = document.date;
    if (!field) {
      const day = document.fileNameInfo?.date ?? (document.title ? titleDay(document.title) : undefined);
      const fixes: Fix[] = [];
      if (day) {
        const after = document.frontMatter?.fields.get('title')?.keyRange.start.line ?? frontMatter.range.start.line;
        fixes.push({
          title: `Add \`date: ${formatIsoDay(day)}T09:00:00+00:00\``,
          edits: [insert({ line: after + 1, character: 0 }, `date: ${formatIsoDay(day)}T09:00:00+00:00${eolOf(document)}`)],
          preferred: true,
        });
      }
      return [finding(INVALID, lineRange(document, frontMatter.range.start.line), 'The front matter has no `date` field.', { fixes })];
    }
    if (field.calendar) return [];
    const shown = field.raw === '' ? 'empty' : `\`${field.raw}\``;
    const range = field.raw === '' ? lineRange(document, field.range.start.line) : field.range;
    return [finding(INVALID, range, `The \`date\` field is ${shown}, not a date: write it as \`YYYY-MM-DDTHH:MM:SS+HH:MM\`.`)];
  },
};
