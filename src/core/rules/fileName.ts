import { formatIsoDay, sameDay } from '../parse/dates';
import type { Finding, Fix } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, replace } from './helpers';

const MISMATCH: RuleCode = {
  code: 'filename.mismatch',
  defaultSeverity: 'warning',
  description: "The file name's date or number (`YYYY-MM-DD-N.md`) disagrees with the front matter.",
};

/**
 * `filename.mismatch`: Jekyll takes the post's URL from the file name, so a file name that says
 * another day or number than the front matter publishes the issue under the wrong address.
 */
export const fileNameRule: Rule = {
  name: 'fileName',
  codes: [MISMATCH],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const info = document.fileNameInfo;
    if (!info?.date) return [];
    const fieldDay = document.date?.calendar;
    const titleNumber = document.title?.number;
    const extension = /\.[A-Za-z]+$/.exec(info.baseName)?.[0] ?? '.md';
    const rightDay = fieldDay ?? info.date;
    const rightNumber = titleNumber?.value ?? info.number;
    const expectedName = rightNumber !== undefined ? `${formatIsoDay(rightDay)}-${rightNumber}${extension}` : undefined;
    const rename: Fix | undefined = expectedName && expectedName !== info.baseName
      ? { title: `Rename the file to ${expectedName}`, edits: [], renameTo: expectedName, preferred: true }
      : undefined;
    const findings: Finding[] = [];

    if (fieldDay && document.date && !sameDay(fieldDay, info.date)) {
      const dayPart = /^(["']?)(\d{4}-\d{2}-\d{2})/.exec(document.date.raw);
      const fixes: Fix[] = rename ? [rename] : [];
      if (dayPart) {
        const start = { line: document.date.range.start.line, character: document.date.range.start.character + dayPart[1].length };
        fixes.push({
          title: `Change \`date\` to ${formatIsoDay(info.date)}, the file name's day`,
          edits: [replace({ start, end: { line: start.line, character: start.character + 10 } }, formatIsoDay(info.date))],
        });
      }
      findings.push(finding(MISMATCH, document.date.range,
        `The file name says ${formatIsoDay(info.date)} but \`date\` says ${formatIsoDay(fieldDay)}.`,
        { fixes }));
    }
    if (titleNumber && info.number !== undefined && titleNumber.value !== info.number) {
      const fixes: Fix[] = rename ? [rename] : [];
      fixes.push({ title: `Change the title's number to ${info.number}, the file name's`, edits: [replace(titleNumber.range, String(info.number))] });
      findings.push(finding(MISMATCH, titleNumber.range, `The file name says issue ${info.number} but the title says ${titleNumber.value}.`, { fixes }));
    }
    return findings;
  },
};
