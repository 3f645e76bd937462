import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { lineContextOf, entryForPaste } from '../../src/core/editingContext';
import { formatSnippets, snippetPreview, snippetsFor } from '../../src/core/snippets';

const profileOf = (format: string) => resolveConfig({ format }).config.format;

/** A list-style issue of our own in LWKD's layout: a bullet section and a link-heading section. */
const LWKD_ISSUE = ['---', 'title: Week Ending March 3, 2024', 'date: 2024-03-05 22:00:00 -0000', '---', '', '## Other Merges', '', '* Widgets gain [a knob](https://example.org/pr/1)', '', '## Featured PRs', '', '### [#1: the knob](https://example.org/pr/1)', '', 'Why it matters.', '', ''].join('\n');
const TWIR_ISSUE = ['Title: Weekly Widgets 12', 'Number: 12', 'Date: 2024-03-17', '', '## Updates from Widget Community', '', '* [Widgets 2.0](https://blog.example.org/2.0)', '', ''].join('\n');

describe('the format snippets, per profile', () => {
  test('a lead-link list newsletter gets `* [Title](url)` as its entry, and no link line', () => {
    const all = formatSnippets(profileOf('this-week-in-rust'));
    assert.equal(all['Newsletter entry'].body, '* [${1:Title}](${2:url})\n$0');
    assert.equal(all['Newsletter link line'], undefined);
  });

  test('DevOps Weekly keeps its description and <br> link line, and setext headings', () => {
    const all = formatSnippets(profileOf('devops-weekly'));
    assert.equal(all['Newsletter entry'].body, '${1:A description of the linked page: why it is worth reading.}\n<br>[${2:https://}](${2})\n$0');
    assert.equal(all['Newsletter News section'].body, 'News\n====\n\n$0');
    assert.deepEqual(Object.values(all).map((s) => s.prefix), ['issue', 'entry', 'linkline', 'sponsor', 'news', 'tools', 'events', 'jobs', 'sponsorblock']);
  });

  test('in LWKD, the entry follows the section under the cursor: an inline-link bullet, or a link heading one level down', () => {
    const profile = profileOf('lwkd');
    const document = parseWithConfig(LWKD_ISSUE, '_posts/2024-03-03-update.md', resolveConfig({ format: 'lwkd' }).config);
    const entryAt = (line: number) => snippetsFor(document, line, false, profile).find((s) => s.prefix === 'entry')?.body;
    assert.equal(entryAt(8), '* ${1:text} [${2:link text}](${3:url})\n$0');
    assert.equal(entryAt(15), '### [${1:Title}](${2:url})\n\n${3:What it is and why it matters.}\n$0');
    assert.ok(formatSnippets(profile)['Newsletter Developer News section'].body.startsWith('## Developer News\n'));
  });

  test('offers the headings of sections the issue lacks, by name where no kind tells them apart', () => {
    const profile = profileOf('this-week-in-rust');
    const document = parseWithConfig(TWIR_ISSUE, 'content/2024-03-17-this-week-in-rust.md', resolveConfig({ format: 'this-week-in-rust' }).config);
    const prefixes = snippetsFor(document, 8, false, profile).map((s) => s.prefix);
    assert.equal(prefixes[0], 'entry');
    assert.ok(prefixes.includes('crateoftheweek') && prefixes.includes('jobs'), prefixes.join(' '));
    assert.deepEqual(snippetsFor(document, 7, false, profile).map((s) => s.prefix), ['entry'], 'right under a list entry: a further one');
    assert.deepEqual(snippetsFor(document, 1, false, profile), [], 'nothing in the header');
  });
});

describe('entryForPaste', () => {
  test('makes a pasted URL an entry of the section\'s shape', () => {
    const config = resolveConfig({ format: 'lwkd' }).config;
    const document = parseWithConfig(LWKD_ISSUE, '_posts/2024-03-03-update.md', config);
    assert.equal(entryForPaste('https://example.org/x', lineContextOf(document, 8), config.format), '* [https://example.org/x](https://example.org/x)');
    assert.equal(entryForPaste('https://example.org/x', lineContextOf(document, 14), config.format), '### [https://example.org/x](https://example.org/x)');
    const dw = resolveConfig({}).config;
    const news = parseWithConfig('News\n====\n\n\n', '_posts/2020-10-18-1.md', dw);
    assert.equal(entryForPaste(' https://example.org/x\n', lineContextOf(news, 3), dw.format), '<br>[https://example.org/x](https://example.org/x)');
    assert.equal(entryForPaste('not a url', lineContextOf(news, 3), dw.format), undefined);
  });
});

describe('completions of issue 12.6', () => {
  test('the details pane shows what the snippet inserts: placeholders, the URL typed once in both halves', () => {
    const all = formatSnippets(profileOf('devops-weekly'));
    assert.equal(snippetPreview(all['Newsletter entry'].body), 'A description of the linked page: why it is worth reading.\n<br>[https://](https://)');
    assert.equal(snippetPreview(formatSnippets(profileOf('this-week-in-rust'))['Newsletter entry'].body), '* [Title](url)');
    const issue = snippetPreview(all['Newsletter issue'].body);
    assert.match(issue, /^---\ntitle: DEVOPS WEEKLY ISSUE \\#number - DDth Month YYYY\ndate: YYYY-MM-DDThh:mm:ss\+00:00\n---/);
    assert.ok(!issue.includes('$'), issue);
  });

  test('sponsor and sponsorblock only where a sponsor section fits: at the top, not in the middle of News', () => {
    const dw = resolveConfig({}).config;
    const text = ['---', 'title: DEVOPS WEEKLY ISSUE \\#900 - 4th January 2026', 'date: 2026-01-04T09:00:00+00:00', '---', '', 'The intro.', '', '', 'News', '====', '', 'One.', '<br>[https://a.example/1](https://a.example/1)', '', '', '', ''].join('\n');
    const document = parseWithConfig(text, '_posts/2026-01-04-900.md', dw);
    const inNews = snippetsFor(document, 15, false, dw.format).map((s) => s.prefix);
    assert.ok(inNews.includes('tools'), inNews.join(' '));
    assert.ok(!inNews.includes('sponsor') && !inNews.includes('sponsorblock'), inNews.join(' '));
    const atTop = snippetsFor(document, 7, false, dw.format).map((s) => s.prefix);
    assert.ok(atTop.includes('sponsor') && atTop.includes('sponsorblock'), atTop.join(' '));
  });
});
