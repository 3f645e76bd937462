/**
 * The renderer rules against the real renderers: each rule's bad example renders differently with
 * the site's renderer (Debian's `ruby-kramdown`, default parser; `python3-markdown` with the
 * `extra`, `meta` and `toc` extensions that This Week in Rust's pelicanconf.py names) than with
 * remark (the preview's renderer), in the way the rule says; its fix gives the good example, which
 * renders the same in both and gets no finding. A renderer that is not installed skips its cases.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { resolveConfig, type NewsletterConfig } from '../../src/core/config';
import { applyFixes } from '../../src/core/fix';
import { toHtml } from 'hast-util-to-html';
import { IssueHtmlRenderer, layoutIssue, renderExportHtml, renderPlainText } from '../../src/core/render';
import { siteMarksOf } from '../../src/core/rules/siteMarks';
import type { RendererName } from '../../src/core/format/profile';
import type { Finding } from '../../src/core/model';

// --- The renderers -------------------------------------------------------------------------------

const KRAMDOWN_VERSION = (() => {
  const probe = spawnSync('ruby', ['-e', 'require "kramdown"; print Kramdown::VERSION'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout : undefined;
})();

/** kramdown's GFM parser (Debian ruby-kramdown-parser-gfm): what Jekyll and GitHub Pages run by default. */
const KRAMDOWN_GFM = spawnSync('ruby', ['-rkramdown', '-rkramdown-parser-gfm', '-e', 'print 1'], { encoding: 'utf8' }).status === 0;

/** A Python that can import Markdown: the one on PATH, else Debian's (python3-markdown installs there). */
const PYTHON = ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import markdown'], { encoding: 'utf8' }).status === 0);

const SKIP: Record<Exclude<RendererName, 'commonmark'>, string | false> = {
  kramdown: KRAMDOWN_VERSION ? false : 'Ruby with kramdown (Debian ruby-kramdown) is not installed',
  'python-markdown': PYTHON ? false : 'Python-Markdown (Debian python3-markdown) is not installed',
};

function kramdown(markdown: string): string {
  const result = spawnSync('ruby', ['-rkramdown', '-e', 'print Kramdown::Document.new($stdin.read).to_html'], { input: markdown, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kramdown failed: ${result.stderr}`);
  return result.stdout;
}

function kramdownGfm(markdown: string): string {
  const result = spawnSync('ruby', ['-rkramdown', '-rkramdown-parser-gfm', '-e', 'print Kramdown::Document.new($stdin.read, input: "GFM", hard_wrap: false).to_html'], { input: markdown, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kramdown (GFM) failed: ${result.stderr}`);
  return result.stdout;
}

function pythonMarkdown(markdown: string): string {
  const script = 'import markdown,sys; print(markdown.markdown(sys.stdin.read(), extensions=["extra","meta","toc"]))';
  const result = spawnSync(PYTHON ?? 'python3', ['-c', script], { input: markdown, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Python-Markdown failed: ${result.stderr}`);
  return result.stdout;
}

/** The preview's HTML: the project's renderer over remark's tree. */
function remark(markdown: string): string {
  return layoutIssue(new IssueHtmlRenderer().render(parseWithConfig(markdown, 'issue.md', configFor('commonmark'))));
}

/** The preview's HTML, without marks, for the site's profile (its typography included). */
function remarkFor(markdown: string, renderer: RendererName): string {
  const config = configFor(renderer);
  return layoutIssue(new IssueHtmlRenderer({ profile: config.format }).render(parseWithConfig(markdown, 'issue.md', config)));
}

function site(renderer: RendererName, markdown: string): string {
  if (renderer === 'kramdown') return kramdown(markdown);
  if (renderer === 'python-markdown') return pythonMarkdown(markdown);
  return remark(markdown);
}

// --- Reading the HTML, as a browser shows it -------------------------------------------------------

function tree(html: string): Root {
  return fromHtml(html, { fragment: true });
}

function elements(node: Nodes, tag: string): Element[] {
  const out: Element[] = [];
  const go = (n: Nodes) => {
    if (n.type === 'element' && n.tagName === tag) out.push(n);
    if ('children' in n) for (const child of n.children as Nodes[]) go(child);
  };
  go(node);
  return out;
}

/** The text a reader sees: text nodes only (tags, known or not, show nothing), spaces collapsed. */
function visibleText(node: Nodes): string {
  const parts: string[] = [];
  const go = (n: Nodes) => {
    if (n.type === 'text') parts.push(n.value);
    if ('children' in n) for (const child of n.children as Nodes[]) go(child);
  };
  go(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const count = (html: string, tag: string) => elements(tree(html), tag).length;
const hrefs = (html: string) => elements(tree(html), 'a').map((a) => String(a.properties.href));
/** `<ul>`/`<ol>` elements inside an `<li>`: nested lists. */
const nestedLists = (html: string) => elements(tree(html), 'li').reduce((n, li) => n + li.children.filter((c) => c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol')).length, 0);
/** `<li>` elements whose text is a paragraph (loose items, shown with space around them). */
const looseItems = (html: string) => elements(tree(html), 'li').filter((li) => li.children.some((c) => c.type === 'element' && c.tagName === 'p')).length;
/** Items of the outermost list. */
const topItems = (html: string) => {
  const list = [...elements(tree(html), 'ul'), ...elements(tree(html), 'ol')][0];
  return list ? list.children.filter((c) => c.type === 'element' && c.tagName === 'li').length : 0;
};

// --- Running the rules ---------------------------------------------------------------------------

function configFor(renderer: RendererName, more: Record<string, unknown> = {}): NewsletterConfig {
  const { config, problems } = resolveConfig({ format: { renderer, ...more } });
  assert.deepEqual(problems, []);
  return config;
}

function findingsOf(markdown: string, code: string, renderer: RendererName, config = configFor(renderer)): Finding[] {
  return runRules(parseWithConfig(markdown, 'issue.md', config), { config }).filter((f) => f.code === code);
}

/** The text after the rule's preferred fix (checking that there is one finding with one). */
function fixed(markdown: string, code: string, renderer: RendererName): { text: string; safe: boolean } {
  const found = findingsOf(markdown, code, renderer);
  assert.equal(found.length, 1, `expected one ${code} on the bad example, got ${found.length}: ${found.map((f) => f.message).join(' / ')}`);
  const fix = found[0].fixes?.find((f) => f.preferred) ?? found[0].fixes?.[0];
  assert.ok(fix, `${code}: no fix`);
  const result = applyFixes(markdown, [fix]);
  assert.equal(result.applied.length, 1);
  return { text: result.text, safe: fix.safe === true };
}

interface Case {
  readonly code: string;
  readonly renderer: Exclude<RendererName, 'commonmark'>;
  readonly what: string;
  readonly bad: string;
  readonly good: string;
  /** Whether the preferred fix may be applied by fix-all. */
  readonly safe: boolean;
  /** A measure of the HTML that differs between the site and remark on the bad example, and agrees on the good one. */
  readonly measure: (html: string) => unknown;
  /** What the measure is on the site for the bad example (remark's must be the good example's). */
  readonly siteBad?: unknown;
}

const CASES: readonly Case[] = [
  {
    code: 'render.hash-heading',
    renderer: 'kramdown',
    what: 'a paragraph starting `#ChefConf` is a heading on the site',
    bad: 'Intro.\n\n#ChefConf is next week in Austin.\n',
    good: 'Intro.\n\n\\#ChefConf is next week in Austin.\n',
    safe: true,
    measure: (html) => count(html, 'h1'),
    siteBad: 1,
  },
  {
    code: 'render.hash-heading',
    renderer: 'python-markdown',
    what: 'a line starting `#word` inside a paragraph is a heading on the site',
    bad: 'The meetups this week:\n#rustlang in Berlin and Paris.\n',
    good: 'The meetups this week:\n\\#rustlang in Berlin and Paris.\n',
    safe: true,
    measure: (html) => count(html, 'h1'),
    siteBad: 1,
  },
  {
    code: 'render.kramdown-table',
    renderer: 'kramdown',
    what: 'a block whose lines all have a `|` is a table on the site',
    bad: 'Some events.\n\nDevOpsDays Berlin | 12 March, Berlin\n<br>[https://dod.example/berlin](https://dod.example/berlin) | tickets\n',
    good: 'Some events.\n\nDevOpsDays Berlin \\| 12 March, Berlin\n<br>[https://dod.example/berlin](https://dod.example/berlin) | tickets\n',
    safe: true,
    measure: (html) => [count(html, 'table'), count(html, 'td')],
    siteBad: [1, 4],
  },
  {
    code: 'render.kramdown-table',
    renderer: 'kramdown',
    what: 'a pipe operator outside a code span makes a table, and splits the link around it',
    bad: '* [Why x |> f reads well](https://example.org/pipes) in Elixir.\n',
    good: '* [Why x \\|> f reads well](https://example.org/pipes) in Elixir.\n',
    safe: true,
    measure: (html) => [count(html, 'table'), hrefs(html)],
    siteBad: [1, []],
  },
  {
    code: 'render.kramdown-link-emphasis',
    renderer: 'kramdown',
    what: 'emphasis opened in a link\'s text and closed after it breaks the link on the site',
    bad: '* [Deprecate the __future module](https://example.org/pr/2) in favour of __compat__\n',
    good: '* [Deprecate the \\_\\_future module](https://example.org/pr/2) in favour of __compat__\n',
    safe: true,
    measure: (html) => hrefs(html),
    siteBad: [],
  },
  {
    code: 'render.kramdown-link-emphasis',
    renderer: 'kramdown',
    what: 'a single `_` does it too',
    bad: '* [Add a _ctx parameter](https://example.org/pr/3), and a test_ fixture\n',
    good: '* [Add a \\_ctx parameter](https://example.org/pr/3), and a test_ fixture\n',
    safe: true,
    measure: (html) => hrefs(html),
    siteBad: [],
  },
  {
    code: 'render.link-definition',
    renderer: 'kramdown',
    what: 'a link whose text starts `[RFC]:` is a link definition on the site, and vanishes',
    bad: '* [[RFC]: Stabilise the thing](https://example.org/rfc/3) is in its final comment period.\n',
    good: '* [[RFC]\\: Stabilise the thing](https://example.org/rfc/3) is in its final comment period.\n',
    safe: true,
    measure: (html) => [visibleText(tree(html)).includes('Stabilise the thing'), hrefs(html)],
    siteBad: [false, []],
  },
  {
    code: 'render.link-definition',
    renderer: 'kramdown',
    what: 'a paragraph starting `[Update]:` vanishes on the site',
    bad: 'Intro.\n\n[Update]: the meeting moved to Tuesday.\n',
    good: 'Intro.\n\n[Update]\\: the meeting moved to Tuesday.\n',
    safe: true,
    measure: (html) => visibleText(tree(html)).includes('the meeting moved'),
    siteBad: false,
  },
  {
    code: 'render.list-needs-blank-line',
    renderer: 'python-markdown',
    what: 'a list right after a paragraph stays text of the paragraph on the site',
    bad: '**Example Corp**\n* [Senior Rust Engineer](https://example.org/jobs/1)\n* [Rust Intern](https://example.org/jobs/2)\n',
    good: '**Example Corp**\n\n* [Senior Rust Engineer](https://example.org/jobs/1)\n* [Rust Intern](https://example.org/jobs/2)\n',
    safe: true,
    measure: (html) => [count(html, 'ul'), count(html, 'li')],
    siteBad: [0, 0],
  },
  {
    code: 'render.list-needs-blank-line',
    renderer: 'kramdown',
    what: 'kramdown\'s own parser, too, keeps a list right after a paragraph in the paragraph',
    bad: '**Example Corp**\n* [Senior Rust Engineer](https://example.org/jobs/1)\n* [Rust Intern](https://example.org/jobs/2)\n',
    good: '**Example Corp**\n\n* [Senior Rust Engineer](https://example.org/jobs/1)\n* [Rust Intern](https://example.org/jobs/2)\n',
    safe: true,
    measure: (html) => [count(html, 'ul'), count(html, 'li')],
    siteBad: [0, 0],
  },
  {
    code: 'render.nested-indent',
    renderer: 'python-markdown',
    what: 'a list nested by 2 spaces is not nested on the site',
    bad: '* [Intercepting encrypted data with BPF](https://example.org/bpf)\n  - **Disclaimer**: read the article\'s warning first.\n* [Another post](https://example.org/other)\n',
    good: '* [Intercepting encrypted data with BPF](https://example.org/bpf)\n    - **Disclaimer**: read the article\'s warning first.\n* [Another post](https://example.org/other)\n',
    safe: true,
    measure: (html) => [nestedLists(html), topItems(html)],
    siteBad: [0, 3],
  },
  {
    code: 'render.nested-indent',
    renderer: 'python-markdown',
    what: 'under a numbered item, 3 spaces are not enough either',
    bad: '1. [Release notes](https://example.org/notes)\n   * [Migration guide](https://example.org/migrate)\n2. [Blog post](https://example.org/blog)\n',
    good: '1. [Release notes](https://example.org/notes)\n    * [Migration guide](https://example.org/migrate)\n2. [Blog post](https://example.org/blog)\n',
    safe: true,
    measure: (html) => [nestedLists(html), topItems(html)],
    siteBad: [0, 3],
  },
  {
    code: 'render.nested-indent',
    renderer: 'python-markdown',
    what: 'three levels by 2 spaces: one finding, whose fix indents both levels',
    bad: '* Rust\n  * Tools\n    * [cargo-x](https://example.org/x)\n* Go\n',
    good: '* Rust\n    * Tools\n        * [cargo-x](https://example.org/x)\n* Go\n',
    safe: true,
    measure: (html) => [nestedLists(html), topItems(html)],
    siteBad: [1, 3],
  },
  {
    code: 'render.list-blank-line',
    renderer: 'python-markdown',
    what: 'a second paragraph indented 2 spaces after a blank line ends the list on the site',
    bad: '* [2020-08-24](https://example.org/triage): 1 regression, 4 improvements.\n\n  A major speedup on optimized builds this week.\n* [2020-08-31](https://example.org/triage-2)\n',
    good: '* [2020-08-24](https://example.org/triage): 1 regression, 4 improvements.\n  A major speedup on optimized builds this week.\n* [2020-08-31](https://example.org/triage-2)\n',
    safe: false,
    measure: (html) => [topItems(html), hrefs(html).length],
    siteBad: [1, 2],
  },
  {
    code: 'render.list-blank-line',
    renderer: 'python-markdown',
    what: 'followed by a blank line, the paragraph is indented to 4 instead (safe)',
    bad: '* [2020-08-24](https://example.org/triage): 1 regression.\n\n  A major speedup this week.\n\n* [2020-08-31](https://example.org/triage-2)\n',
    good: '* [2020-08-24](https://example.org/triage): 1 regression.\n\n    A major speedup this week.\n\n* [2020-08-31](https://example.org/triage-2)\n',
    safe: true,
    measure: (html) => [count(html, 'ul'), count(html, 'li')],
    siteBad: [2, 2],
  },
  {
    code: 'render.list-blank-line',
    renderer: 'python-markdown',
    what: 'a loose nested list swallows the outer items that follow it on the site',
    bad: '* Rust\n    * [cargo-x](https://example.org/x)\n\n    * [cargo-y](https://example.org/y)\n* Go\n* Zig\n',
    good: '* Rust\n    * [cargo-x](https://example.org/x)\n    * [cargo-y](https://example.org/y)\n* Go\n* Zig\n',
    safe: false,
    measure: (html) => topItems(html),
    siteBad: 1,
  },
  {
    code: 'render.list-stray-blank-line',
    renderer: 'python-markdown',
    what: 'one blank line in a tight list spaces out only the items beside it on the site',
    bad: '* [Rust 1.70](https://example.org/1)\n* [Rust 1.71](https://example.org/2)\n\n* [Rust 1.72](https://example.org/3)\n* [Rust 1.73](https://example.org/4)\n',
    good: '* [Rust 1.70](https://example.org/1)\n* [Rust 1.71](https://example.org/2)\n* [Rust 1.72](https://example.org/3)\n* [Rust 1.73](https://example.org/4)\n',
    safe: false,
    measure: (html) => looseItems(html),
    siteBad: 2,
  },
  {
    code: 'render.list-stray-blank-line',
    renderer: 'python-markdown',
    what: 'a blank line between an event and its nested item spaces out that event only on the site',
    bad: '* 2024-05-02 | Berlin | [Rust Berlin](https://example.org/b)\n    * [Hack and Learn](https://example.org/h)\n* 2024-05-03 | Paris | [Rust Paris](https://example.org/p)\n\n    * [Meetup](https://example.org/m)\n',
    good: '* 2024-05-02 | Berlin | [Rust Berlin](https://example.org/b)\n    * [Hack and Learn](https://example.org/h)\n* 2024-05-03 | Paris | [Rust Paris](https://example.org/p)\n    * [Meetup](https://example.org/m)\n',
    safe: false,
    measure: (html) => looseItems(html),
    siteBad: 1,
  },
  {
    code: 'html.swallowed',
    renderer: 'kramdown',
    what: '`Vec<T>` loses its `<T>` on the page',
    bad: '* [Add a replace_slice method to Vec<T>](https://example.org/pr/1)\n',
    good: '* [Add a replace_slice method to `Vec<T>`](https://example.org/pr/1)\n',
    safe: true,
    measure: (html) => visibleText(tree(html)).includes('Vec<T>'),
    siteBad: false,
  },
  {
    code: 'html.swallowed',
    renderer: 'python-markdown',
    what: '`Vec<T>` loses its `<T>` on the page',
    bad: '* [Add a replace_slice method to Vec<T>](https://example.org/pr/1)\n',
    good: '* [Add a replace_slice method to `Vec<T>`](https://example.org/pr/1)\n',
    safe: true,
    measure: (html) => visibleText(tree(html)).includes('Vec<T>'),
    siteBad: false,
  },
  {
    code: 'html.swallowed',
    renderer: 'python-markdown',
    what: '`<platforms>` in a word vanishes',
    bad: 'Implement "only-<platforms>" for test headers.\n',
    good: 'Implement "`only-<platforms>`" for test headers.\n',
    safe: true,
    measure: (html) => visibleText(tree(html)).includes('only-<platforms>'),
    siteBad: false,
  },
];

describe('renderer rules against the real renderers', () => {
  for (const c of CASES) {
    test(`${c.code} (${c.renderer}): ${c.what}`, { skip: SKIP[c.renderer] }, () => {
      const { text, safe } = fixed(c.bad, c.code, c.renderer);
      assert.equal(text, c.good, 'the preferred fix gives the good example');
      assert.equal(safe, c.safe, 'the fix is safe (fix-all) exactly when it keeps the preview as it is');
      assert.deepEqual(findingsOf(c.good, c.code, c.renderer), [], 'no finding on the good example');

      const siteBad = c.measure(site(c.renderer, c.bad));
      const previewBad = c.measure(remark(c.bad));
      const siteGood = c.measure(site(c.renderer, c.good));
      const previewGood = c.measure(remark(c.good));
      if (c.code !== 'html.swallowed') {
        assert.notDeepEqual(siteBad, previewBad, `the bad example renders the same on the site and in the preview: ${JSON.stringify(siteBad)}`);
      }
      if (c.siteBad !== undefined) assert.deepEqual(siteBad, c.siteBad, 'the site shows what the rule says');
      assert.deepEqual(siteGood, previewGood, 'the good example renders the same on the site and in the preview');
    });
  }

  test('html.swallowed: the other fix, `&lt;`, shows the text on the site and in the preview', { skip: SKIP['python-markdown'] || SKIP.kramdown }, () => {
    const bad = 'Tracking issue for Box<str> conversions\n';
    const [finding] = findingsOf(bad, 'html.swallowed', 'python-markdown');
    const fix = finding?.fixes?.find((f) => f.title.includes('&lt;'));
    assert.ok(fix);
    const good = applyFixes(bad, [fix]).text;
    assert.equal(good, 'Tracking issue for Box&lt;str> conversions\n');
    for (const html of [pythonMarkdown(good), kramdown(good), remark(good)]) assert.ok(visibleText(tree(html)).includes('Box<str>'), html);
    for (const html of [pythonMarkdown(bad), kramdown(bad)]) assert.equal(visibleText(tree(html)).includes('Box<str>'), false, html);
  });

  test('html.swallowed: remark, too, passes the tag through, and the page shows nothing for it', () => {
    const bad = CASES.find((c) => c.code === 'html.swallowed');
    assert.ok(bad);
    assert.equal(visibleText(tree(remark(bad.bad))).includes('Vec<T>'), false);
    assert.equal(visibleText(tree(remark(bad.good))).includes('Vec<T>'), true);
  });
});

describe('the kramdown rules with kramdown\'s GFM parser (Jekyll\'s default, GitHub Pages)', () => {
  const gfm = configFor('kramdown', { kramdown: { input: 'GFM' } });
  const skip = !KRAMDOWN_GFM && 'kramdown\'s GFM parser (Debian ruby-kramdown-parser-gfm) is not installed';
  for (const c of CASES.filter((x) => x.renderer === 'kramdown')) {
    test(`${c.code}: ${c.what}`, { skip }, () => {
      const found = findingsOf(c.bad, c.code, 'kramdown', gfm);
      const siteBad = c.measure(kramdownGfm(c.bad));
      if (c.code === 'render.hash-heading' || c.code === 'render.list-needs-blank-line') {
        // The GFM parser needs a space after `#`, and lets a list interrupt a paragraph, as
        // CommonMark does: the site shows what the preview shows, and the rule says nothing.
        assert.deepEqual(found, []);
        assert.deepEqual(siteBad, c.measure(remark(c.bad)));
        return;
      }
      assert.equal(found.length, 1);
      if (c.siteBad !== undefined) assert.deepEqual(siteBad, c.siteBad, 'the site shows what the rule says');
      assert.deepEqual(c.measure(kramdownGfm(c.good)), c.measure(remark(c.good)));
    });
  }
});

describe('renderer rules stay quiet where the renderers agree', () => {
  const quiet: readonly { code: string; renderer: Exclude<RendererName, 'commonmark'>; markdown: string; measure: (html: string) => unknown }[] = [
    { code: 'render.hash-heading', renderer: 'kramdown', markdown: 'The meetups this week:\n#rustlang in Berlin.\n', measure: (html) => count(html, 'h1') },
    { code: 'render.kramdown-table', renderer: 'kramdown', markdown: 'Use `a | b` and\nx | y on the next line.\n', measure: (html) => count(html, 'table') },
    { code: 'render.kramdown-table', renderer: 'kramdown', markdown: 'A table | with a row\nand a line without a pipe.\n', measure: (html) => count(html, 'table') },
    { code: 'render.kramdown-link-emphasis', renderer: 'kramdown', markdown: '[snake_case names](https://example.org/a_b_c) and more_text here.\n', measure: hrefs },
    { code: 'render.kramdown-link-emphasis', renderer: 'kramdown', markdown: 'See [the _docs_](https://example.org/_x) and _this_.\n', measure: hrefs },
    { code: 'render.link-definition', renderer: 'kramdown', markdown: 'Intro line\n[[RFC]: Title](https://example.org/rfc) continues it.\n', measure: (html) => visibleText(tree(html)).includes('Title') },
    { code: 'render.list-needs-blank-line', renderer: 'python-markdown', markdown: '### Jobs\n* [Rust Intern](https://example.org/jobs/2)\n', measure: (html) => count(html, 'li') },
    { code: 'render.nested-indent', renderer: 'python-markdown', markdown: ' * 2023-01-17 | Berlin\n    * [Hack and Learn](https://example.org/h)\n', measure: nestedLists },
    { code: 'render.nested-indent', renderer: 'python-markdown', markdown: '* * *Nothing this week.*\n', measure: nestedLists },
    { code: 'render.list-blank-line', renderer: 'python-markdown', markdown: '* Rust\n    * [cargo-x](https://example.org/x)\n\n    * [cargo-y](https://example.org/y)\n\n* Go\n', measure: topItems },
    { code: 'render.list-stray-blank-line', renderer: 'python-markdown', markdown: '* [Rust 1.70](https://example.org/1)\n\n* [Rust 1.71](https://example.org/2)\n\n* [Rust 1.72](https://example.org/3)\n', measure: looseItems },
    { code: 'render.list-stray-blank-line', renderer: 'python-markdown', markdown: '* [Rust 1.70](https://example.org/1)\n\n* [Rust 1.71](https://example.org/2)\n* [Rust 1.72](https://example.org/3)\n\n* [Rust 1.73](https://example.org/4)\n', measure: looseItems },
    { code: 'render.list-stray-blank-line', renderer: 'python-markdown', markdown: '* Rust\n    * [cargo-x](https://example.org/x)\n\n    * [cargo-y](https://example.org/y)\n\n* Go\n', measure: looseItems },
  ];
  for (const q of quiet) {
    test(`${q.code} (${q.renderer}): ${JSON.stringify(q.markdown).slice(0, 60)}`, { skip: SKIP[q.renderer] }, () => {
      assert.deepEqual(findingsOf(q.markdown, q.code, q.renderer), []);
      assert.deepEqual(q.measure(site(q.renderer, q.markdown)), q.measure(remark(q.markdown)));
    });
  }
});

describe('renderer rules ask the profile', () => {
  test('a renderer\'s rules run only when the profile names that renderer', () => {
    for (const c of CASES.filter((x) => !['html.swallowed', 'render.hash-heading', 'render.list-needs-blank-line'].includes(x.code))) {
      for (const other of ['commonmark', 'kramdown', 'python-markdown'] as const) {
        if (other === c.renderer) continue;
        assert.deepEqual(findingsOf(c.bad, c.code, other), [], `${c.code} under ${other}`);
      }
    }
    const heading = CASES.find((c) => c.code === 'render.hash-heading');
    assert.ok(heading);
    assert.deepEqual(findingsOf(heading.bad, heading.code, 'commonmark'), []);
    const list = CASES.find((c) => c.code === 'render.list-needs-blank-line');
    assert.ok(list);
    assert.deepEqual(findingsOf(list.bad, list.code, 'commonmark'), []);
  });

  test('html.swallowed leaves lower-case HTML elements, `<BR>`, and the tags of html.allowedTags', () => {
    const text = 'A line<br>\nanother<BR> and <sup>1</sup> and <my-widget>x</my-widget> and Option<B>.\n';
    const codes = (config?: NewsletterConfig) => findingsOf(text, 'html.swallowed', 'commonmark', config).map((f) => f.message.slice(0, f.message.indexOf('`', 1) + 1));
    assert.deepEqual(codes(), ['`<my-widget>`', '`</my-widget>`', '`<B>`']);
    assert.deepEqual(codes(configFor('commonmark', { html: { allowedTags: ['my-widget'] } })), ['`<B>`']);
  });

  test('html.allowedTags is part of the profile schema', () => {
    const resolved = resolveConfig({ format: { html: { allowedTags: ['x-card'] } } });
    assert.deepEqual(resolved.config.format.html?.allowedTags, ['x-card']);
    const wrong = resolveConfig({ format: { html: { allowedTags: 'x-card' } } });
    assert.ok(wrong.problems.some((p) => p.includes('format.html.allowedTags')), wrong.problems.join('\n'));
  });
});

// --- The preview's marks ----------------------------------------------------------------------------

/** The live preview's HTML for the site's profile, with its marks (the renderer rules' findings). */
function previewWithMarks(markdown: string, renderer: RendererName, config = configFor(renderer), htmlRenderer = new IssueHtmlRenderer({ profile: config.format })): string {
  const document = parseWithConfig(markdown, 'issue.md', config);
  return layoutIssue(htmlRenderer.render(document, siteMarksOf(document, config)));
}

const hasClass = (e: Element, name: string) => (Array.isArray(e.properties.className) ? e.properties.className : []).includes(name);
const siteMarks = (html: string | Root) => elements(typeof html === 'string' ? tree(html) : html, 'span').filter((e) => hasClass(e, 'nl-site-mark'));

/** The element chain from the root to `target`, or undefined. */
function ancestors(node: Nodes, target: Element, chain: Element[] = []): Element[] | undefined {
  if (node === target) return chain;
  if (!('children' in node)) return undefined;
  for (const child of node.children as Nodes[]) {
    const found = ancestors(child, target, node.type === 'element' ? [...chain, node] : chain);
    if (found) return found;
  }
  return undefined;
}

/** The HTML without the marks: what a page without them shows. */
function withoutMarks(html: string): string {
  const root = tree(html);
  const strip = (n: Nodes) => {
    if (!('children' in n)) return;
    n.children = (n.children as Nodes[]).filter((c) => !(c.type === 'element' && hasClass(c, 'nl-site-mark'))) as typeof n.children;
    for (const child of n.children as Nodes[]) strip(child);
  };
  strip(root);
  return toHtml(root);
}

/** What each code's mark says the site shows (the rule's claim, in the mark's words). */
const MARK_SAYS: Record<string, RegExp> = {
  'render.hash-heading': /heading/,
  'render.kramdown-table': /table/,
  'render.kramdown-link-emphasis': /broken link/,
  'render.link-definition': /nothing/,
  'render.list-needs-blank-line': /not a list/,
  'render.nested-indent': /no nesting/,
  'render.list-blank-line': /list split/,
  'render.list-stray-blank-line': /spaced unevenly/,
  'html.swallowed': /nothing/,
};

describe('the preview marks where the site differs', () => {
  for (const c of CASES) {
    test(`${c.code} (${c.renderer}): the bad example gets a mark, the good one none`, () => {
      const [finding] = findingsOf(c.bad, c.code, c.renderer);
      assert.ok(finding);
      const html = previewWithMarks(c.bad, c.renderer);
      const page = tree(html);
      const marks = siteMarks(page);
      assert.equal(marks.length, 1, html);
      const [mark] = marks;
      assert.equal(mark.properties.dataCode, c.code);
      assert.ok(hasClass(mark, `nl-site-mark-${finding.severity}`), 'the mark carries the finding\'s level');
      // Words, not colour alone: a visible label saying what the site shows, the finding's message
      // as its title, and the renderer and message as text for screen readers.
      const [label, hidden] = mark.children.filter((e): e is Element => e.type === 'element');
      assert.match(visibleText(label), MARK_SAYS[c.code]);
      assert.match(visibleText(label), /^site: /);
      assert.equal(mark.properties.title, finding.message.replace(/`([^`]+)`/g, '‘$1’'));
      assert.ok(hasClass(hidden, 'nl-visually-hidden'));
      assert.ok(visibleText(hidden).includes(c.renderer));
      // In the block that holds the finding's line, never inside a link or code.
      const chain = ancestors(page, mark);
      assert.ok(chain);
      assert.ok(chain.every((e) => e.tagName !== 'a' && e.tagName !== 'code'), chain.map((e) => e.tagName).join('>'));
      const block = chain.reverse().find((e) => e.properties.dataLine !== undefined);
      assert.ok(block);
      assert.ok(Number(block.properties.dataLine) <= finding.range.start.line && finding.range.start.line <= Number(block.properties.dataLineEnd));
      // The mark adds itself and nothing else: without it, the page is the preview's.
      assert.equal(withoutMarks(html), withoutMarks(toHtml(tree(remarkFor(c.bad, c.renderer)))));

      assert.deepEqual(siteMarks(previewWithMarks(c.good, c.renderer)), [], 'no mark on the good example');
    });
  }

  test('a mark sits where the difference is: before the `#` of the line the site makes a heading', () => {
    const page = tree(previewWithMarks('Intro.\n\nWe met at the conference.\n#ChefConf is next week in Austin.\n', 'python-markdown'));
    const [mark] = siteMarks(page);
    assert.ok(mark);
    const paragraph = ancestors(page, mark)?.pop();
    assert.equal(paragraph?.tagName, 'p');
    const after = paragraph!.children.slice(paragraph!.children.indexOf(mark) + 1);
    assert.match(visibleText({ type: 'root', children: after } as Root), /^#ChefConf is next week/);
    const before = paragraph!.children.slice(0, paragraph!.children.indexOf(mark));
    assert.equal(visibleText({ type: 'root', children: before } as Root), 'We met at the conference.');
  });

  test('exports carry no marks: Export HTML and the mail of a bad example', () => {
    for (const c of CASES) {
      const config = configFor(c.renderer);
      const document = parseWithConfig(c.bad, 'issue.md', config);
      assert.ok(siteMarksOf(document, config).length > 0);
      assert.doesNotMatch(renderExportHtml(document, { profile: config.format }), /nl-site-mark|site: /, c.code);
      assert.doesNotMatch(renderPlainText(document, { profile: config.format }), /site: /, c.code);
    }
  });

  test('a code set to off marks nothing; a level set in the profile is the mark\'s', () => {
    const c = CASES.find((x) => x.code === 'render.hash-heading' && x.renderer === 'kramdown');
    assert.ok(c);
    assert.deepEqual(siteMarks(previewWithMarks(c.bad, 'kramdown', configFor('kramdown', { rules: { 'render.hash-heading': 'off' } }))), []);
    const [mark] = siteMarks(previewWithMarks(c.bad, 'kramdown', configFor('kramdown', { rules: { 'render.hash-heading': 'info' } })));
    assert.ok(mark && hasClass(mark, 'nl-site-mark-info'));
  });

  test('the marks follow the preview\'s incremental updates (one renderer, its block cache)', () => {
    const config = configFor('kramdown');
    const renderer = new IssueHtmlRenderer({ profile: config.format });
    const bad = 'Intro.\n\n#ChefConf is next week in Austin.\n\nAnother entry.\n';
    assert.equal(siteMarks(previewWithMarks(bad, 'kramdown', config, renderer)).length, 1);
    // Lines added above: the block moves, its mark with it.
    const moved = `Intro.\n\nA new first entry.\n\n${bad.slice('Intro.\n\n'.length)}`;
    const page = tree(previewWithMarks(moved, 'kramdown', config, renderer));
    const [mark] = siteMarks(page);
    assert.ok(mark);
    assert.equal(Number(ancestors(page, mark)?.find((e) => e.properties.dataLine !== undefined)?.properties.dataLine), 4);
    // Fixed: the same block's text changes and its mark goes; the untouched block never had one.
    assert.deepEqual(siteMarks(previewWithMarks(moved.replace('#ChefConf', '\\#ChefConf'), 'kramdown', config, renderer)), []);
    // And broken again: back from the cache, with its mark.
    assert.equal(siteMarks(previewWithMarks(moved, 'kramdown', config, renderer)).length, 1);
  });
});
