import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { applyFixes } from '../../src/core/fix';
import type { Finding, Fix } from '../../src/core/model';

/** The rules under other formats than the default: fixes written in the profile's syntax and shapes. */
const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;
const LWKD = resolveConfig({ format: 'lwkd' }).config;

function findingsOf(text: string, fileName: string, config: NewsletterConfig): Finding[] {
  return runRules(parseWithConfig(text, fileName, config), { config });
}

function only(text: string, code: string, fileName: string, config: NewsletterConfig): Finding {
  const found = findingsOf(text, fileName, config).filter((f) => f.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.map((f) => f.code).join(', ')}`);
  return found[0];
}

function apply(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'expected a fix');
  return applyFixes(text, [fix]).text;
}

const TWIR_BODY = '## Updates from Rust Community\n\n* [A post](https://example.org/post)\n';

describe('header fixes in the profile\'s syntax', () => {
  test('a Pelican header skeleton: `Key: value` lines and a blank line, no fences', () => {
    const finding = only(TWIR_BODY, 'frontmatter.missing', '/x/content/2024-05-01-this-week-in-rust.md', TWIR);
    assert.match(finding.message, /`Title:` and `Date:` lines/);
    const fixed = apply(TWIR_BODY, finding.fixes?.[0]);
    assert.ok(fixed.startsWith('Title: This Week in Rust {number}\nDate: 2024-05-01\n\n## Updates'), fixed);
  });

  test('a missing Pelican `Date:` is added after the title, as Pelican writes a day', () => {
    const text = `Title: This Week in Rust 12\nCategory: This Week in Rust\n\n${TWIR_BODY}`;
    const finding = only(text, 'date.missing', '/x/content/2024-05-01-this-week-in-rust.md', TWIR);
    assert.match(finding.message, /no `Date` field/);
    assert.ok(apply(text, finding.fixes?.[0]).startsWith('Title: This Week in Rust 12\nDate: 2024-05-01\nCategory:'));
  });

  test('a missing YAML date of LWKD gets the profile\'s time of day', () => {
    const text = '---\ntitle: Week Ending May 5, 2024\n---\n\n## Other Merges\n\n* A [change](https://example.org/pull/1)\n';
    const fixed = apply(text, only(text, 'date.missing', '/x/_posts/2024-05-05-update.md', LWKD).fixes?.[0]);
    assert.match(fixed, /^title: .*\ndate: 2024-05-05 22:00:00 -0000\n---/m);
  });

  test('a TOML header is written with `=` and quoted strings', () => {
    const toml = resolveConfig({ format: { preset: 'devops-weekly', header: { kind: 'toml', titleField: 'title', dateField: 'date' } } }).config;
    const text = '\nNews\n====\n\nAn entry.\n<br>[https://example.org/post](https://example.org/post)\n';
    const fixed = apply(text, only(text, 'frontmatter.missing', '/x/_posts/2020-10-18-512.md', toml).fixes?.[0]);
    assert.ok(fixed.startsWith('+++\ntitle = "DEVOPS WEEKLY ISSUE \\\\#512 - 18th October 2020"\ndate = 2020-10-18T09:00:00+00:00\n+++\n'), fixed);
  });

  test('a title without a number field keeps its number: no number rule fires, and the title is rewritten from it', () => {
    const text = `Title: This Week In Rust 12\nDate: 2024-05-01\n\n${TWIR_BODY}`;
    const findings = findingsOf(text, '/x/content/2024-05-01-this-week-in-rust.md', TWIR);
    assert.deepEqual(findings.map((f) => f.code), ['title.format']);
    const fix = findings[0].fixes?.[0];
    assert.equal(fix?.safe, true, 'only the case differs');
    assert.match(apply(text, fix), /^Title: This Week in Rust 12$/m);
  });
});

describe('dates that must agree, as the profile says', () => {
  test('LWKD: the title names the file name\'s day; the date field may be a few days later', () => {
    const text = (title: string, date: string) => `---\ntitle: ${title}\ndate: ${date} 22:00:00 -0000\n---\n\n## Other Merges\n\n* A [change](https://example.org/pull/1)\n`;
    assert.deepEqual(findingsOf(text('Week Ending May 5, 2024', '2024-05-08'), '/x/_posts/2024-05-05-update.md', LWKD), []);
    const stale = only(text('Week Ending April 28, 2024', '2024-05-08'), 'title.date-mismatch', '/x/_posts/2024-05-05-update.md', LWKD);
    assert.match(stale.message, /the file name says May 5, 2024/);
    assert.match(apply(text('Week Ending April 28, 2024', '2024-05-08'), stale.fixes?.[0]), /^title: Week Ending May 5, 2024$/m);
    assert.equal(findingsOf(text('Week Ending May 5, 2024', '2024-06-08'), '/x/_posts/2024-05-05-update.md', LWKD)[0]?.code, 'filename.mismatch');
  });

  test('a title template without a date has no title date to compare', () => {
    const config = resolveConfig({ format: { preset: 'devops-weekly', title: { template: 'Weekly {number}' } } }).config;
    const text = '---\ntitle: Weekly 512\ndate: 2020-10-18T09:30:00+01:00\n---\n\nNews\n====\n\nAn entry.\n<br>[https://example.org/post](https://example.org/post)\n';
    assert.deepEqual(findingsOf(text, '/x/_posts/2020-10-18-512.md', config), []);
  });
});

describe('entry rules by shape', () => {
  test('a bare URL in a list item becomes a link in place, not a `<br>` link line', () => {
    const text = `Title: This Week in Rust 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\n* https://example.org/post\n`;
    const finding = only(text, 'entry.bare-url', '/x/content/2024-05-01-this-week-in-rust.md', TWIR);
    assert.match(apply(text, finding.fixes?.[0]), /^\* \[https:\/\/example\.org\/post\]\(https:\/\/example\.org\/post\)$/m);
  });

  test('paragraph-style rules stay out of list sections: a paragraph between items is not an entry without a link', () => {
    const text = `Title: This Week in Rust 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\nSome words of introduction.\n\n* [A post](https://example.org/post)\n\n<br>[https://example.org/x](https://example.org/x)\n`;
    const codes = findingsOf(text, '/x/content/2024-05-01-this-week-in-rust.md', TWIR).map((f) => f.code);
    assert.ok(!codes.includes('entry.missing-link') && !codes.includes('entry.missing-description') && !codes.includes('entry.split'), codes.join(', '));
  });

  test('a featured list item without a link is reported, unless a linked sentence ending in a colon introduces its list', () => {
    const head = '---\ntitle: Week Ending May 5, 2024\ndate: 2024-05-09 22:00:00 -0000\n---\n\n## Version Updates\n\n';
    const alone = findingsOf(`${head}* Widgets are deprecated in 1.31\n`, '/x/_posts/2024-05-05-update.md', LWKD).filter((f) => f.code === 'entry.missing-link');
    assert.equal(alone.length, 1);
    const introduced = `${head}Go [has been updated](https://example.org/go) in:\n\n* main: v1.22.3\n* v1.30: v1.21.10\n`;
    const codes = findingsOf(introduced, '/x/_posts/2024-05-05-update.md', LWKD).map((f) => f.code);
    assert.ok(!codes.includes('entry.missing-link'), codes.join(', '));
  });
});
