import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { CORPUS_MISSING, corpusDir, textAt } from './helpers/text';

/**
 * Invariants that must hold on every real issue. The expectations come from the raw text, read
 * line by line independently of the parser: a `<br>` line, a setext underline under a name.
 */
const corpus = corpusDir();

describe('parseIssue on the real corpus', { skip: corpus ? false : CORPUS_MISSING }, () => {
  const dir = join(corpus ?? '', 'posts');
  const files = corpus ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];

  test('finds every issue of the corpus', () => {
    assert.ok(files.length >= 300, `expected the corpus's issues, found ${files.length}`);
  });

  test('parses every issue without an exception or a parse finding, with title, date and file name read', () => {
    for (const file of files) {
      const document = parseIssue(readFileSync(join(dir, file), 'utf8'), file);
      assert.deepEqual(document.parseFindings, [], file);
      assert.ok(document.title?.number && document.title.day && document.title.month && document.title.year, `${file}: title parts`);
      assert.ok(document.date?.calendar, `${file}: date`);
      assert.ok(document.fileNameInfo?.number !== undefined && document.fileNameInfo.date, `${file}: file name`);
      assert.equal(textAt(document, document.title.number.range), String(document.title.number.value), file);
    }
  });

  test('finds every section: each line of `=` under a name starts one, and nothing else does', () => {
    let total = 0;
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const lines = text.split(/\r?\n/);
      const expected: number[] = [];
      // Line 0 of the underline search starts after the front matter's closing fence.
      const bodyStart = lines.indexOf('---', 1) + 1;
      for (let i = bodyStart + 1; i < lines.length; i++) {
        if (/^=+\s*$/.test(lines[i]) && lines[i - 1].trim() !== '') expected.push(i - 1);
      }
      const document = parseIssue(text, file);
      assert.deepEqual(document.sections.map((s) => s.headingRange.start.line), expected, file);
      for (const section of document.sections) {
        assert.equal(textAt(document, section.nameRange), section.name, file);
        assert.equal(lines[section.nameRange.start.line].replace(/^>/, '').trim(), section.name, file);
      }
      total += expected.length;
    }
    assert.ok(total > files.length * 2, `sections found: ${total}`);
  });

  test('finds every `<br>` link line with its text and target at their ranges', () => {
    let expectedTotal = 0;
    let foundTotal = 0;
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const brLines = text.split(/\r?\n/).flatMap((line, i) => (/^\s*(>\s*)?<br\s*\/?>/i.test(line) ? [i] : []));
      const document = parseIssue(text, file);
      const links = [...document.intro, ...document.sections.flatMap((s) => s.entries)].flatMap((e) => e.links);
      const linkLines = links.filter((l) => l.isLinkLine);
      assert.deepEqual(linkLines.map((l) => l.range.start.line), brLines, `${file}: every <br> line is a link line`);
      for (const link of links) {
        assert.ok(link.text.length > 0 && link.target.length > 0, `${file}:${link.range.start.line + 1}: text and target`);
        assert.equal(textAt(document, link.textRange), link.text, file);
        assert.equal(textAt(document, link.targetRange), link.target, file);
        assert.equal(document.text.slice(document.lines.offsetAt(link.range.start), document.lines.offsetAt(link.range.start) + 1), '[', file);
      }
      expectedTotal += brLines.length;
      foundTotal += linkLines.length;
    }
    assert.equal(foundTotal, expectedTotal);
    console.log(`corpus: ${files.length} issues, ${foundTotal} of ${expectedTotal} <br> link lines found`);
  });
});
