import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config';
import { fixAll } from '../../src/core/fix';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { editDistance, meantMonths } from '../../src/core/rules/monthNames';
import type { Finding } from '../../src/core/model';

/** Events, dates and URL-style rules learnt from the fix histories, on issues in the list-item format. */
const config = resolveConfig({ format: 'this-week-in-rust' }).config;
const NAME = '2024-05-01-this-week-in-rust.md';
const HEADER = 'Title: This Week in Rust 9\nNumber: 9\nDate: 2024-05-01\nCategory: This Week in Rust\n\n';
const EVENTS = '# Upcoming Events\n\nRusty Events between 2024-05-01 - 2024-05-29\n\n';
const run = (body: string): Finding[] => runRules(parseWithConfig(HEADER + body, NAME, config), { config });
const only = (body: string, code: string) => run(body).filter((f) => f.code === code);
/** 1-based line of a finding within `body`. */
const bodyLine = (f: Finding) => f.range.start.line - HEADER.split('\n').length + 2;
const fixed = (body: string) => fixAll(HEADER + body, { fileName: NAME, config }).text.slice(HEADER.length);
const applyFirstFix = (body: string, f: Finding): string => {
  const lines = (HEADER + body).split('\n');
  const edit = f.fixes?.[0].edits[0];
  assert.ok(edit, 'the finding has a fix');
  assert.equal(edit.range.start.line, edit.range.end.line);
  const line = lines[edit.range.start.line];
  lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  return lines.join('\n').slice(HEADER.length);
};

const event = (day: string, place: string, group: string) => `* 2024-05-${day} | ${place} | [${group}](https://www.meetup.com/${group.toLowerCase().replace(/ /g, '-')}/)\n`;
const talk = (group: string, title: string, id: number) => `    * [**${title}**](https://www.meetup.com/${group.toLowerCase().replace(/ /g, '-')}/events/${id}/)\n`;

describe('events.line-format', () => {
  const siblings = event('02', 'Berlin, DE', 'Rust Berlin') + event('03', 'Paris, FR', 'Rust Paris') + event('05', 'Rome, IT', 'Rust Rome');

  test('a missing `|` between the place and the group, with a fix that puts it in', () => {
    const body = EVENTS + siblings + '* 2024-05-06 | Virtual (Linz, AT) [Rust Linz](https://www.meetup.com/rust-linz/)\n';
    const found = only(body, 'events.line-format');
    assert.equal(found.length, 1);
    assert.equal(bodyLine(found[0]), 8);
    assert.match(found[0].message, /`\|` is missing/);
    const after = applyFirstFix(body, found[0]);
    assert.ok(after.includes('* 2024-05-06 | Virtual (Linz, AT) | [Rust Linz](https://www.meetup.com/rust-linz/)'));
    assert.deepEqual(only(after, 'events.line-format'), []);
  });

  test('a place in brackets that is no link', () => {
    const found = only(EVENTS + siblings + '* 2024-05-07 [Tehran, IR] | [Rust Iran](https://example.org/iran)\n', 'events.line-format');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /`\[\.\.\.\]`/);
  });

  test('a sub-item title not bold like its siblings', () => {
    const body = EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + talk('Rust Berlin', 'Hack night', 1)
      + event('03', 'Paris, FR', 'Rust Paris') + talk('Rust Paris', 'Talks', 2)
      + event('05', 'Rome, IT', 'Rust Rome') + talk('Rust Rome', 'Meetup', 3)
      + event('06', 'Oslo, NO', 'Rust Oslo') + '    * [Lightning talks](https://www.meetup.com/rust-oslo/events/4/)\n';
    const found = only(body, 'events.line-format');
    assert.equal(found.length, 1);
    assert.equal(bodyLine(found[0]), 12);
    assert.match(found[0].message, /not bold/);
  });

  test('lines that all share a shape, a run of mirrors, and too few siblings to learn from get nothing', () => {
    assert.deepEqual(only(EVENTS + siblings + event('06', 'Oslo, NO', 'Rust Oslo'), 'events.line-format'), []);
    const mirrors = EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + talk('Rust Berlin', 'A', 1)
      + event('03', 'Paris, FR', 'Rust Paris') + talk('Rust Paris', 'B', 2)
      + event('05', 'Rome, IT', 'Rust Rome') + '    * [**C**](https://www.meetup.com/rust-rome/events/3/) | [**C, Milan mirror**](https://www.meetup.com/rust-milan/events/5/)\n';
    assert.deepEqual(only(mirrors, 'events.line-format'), []);
    assert.deepEqual(only(EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + '* 2024-05-06 | Virtual (Linz, AT) [Rust Linz](https://example.org/linz)\n', 'events.line-format'), []);
  });

  test('outside an events section, nothing', () => {
    const body = '## Updates from Rust Community\n\n' + siblings + '* 2024-05-06 | Virtual (Linz, AT) [Rust Linz](https://example.org/linz)\n';
    assert.deepEqual(only(body, 'events.line-format'), []);
  });
});

describe('events.empty-field', () => {
  test('a doubled `|`, fixed by fix-all without losing a word or URL', () => {
    const body = EVENTS + '* 2024-05-02 | Berlin, DE | | [Rust Berlin](https://example.org/berlin)\n';
    const found = only(body, 'events.empty-field');
    assert.equal(found.length, 1);
    assert.equal(fixed(body), EVENTS + '* 2024-05-02 | Berlin, DE | [Rust Berlin](https://example.org/berlin)\n');
    assert.equal(fixed(fixed(body)), fixed(body));
    assert.deepEqual(only(fixed(body), 'events.empty-field'), []);
  });
});

describe('events.sub-item-group', () => {
  test('a sub-item under another listed group is reported; under its own, nothing', () => {
    const bad = EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + talk('Rust Paris', 'Hack night', 1) + event('03', 'Paris, FR', 'Rust Paris');
    const found = only(bad, 'events.sub-item-group');
    assert.equal(found.length, 1);
    assert.equal(bodyLine(found[0]), 6);
    const good = EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + event('03', 'Paris, FR', 'Rust Paris') + talk('Rust Paris', 'Hack night', 1);
    assert.deepEqual(only(good, 'events.sub-item-group'), []);
    // A mirror of the talk at another group, after the event's own link, is fine.
    const mirror = EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + '    * [**A**](https://www.meetup.com/rust-berlin/events/1/) | [**Paris mirror**](https://www.meetup.com/rust-paris/events/2/)\n' + event('03', 'Paris, FR', 'Rust Paris');
    assert.deepEqual(only(mirror, 'events.sub-item-group'), []);
  });
});

describe('events.order', () => {
  test('the event that jumps ahead is the one reported, not its neighbour', () => {
    const body = EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + event('03', 'Paris, FR', 'Rust Paris') + event('25', 'Oslo, NO', 'Rust Oslo') + event('06', 'Rome, IT', 'Rust Rome') + event('08', 'Bern, CH', 'Rust Bern');
    const found = only(body, 'events.order');
    assert.equal(found.length, 1);
    assert.equal(bodyLine(found[0]), 7);
    assert.match(found[0].message, /2024-05-25/);
  });

  test('a date without a year that was typed a month ahead', () => {
    const body = '# Upcoming Events\n\n* [4/03. Rust Berlin](https://example.org/1)\n* [4/06. Rust Paris](https://example.org/2)\n* [5/09. Rust Oslo](https://example.org/3)\n* [4/20. Rust Rome](https://example.org/4)\n';
    const found = only(body, 'events.order');
    assert.equal(found.length, 1);
    assert.equal(bodyLine(found[0]), 5);
  });

  test('a list in order gets nothing', () => {
    assert.deepEqual(only(EVENTS + event('02', 'Berlin, DE', 'Rust Berlin') + event('03', 'Paris, FR', 'Rust Paris') + event('03', 'Rome, IT', 'Rust Rome'), 'events.order'), []);
  });
});

describe('date.month-misspelt', () => {
  test('meantMonths: a slip of a month, never a month itself or a far word', () => {
    assert.deepEqual(meantMonths('Ocr'), ['Oct']);
    assert.deepEqual(meantMonths('Ma4'), ['Mar', 'May']);
    assert.deepEqual(meantMonths('Octover'), ['October']);
    assert.deepEqual(meantMonths('Janurary'), ['January']);
    assert.deepEqual(meantMonths('Oct'), []);
    assert.deepEqual(meantMonths('September'), []);
    assert.deepEqual(meantMonths('Sept'), []);
    assert.deepEqual(meantMonths('Day'), []);
    assert.deepEqual(meantMonths('Version'), []);
    assert.equal(editDistance('Setpember', 'September'), 1);
  });

  test('an event date and a date with a year are reported, with the month as fix', () => {
    const body = EVENTS + '* [Ocr 12. San Diego, US - Rust San Diego](https://example.org/sd)\n\nThe next release is on Febuary 20, 2025.\n';
    const found = only(body, 'date.month-misspelt');
    assert.deepEqual(found.map(bodyLine), [5, 7]);
    assert.equal(applyFirstFix(body, found[0]).split('\n')[4], '* [Oct 12. San Diego, US - Rust San Diego](https://example.org/sd)');
    assert.ok(applyFirstFix(body, found[1]).includes('February 20, 2025'));
  });

  test('the same words where no date is meant get nothing', () => {
    assert.deepEqual(only('## Updates from Rust Community\n\n* [Now 10 crates support it](https://example.org/a)\n\nJanurary is a typo we do not look for without a day.\n', 'date.month-misspelt'), []);
    assert.deepEqual(only(EVENTS + '* [Oct 12. San Diego, US - Rust San Diego](https://example.org/sd)\n', 'date.month-misspelt'), []);
  });
});

describe('link.url-style and entry.media-tag (house-style hints)', () => {
  const news = '## Updates from Rust Community\n\n';

  test('old.reddit and a video start time, with fixes that keep the page', () => {
    const body = news + '* [A thread](https://old.reddit.com/r/rust/comments/abc/x/)\n* [video] [A talk](https://www.youtube.com/watch?v=abc123&t=206s)\n';
    const found = only(body, 'link.url-style');
    assert.equal(found.length, 2);
    assert.ok(found.every((f) => f.severity === 'hint'));
    assert.ok(applyFirstFix(body, found[0]).includes('(https://www.reddit.com/r/rust/comments/abc/x/)'));
    assert.ok(applyFirstFix(body, found[1]).includes('(https://www.youtube.com/watch?v=abc123)'));
    assert.deepEqual(only(news + '* [video] [A talk](https://www.youtube.com/watch?v=abc123)\n', 'link.url-style'), []);
  });

  test('a video without the format\'s `[video]` tag', () => {
    const body = news + '* [A talk](https://youtu.be/abc123)\n* [audio] [Another](https://vimeo.com/1)\n* [A post](https://example.org/post)\n';
    const found = only(body, 'entry.media-tag');
    assert.deepEqual(found.map(bodyLine), [3, 4]);
    assert.ok(applyFirstFix(body, found[0]).includes('* [video] [A talk](https://youtu.be/abc123)'));
    assert.ok(applyFirstFix(body, found[1]).includes('* [audio] [video] [Another](https://vimeo.com/1)'));
    assert.equal(fixed(body), body, 'adding a tag is not for fix-all');
    assert.deepEqual(only(news + '* [video] [A talk](https://youtu.be/abc123)\n', 'entry.media-tag'), []);
  });

  test('an online event streamed on a video site is no video to tag', () => {
    assert.deepEqual(only(EVENTS + '* [May 3. Online - Rust 101](https://www.youtube.com/watch?v=abc123)\n', 'entry.media-tag'), []);
  });

  test('a format without a `video` tag asks for none', () => {
    const plain = resolveConfig({}).config;
    const text = '---\ntitle: x\n---\n\n* [A talk](https://youtu.be/abc123)\n';
    assert.deepEqual(runRules(parseWithConfig(text, '2024-05-01-x.md', plain), { config: plain }).filter((f) => f.code === 'entry.media-tag'), []);
  });
});

describe('template.placeholder: a "nothing this week" line above real items', () => {
  const section = '## Approved RFCs\n\nThese are the RFCs that were approved this week:\n\n';
  test('reported when the section holds entries', () => {
    const found = only(section + '*No RFCs were approved this week.*\n\n* [RFC 1: A thing](https://example.org/rfc/1)\n', 'template.placeholder');
    assert.equal(found.length, 1);
    assert.equal(bodyLine(found[0]), 5);
  });
  test('not when the section is empty, or groups its items under labels', () => {
    assert.deepEqual(only(section + '*No RFCs were approved this week.*\n\n## Next\n\n* [x](https://example.org/x)\n', 'template.placeholder'), []);
    assert.deepEqual(only('## Style\n\nFCP issues:\n\n* [A](https://example.org/a)\n\nOther issues:\n\n* [B](https://example.org/b)\n\n_No PRs this week._\n', 'template.placeholder'), []);
  });
});
