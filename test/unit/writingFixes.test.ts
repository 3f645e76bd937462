import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { DEFAULT_CONFIG, resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { applyFixes, fixAll } from '../../src/core/fix';
import { WorkspaceIndex } from '../../src/core/workspace';
import type { Finding, Fix } from '../../src/core/model';

/** Issue 12: fixes that were wrong or missing, in each newsletter format. */
const DW = DEFAULT_CONFIG;
const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;
const LWKD = resolveConfig({ format: 'lwkd' }).config;

const DW_FILE = '/w/_posts/2020-10-18-512.md';
const TWIR_FILE = '/w/content/2024-05-01-this-week-in-rust.md';
const LWKD_FILE = '/w/_posts/2024-05-05-update.md';

const dw = (body: string) => `---\ntitle: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020\ndate: 2020-10-18T09:30:00+01:00\n---\n\nNews\n====\n\n${body}\n`;
const twir = (body: string) => `Title: This Week in Rust 12\nNumber: 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\n${body}\n`;
const lwkd = (body: string) => `---\ntitle: Week Ending May 5, 2024\ndate: 2024-05-05 22:00:00 -0000\n---\n\n## Featured PRs\n\n${body}\n`;

function findingsOf(text: string, fileName: string, config: NewsletterConfig, workspace?: WorkspaceIndex): Finding[] {
  return runRules(parseWithConfig(text, fileName, config), { config, workspace });
}

function codesOf(text: string, fileName: string, config: NewsletterConfig): string[] {
  return findingsOf(text, fileName, config).map((f) => f.code);
}

function apply(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'expected a fix');
  const result = applyFixes(text, [fix]);
  assert.equal(result.applied.length, 1);
  return result.text;
}

const FORMATS = [
  { name: 'DevOps Weekly', config: DW, file: DW_FILE, wrap: dw, entry: 'Read [the post](http://a.com about it.' },
  { name: 'This Week in Rust', config: TWIR, file: TWIR_FILE, wrap: twir, entry: '* [A post](http://a.com' },
  { name: 'LWKD', config: LWKD, file: LWKD_FILE, wrap: lwkd, entry: '### [Some PR](http://a.com\n\nWhat it changes.' },
  { name: 'LWKD bullets', config: LWKD, file: LWKD_FILE, wrap: (body: string) => lwkd('### [A PR](https://example.org/pull/2)\n\nText.').replace(/\n$/, `\n## Other Merges\n\n${body}\n`), entry: '* Some [change](http://a.com to the scheduler' },
];

describe('an unclosed inline link (issue 12.1)', () => {
  for (const format of FORMATS) {
    test(`${format.name}: is link.malformed with "add the missing )", not entry.bare-url`, () => {
      const text = format.wrap(format.entry);
      const findings = findingsOf(text, format.file, format.config);
      assert.ok(!findings.some((f) => f.code === 'entry.bare-url'), findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
      const malformed = findings.filter((f) => f.code === 'link.malformed');
      assert.equal(malformed.length, 1, findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
      assert.match(malformed[0].message, /missing.*`\)`/);
      const fix = malformed[0].fixes?.[0];
      assert.match(fix?.title ?? '', /[Aa]dd the missing `\)`/);
      const fixed = apply(text, fix);
      assert.ok(fixed.includes('(http://a.com)'), fixed);
      assert.ok(!fixed.includes('[http://a.com]'), 'the URL is not wrapped again');
      assert.ok(!codesOf(fixed, format.file, format.config).includes('link.malformed'), fixed);
    });
  }

  test('no fix wraps a URL that stands inside link syntax, even the text of `[url](url`', () => {
    for (const format of FORMATS) {
      const text = format.wrap(format.entry.replace(/\[[^\]]+\]\(http:\/\/a\.com/, '[http://a.com](http://a.com'));
      const result = fixAll(text, { fileName: format.file, config: format.config });
      assert.ok(!result.text.includes('[[') && !result.text.includes('([http'), result.text);
      assert.ok(result.text.includes('[http://a.com](http://a.com)'), result.text);
      assert.deepEqual(findingsOf(text, format.file, format.config).filter((f) => f.code === 'entry.bare-url').map((f) => f.message), []);
    }
  });

  test('`text](URL)` without its `[` is link.malformed too, with no fix that wraps the URL', () => {
    const text = twir('* [A post](https://example.org/a)\ncontinued](https://example.org/b)');
    const findings = findingsOf(text, TWIR_FILE, TWIR);
    assert.deepEqual(findings.filter((f) => f.code === 'entry.bare-url'), []);
    const malformed = findings.filter((f) => f.code === 'link.malformed');
    assert.equal(malformed.length, 1);
    assert.match(malformed[0].message, /no opening `\[`/);
    assert.equal(malformed[0].fixes, undefined);
  });
});

describe('a duplicated issue number (issue 12.3)', () => {
  const dwIssue = (number: number, day: number) => `---\ntitle: DEVOPS WEEKLY ISSUE \\#${number} - ${day}th January 2026\ndate: 2026-01-${day}T09:30:00+01:00\n---\n\nNews\n====\n\nAn entry.\n<br>[https://example.org/${day}](https://example.org/${day})\n`;
  const right = { id: '/w/_posts/2026-01-11-121.md', text: dwIssue(121, 11) };
  const wrong = { id: '/w/_posts/2026-01-18-122.md', text: dwIssue(121, 18) };

  function indexOf(config: NewsletterConfig, ...issues: Array<{ id: string; text: string }>): WorkspaceIndex {
    const index = new WorkspaceIndex(config);
    for (const issue of issues) index.update({ id: issue.id, relativePath: issue.id.replace(/^\/w\//, '') }, issue.text);
    return index;
  }
  const duplicates = (issue: { id: string; text: string }, config: NewsletterConfig, index: WorkspaceIndex) =>
    findingsOf(issue.text, issue.id, config, index).filter((f) => f.code === 'issue.number-duplicate');

  test('is not blamed on the issue whose file name agrees with its number', () => {
    const index = indexOf(DW, right, wrong);
    assert.deepEqual(duplicates(right, DW, index).map((f) => f.message), []);
    // Whatever order the two were indexed in.
    assert.deepEqual(duplicates(right, DW, indexOf(DW, wrong, right)).map((f) => f.message), []);
  });

  test('is reported on the issue whose title disagrees with its file name, with the file name\'s number as the fix', () => {
    const index = indexOf(DW, right, wrong);
    const found = duplicates(wrong, DW, index);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /2026-01-11-121\.md/);
    assert.match(found[0].message, /file name.*122/);
    const fix = found[0].fixes?.[0];
    assert.match(fix?.title ?? '', /122/);
    assert.equal(fix?.renameTo, undefined, 'the file name is right: only the title changes');
    assert.match(apply(wrong.text, fix), /^title: DEVOPS WEEKLY ISSUE \\#122 - 18th January 2026$/m);
  });

  test('an earlier issue whose file name disagrees gets the blame, not the later one that is right', () => {
    const early = { id: '/w/_posts/2026-01-11-121.md', text: dwIssue(122, 11) };
    const late = { id: '/w/_posts/2026-01-18-122.md', text: dwIssue(122, 18) };
    const index = indexOf(DW, early, late);
    assert.deepEqual(duplicates(late, DW, index).map((f) => f.message), []);
    const found = duplicates(early, DW, index);
    assert.equal(found.length, 1);
    assert.match(apply(early.text, found[0].fixes?.[0]), /\\#121 - 11th/);
  });

  test('both issues, when nothing tells them apart (This Week in Rust: file names without numbers)', () => {
    for (const [config, make] of [
      [TWIR, (day: number) => ({ id: `/w/content/2024-05-${day}-this-week-in-rust.md`, text: `Title: This Week in Rust 12\nNumber: 12\nDate: 2024-05-${day}\n\n## Updates from Rust Community\n\n* [A post](https://example.org/${day})\n` })],
    ] as const) {
      const a = make(10);
      const b = make(17);
      const index = indexOf(config, a, b);
      assert.equal(duplicates(a, config, index).length, 1);
      assert.equal(duplicates(b, config, index).length, 1);
    }
  });
});

describe('quick fixes that were missing (issue 12.4)', () => {
  /** The text a fix inserts at its placeholder, and the placeholder's text (what the cursor selects). */
  function placeholders(fix: Fix): string[] {
    assert.ok(fix.select, `${fix.title}: no cursor position`);
    const edit = fix.edits[fix.select.edit];
    return fix.select.ranges.map((r) => edit.newText.slice(r.start, r.end));
  }

  const cases = [
    { name: 'DevOps Weekly', config: DW, file: DW_FILE, text: dw('An entry that links nowhere.\n\n\nAnother.\n<br>[https://example.org/b](https://example.org/b)'),
      expect: /^An entry that links nowhere\.\n<br>\[https:\/\/\]\(https:\/\/\)$/m },
    { name: 'This Week in Rust', config: TWIR, file: TWIR_FILE, text: twir('* A post without a link\n* [Another](https://example.org/b)'),
      expect: /^\* \[A post without a link\]\(https:\/\/\)$/m },
    { name: 'LWKD headings', config: LWKD, file: LWKD_FILE, text: lwkd('### A PR without a link\n\nWhat it changes.'),
      expect: /^### \[A PR without a link\]\(https:\/\/\)$/m },
  ];
  for (const c of cases) {
    test(`${c.name}: entry.missing-link inserts the link in the profile's shape, the cursor on its URL`, () => {
      const found = findingsOf(c.text, c.file, c.config).filter((f) => f.code === 'entry.missing-link');
      assert.equal(found.length, 1, findingsOf(c.text, c.file, c.config).map((f) => f.code).join(', '));
      const fix = found[0].fixes?.[0];
      assert.ok(fix);
      assert.notEqual(fix.safe, true, 'a placeholder URL is not for fix-all');
      const fixed = apply(c.text, fix);
      assert.match(fixed, c.expect);
      assert.ok(placeholders(fix).length >= 1 && placeholders(fix).every((p) => p === 'https://'), placeholders(fix).join('|'));
    });
  }

  test('entry.missing-link takes a description\'s own link as the link line\'s URL', () => {
    const text = dw('See [the post](https://example.org/post) for more.\n\n\nAnother.\n<br>[https://example.org/b](https://example.org/b)');
    const fix = findingsOf(text, DW_FILE, DW).find((f) => f.code === 'entry.missing-link')?.fixes?.[0];
    assert.ok(fix);
    assert.match(apply(text, fix), /for more\.\n<br>\[https:\/\/example\.org\/post\]\(https:\/\/example\.org\/post\)\n/);
    assert.deepEqual(placeholders(fix), ['https://example.org/post', 'https://example.org/post']);
  });

  const dupCases = [
    { name: 'DevOps Weekly', config: DW, file: DW_FILE,
      text: dw('One.\n<br>[https://example.org/a](https://example.org/a)\n\n\nTwo.\n<br>[https://example.org/b](https://example.org/b)\n\n\nOne again.\n<br>[https://example.org/a](https://example.org/a)'),
      gone: 'One again.', kept: /Two\.\n<br>\[https:\/\/example\.org\/b\]\(https:\/\/example\.org\/b\)\n$/ },
    { name: 'This Week in Rust', config: TWIR, file: TWIR_FILE,
      text: twir('* [One](https://example.org/a)\n* [Again](https://example.org/a)\n* [Two](https://example.org/b)'),
      gone: 'Again', kept: /^\* \[One\]\(https:\/\/example\.org\/a\)\n\* \[Two\]\(https:\/\/example\.org\/b\)\n/m },
    { name: 'LWKD headings', config: LWKD, file: LWKD_FILE,
      text: lwkd('### [One](https://example.org/a)\n\nText one.\n\n### [Again](https://example.org/a)\n\nText again.\n\n### [Two](https://example.org/b)\n\nText two.'),
      gone: 'Again', kept: /Text one\.\n\n### \[Two\]/ },
  ];
  for (const c of dupCases) {
    test(`${c.name}: link.duplicate removes the repeated entry whole (not safe)`, () => {
      const found = findingsOf(c.text, c.file, c.config).filter((f) => f.code === 'link.duplicate');
      assert.equal(found.length, 1);
      const fix = found[0].fixes?.[0];
      assert.ok(fix);
      assert.notEqual(fix.safe, true);
      const fixed = apply(c.text, fix);
      assert.ok(!fixed.includes(c.gone), fixed);
      assert.match(fixed, c.kept);
      assert.deepEqual(findingsOf(fixed, c.file, c.config).filter((f) => f.code === 'link.duplicate'), []);
    });
  }
});
