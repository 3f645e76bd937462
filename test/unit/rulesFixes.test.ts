import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core/config';
import { applyFixes } from '../../src/core/fix';
import { WorkspaceIndex } from '../../src/core/workspace';
import type { Finding, Fix } from '../../src/core/model';

const FRONT = (title: string, date = '2020-10-18T09:30:00+01:00') => `---\ntitle: ${title}\ndate: ${date}\n---\n`;
const NEWS = '\nNews\n====\n\nAn entry.\n<br>[https://example.org/post](https://example.org/post)\n';

function findingsOf(text: string, fileName?: string, workspace?: WorkspaceIndex): Finding[] {
  return runRules(parseIssue(text, fileName), { config: DEFAULT_CONFIG, workspace });
}

function only(text: string, code: string, fileName?: string, workspace?: WorkspaceIndex): Finding {
  const found = findingsOf(text, fileName, workspace).filter((f) => f.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}`);
  return found[0];
}

function apply(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'expected a fix');
  const result = applyFixes(text, [fix]);
  assert.equal(result.applied.length, 1);
  return result.text;
}

describe('title fixes', () => {
  test('replaces a wrong ordinal with the one that fits the day, as a safe preferred fix', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 23th October 2020', '2020-10-23T09:30:00+01:00') + NEWS;
    const fix = only(text, 'title.ordinal').fixes?.[0];
    assert.equal(fix?.preferred, true);
    assert.equal(fix?.safe, true);
    assert.match(apply(text, fix), /^title: DEVOPS WEEKLY ISSUE \\#512 - 23rd October 2020$/m);
  });

  test('gives 11th, 12th and 13th th, and 21st, 22nd, 23rd their own suffixes', () => {
    for (const [day, right] of [[11, 'th'], [12, 'th'], [13, 'th'], [21, 'st'], [22, 'nd'], [23, 'rd'], [31, 'st']] as const) {
      const wrong = right === 'th' ? 'st' : 'th';
      const text = FRONT(`DEVOPS WEEKLY ISSUE \\#512 - ${day}${wrong} October 2020`, `2020-10-${day}T09:30:00+01:00`) + NEWS;
      assert.match(only(text, 'title.ordinal').message, new RegExp(`should be \`${day}${right}\``));
    }
  });

  test('rewrites a title with doubled spaces to the pattern, safely', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#378 -  25th March 2018', '2018-03-25T10:00:00+01:00') + NEWS;
    const finding = only(text, 'title.format');
    assert.match(finding.message, /doubled spaces/);
    assert.equal(finding.fixes?.[0].safe, true);
    assert.match(apply(text, finding.fixes?.[0]), /^title: DEVOPS WEEKLY ISSUE \\#378 - 25th March 2018$/m);
  });

  test('escapes a bare # in the title, which YAML would read as a comment', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE #512 - 18th October 2020') + NEWS;
    const finding = only(text, 'title.format');
    assert.match(finding.message, /not escaped/);
    assert.match(apply(text, finding.fixes?.[0]), /^title: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020$/m);
  });

  test('follows a custom title template', () => {
    const config = resolveConfig({ titleTemplate: 'Weekly \\#{number} / {day}{ordinal} {month} {year}' }).config;
    const good = FRONT('Weekly \\#12 / 18th October 2020') + NEWS;
    assert.deepEqual(runRules(parseIssue(good), { config }).map((f) => f.code), []);
    const bad = FRONT('Weekly \\#12 /  18th October 2020') + NEWS;
    assert.deepEqual(runRules(parseIssue(bad), { config }).map((f) => f.code), ['title.format']);
  });

  test('offers the date field\'s day first and the title\'s day second when they disagree', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#261 - 3rd January 2015', '2016-01-03T10:00:00+00:00') + NEWS;
    const finding = only(text, 'title.date-mismatch', '2016-01-03-261.md');
    assert.match(finding.message, /last year/);
    const [takeField, takeTitle] = finding.fixes ?? [];
    assert.equal(takeField.preferred, true);
    assert.match(apply(text, takeField), /^title: DEVOPS WEEKLY ISSUE \\#261 - 3rd January 2016$/m);
    assert.equal(takeTitle.preferred, false);
    assert.match(apply(text, takeTitle), /^date: 2015-01-03T10:00:00\+00:00$/m);
  });

  test('prefers changing the date field when the file name agrees with the title', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#468 - 15th December 2019', '2019-12-22T13:40:01+00:00') + NEWS;
    const [takeField, takeTitle] = only(text, 'title.date-mismatch', '2019-12-15-468.md').fixes ?? [];
    assert.equal(takeField.preferred, false);
    assert.equal(takeTitle.preferred, true);
  });

  test('adds a title made from the file name when there is none', () => {
    const text = '---\ndate: 2020-10-18T09:30:00+01:00\n---\n' + NEWS;
    const fix = only(text, 'title.missing', '_posts/2020-10-18-512.md').fixes?.[0];
    assert.match(apply(text, fix), /^---\ntitle: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020\ndate:/);
  });
});

describe('front matter, date and file name fixes', () => {
  test('inserts a front matter skeleton from the file name', () => {
    const text = NEWS.slice(1);
    const finding = only(text, 'frontmatter.missing', '/x/_posts/2020-10-18-512.md');
    const fixed = apply(text, finding.fixes?.[0]);
    assert.ok(fixed.startsWith('---\ntitle: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020\ndate: 2020-10-18T09:00:00+00:00\n---\n\nNews\n'));
    assert.equal(finding.fixes?.[0].safe, undefined, 'a guessed front matter is not applied by fix-all');
  });

  test('adds a date from the file name when the field is missing', () => {
    const text = '---\ntitle: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020\n---\n' + NEWS;
    const finding = only(text, 'date.missing', '2020-10-18-512.md');
    assert.equal(finding.severity, 'info', 'the site still dates the issue from its file name');
    assert.match(finding.message, /from its file name \(2020-10-18, at midnight\)/, 'the message names the day the site uses');
    const fixed = apply(text, finding.fixes?.[0]);
    assert.match(fixed, /^title: .*\ndate: 2020-10-18T09:00:00\+00:00\n---/m);
  });

  test('a missing date is an error when the file name carries no day, fixed from the title', () => {
    const text = '---\ntitle: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020\n---\n' + NEWS;
    const finding = only(text, 'date.invalid', 'issue-512.md');
    assert.equal(finding.severity, 'error');
    assert.equal(findingsOf(text, 'issue-512.md').filter((f) => f.code === 'date.missing').length, 0);
    assert.match(apply(text, finding.fixes?.[0]), /^title: .*\ndate: 2020-10-18T09:00:00\+00:00\n---/m);
  });

  test('offers to rename the file to the front matter\'s day and number', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + NEWS;
    const findings = findingsOf(text, '/x/_posts/2020-10-11-511.md').filter((f) => f.code === 'filename.mismatch');
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      assert.equal(finding.fixes?.[0].renameTo, '2020-10-18-512.md');
      assert.equal(finding.fixes?.[0].preferred, true);
    }
    const numberFix = findings.find((f) => /issue 511/.test(f.message))?.fixes?.[1];
    assert.match(apply(text, numberFix), /\\#511 - 18th/);
  });

  test('reports nothing for a file name that is not an issue name', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + NEWS;
    assert.deepEqual(findingsOf(text, 'untitled:Untitled-1').map((f) => f.code), []);
  });
});

describe('body fixes', () => {
  test('removes the > of a quoted >From heading, keeping it a heading', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + '\n>From our sponsor, Acme\n======\n\nThe offer.\n<br>[https://acme.example](https://acme.example)\n' + NEWS;
    const fixed = apply(text, only(text, 'section.quoted-heading').fixes?.[0]);
    assert.match(fixed, /\nFrom our sponsor, Acme\n======\n/);
    assert.equal(parseIssue(fixed).sections[0].headingStyle, 'setext');
  });

  test('joins a link line to the description it drifted from', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + '\nNews\n====\n\nThe description.\n\n<br>[https://example.org/x](https://example.org/x)\n';
    const fixed = apply(text, only(text, 'entry.split').fixes?.[0]);
    assert.match(fixed, /The description\.\n<br>\[https:\/\/example\.org\/x\]/);
  });

  test('turns a bare URL on its own line into a link line with a scheme', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + '\nEvents\n======\n\nAn event.\nwww.example.org/event/\n';
    const finding = only(text, 'entry.bare-url');
    assert.equal(finding.fixes?.[0].safe, true);
    assert.match(apply(text, finding.fixes?.[0]), /An event\.\n<br>\[https:\/\/www\.example\.org\/event\/\]\(https:\/\/www\.example\.org\/event\/\)\n/);
  });

  test('links a bare URL inside a sentence in place, without moving it', () => {
    const text = FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + '\nEvents\n======\n\nSee https://example.org/e for more.\n<br>[https://example.org/x](https://example.org/x)\n';
    const finding = only(text, 'entry.bare-url');
    assert.notEqual(finding.fixes?.[0].safe, true);
    assert.match(apply(text, finding.fixes?.[0]), /See \[https:\/\/example\.org\/e\]\(https:\/\/example\.org\/e\) for more\./);
  });
});

describe('link fixes', () => {
  const body = (lines: string) => FRONT('DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020') + `\nNews\n====\n\n${lines}\n`;

  test('makes the text of a link line its URL; safe only when the text was the same URL', () => {
    const sameUrl = body('A post.\n<br>[https://www.example.org/a/](https://example.org/a)');
    const fix = only(sameUrl, 'link.text-mismatch').fixes?.[0];
    assert.equal(fix?.safe, true);
    assert.match(apply(sameUrl, fix), /<br>\[https:\/\/example\.org\/a\]\(https:\/\/example\.org\/a\)/);
    const word = body('A post.\n<br>[Slides](https://example.org/s)');
    assert.notEqual(only(word, 'link.text-mismatch').fixes?.[0].safe, true);
  });

  test('moves a ) that ended up in the link text out of it', () => {
    const text = body('Acme ([https://jobs.example/1)](https://jobs.example/1)) is hiring.\n<br>[https://jobs.example](https://jobs.example)');
    const fixed = apply(text, only(text, 'link.malformed').fixes?.[0]);
    assert.match(fixed, /Acme \(\[https:\/\/jobs\.example\/1\]\(https:\/\/jobs\.example\/1\)\) is hiring\./);
  });

  test('adds https:// to a link without a scheme, in its text too', () => {
    const text = body('A post.\n<br>[www.example.org/x](www.example.org/x)');
    assert.match(apply(text, only(text, 'link.malformed').fixes?.[0]), /<br>\[https:\/\/www\.example\.org\/x\]\(https:\/\/www\.example\.org\/x\)/);
  });

  test('repairs a link line broken by parentheses with an angle-bracket destination', () => {
    const text = body('A post.\n<br>[https://w.example/Foo_(bar)](https://w.example/Foo_(bar)');
    const fixed = apply(text, only(text, 'link.malformed').fixes?.[0]);
    assert.match(fixed, /<br>\[https:\/\/w\.example\/Foo_\(bar\)\]\(<https:\/\/w\.example\/Foo_\(bar\)>\)/);
    const links = parseIssue(fixed).sections[0].entries[0].links;
    assert.equal(links[0].target, 'https://w.example/Foo_(bar)');
    assert.deepEqual(findingsOf(fixed).map((f) => f.code), []);
  });

  test('switches http to https in the text and the URL of a link line, as a hint that fix-all leaves alone', () => {
    const text = body('A post.\n<br>[http://example.org/x](http://example.org/x)');
    const finding = only(text, 'link.insecure');
    assert.equal(finding.severity, 'hint');
    assert.notEqual(finding.fixes?.[0].safe, true);
    assert.match(apply(text, finding.fixes?.[0]), /<br>\[https:\/\/example\.org\/x\]\(https:\/\/example\.org\/x\)/);
  });

  test('compares links after normalising them, but keeps fragments that name different places', () => {
    const dup = body('One.\n<br>[https://example.org/a](https://example.org/a)\n\n\nTwo.\n<br>[http://www.example.org/a/?utm_source=x](http://www.example.org/a/?utm_source=x)');
    assert.equal(only(dup, 'link.duplicate').range.start.line, 13);
    const jobs = body('Two jobs.\n<br>[https://example.org/jobs#R1](https://example.org/jobs#R1)\n<br>[https://example.org/jobs#R2](https://example.org/jobs#R2)');
    assert.deepEqual(findingsOf(jobs).map((f) => f.code), []);
  });
});

describe('workspace fixes', () => {
  test('renumbers the later of two issues with one number to the next free one, renaming its file', () => {
    const index = new WorkspaceIndex(DEFAULT_CONFIG);
    index.update({ id: '/w/_posts/2020-10-11-511.md', relativePath: '_posts/2020-10-11-511.md' }, FRONT('DEVOPS WEEKLY ISSUE \\#511 - 11th October 2020', '2020-10-11T09:30:00+01:00') + NEWS);
    const later = FRONT('DEVOPS WEEKLY ISSUE \\#511 - 18th October 2020') + NEWS;
    const finding = only(later, 'issue.number-duplicate', '/w/_posts/2020-10-18-511.md', index);
    assert.equal(finding.related?.[0].fileName, '/w/_posts/2020-10-11-511.md');
    const fix = finding.fixes?.[0];
    assert.equal(fix?.renameTo, '2020-10-18-512.md');
    assert.equal(fix?.edits[0].newText, '512');
    assert.equal(fix?.preferred, true);
  });
});
