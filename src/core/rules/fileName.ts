import { daysBetween, formatFileName, formatIsoDay } from '../parse/dates';
import type { CalendarDate, Finding, Fix } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, replace } from './helpers';

const MISMATCH: RuleCode = {
  code: 'filename.mismatch',
  defaultSeverity: 'warning',
  description: "The file name's date or number (`YYYY-MM-DD-N.md`) disagrees with the front matter.",
};

/** The name the file should have, when the pattern can be written from what is known. */
function expectedName(pattern: string, baseName: string, number: number | undefined, day: CalendarDate): string | undefined {
  if (pattern.includes('{slug}')) return undefined;
  if (pattern.includes('{number}') && number === undefined) return undefined;
  const extension = /\.[A-Za-z]+$/.exec(baseName)?.[0] ?? '.md';
  return formatFileName(pattern, number, day).replace(/\.[A-Za-z0-9]+$/, '') + extension;
}

/**
 * `filename.mismatch`: Jekyll takes the post's URL from the file name, so a file name that says
 * another day or number than the header publishes the issue under the wrong address. Where the
 * profile allows the date field some days off the file name's (`header.dateSlackDays`: the file
 * name names the week or the day the draft was started), only a date farther off is one.
 */
export const fileNameRule: Rule = {
  name: 'fileName',
  codes: [MISMATCH],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const profile = config.format;
    const info = document.fileNameInfo;
    if (!info?.date) return [];
    const slack = profile.header.dateSlackDays ?? 0;
    const fieldDay = document.date?.calendar;
    const number = document.number;
    const rightDay = fieldDay && slack === 0 ? fieldDay : info.date;
    const rightNumber = number?.value ?? info.number;
    const name = expectedName(profile.files.name, info.baseName, rightNumber, rightDay);
    const rename: Fix | undefined = name && name !== info.baseName
      ? { title: `Rename the file to ${name}`, edits: [], renameTo: name, preferred: true }
      : undefined;
    const findings: Finding[] = [];
    const field = `\`${profile.header.dateField}\``;

    const apart = fieldDay ? Math.abs(daysBetween(info.date, fieldDay)) : 0;
    if (fieldDay && document.date && apart > slack) {
      const dayPart = /^(["']?)(\d{4}-\d{2}-\d{2})/.exec(document.date.raw);
      const fixes: Fix[] = rename ? [rename] : [];
      if (dayPart) {
        const start = { line: document.date.range.start.line, character: document.date.range.start.character + dayPart[1].length };
        fixes.push({
          title: `Change ${field} to ${formatIsoDay(info.date)}, the file name's day`,
          edits: [replace({ start, end: { line: start.line, character: start.character + 10 } }, formatIsoDay(info.date))],
        });
      }
      const allowed = slack > 0 ? `: ${apart} days apart, more than the ${slack} this format allows` : '';
      findings.push(finding(MISMATCH, document.date.range,
        `The file name says ${formatIsoDay(info.date)} but ${field} says ${formatIsoDay(fieldDay)}${allowed}.`,
        { fixes }));
    }
    if (number && info.number !== undefined && number.value !== info.number) {
      const fixes: Fix[] = rename ? [rename] : [];
      const where = document.title?.number && document.title.number.range === number.range ? "the title's number" : 'the number';
      fixes.push({ title: `Change ${where} to ${info.number}, the file name's`, edits: [replace(number.range, String(info.number))] });
      findings.push(finding(MISMATCH, number.range, `The file name says issue ${info.number} but the ${where === 'the number' ? 'header' : 'title'} says ${number.value}.`, { fixes }));
    }
    return findings;
  },
};
