import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIssue } from '../../src/core/parse/parseIssue';
import type { IssueDocument } from '../../src/core/model';
import { fixture, textAt } from './helpers/text';

const wellFormed = fixture('parse', 'wellFormed.md');

function allLinks(document: IssueDocument) {
  return [...document.intro, ...document.sections.flatMap((s) => s.entries)].flatMap((e) => e.links);
}

describe('parseIssue on a well-formed issue', () => {
  const document = parseIssue(wellFormed, '_posts/2020-10-18-512.md');

  test('reads the front matter fields with the range of each value', () => {
    const title = document.frontMatter?.fields.get('title');
    const date = document.frontMatter?.fields.get('date');
    assert.ok(title && date);
    assert.equal(textAt(document, title.valueRange), 'DEVOPS WEEKLY ISSUE \\#512 - 18th October 2020');
    assert.equal(textAt(document, date.valueRange), '2020-10-18T09:30:00+01:00');
    assert.equal(document.frontMatter?.terminated, true);
    assert.deepEqual(document.parseFindings, []);
  });

  test('decomposes the title into number, day, ordinal, month and year at their places', () => {
    const t = document.title;
    assert.ok(t?.number && t.day && t.ordinal && t.month && t.year);
    assert.deepEqual([t.number.value, t.day.value, t.ordinal.value, t.month.value, t.year.value], [512, 18, 'th', 10, 2020]);
    assert.equal(textAt(document, t.number.range), '512');
    assert.equal(textAt(document, t.day.range), '18');
    assert.equal(textAt(document, t.ordinal.range), 'th');
    assert.equal(textAt(document, t.month.range), 'October');
    assert.equal(textAt(document, t.year.range), '2020');
  });

  test('takes the calendar day of the date field in its own offset', () => {
    assert.deepEqual(document.date?.calendar, { year: 2020, month: 10, day: 18 });
    assert.equal(document.date?.instant?.toISOString(), '2020-10-18T08:30:00.000Z');
  });

  test('reads the date and number from the file name', () => {
    assert.deepEqual(document.fileNameInfo, { baseName: '2020-10-18-512.md', date: { year: 2020, month: 10, day: 18 }, number: 512 });
  });

  test('finds sections from setext, ATX and quoted headings, with their kinds', () => {
    assert.deepEqual(
      document.sections.map((s) => [s.name, s.kind, s.headingStyle, s.entries.length]),
      [
        ['Acme sponsors Devops Weekly', 'sponsor', 'setext', 1],
        ['News', 'news', 'setext', 2],
        ['Tools', 'tools', 'atx', 1],
        ['From our sponsor, Example Corp', 'sponsor', 'quoted', 1],
      ],
    );
    for (const section of document.sections) assert.equal(textAt(document, section.nameRange), section.name);
    assert.equal(textAt(document, document.sections[1].headingRange), 'News\n====');
  });

  test('keeps the intro paragraphs apart from the sections', () => {
    assert.equal(document.intro.length, 1);
    assert.match(document.intro[0].description, /^A short intro/);
    assert.equal(document.intro[0].links[0].isLinkLine, false);
  });

  test('splits an entry into its description and its link lines', () => {
    const entry = document.sections[1].entries[1];
    assert.match(entry.description, /^A second entry .* \[inline\]\(https:\/\/inline\.example\/x\)\.$/);
    assert.ok(entry.descriptionRange);
    assert.equal(textAt(document, entry.descriptionRange), entry.description);
    assert.deepEqual(
      entry.links.map((l) => [l.target, l.isLinkLine]),
      [
        ['https://inline.example/x', false],
        ['https://a.example/part-1', true],
        ['https://a.example/part-2', true],
      ],
    );
  });

  test('gives each link the exact ranges of its whole, its text and its target', () => {
    for (const link of allLinks(document)) {
      assert.equal(textAt(document, link.textRange), link.text);
      assert.equal(textAt(document, link.targetRange), link.target);
      assert.equal(textAt(document, link.range), `[${link.text}](${link.target})`);
    }
  });

  test('keeps balanced parentheses inside a link target', () => {
    const link = document.sections[2].entries[0].links[0];
    assert.equal(link.target, 'https://example.org/wiki/Thing_(tool)');
    assert.equal(link.text, link.target);
  });

  test('reports a URL written without a scheme and not linked as a bare URL', () => {
    const entry = document.sections[2].entries[0];
    assert.deepEqual(entry.bareUrls.map((u) => u.url), ['www.toolname.example/docs']);
    assert.equal(textAt(document, entry.bareUrls[0].range), 'www.toolname.example/docs');
  });

  test('ends a section body at its last entry', () => {
    const news = document.sections[1];
    assert.equal(news.bodyRange.start.line, news.headingRange.end.line + 1);
    assert.equal(news.bodyRange.end.line, news.entries[1].range.end.line);
  });
});

describe('parseIssue keeps ranges right whatever the line endings', () => {
  const lf = parseIssue(wellFormed);

  test('gives the same positions for a CRLF file', () => {
    const crlf = parseIssue(wellFormed.replace(/\n/g, '\r\n'));
    assert.deepEqual(allLinks(crlf).map((l) => [l.range, l.textRange, l.targetRange]), allLinks(lf).map((l) => [l.range, l.textRange, l.targetRange]));
    assert.deepEqual(crlf.sections.map((s) => s.nameRange), lf.sections.map((s) => s.nameRange));
    assert.deepEqual(crlf.title?.number, lf.title?.number);
    for (const link of allLinks(crlf)) assert.equal(textAt(crlf, link.targetRange), link.target);
  });

  test('gives the same positions for a file that starts with a BOM, and drops the BOM from the text', () => {
    const bom = parseIssue('\uFEFF' + wellFormed);
    assert.equal(bom.hadBom, true);
    assert.equal(bom.text, wellFormed);
    assert.deepEqual(bom.title, lf.title);
    assert.deepEqual(allLinks(bom).map((l) => l.targetRange), allLinks(lf).map((l) => l.targetRange));
  });

  test('reads a file with old Mac line endings (lone CR) line by line', () => {
    const cr = parseIssue(wellFormed.replace(/\n/g, '\r'));
    assert.deepEqual(cr.title?.year, lf.title?.year);
    assert.deepEqual(cr.date?.calendar, lf.date?.calendar);
  });
});

describe('parseIssue turns broken front matter into findings', () => {
  test('reports YAML that does not parse at the line of the error', () => {
    const document = parseIssue(fixture('parse', 'brokenYaml.md'));
    assert.deepEqual(document.parseFindings.map((f) => [f.code, f.range.start.line]), [['frontmatter.invalid', 3]]);
    assert.equal(document.title?.number?.value, 9, 'the fields are still read line by line');
  });

  test('takes an unclosed front matter to end at the first blank line, and offers to close it', () => {
    const document = parseIssue(fixture('parse', 'unterminated.md'));
    assert.equal(document.frontMatter?.terminated, false);
    assert.deepEqual(document.parseFindings.map((f) => f.code), ['frontmatter.invalid']);
    assert.equal(document.date?.calendar?.day, 8);
    assert.deepEqual(document.sections.map((s) => s.name), ['News']);
    assert.equal(document.parseFindings[0].fixes?.[0].edits[0].newText, '\n---');
  });

  test('reads a file without front matter as a body', () => {
    const document = parseIssue(fixture('parse', 'noFrontMatter.md'));
    assert.equal(document.frontMatter, undefined);
    assert.equal(document.title, undefined);
    assert.deepEqual(document.sections.map((s) => [s.name, s.entries.length]), [['News', 1]]);
  });
});

describe('parseIssue decomposes imperfect titles', () => {
  const titled = (title: string) => parseIssue(`---\ntitle: ${title}\n---\n`).title;

  test('finds the parts across doubled spaces', () => {
    const t = titled('DEVOPS WEEKLY ISSUE \\#378 -  25th March 2018');
    assert.deepEqual([t?.number?.value, t?.day?.value, t?.ordinal?.value, t?.month?.value, t?.year?.value], [378, 25, 'th', 3, 2018]);
  });

  test('keeps a wrong ordinal as written', () => {
    assert.equal(titled('DEVOPS WEEKLY ISSUE \\#1 - 23th May 2016')?.ordinal?.value, 'th');
  });

  test('finds the number without the backslash', () => {
    assert.equal(titled('DEVOPS WEEKLY ISSUE #44 - 2nd May 2016')?.number?.value, 44);
  });

  test('takes the text of a quoted title without its quotes', () => {
    const document = parseIssue(`---\ntitle: "DEVOPS WEEKLY ISSUE #7 - 1st May 2016"\n---\n`);
    assert.equal(document.title?.text, 'DEVOPS WEEKLY ISSUE #7 - 1st May 2016');
    assert.equal(textAt(document, document.title!.number!.range), '7');
  });

  test('leaves out the parts a title does not have', () => {
    const t = titled('Just some words');
    assert.equal(t?.number, undefined);
    assert.equal(t?.day, undefined);
  });
});

describe('parseIssue never throws and stays linear on hostile input', () => {
  const inputs: Record<string, string> = {
    empty: '',
    'only a fence': '---',
    'only fences': '---\n---',
    'binary junk': Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
    'NUL bytes': '\u0000\u0001\u0002---\n\u0000',
    'a long line of spaces in the title': `---\ntitle: ${' '.repeat(100_000)}x\n---\n`,
    'nested brackets': '['.repeat(50_000) + ']'.repeat(50_000),
    'nested parentheses in a link target': `[a](${'('.repeat(50_000)}`,
    'deep block quotes': '>'.repeat(20_000) + ' x',
    'many bare URL prefixes': 'www.'.repeat(50_000),
    'a title of digits': `---\ntitle: ${'1 '.repeat(50_000)}\n---\n`,
    'a YAML bomb': `---\na: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n---\n`,
    'deeply nested list items': Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
  };
  for (const [name, input] of Object.entries(inputs)) {
    test(`returns a document for ${name}`, () => {
      const document = parseIssue(input);
      assert.equal(typeof document.text, 'string');
      assert.ok(Array.isArray(document.sections));
    });
  }

  test('keeps the sections of an issue around a block nested deeper than any issue nests', () => {
    const deep = `${'>'.repeat(5000)} quoted`;
    const document = parseIssue(`---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st May 2016\n---\n\nNews\n====\n\n${deep}\n\nAn entry.\n<br>[https://x.example/](https://x.example/)\n\n\nTools\n=====\n\nA tool.\n<br>[https://y.example/](https://y.example/)\n`);
    assert.deepEqual(document.sections.map((s) => [s.name, s.entries.length]), [['News', 2], ['Tools', 1]]);
    assert.equal(document.sections[0].entries[0].description, deep, 'the deep block is kept as plain text');
    assert.equal(document.sections[0].entries[1].links[0].target, 'https://x.example/');
  });

  test('parses a 10 MB issue', () => {
    const entry = 'A description of a post.\n<br>[https://big.example/post](https://big.example/post)\n\n\n';
    const big = `---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st May 2016\n---\n\nNews\n====\n\n${entry.repeat(Math.ceil(10_000_000 / entry.length))}`;
    const document = parseIssue(big);
    assert.equal(document.sections.length, 1);
    assert.equal(document.sections[0].entries.length, Math.ceil(10_000_000 / entry.length));
  });
});
