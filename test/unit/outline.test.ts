import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssue, parseWithConfig } from '../../src/core/parse/parseIssue';
import { resolveConfig } from '../../src/core/config';
import { hostOf, outlineOf, shortDescription, summaryOf, type OutlineNode } from '../../src/core/outline';
import { foldingRegionsOf } from '../../src/core/folding';
import { workspaceSymbolsOf } from '../../src/core/symbols';
import { lineContextOf, linkLineForPaste } from '../../src/core/editingContext';
import type { IssueDocument, Range } from '../../src/core/model';
import { CORPUS_MISSING, corpusDir } from './helpers/text';

const ISSUE = [
  '---', //                                                          0
  'title: DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020', //        1
  'date: 2020-10-18T09:30:00+01:00', //                              2
  '---', //                                                          3
  '', //                                                             4
  'An intro paragraph.', //                                          5
  '', //                                                             6
  '', //                                                             7
  'Acme sponsors Devops Weekly', //                                  8
  '===========================', //                                  9
  '', //                                                            10
  'What the sponsor wants to say.', //                              11
  '<br>[https://www.acme.example/offer](https://www.acme.example/offer)', // 12
  '', //                                                            13
  '', //                                                            14
  'News', //                                                        15
  '====', //                                                        16
  '', //                                                            17
  'A *long* description of a [linked post](https://inline.example/) that goes on well past the cut.', // 18
  '<br>[https://blog.example.org/post/](https://blog.example.org/post/)', // 19
  '', //                                                            20
  '', //                                                            21
  'Two pages.', //                                                  22
  '<br>[https://a.example/1](https://a.example/1)', //              23
  '<br>[https://b.example/2](https://b.example/2)', //              24
  '', //                                                            25
  '', //                                                            26
  'Tools', //                                                       27
  '=====', //                                                       28
  '', //                                                            29
  'A paragraph without any link.', //                               30
  '',
].join('\n');

const lines = (range: Range) => [range.start.line, range.end.line];

describe('outlineOf on an issue written for this test', () => {
  const document = parseIssue(ISSUE, '_posts/2020-10-18-512.md');
  const root = outlineOf(document);

  test('puts the issue with its number and date at the top, covering the whole file', () => {
    assert.equal(root.kind, 'issue');
    assert.equal(root.name, 'Issue #512');
    assert.equal(root.detail, '18 October 2020');
    assert.deepEqual(lines(root.range), [0, 31]);
    assert.deepEqual(lines(root.selectionRange), [1, 1]);
  });

  test('lists the sections under the issue with their entry counts', () => {
    assert.deepEqual(
      root.children.map((s) => [s.kind, s.name, s.detail]),
      [
        // The sponsor's section is set apart (issue 12.11).
        ['section', 'Acme sponsors Devops Weekly', 'sponsor · 1 entry'],
        ['section', 'News', '2 entries'],
        ['section', 'Tools', '1 entry'],
      ],
    );
    assert.deepEqual(root.children.map((s) => lines(s.range)), [[8, 12], [15, 24], [27, 30]]);
    assert.deepEqual(root.children.map((s) => lines(s.selectionRange)), [[8, 8], [15, 15], [27, 27]]);
  });

  test('names entries by their whole plain description (the editor cuts it), with their link hosts as detail', () => {
    const news = root.children[1].children;
    // Not cut with an ellipsis: VS Code cuts names to the view's width itself (issue 12.11).
    assert.equal(news[0].name, 'A long description of a linked post that goes on well past the cut.');
    assert.equal(news[0].detail, 'blog.example.org');
    assert.equal(news[1].name, 'Two pages.');
    assert.equal(news[1].detail, 'a.example, b.example');
    assert.deepEqual(lines(news[1].range), [22, 24]);
    assert.equal(root.children[0].children[0].detail, 'acme.example');
    assert.equal(root.children[2].children[0].detail, 'no link');
  });

  test('ends a section without entries at its heading, not at the blank lines after it', () => {
    const empty = outlineOf(parseIssue(`${ISSUE}\n\nJobs\n====\n\n\n`));
    const jobs = empty.children[3];
    assert.deepEqual([jobs.name, jobs.detail, ...lines(jobs.range)], ['Jobs', '0 entries', 33, 34]);
  });

  test('keeps every selection range inside its range', () => {
    const check = (node: OutlineNode) => {
      const { range: r, selectionRange: s } = node;
      const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      assert.ok(le(r.start, s.start) && le(s.end, r.end), `${node.name}: selection outside range`);
      node.children.forEach(check);
    };
    check(root);
  });

  test('folds the front matter, each section and each entry of several lines', () => {
    assert.deepEqual(
      foldingRegionsOf(document).map((r) => [r.kind, r.startLine, r.endLine]),
      [
        ['frontMatter', 0, 3],
        ['section', 8, 12],
        ['entry', 11, 12],
        ['section', 15, 24],
        ['entry', 18, 19],
        ['entry', 22, 24],
        ['section', 27, 30],
      ],
    );
  });

  test('counts entries per section and link lines for the status bar', () => {
    const summary = summaryOf(document);
    assert.equal(summary.number, 512);
    assert.deepEqual(summary.sections.map((s) => [s.name, s.entries, s.links]), [
      ['Acme sponsors Devops Weekly', 1, 1],
      ['News', 2, 3],
      ['Tools', 1, 0],
    ]);
    assert.equal(summary.links, 4);
    assert.equal(summary.entries, 4);
  });
});

describe('workspaceSymbolsOf', () => {
  const document = parseIssue(ISSUE, '_posts/2020-10-18-512.md');

  test('finds entries by words of their description, the word in the name the editor matches (issue 12.10)', () => {
    const found = workspaceSymbolsOf(document, 'linked post');
    assert.deepEqual(found.map((s) => [s.kind, s.name, s.container]), [['entry', 'A long description of a linked post that goes on well past the cut.', '#512 · News · blog.example.org']]);
    assert.deepEqual(workspaceSymbolsOf(document, 'sponsor wants').map((s) => s.kind), ['entry']);
    assert.deepEqual(workspaceSymbolsOf(document, 'nowhere-word'), []);
  });

  test('a list entry is found by a word of the text after its link, which goes into its name', () => {
    const config = resolveConfig({ format: 'this-week-in-rust' }).config;
    const twir = parseWithConfig('Title: This Week in Rust 12\nNumber: 12\nDate: 2024-05-01\n\n## Updates from Rust Community\n\n* [A new tool](https://tools.example/pp): Portpeek shows what listens on a port\n', '/w/content/2024-05-01-this-week-in-rust.md', config);
    const found = workspaceSymbolsOf(twir, 'portpeek');
    assert.equal(found.length, 1);
    assert.match(found[0].name, /^A new tool — .*Portpeek/);
  });

  test('finds the issue by its number with or without the hash', () => {
    assert.deepEqual(workspaceSymbolsOf(document, '#512').map((s) => [s.kind, s.name]), [['issue', '#512 18 October 2020']]);
    assert.equal(workspaceSymbolsOf(document, '512').length, 1);
    assert.equal(workspaceSymbolsOf(document, '#51').length, 1, 'a prefix matches while typing');
    assert.deepEqual(workspaceSymbolsOf(document, '#513'), []);
  });

  test('finds entries by their link host, named by host and description, inside their section', () => {
    const found = workspaceSymbolsOf(document, 'a.example');
    assert.deepEqual(found.map((s) => [s.kind, s.name, s.container]), [['entry', 'a.example · Two pages.', '#512 · News']]);
    assert.deepEqual(lines(found[0].range), [22, 22]);
    assert.deepEqual(workspaceSymbolsOf(document, 'nowhere.example'), []);
  });
});

describe('lineContextOf', () => {
  const document = parseIssue(ISSUE, '_posts/2020-10-18-512.md');
  const at = (line: number) => {
    const c = lineContextOf(document, line);
    return [c.region, c.section?.name ?? '-', c.above, c.aboveIsLinkLine];
  };

  test('tells the front matter, the intro, headings and sections apart', () => {
    assert.deepEqual(at(2), ['frontMatter', '-', 'boundary', false]);
    assert.deepEqual(at(4), ['intro', '-', 'boundary', false], 'the line after the closing fence');
    assert.deepEqual(at(7), ['intro', '-', 'blank', false]);
    assert.deepEqual(at(9), ['heading', 'Acme sponsors Devops Weekly', 'boundary', false], 'the underline belongs to the heading');
    assert.deepEqual(at(17), ['section', 'News', 'boundary', false], 'right under the underline');
    assert.deepEqual(at(21), ['section', 'News', 'blank', false]);
    assert.deepEqual(at(31), ['section', 'Tools', 'text', false]);
  });

  test('says when the line above is a link line, so a further link line fits', () => {
    assert.deepEqual(at(20), ['section', 'News', 'text', true]);
    assert.deepEqual(at(25), ['section', 'News', 'text', true]);
  });
});

describe('linkLineForPaste', () => {
  test('makes a link line of one bare http(s) URL, surrounding whitespace aside', () => {
    assert.equal(linkLineForPaste('  https://example.org/a?b=1#c\n'), '<br>[https://example.org/a?b=1#c](https://example.org/a?b=1#c)');
    assert.equal(linkLineForPaste('http://example.org'), '<br>[http://example.org](http://example.org)');
  });

  test('keeps a URL with parentheses whole by putting the target in angle brackets', () => {
    const line = linkLineForPaste('https://en.example.org/wiki/Thing_(tool)');
    assert.equal(line, '<br>[https://en.example.org/wiki/Thing_(tool)](<https://en.example.org/wiki/Thing_(tool)>)');
    const parsed = parseIssue(`News\n====\n\nA tool.\n${line}\n`).sections[0].entries[0].links[0];
    assert.equal(parsed.isLinkLine, true);
    assert.equal(parsed.target, parsed.text);
  });

  test('leaves anything else to the plain paste', () => {
    for (const text of ['', 'some words', 'https://a.example/ and more', 'www.example.org', 'ftp://example.org/file', 'https://', 'two\nhttps://a.example/', 'javascript:alert(1)', 'http://[::1]/x']) {
      assert.equal(linkLineForPaste(text), undefined, JSON.stringify(text));
    }
  });
});

describe('hostOf and shortDescription', () => {
  test('reads the host of a URL, without www, and of a scheme-less www address', () => {
    assert.equal(hostOf('https://www.Example.org/a?b'), 'example.org');
    assert.equal(hostOf('www.toolname.example/docs'), 'toolname.example');
    assert.equal(hostOf('/relative/path'), undefined);
    assert.equal(hostOf('https://'), undefined);
  });

  test('keeps a short description whole and cuts a long one at a word', () => {
    assert.equal(shortDescription('Short and `plain`.'), 'Short and plain.');
    assert.equal(shortDescription('one two three four five six', 14), 'one two three…');
    assert.equal(shortDescription('one two three four five six', 13), 'one two three…', 'a word ending at the cut stays');
    assert.equal(shortDescription('one two three four five six', 12), 'one two…');
  });
});

describe('the outline of every corpus issue', () => {
  const dir = corpusDir();
  test('has one node per section and one per entry, as the model counts them', { skip: dir ? false : CORPUS_MISSING }, () => {
    const postsDir = join(dir as string, 'posts');
    const files = readdirSync(postsDir).filter((f) => f.endsWith('.md'));
    assert.ok(files.length > 300, `expected the whole corpus, found ${files.length} files`);
    for (const file of files) {
      const document = parseIssue(readFileSync(join(postsDir, file), 'utf8'), file);
      const root = outlineOf(document);
      assert.equal(root.children.length, document.sections.length, `${file}: section nodes`);
      root.children.forEach((node, i) => {
        const section = document.sections[i];
        assert.equal(node.children.length, section.entries.length, `${file}: entries of ${section.name}`);
        assert.equal(node.detail, `${section.kind === 'sponsor' ? 'sponsor · ' : ''}${section.entries.length} ${section.entries.length === 1 ? 'entry' : 'entries'}`);
      });
      assert.ok(root.name.startsWith('Issue #'), `${file}: the issue node has a number`);
    }
  });
});

/** A list-style issue of our own, in a Pelican-headed, nested format (lines numbered 0-based). */
const LIST_ISSUE = [
  'Title: Weekly Widgets 12', //                                   0
  'Number: 12', //                                                 1
  'Date: 2024-03-17', //                                           2
  '', //                                                           3
  'Hello and welcome.', //                                         4
  '', //                                                           5
  '## Updates from Widget Community', //                           6
  '', //                                                           7
  '### Official', //                                               8
  '', //                                                           9
  '* [Widgets 2.0 is out](https://blog.widgets.example/2.0)', //  10
  '', //                                                          11
  '### Articles', //                                              12
  '', //                                                          13
  '* [video] [Talk: widgets at scale](https://www.videos.example/w)', // 14
  '* [Why widgets](https://essays.example/why) - a long read', //  15
  '', //                                                          16
  '## Events', //                                                 17
  '', //                                                          18
  '* Widget meetup in [Lisbon](https://meet.example/lis) on Friday', // 19
  '',
].join('\n');

describe('outlineOf on a nested, list-style issue written for this test', () => {
  const { config } = resolveConfig({ format: 'this-week-in-rust' });
  const document = parseWithConfig(LIST_ISSUE, 'content/2024-03-17-widgets.md', config);
  const root = outlineOf(document);
  const names = (node: OutlineNode): unknown => [node.name, ...node.children.map(names)];

  test('nests subsections under their section and names list entries by their link title', () => {
    assert.equal(root.name, 'Issue #12');
    assert.equal(root.detail, '17 March 2024');
    assert.deepEqual(root.children.map(names), [
      ['Updates from Widget Community', ['Official', ['Widgets 2.0 is out']], ['Articles', ['Talk: widgets at scale'], ['Why widgets']]],
      ['Events', ['Widget meetup in Lisbon on Friday']],
    ]);
    const articles = root.children[0].children[1];
    assert.deepEqual(articles.children.map((e) => e.detail), ['videos.example', 'essays.example']);
    assert.equal(root.children[0].detail, '3 entries', 'a section counts the entries of its subsections');
    assert.deepEqual(lines(root.children[0].range), [6, 15]);
  });

  test('folds the header, every section and subsection', () => {
    assert.deepEqual(foldingRegionsOf(document).map((r) => [r.kind, r.startLine, r.endLine]), [
      ['frontMatter', 0, 2],
      ['section', 6, 15],
      ['section', 8, 10],
      ['section', 12, 15],
      ['section', 17, 19],
    ]);
  });

  test('counts entries and their links per section and subsection for the status bar', () => {
    const summary = summaryOf(document);
    assert.deepEqual(summary.sections.map((s) => [s.name, s.depth, s.entries, s.links]), [
      ['Updates from Widget Community', 0, 0, 0],
      ['Official', 1, 1, 1],
      ['Articles', 1, 2, 2],
      ['Events', 0, 1, 1],
    ]);
  });

  test('finds entries by host with their section path', () => {
    assert.deepEqual(workspaceSymbolsOf(document, 'essays').map((s) => [s.name, s.container]), [['essays.example · Why widgets', '#12 · Updates from Widget Community › Articles']]);
  });
});

/** Every outline node of a section subtree, checked against the model: one node per section and per entry. */
function checkAgainstModel(document: IssueDocument, file: string): void {
  const root = outlineOf(document);
  let sections = 0;
  let entries = 0;
  const visit = (node: OutlineNode) => {
    if (node.kind === 'section') {
      const section = document.sections[node.sectionIndex as number];
      sections++;
      const entryNodes = node.children.filter((c) => c.kind === 'entry');
      assert.equal(entryNodes.length, section.entries.length, `${file}: entries of ${section.name}`);
      entryNodes.forEach((e, i) => assert.deepEqual(e.range, section.entries[i].range, `${file}: entry ${i} of ${section.name}`));
      const subsections = node.children.filter((c) => c.kind === 'section').map((c) => c.sectionIndex);
      assert.deepEqual(subsections, document.sections.flatMap((s, i) => (s.parent === node.sectionIndex ? [i] : [])), `${file}: subsections of ${section.name}`);
    }
    if (node.kind === 'entry') entries++;
    node.children.forEach(visit);
  };
  visit(root);
  assert.equal(sections, document.sections.length, `${file}: section nodes`);
  assert.equal(entries, document.sections.reduce((n, s) => n + s.entries.length, 0), `${file}: entry nodes`);
}

for (const [label, preset, folder] of [
  ['This Week in Rust', 'this-week-in-rust', 'this-week-in-rust/content'],
  ['LWKD', 'lwkd', 'lwkd/_posts'],
] as const) {
  describe(`the outline of every ${label} issue`, () => {
    const dir = corpusDir();
    test('has one node per section and subsection and one per entry, nested as the model nests them', { skip: dir ? false : CORPUS_MISSING }, () => {
      const { config } = resolveConfig({ format: preset });
      const issuesDir = join(dir as string, folder);
      const files = readdirSync(issuesDir).filter((f) => /\.(md|markdown)$/.test(f));
      assert.ok(files.length > 200, `expected the whole archive, found ${files.length} files`);
      for (const file of files) checkAgainstModel(parseWithConfig(readFileSync(join(issuesDir, file), 'utf8'), file, config), file);
    });
  });
}

describe('entry names', () => {
  test('keep underscores inside words, drop emphasis ones, and call a lone HTML comment a comment', () => {
    assert.equal(shortDescription('The _lazy_format_ crate'), 'The lazy_format crate');
    const { config } = resolveConfig({ format: 'this-week-in-rust' });
    const document = parseWithConfig('Title: W 1\nNumber: 1\nDate: 2024-01-01\n\n## Links\n\n<!-- add links below -->\n\n* [A](https://a.example/)\n', 'content/2024-01-01-w.md', config);
    assert.deepEqual(outlineOf(document).children[0].children.map((e) => e.name), ['(comment)', 'A']);
  });
});

describe('outline icons by what an entry is (issue 12.11)', () => {
  test('a link heading, a list item, a paragraph with its link line and text without a link are told apart', () => {
    const lwkd = resolveConfig({ format: 'lwkd' }).config;
    const text = '---\ntitle: Week Ending May 5, 2024\ndate: 2024-05-05 22:00:00 -0000\n---\n\n## Featured PRs\n\n### [A PR](https://example.org/pull/1)\n\nWhat it changes.\n\n## Other Merges\n\n* A [change](https://example.org/pull/2)\n\nSome words of their own.\n';
    const root = outlineOf(parseWithConfig(text, '/w/_posts/2024-05-05-update.md', lwkd));
    const styles = root.children.flatMap((s) => s.children.map((e) => e.entryStyle));
    assert.deepEqual(styles, ['link-heading', 'list-item', 'text']);
    const dw = outlineOf(parseIssue(ISSUE, '_posts/2020-10-18-512.md'));
    assert.equal(dw.children[1].children[0].entryStyle, 'paragraph');
    assert.equal(dw.children[2].children[0].entryStyle, 'text', 'an entry without a link');
  });
});
