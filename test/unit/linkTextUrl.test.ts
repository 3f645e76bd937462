import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { DEFAULT_CONFIG, resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { applyFixes } from '../../src/core/fix';
import { editDistance } from '../../src/core/rules/linkTextUrl';
import type { Finding } from '../../src/core/model';

/** link.text-contradicts-url: a link text that names something its own URL spells otherwise. */
const CODE = 'link.text-contradicts-url';
const TWIR = resolveConfig({ format: 'this-week-in-rust' }).config;
const LWKD = resolveConfig({ format: 'lwkd' }).config;
const TWIR_FILE = '/x/content/2024-05-01-this-week-in-rust.md';
const LWKD_FILE = '/x/_posts/2024-05-05-update.md';
const DEVOPS_FILE = '/x/_posts/2024-05-05-700.md';

function twir(body: string): string {
  return `Title: This Week in Rust 545\nNumber: 545\nDate: 2024-05-01\nCategory: This Week in Rust\n\n## Updates from Rust Community\n\n${body}\n`;
}

function lwkd(body: string): string {
  return `---\nlayout: post\ntitle: Week Ending May 5, 2024\ndate: 2024-05-05 22:00:00 -0000\n---\n\n## Developer News\n\n${body}\n`;
}

function devops(body: string): string {
  return `---\ntitle: DEVOPS WEEKLY ISSUE \\#700 - 5th May 2024\ndate: 2024-05-05T09:30:00+01:00\n---\n\nNews\n====\n\n${body}\n`;
}

function mine(text: string, fileName: string, config: NewsletterConfig): Finding[] {
  return runRules(parseWithConfig(text, fileName, config), { config }).filter((f) => f.code === CODE);
}

function one(text: string, fileName = TWIR_FILE, config = TWIR): Finding {
  const found = mine(text, fileName, config);
  assert.equal(found.length, 1, `expected one ${CODE}, got ${found.map((f) => f.message).join(' | ') || 'none'}`);
  assert.equal(found[0].severity, 'info');
  return found[0];
}

function none(text: string, fileName = TWIR_FILE, config = TWIR): void {
  assert.deepEqual(mine(text, fileName, config).map((f) => f.message), []);
}

describe('link.text-contradicts-url', () => {
  test('a word of the text one letter off the slug\'s spelling, with a fix to the slug\'s spelling in the text\'s case', () => {
    const text = twir('* [Building a Wether Station with Rust](https://blog.example.org/2024/building-a-weather-station-with-rust)');
    const finding = one(text);
    assert.match(finding.message, /`Wether`.*`weather`/);
    assert.equal(finding.range.start.line, text.split('\n').findIndex((l) => l.includes('Wether')));
    const fix = finding.fixes?.[0];
    assert.ok(fix && !fix.safe, 'a fix, not applied by fix-all');
    assert.match(applyFixes(text, [fix]).text, /\* \[Building a Weather Station with Rust\]\(https:\/\/blog\.example\.org\/2024\/building-a-weather-station-with-rust\)/);
  });

  test('swapped and doubled letters count as one slip, and so does a repository name in a GitHub link', () => {
    assert.match(one(twir('* [Migrating to the new resovler](https://example.org/posts/migrating-to-the-new-resolver)')).message, /`resovler`/);
    assert.match(one(twir('* [quaxer: Crash on empty input](https://github.com/quaxxer/quaxxer/issues/17)')).message, /`quaxer`.*`quaxxer`/);
    assert.match(one(twir('* [acme-tolls: Add a flag for the cache](https://github.com/acme/acme-tools/issues/12)')).message, /`acme-tolls`.*`acme-tools`/);
  });

  test('`#N` that links to another issue or pull request number', () => {
    const finding = one(twir('There was noise from PR [#45121](https://github.com/owner/project/pull/45211) this week.'));
    assert.match(finding.message, /`#45121`.*45211/);
    assert.equal(finding.fixes, undefined, 'which number is right is not for the rule to say');
  });

  test('a number after a word that the URL puts after the same word', () => {
    assert.match(one(twir('* [Frobnicate docs 7](https://example.org/blog/frobnicate-docs-71)')).message, /`docs 7`.*`docs-71`/);
    assert.match(one(twir('* [Gizmo 2.0 is out](https://example.org/2024/01/02/gizmo-0.2/)')).message, /`gizmo 2\.0`/);
    assert.match(one(twir('* [Gizmo changelog #108](https://example.org/thisweek/changelog-109.html)')).message, /changelog 108/);
  });

  test('a subreddit, a repository or a crate that the URL is not', () => {
    assert.match(one(twir('* Meant for [/r/learnrust](https://www.reddit.com/r/rust/) instead.')).message, /r\/learnrust/);
    assert.match(one(twir('This week\'s crate is [zapper](https://crates.io/crates/widget-forge), a tool for forms.')).message, /`zapper`.*`widget-forge`/);
    assert.match(one(twir('This week\'s crate is [zapper](https://github.com/someone/widget-forge), a tool for forms.')).message, /`zapper`/);
  });

  test('in LWKD paragraphs and DevOps Weekly descriptions too', () => {
    assert.match(one(lwkd('The [SIG-Netwrok](https://github.com/kubernetes/community/tree/master/sig-network) leads have news.'), LWKD_FILE, LWKD).message, /SIG-Netwrok/);
    const text = devops('Notes on [running Postgers](https://example.org/running-postgres-on-a-budget) on a budget.\n<br>[https://example.org/running-postgres-on-a-budget](https://example.org/running-postgres-on-a-budget)');
    assert.match(one(text, DEVOPS_FILE, DEFAULT_CONFIG).message, /`Postgers`/);
  });

  test('is quiet on ordinary differences between a title and its URL', () => {
    none(twir([
      '* [Why we moved our services to Rust](https://example.org/posts/our-migration-story)',
      '* [Async crates in practice](https://example.org/async-crate-in-practice)',
      '* [Use Rust to shrink your database](https://example.org/use-rust-to-shrink-your-databas)',
      '* [Optimising the compiler](https://example.org/optimizing-the-compiler)',
      '* [Dependence injection](https://example.org/dependency-injection-in-rust)',
      '* [Rust meetup in Wrocław](https://example.org/rust-wroclaw-meetup)',
      '* [Was zurück kommt](https://example.org/was-zurueck-kommt)',
      '* [Profile a program](https://example.org/profiler-101)',
      '* [Notes by Cameron](https://github.com/ncameron/notes)',
      '* [Fix the parser (fixes #123)](https://github.com/owner/repo/pull/456)',
      '* [Rust meetup #8](https://www.meetup.com/rust-group/events/224577039/)',
      '* [Gizmo 1.0 released](https://example.org/gizmo-1-0-released)',
      '* [This Week in Fluvio 10](https://example.org/news/this-week-in-fluvio-0010)',
      '* [Rust Quiz: 26 hard questions](https://example.org/rust-quiz/18)',
      '* [here](https://github.com/someone/widget-forge)',
      '* [gl_generator](https://github.com/someone/gl-rs)',
      '* [jfs](https://github.com/someone/rust-json-file-store)',
      '* [redox/kernel](https://github.com/redox-os/kernel)',
      '* [zapper](https://github.com/rust-lang/rust/pull/1234)',
      '* [gtk4-rs bindings](https://example.org/gtk-rs)',
      '* [Watch the talk](https://www.youtube.com/watch?v=abcdefgh)',
    ].join('\n')));
  });

  test('is quiet when the text\'s spelling is the issue\'s own elsewhere (the slug has the slip)', () => {
    none(twir('* [Announcing Gizmo](https://example.org/annoucning-gizmo)\n* [Announcing Widget](https://example.org/widget)'));
    // Alone in the issue, the same pair is reported: the rule cannot tell which side is wrong.
    assert.match(one(twir('* [Announcing Gizmo](https://example.org/annoucning-gizmo)')).message, /one of them/);
  });

  test('a very long word in a link text does not hide a slip after it (the searches start at word starts)', () => {
    // Each search once restarted at every letter of such a word and read it to its end: seconds per link.
    const long = 'x'.repeat(50_000);
    assert.match(one(twir(`* [${long} acme-tolls](https://github.com/acme/acme-tools)`)).message, /`acme-tolls`.*`acme-tools`/);
    assert.match(one(twir(`* [${long}1 Frobnicate docs 7](https://example.org/blog/frobnicate-docs-71)`)).message, /`docs 7`.*`docs-71`/);
  });

  test('editDistance counts a swap of neighbours as one edit and stops past its limit', () => {
    assert.equal(editDistance('exapmle', 'example'), 1);
    assert.equal(editDistance('databse', 'database'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('a', 'abcdef'), 3);
  });
});
