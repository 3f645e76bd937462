import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { existingIssueOf, planNewIssue, type NewIssueClock } from '../../src/core/newIssue';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { WorkspaceIndex } from '../../src/core/workspace';

/** Issue 12.5: New Issue writes an issue that is right at once, in every format. */
const clock: NewIssueClock = {
  today: { year: 2026, month: 2, day: 3 },
  time: { hour: 19, minute: 12, second: 8 },
  offsetMinutes: () => 0,
};

const FORMATS: Array<{ name: string; config: NewsletterConfig; folder: string; issue: (n: number, day: number, time: string) => { name: string; text: string } }> = [
  {
    name: 'DevOps Weekly', config: DEFAULT_CONFIG, folder: '_posts',
    issue: (n, day, time) => ({
      name: `2026-01-${String(day).padStart(2, '0')}-${n}.md`,
      text: `---\ntitle: DEVOPS WEEKLY ISSUE \\#${n} - ${day}th January 2026\ndate: 2026-01-${String(day).padStart(2, '0')}${time}\n---\n\nHello.\n\nNews\n====\n\nAn entry.\n<br>[https://example.org/${n}](https://example.org/${n})\n`,
    }),
  },
  {
    name: 'This Week in Rust', config: resolveConfig({ format: 'this-week-in-rust' }).config, folder: 'content',
    issue: (n, day, time) => ({
      name: `2026-01-${String(day).padStart(2, '0')}-this-week-in-rust.md`,
      text: `Title: This Week in Rust ${n}\nNumber: ${n}\nDate: 2026-01-${String(day).padStart(2, '0')}${time}\nCategory: This Week in Rust\n\nHello.\n\n## Updates from Rust Community\n\n* [A post](https://example.org/${n})\n`,
    }),
  },
  {
    name: 'LWKD', config: resolveConfig({ format: 'lwkd' }).config, folder: '_posts',
    issue: (n, day, time) => ({
      name: `2026-01-${String(day).padStart(2, '0')}-update.md`,
      text: `---\ntitle: Week Ending January ${day}, 2026\ndate: 2026-01-${String(day).padStart(2, '0')}${time}\n---\n\nHello.\n\n## Featured PRs\n\n### [A PR](https://example.org/${n})\n\nIt changes things.\n`,
    }),
  },
];

function indexOf(config: NewsletterConfig, folder: string, issues: Array<{ name: string; text: string }>): WorkspaceIndex {
  const index = new WorkspaceIndex(config);
  for (const issue of issues) index.update({ id: `/w/${folder}/${issue.name}`, relativePath: `${folder}/${issue.name}` }, issue.text);
  return index;
}

describe('New Issue: the archive\'s time of day (issue 12.5)', () => {
  test('DevOps Weekly: the date field takes the time every issue uses, not the clock\'s', () => {
    const issues = [4, 11, 18].map((d, i) => FORMATS[0].issue(120 + i, d, 'T09:00:00+00:00'));
    const index = indexOf(DEFAULT_CONFIG, '_posts', issues);
    const plan = planNewIssue(index.issues().map(existingIssueOf), DEFAULT_CONFIG, clock);
    assert.equal(plan.dateField, '2026-01-25T09:00:00+00:00');
  });

  test('This Week in Rust: a Pelican date with a habit of a time keeps it; one without keeps none', () => {
    const twir = FORMATS[1];
    const timed = indexOf(twir.config, 'content', [4, 11, 18].map((d, i) => twir.issue(120 + i, d, ' 12:00')));
    assert.equal(planNewIssue(timed.issues().map(existingIssueOf), twir.config, clock).dateField, '2026-01-25 12:00');
  });

  test('the profile\'s newIssue.time wins over the archive (LWKD)', () => {
    const lwkd = FORMATS[2];
    const index = indexOf(lwkd.config, '_posts', [4, 11, 18].map((d, i) => lwkd.issue(120 + i, d, ' 08:00:00 -0000')));
    assert.equal(planNewIssue(index.issues().map(existingIssueOf), lwkd.config, clock).dateField, '2026-01-25 22:00:00 -0000');
  });

  test('without a habit (every issue at another time), the clock\'s time as before', () => {
    const times = ['T09:00:00+00:00', 'T10:30:00+00:00', 'T21:05:00+00:00'];
    const index = indexOf(DEFAULT_CONFIG, '_posts', [4, 11, 18].map((d, i) => FORMATS[0].issue(120 + i, d, times[i])));
    assert.equal(planNewIssue(index.issues().map(existingIssueOf), DEFAULT_CONFIG, clock).dateField, '2026-01-25T19:12:08+00:00');
  });
});

describe('New Issue: a fresh skeleton is clean at warning and error level (issue 12.5)', () => {
  for (const format of FORMATS) {
    test(`${format.name}: no warning or error in the new issue, with the archive as its workspace`, () => {
      // The latest issue's date field is a day before its file name's day, as in examples/.
      const issues = [format.issue(120, 4, format.name === 'DevOps Weekly' ? 'T09:00:00+00:00' : ''), format.issue(121, 11, format.name === 'DevOps Weekly' ? 'T09:00:00+00:00' : '')];
      issues.push(format.issue(122, 18, format.name === 'DevOps Weekly' ? 'T09:00:00+00:00' : ''));
      issues[2] = { name: issues[2].name, text: issues[2].text.replace('2026-01-18', '2026-01-17') };
      const index = indexOf(format.config, format.folder, issues);
      const plan = planNewIssue(index.issues().map(existingIssueOf), format.config, clock);
      const id = `/w/${format.folder}/${plan.fileName}`;
      index.update({ id, relativePath: `${format.folder}/${plan.fileName}` }, plan.text);
      const findings = runRules(parseWithConfig(plan.text, id, format.config), { config: format.config, workspace: index });
      const loud = findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
      assert.deepEqual(loud.map((f) => `${f.code}: ${f.message}`), [], plan.text);
      // The empty sections are still there, as a reminder.
      assert.ok(findings.some((f) => f.code === 'section.empty' && f.severity === 'hint'), findings.map((f) => `${f.code}/${f.severity}`).join(', '));
      // One notion of an issue's date: the rule does not count 8 days where New Issue counted 7.
      assert.ok(!findings.some((f) => f.code === 'issue.number-sequence'), findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
    });
  }

  test('a published issue\'s empty section is still a warning', () => {
    const issue = FORMATS[0].issue(120, 4, 'T09:00:00+00:00');
    const text = `${issue.text}\nTools\n=====\n`;
    const findings = runRules(parseWithConfig(text, `/w/_posts/${issue.name}`, DEFAULT_CONFIG), { config: DEFAULT_CONFIG });
    assert.equal(findings.find((f) => f.code === 'section.empty')?.severity, 'warning');
  });
});
