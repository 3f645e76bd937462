/**
 * The renderers on formats other than DevOps Weekly's, on our own fixtures written in those
 * formats (test/fixtures/render/rustlike.md: a Pelican header, nested `##`/`###` sections,
 * `* [Title](url)` items; k8slike.md: YAML, `### [PR](url)` link headings): the masthead from the
 * metadata, nested sections with their heading levels, one keyed block per entry of any shape,
 * and the generic plain-text mail.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';
import { resolveConfig } from '../../src/core/config';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { IssueHtmlRenderer, allSections, layoutIssue, renderExportHtml, renderPlainText, renderPlainTextLines } from '../../src/core/render';
import { fixture } from './helpers/text';

const twir = resolveConfig({ format: 'this-week-in-rust' }).config;
const lwkd = resolveConfig({ format: 'lwkd' }).config;
const rust = () => parseWithConfig(fixture('render', 'rustlike.md'), '2031-03-05-this-week-in-rust.md', twir);
const k8s = () => parseWithConfig(fixture('render', 'k8slike.md'), '2031-03-02-update.md', lwkd);

function elements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element') out.push(node);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(fromHtml(html, { fragment: true }) as Root);
  return out;
}

function text(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(text).join('');
  return '';
}

const classOf = (el: Element) => (el.properties.className as string[] | undefined) ?? [];
const childElements = (el: Element) => el.children.filter((c): c is Element => c.type === 'element');

describe('web HTML of a list-style newsletter with nested sections', () => {
  const issue = new IssueHtmlRenderer({ profile: twir.format }).render(rust());
  const all = elements(layoutIssue(issue));

  test('shows the title, number and date of a Pelican header in the masthead', () => {
    const masthead = all.find((el) => el.tagName === 'header') as Element;
    const words = text(masthead).replace(/\s+/g, ' ');
    assert.match(words, /This Week in Rust 900/);
    assert.match(words, /Issue #900/);
    assert.match(words, /5th March 2031/);
    assert.equal(all.find((el) => el.tagName === 'time')?.properties.dateTime, '2031-03-05');
  });

  test('nests each subsection inside its section and keeps the heading levels', () => {
    const article = all.find((el) => el.tagName === 'article') as Element;
    const top = childElements(article).filter((el) => el.tagName === 'section');
    const headingOf = (section: Element): Element | undefined => childElements(childElements(section)[0])[0];
    assert.deepEqual(top.map((s) => [headingOf(s)?.tagName, text(headingOf(s) as Element)]), [
      ['h2', 'Updates from Rust Community'],
      ['h2', 'Sponsor'],
      ['h2', 'Crate of the Week'],
    ]);
    const subsections = childElements(top[0]).filter((el) => el.tagName === 'section');
    assert.deepEqual(subsections.map((s) => [headingOf(s)?.tagName, text(headingOf(s) as Element)]), [
      ['h3', 'Newsletters'],
      ['h3', 'Project/Tooling Updates'],
    ]);
    assert.ok(subsections.every((s) => classOf(s).includes('nl-subsection')));
    assert.deepEqual(allSections(issue.sections).map((s) => [s.name, s.level, s.depth]), [
      ['Updates from Rust Community', 2, 0],
      ['Newsletters', 3, 1],
      ['Project/Tooling Updates', 3, 1],
      ['Sponsor', 2, 0],
      ['Crate of the Week', 2, 0],
    ]);
  });

  test('sets the sponsor section apart by its kind', () => {
    const sponsors = all.filter((el) => el.tagName === 'section' && classOf(el).includes('nl-sponsor'));
    assert.equal(sponsors.length, 1);
    assert.match(text(sponsors[0]), /Thanks to Acme/);
  });

  test('gives each list item its own block with its own lines', () => {
    const items = all.filter((el) => classOf(el).includes('nl-shape-list-item'));
    // 0-based lines of the fixture: the four `* ` lines are lines 12, 13, 17 and 18 of the file.
    assert.deepEqual(items.map((el) => [el.properties.dataLine, el.properties.dataLineEnd]), [['11', '11'], ['12', '12'], ['16', '16'], ['17', '17']]);
    assert.deepEqual(items.map((el) => childElements(el).map((c) => c.tagName)), [['ul'], ['ul'], ['ul'], ['ul']]);
    assert.equal(text(items[1]).trim(), '[video] Borrowing without tears');
    assert.equal(new Set(items.map((el) => el.properties.dataEntry)).size, 4, 'each item has a key of its own');
  });

  test('leaves quotes straight for a format whose site does not set typographic ones', () => {
    const crate = all.find((el) => classOf(el).includes('nl-kind-other') && /crate is/.test(text(el))) as Element;
    assert.match(text(crate), /This week's crate/);
  });

  test('re-renders only the list item an edit touched', () => {
    const renderer = new IssueHtmlRenderer({ profile: twir.format });
    const before = renderer.render(rust());
    const edited = parseWithConfig(fixture('render', 'rustlike.md').replace('Crab Gazette #12', 'Crab Gazette #13'), 'x.md', twir);
    const after = renderer.render(edited);
    const blocks = (r: typeof before) => allSections(r.sections).flatMap((s) => s.blocks);
    const changed = blocks(after).filter((b, i) => b.html !== blocks(before)[i].html).map((b) => b.key);
    assert.equal(changed.length, 1);
    assert.equal(changed[0], blocks(before).find((b) => b.html.includes('Crab Gazette #12'))?.key);
    assert.deepEqual(after, new IssueHtmlRenderer({ profile: twir.format }).render(edited));
  });

  test('sanitises a list item like any other block', () => {
    const hostile = parseWithConfig('Title: T\n\n## News\n\n* [x](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script>\n* [ok](https://ok.example/)\n', 'x.md', twir);
    const html = layoutIssue(new IssueHtmlRenderer({ profile: twir.format }).render(hostile));
    assert.doesNotMatch(html, /javascript:|onerror|<script/i);
    assert.match(html, /href="https:\/\/ok\.example\/"/);
  });

  test('the exported file nests the subsections too', () => {
    const exported = elements(renderExportHtml(rust(), { profile: twir.format }));
    const nested = exported.filter((el) => el.tagName === 'section' && classOf(el).includes('nl-subsection'));
    assert.equal(nested.length, 2);
  });
});

describe('web HTML of link-heading entries', () => {
  const all = elements(layoutIssue(new IssueHtmlRenderer({ profile: lwkd.format }).render(k8s())));

  test('shows the YAML title and the publication date in the masthead', () => {
    const words = text(all.find((el) => el.tagName === 'header') as Element).replace(/\s+/g, ' ');
    assert.match(words, /Week Ending March 2, 2031/);
    assert.match(words, /4th March 2031/);
  });

  test('makes one block of each link heading and the paragraphs under it, with their lines', () => {
    const entries = all.filter((el) => classOf(el).includes('nl-shape-link-heading'));
    // `### [#4242...]` is line 14 of the file and its last paragraph line 18; the next runs 20-22.
    assert.deepEqual(entries.map((el) => [el.properties.dataLine, el.properties.dataLineEnd]), [['13', '17'], ['19', '21']]);
    const first = entries[0];
    assert.deepEqual(childElements(first).map((c) => c.tagName), ['h3', 'p', 'p']);
    assert.equal(childElements(childElements(first)[0]).filter((c) => c.tagName === 'a').length, 1, 'the heading holds its link');
  });
});

describe('generic plain-text email', () => {
  test('writes the text of each block, list items as `* text`, each link\'s URL on its own line', () => {
    const expected = [
      'This Week in Rust 900',
      '',
      'Hello and welcome to another issue of This Week in Rust!',
      '',
      'Updates from Rust Community',
      '===========================',
      '',
      'Newsletters',
      '-----------',
      '',
      '* Crab Gazette #12',
      '  https://gazette.example/12',
      '* [video] Borrowing without tears',
      '  https://video.example/watch?v=abc&t=1',
      '',
      'Project/Tooling Updates',
      '-----------------------',
      '',
      '* Tool 1.0 released, with notes',
      '  https://tool.example/1.0',
      '  https://tool.example/notes',
      '* A sentence first, then the link',
      '  https://inline.example/post',
      '',
      'Sponsor',
      '=======',
      '',
      'Thanks to Acme for supporting this issue.',
      'https://acme.example/',
      '',
      'Crate of the Week',
      '=================',
      '',
      'This week\'s crate is widgetry, a widget kit.',
      'https://crates.example/widgetry',
      '',
      '',
      'Unsubscribe: https://example.org/unsubscribe',
      '',
    ].join('\n');
    assert.equal(renderPlainText(rust(), { profile: twir.format, footer: 'Unsubscribe: https://example.org/unsubscribe' }), expected);
  });

  test('writes a link heading as its text and URL, then the paragraphs under it', () => {
    const expected = [
      'Week Ending March 2, 2031',
      '',
      'Developer News',
      '==============',
      '',
      '* The steering committee met on Tuesday.',
      '  https://steering.example/notes',
      '',
      'Featured PRs',
      '============',
      '',
      '#4242: Faster widget sync',
      'https://github.example/pr/4242',
      '',
      'Widgets now sync in half the time.',
      '',
      'A second paragraph about it.',
      '',
      '#4243: Drop the old flag',
      'https://github.example/pr/4243',
      '',
      'The flag is gone.',
      '',
    ].join('\n');
    assert.equal(renderPlainText(k8s(), { profile: lwkd.format }), expected);
  });

  test('keeps each line\'s source line for the email view\'s scroll sync', () => {
    const lines = renderPlainTextLines(rust(), { profile: twir.format });
    assert.equal(lines.find((l) => l.text === '* Crab Gazette #12')?.sourceLine, 11);
    assert.equal(lines.find((l) => l.text === '  https://tool.example/notes')?.sourceLine, 16);
    assert.equal(lines.find((l) => l.text === 'Crate of the Week')?.sourceLine, 23);
  });

  test('leaves out HTML comments, shows code as written and does not repeat a URL the text shows', () => {
    const document = parseWithConfig('Title: T\n\n## News\n\n<!-- a note for editors -->\n\n* <https://bare.example/>\n* [twice](https://same.example/) and [again](https://same.example/)\n\nCode:\n\n```\nlet x = 1;\n```\n', 'x.md', twir);
    assert.equal(renderPlainText(document, { profile: twir.format }), 'T\n\nNews\n====\n\n* https://bare.example/\n* twice and again\n  https://same.example/\n\nCode:\n\n    let x = 1;\n');
  });

  test('the devops-weekly layout stays the default when no profile is given', () => {
    const document = parseWithConfig('---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st January 2020\n---\n\nNews\n====\n\nText.\n<br>[https://x.example/](https://x.example/)\n', 'x.md', resolveConfig().config);
    assert.equal(renderPlainText(document), 'DEVOPS WEEKLY\nISSUE #1 - 1st January 2020\n\nNews\n====\n\nText.\n\nhttps://x.example/\n');
  });
});
