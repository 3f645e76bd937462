import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseWithSharedBlocks, SharedBlocks } from '../../src/core/parse/sharedBlocks';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { resolveConfig } from '../../src/core/config';
import { CORPUS_MISSING, corpusDir } from './helpers/text';

/**
 * Blocks shared between issues are copied from the issue that had them first: the tree must be
 * the one remark gives for the whole text, on every issue of the three corpora, on edited copies
 * of them, and on our own texts built to trip each reason a piece cannot be cut or copied.
 */
const remark = unified().use(remarkParse);
const whole = (text: string) => JSON.stringify(remark.parse(text));

/** Parses each text in turn with one `SharedBlocks`; each tree (copied or not) must equal remark's. */
function assertSameTrees(texts: readonly string[], shared = new SharedBlocks()): { parsedWhole: number } {
  let parsedWhole = 0;
  texts.forEach((text, i) => {
    const tree = parseWithSharedBlocks(text, shared);
    if (!tree) parsedWhole++;
    else assert.equal(JSON.stringify(tree), whole(text), `text ${i}: ${JSON.stringify(text.slice(0, 80))}`);
  });
  return { parsedWhole };
}

/** The same text three times: the third copies the pieces the second kept. */
const thrice = (text: string) => [text, text, text];

/** A standing paragraph long enough to be copied, then what an issue says of its own. */
const STANDING = 'This newsletter is edited by volunteers; send us your links, and tell us what to change in it. '.repeat(3).trim();

describe('shared blocks: the tree of the whole text', () => {
  test('a standing paragraph seen twice is copied the third time, moved to where it is', () => {
    const shared = new SharedBlocks();
    const texts = [`# One\n\n${STANDING}\n\nFirst.\n`, `# Two\n\nA line more.\n\n${STANDING}\n\nSecond.\n`, `# Three\n\nTwo\nlines more.\n\n${STANDING}\n\nThird.\n`];
    assertSameTrees(texts, shared);
    assert.ok(shared.reused >= 1, `copied: ${shared.reused}`);
  });

  test('a list closed by a line in column 0, CR LF and CR line ends, tabs and trailing blank lines', () => {
    const list = `- [a](https://a.example) one\n- [b](https://b.example) two\n\n${STANDING}\n\n`;
    assertSameTrees(thrice(`Intro\n\n${list}* star\n+ plus\n\nEnd\n\n\n`));
    assertSameTrees(thrice(`Intro\r\n\r\n${STANDING}\r\n\r\n- item\r\n\r\nEnd\r\n`));
    assertSameTrees(thrice(`Intro\r\r${STANDING}\r\r\tindented\r\rEnd`));
  });

  test('a fenced code or HTML block that runs on over blank lines is parsed with what follows', () => {
    const shared = new SharedBlocks();
    const texts = [
      `${STANDING}\n\n\`\`\`\ncode\n\n${STANDING}\n\n\`\`\`\n\nAfter.\n`,
      `${STANDING}\n\n<!-- a comment\n\n${STANDING}\n\n-->\n\nAfter.\n`,
      `${STANDING}\n\n<pre>\n\n${STANDING}\n\n</pre>\n`,
      `${STANDING}\n\n~~~\nnever closed\n\n${STANDING}\n`,
      `- item\n  \`\`\`\n  code\n\n${STANDING}\n\nEnd\n`,
    ];
    assertSameTrees([...texts, ...texts, ...texts], shared);
  });

  test('references resolve as in the whole text: by the issue definitions, which a copy must have too', () => {
    const uses = `${STANDING} See the [calendar] and [Other Label][cal], not [missing].`;
    const shared = new SharedBlocks();
    assertSameTrees([
      `${uses}\n\n[calendar]: https://calendar.example\n`,
      `${uses}\n\n[calendar]: https://calendar.example\n[CAL]: https://cal.example\n`,
      // The same piece where no definition is: its brackets stay text.
      `Intro\n\n${uses}\n\nEnd\n`,
      `Intro\n\n${uses}\n\nEnd\n`,
      `Intro\n\n${uses}\n\n[calendar]:\n  https://calendar.example\n  "title"\n`,
      `Intro\n\n${uses}\n\n[calendar]: https://calendar.example\n`,
    ], shared);
  });

  test('a candidate definition that is not one, or one the scan cannot tell, parses whole', () => {
    // In a fenced code block and as a paragraph's line: not definitions, so the scan's count is off.
    const inCode = `${STANDING}\n\n\`\`\`\n[calendar]: https://calendar.example\n\`\`\`\n\nThe [calendar].\n`;
    const inParagraph = `${STANDING}\n[calendar]: https://calendar.example\n\nThe [calendar].\n`;
    // In a block quote or a list item, and a label over two lines: the scan does not try.
    const quoted = `${STANDING}\n\n> [calendar]: https://calendar.example\n\nThe [calendar].\n`;
    const twoLines = `${STANDING}\n\n[the\ncalendar]: https://calendar.example\n\nThe [the calendar].\n`;
    const { parsedWhole } = assertSameTrees([inCode, inParagraph, quoted, twoLines, `- [calendar]: https://c.example\n\n${STANDING}\n`]);
    assert.equal(parsedWhole, 5);
    // `[text][label]:` in a line is no definition, and the rest of the text still shares its pieces.
    assert.ok(parseWithSharedBlocks(`Intro\n\n* [Text][rfc1]: more\n\n${STANDING}\n\n[rfc1]: https://r.example\n`, new SharedBlocks()));
  });
});

describe('shared blocks on the corpus: every issue, and edited copies, as remark parses them whole', { skip: corpusDir() ? false : CORPUS_MISSING }, () => {
  const corpus = corpusDir() ?? '';
  const corpora = [
    { folder: 'posts', format: 'devops-weekly' },
    { folder: 'this-week-in-rust/content', format: 'this-week-in-rust' },
    { folder: 'lwkd/_posts', format: 'lwkd' },
  ] as const;
  const EDITS = ['\n', '\n\n', '```\n', '- ', '1. ', '> ', '    ', '<div>\n', '<!-- ', '[calendar]', '\n[x]: https://x.example\n', '# ', '\r\n', 'text '];

  for (const { folder, format } of corpora) {
    test(`${folder}: parseIssue with shared blocks gives the document parseIssue gives alone`, () => {
      const profile = resolveConfig({ format }).config.format;
      const files = readdirSync(join(corpus, folder)).filter((name) => /\.(md|markdown)$/.test(name)).sort();
      const shared = new SharedBlocks();
      let seed = 13;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      for (const [i, file] of files.entries()) {
        const text = readFileSync(join(corpus, folder, file), 'utf8');
        const texts = [text];
        // Every fourth issue again with three random edits (insertions and deletions of what opens
        // or closes a block): pieces cut and copied where the text no longer has them as they were.
        if (i % 4 === 0) {
          let edited = text;
          for (let e = 0; e < 3; e++) {
            const at = random(edited.length + 1);
            edited = edited.slice(0, at) + EDITS[random(EDITS.length)] + edited.slice(at + (random(3) === 0 ? random(40) : 0));
          }
          texts.push(edited);
        }
        for (const source of texts) {
          const expected = parseIssue(source, file, { profile });
          const got = parseIssue(source, file, { profile, sharedBlocks: shared });
          assert.equal(JSON.stringify(got.markdown.tree), JSON.stringify(expected.markdown.tree), file);
          assert.deepEqual(got.sections.map((s) => [s.name, s.entries.length]), expected.sections.map((s) => [s.name, s.entries.length]), file);
          assert.equal(got.intro.length, expected.intro.length, file);
        }
      }
      assert.ok(shared.reused > 0, `${folder}: no piece copied`);
    });
  }
});
