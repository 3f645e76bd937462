import { daysBetween, formatFileName, formatIsoDay } from '../parse/dates';
import { compareIssues, publicationDayOf, type IndexedIssue } from '../workspace';
import type { Finding, Fix } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, replace } from './helpers';

const DUPLICATE: RuleCode = {
  code: 'issue.number-duplicate',
  defaultSeverity: 'error',
  description: 'Another issue in the workspace has the same number.',
  scope: 'workspace',
};
const SEQUENCE: RuleCode = {
  code: 'issue.number-sequence',
  defaultSeverity: 'info',
  description: 'The number is not one more than the previous issue\'s, or the issue is not `publicationIntervalDays` (7) days after it.',
  scope: 'workspace',
};

function label(issue: IndexedIssue): string {
  return issue.number !== undefined ? `issue ${issue.number} (${issue.baseName})` : issue.baseName;
}

/** Issue numbers across the workspace: unique, and one more than the previous issue's. */
export const issueNumberRule: Rule = {
  name: 'issueNumber',
  codes: [DUPLICATE, SEQUENCE],
  docs: 'docs/rules.md',
  // Every finding compares with other issues: all of it is the workspace part, read from the index entry.
  check: () => [],
  checkWorkspace: ({ issue: self, config, workspace }) => {
    // The header's number field where the format has one, else the title's.
    if (self.titleNumber === undefined) return [];
    const numberRange = self.numberRange;
    const number = self.titleNumber;
    const findings: Finding[] = [];

    const others = workspace.withNumber(number, self.id);
    // The file name tells which issue owns the number: the one whose name agrees is right.
    const disagrees = (issue: IndexedIssue) => issue.fileNameInfo.number !== undefined && issue.fileNameInfo.number !== number;
    const selfDisagrees = disagrees(self);
    const blameOthers = !selfDisagrees && others.length > 0 && others.every(disagrees);
    const blameSelf = selfDisagrees && others.some((other) => !disagrees(other));
    if (blameSelf) {
      const suggested = self.fileNameInfo.number as number;
      const free = workspace.withNumber(suggested, self.id).length === 0;
      findings.push(finding(DUPLICATE, numberRange,
        `Issue number ${number} is also used by ${others.map(label).join(', ')}; this issue's file name says ${suggested}.`, {
          fixes: [{ title: `Renumber to ${suggested}, as the file name says`, edits: [replace(numberRange, String(suggested))], preferred: free }],
          related: others.map((other) => ({ fileName: other.id, range: other.numberRange, message: `${label(other)} has number ${number}` })),
        }));
    } else if (others.length > 0 && !blameOthers) {
      const fixes: Fix[] = [];
      // Only the later of two issues is renumbered: the earlier one was published under that number.
      if (others.every((other) => compareIssues(other, self) < 0)) {
        const previous = workspace.previousOf(self);
        const candidate = previous?.number !== undefined && workspace.withNumber(previous.number + 1, self.id).length === 0 ? previous.number + 1 : workspace.nextFreeNumber();
        const info = self.fileNameInfo;
        const pattern = config.format.files.name;
        const renameTo = info?.date && info.number === number && !pattern.includes('{slug}')
          ? formatFileName(pattern, candidate, info.date).replace(/\.[A-Za-z0-9]+$/, '') + (/\.[A-Za-z]+$/.exec(info.baseName)?.[0] ?? '')
          : undefined;
        fixes.push({
          title: `Renumber to ${candidate}${renameTo ? ` (and rename the file to ${renameTo})` : ''}`,
          edits: [replace(numberRange, String(candidate))],
          ...(renameTo ? { renameTo } : {}),
          preferred: true,
        });
      }
      findings.push(finding(DUPLICATE, numberRange, `Issue number ${number} is also used by ${others.map(label).join(', ')}.`, {
        fixes,
        related: others.map((other) => ({ fileName: other.id, range: other.numberRange, message: `${label(other)} has number ${number}` })),
      }));
    }

    const previous = workspace.previousOf(self);
    if (previous && previous.number !== undefined && previous.number !== number) {
      const related = [{ fileName: previous.id, range: previous.numberRange, message: `the previous issue: ${label(previous)}` }];
      if (number !== previous.number + 1) {
        const missing = number > previous.number + 1
          ? `number${number - previous.number > 2 ? 's' : ''} ${previous.number + 1}${number - previous.number > 2 ? `-${number - 1}` : ''} ${number - previous.number > 2 ? 'are' : 'is'} skipped`
          : 'the numbers go backwards';
        findings.push(finding(SEQUENCE, numberRange, `Issue ${number} follows ${label(previous)}: ${missing}.`, { related }));
      }
      // The publication day (the date field's, else the file name's): the day New Issue counts from.
      const previousDay = publicationDayOf(previous);
      const day = publicationDayOf(self);
      if (day && previousDay && self.dateFieldDay && self.dateRange) {
        const days = daysBetween(previousDay, day);
        if (days !== config.format.newIssue.intervalDays) {
          findings.push(finding(SEQUENCE, self.dateRange,
            `This issue is dated ${days} day${days === 1 ? '' : 's'} after issue ${previous.number} (${formatIsoDay(previousDay)}), not ${config.format.newIssue.intervalDays}.`,
            { related }));
        }
      }
    }
    return findings;
  },
};
