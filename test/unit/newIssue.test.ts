import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core/config';
import { existingIssueOf, formatDateTime, planNewIssue, systemClock, type NewIssueClock } from '../../src/core/newIssue';
import { parseIssue, parseWithConfig } from '../../src/core/parse/parseIssue';
import { indexEntryOf } from '../../src/core/workspace';

/** A clock fixed at 10:15:30 local, in a zone one hour east of UTC in winter, two in summer (CET/CEST). */
const cet: NewIssueClock = {
  today: { year: 2021, month: 6, day: 1 },
  time: { hour: 10, minute: 15, second: 30 },
  offsetMinutes: (date) => (date.month >= 4 && date.month <= 10 ? 120 : 60),
};

const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe('planNewIssue', () => {
  test('numbers the new issue one past the highest, dated one interval after the latest', () => {
    const plan = planNewIssue([{ number: 510, date: day(2020, 10, 4) }, { number: 511, date: day(2020, 10, 11) }], DEFAULT_CONFIG, cet);
    assert.equal(plan.number, 512);
    assert.deepEqual(plan.date, day(2020, 10, 18));
    assert.equal(plan.fileName, '2020-10-18-512.md');
    assert.equal(plan.title, 'DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020');
    assert.equal(plan.dateField, '2020-10-18T10:15:30+02:00');
  });

  test('crosses a month end with the right ordinal', () => {
    const plan = planNewIssue([{ number: 99, date: day(2021, 1, 25) }], DEFAULT_CONFIG, cet);
    assert.equal(plan.fileName, '2021-02-01-100.md');
    assert.equal(plan.title, 'DEVOPS WEEKLY ISSUE \\#100 - 1st February 2021');
  });

  test('crosses a year end, with the new year in the title, name and date', () => {
    const plan = planNewIssue([{ number: 470, date: day(2019, 12, 29) }], DEFAULT_CONFIG, cet);
    assert.equal(plan.fileName, '2020-01-05-471.md');
    assert.equal(plan.title, 'DEVOPS WEEKLY ISSUE \\#471 - 5th January 2020');
    assert.equal(plan.dateField, '2020-01-05T10:15:30+01:00');
  });

  test('lands on the 29th of February in a leap year and skips it in other years', () => {
    assert.equal(planNewIssue([{ number: 1, date: day(2020, 2, 22) }], DEFAULT_CONFIG, cet).title, 'DEVOPS WEEKLY ISSUE \\#2 - 29th February 2020');
    assert.equal(planNewIssue([{ number: 1, date: day(2021, 2, 22) }], DEFAULT_CONFIG, cet).fileName, '2021-03-01-2.md');
    assert.equal(planNewIssue([{ number: 1, date: day(2100, 2, 22) }], DEFAULT_CONFIG, cet).fileName, '2100-03-01-2.md', '2100 is not a leap year');
    assert.equal(planNewIssue([{ number: 1, date: day(2000, 2, 22) }], DEFAULT_CONFIG, cet).fileName, '2000-02-29-2.md', '2000 is');
  });

  test('writes 2nd, 3rd, 11th, 12th, 13th, 21st, 22nd, 23rd and 31st', () => {
    const titleOn = (d: number) => planNewIssue([{ number: 1, date: day(2021, 3, d - 7) }], DEFAULT_CONFIG, cet).title.replace(/^.* - /, '');
    assert.deepEqual(
      [9, 11, 12, 13, 21, 22, 23, 24, 31].map(titleOn),
      ['9th March 2021', '11th March 2021', '12th March 2021', '13th March 2021', '21st March 2021', '22nd March 2021', '23rd March 2021', '24th March 2021', '31st March 2021'],
    );
    assert.equal(planNewIssue([{ number: 1, date: day(2021, 2, 23) }], DEFAULT_CONFIG, cet).title.replace(/^.* - /, ''), '2nd March 2021');
    assert.equal(planNewIssue([{ number: 1, date: day(2021, 2, 24) }], DEFAULT_CONFIG, cet).title.replace(/^.* - /, ''), '3rd March 2021');
  });

  test('takes the highest number and the latest day even when they are on different issues or out of order', () => {
    const plan = planNewIssue(
      [{ number: 300, date: day(2018, 1, 7) }, { number: 12 }, { date: day(2018, 1, 14) }, { number: 301, date: day(2017, 12, 31) }],
      DEFAULT_CONFIG,
      cet,
    );
    assert.equal(plan.fileName, '2018-01-21-302.md');
  });

  test('starts at issue 1 dated today when the workspace has no issue', () => {
    const plan = planNewIssue([], DEFAULT_CONFIG, cet);
    assert.equal(plan.fileName, '2021-06-01-1.md');
    assert.equal(plan.dateField, '2021-06-01T10:15:30+02:00');
  });

  test('follows the configured interval and title template', () => {
    const { config } = resolveConfig({ publicationIntervalDays: 14, titleTemplate: 'Weekly #{number}: {month} {day}{ordinal}, {year}' });
    const plan = planNewIssue([{ number: 7, date: day(2022, 12, 20) }], config, cet);
    assert.equal(plan.fileName, '2023-01-03-8.md');
    assert.equal(plan.title, 'Weekly #8: January 3rd, 2023');
  });

  test('writes a skeleton that parses back to the planned issue, with the cursor on the empty intro line', () => {
    const plan = planNewIssue([{ number: 511, date: day(2020, 10, 11) }], DEFAULT_CONFIG, cet);
    const document = parseIssue(plan.text, `_posts/${plan.fileName}`);
    assert.deepEqual(document.parseFindings, []);
    assert.equal(document.title?.number?.value, 512);
    assert.deepEqual(document.date?.calendar, day(2020, 10, 18));
    assert.deepEqual(document.sections.map((s) => [s.name, s.kind]), [['Sponsor', 'sponsor'], ['News', 'news'], ['Tools', 'tools']]);
    assert.equal(document.lines.lineText(plan.introPosition.line), '');
    assert.ok(plan.introPosition.line > (document.frontMatter?.range.end.line ?? Infinity));
    assert.ok(plan.introPosition.line < document.sections[0].headingRange.start.line);
  });
});

describe('formatDateTime', () => {
  test('writes the offset with its sign, hours and minutes', () => {
    assert.equal(formatDateTime(day(2020, 1, 2), { hour: 3, minute: 4, second: 5 }, 0), '2020-01-02T03:04:05+00:00');
    assert.equal(formatDateTime(day(2020, 1, 2), { hour: 23, minute: 59, second: 0 }, -210), '2020-01-02T23:59:00-03:30');
    assert.equal(formatDateTime(day(2020, 1, 2), { hour: 0, minute: 0, second: 0 }, 345), '2020-01-02T00:00:00+05:45');
  });
});

describe('systemClock', () => {
  test('gives the local day and an offset that agrees with the Date it came from', () => {
    const now = new Date(2024, 6, 14, 8, 9, 10);
    const clock = systemClock(now);
    assert.deepEqual(clock.today, day(2024, 7, 14));
    assert.deepEqual(clock.time, { hour: 8, minute: 9, second: 10 });
    assert.equal(clock.offsetMinutes(clock.today, clock.time), -now.getTimezoneOffset());
  });
});

describe('existingIssueOf', () => {
  const existing = (fileName: string, text: string) => existingIssueOf(indexEntryOf(parseIssue(text, fileName), fileName));

  test('reads the number from the title, the day from the date field and what follows the day', () => {
    const text = '---\ntitle: DEVOPS WEEKLY ISSUE \\#42 - 3rd March 2013\ndate: 2013-03-03T10:00:00+00:00\n---\n\nBody.\n';
    assert.deepEqual(existing('notes.md', text), { number: 42, date: day(2013, 3, 3), time: 'T10:00:00+00:00' });
  });

  test('falls back to the file name, keeps the higher number, and takes the publication day (the date field\'s)', () => {
    assert.deepEqual(existing('_posts/2013-03-10-43.md', 'No front matter.'), { number: 43, date: day(2013, 3, 10) });
    // The day issue.number-sequence counts from too: one notion of an issue's date.
    const stale = '---\ntitle: DEVOPS WEEKLY ISSUE \\#42 - 3rd March 2013\ndate: 2013-03-03T10:00:00+00:00\n---\n';
    assert.deepEqual(existing('_posts/2013-03-10-43.md', stale), { number: 43, date: day(2013, 3, 3), time: 'T10:00:00+00:00' });
    const ahead = '---\ntitle: DEVOPS WEEKLY ISSUE \\#44 - 17th March 2013\ndate: 2013-03-17T10:00:00+00:00\n---\n';
    assert.deepEqual(existing('_posts/2013-03-10-43.md', ahead), { number: 44, date: day(2013, 3, 17), time: 'T10:00:00+00:00' });
  });

  test('knows nothing of a file with neither a numbered title nor a dated name', () => {
    assert.deepEqual(existing('README.md', '# Readme\n'), { number: undefined, date: undefined });
  });
});

describe('planNewIssue from the profile', () => {
  const lwkd = resolveConfig({ format: 'lwkd' }).config;
  const twir = resolveConfig({ format: 'this-week-in-rust' }).config;
  /** A template of our own, with the placeholders the LWKD preset names. */
  const TEMPLATE = '---\nlayout: post\ntitle: Week Ending Month DD, YYYY\ndate: POST_DATE 22:00:00 -0000\nslug: POST_SLUG_DATE-update\n---\n\n## Developer News\n\n## Featured PRs\n';

  test('fills a template text: title day, publication day and slug, keeping the lag of the latest issue', () => {
    // The latest issue's week ended on the 10th, published on the 12th.
    const plan = planNewIssue([{ date: day(2023, 12, 12), titleDate: day(2023, 12, 10) }], lwkd, cet, TEMPLATE);
    assert.equal(plan.number, undefined, 'LWKD issues have no number');
    assert.deepEqual(plan.date, day(2023, 12, 19));
    assert.deepEqual(plan.titleDate, day(2023, 12, 17));
    assert.equal(plan.fileName, '2023-12-17-update.md');
    assert.equal(plan.fromTemplate, true);
    assert.equal(plan.text.split('\n').slice(2, 5).join('\n'), 'title: Week Ending December 17, 2023\ndate: 2023-12-19 22:00:00 -0000\nslug: 2023-12-17-update');
    const document = parseWithConfig(plan.text, `_posts/${plan.fileName}`, lwkd);
    assert.equal(document.title?.text, 'Week Ending December 17, 2023');
    assert.deepEqual(document.publicationDate, day(2023, 12, 19));
    assert.equal(plan.introPosition.line, 6, 'the line after the front matter');
  });

  test('without a template, writes the profile\'s header kind and ATX sections at its lowest level, with the date field\'s time', () => {
    const plan = planNewIssue([{ date: day(2023, 12, 19) }], lwkd, cet);
    assert.equal(plan.fromTemplate, false);
    const document = parseWithConfig(plan.text, `_posts/${plan.fileName}`, lwkd);
    assert.deepEqual(document.parseFindings, []);
    assert.equal(document.frontMatter?.kind, 'yaml');
    assert.equal(document.date?.raw, '2023-12-26 22:00:00 -0000');
    assert.deepEqual(document.sections.map((s) => [s.name, s.level, s.headingStyle]), lwkd.format.newIssue.sections.map((name) => [name, 2, 'atx']));
    assert.equal(document.lines.lineText(plan.introPosition.line), '');
  });

  test('numbers a Pelican issue from the highest number and writes its Number field', () => {
    const plan = planNewIssue([{ number: 473, date: day(2022, 12, 14) }, { number: 472, date: day(2022, 12, 7) }], twir, cet);
    assert.equal(plan.fileName, '2022-12-21-this-week-in-rust.md');
    const document = parseWithConfig(plan.text, `draft/${plan.fileName}`, twir);
    assert.equal(document.frontMatter?.kind, 'pelican');
    assert.equal(document.title?.text, 'This Week in Rust 474');
    assert.equal(document.number?.value, 474);
    assert.deepEqual(document.publicationDate, day(2022, 12, 21));
  });

  test('replaces every occurrence of each placeholder of the template, numbers included', () => {
    const plan = planNewIssue([{ number: 9, date: day(2024, 1, 3) }], twir, cet, 'Title: This Week in Rust $twir_issue_number\nNumber: $twir_issue_number\nDate: $twir_issue_date\n\nEvents from $twir_issue_date on.\n');
    assert.equal(plan.text, 'Title: This Week in Rust 10\nNumber: 10\nDate: 2024-01-10\n\nEvents from 2024-01-10 on.\n');
    assert.equal(plan.introPosition.line, 3);
  });
});
