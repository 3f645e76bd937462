import type { Finding, Section } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, replace } from './helpers';

const LEVEL: RuleCode = {
  code: 'heading.level',
  defaultSeverity: 'warning',
  description: 'A section heading indented before its `#` (pasted from elsewhere), often at another level than its neighbours.',
};

/**
 * A heading indented before its `#`, pasted from elsewhere, and often at another level than the
 * heading before it. Skipped levels (`###` right under `#`) are not reported: archives do that by
 * design (This Week in Rust's `# Upcoming Events` over `### Europe`).
 */
export const headingsRule: Rule = {
  name: 'headings',
  codes: [LEVEL],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    let previous: Section | undefined;
    for (const section of document.sections) {
      if (section.headingStyle === 'atx') {
        const line = document.lines.lineText(section.headingRange.start.line);
        const indented = /^( {1,3})(#{1,6})(?=\s)/.exec(line);
        if (indented) {
          const level = previous && previous.level > section.level ? previous.level : section.level;
          const range = { start: { line: section.headingRange.start.line, character: 0 }, end: { line: section.headingRange.start.line, character: indented[0].length } };
          findings.push(finding(LEVEL, range, `This heading is indented${level !== section.level ? `, and its level (${section.level}) is not its neighbour's (${level})` : ''}: write it as \`${'#'.repeat(level)} ${section.name}\`.`, {
            fixes: [{ title: `Write it as \`${'#'.repeat(level)}\``, edits: [replace(range, '#'.repeat(level))], preferred: true, safe: level === section.level }],
          }));
        }
      }
      previous = section;
    }
    return findings;
  },
};
