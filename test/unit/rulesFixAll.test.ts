import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { applyFixes, contentSignature, fixAll } from '../../src/core/fix';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { runRules, silencedLines } from '../../src/core/rules/runner';
import type { Fix, Range } from '../../src/core/model';
import type { Rule } from '../../src/core/rules/rule';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../src/core/config';
import { lost } from '../../src/core/fix';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { CORPUS_MISSING, corpusDir } from './helpers/text';

const at = (line: number, from: number, to = from): Range => ({ start: { line, character: from }, end: { line, character: to } });
const fix = (title: string, range: Range, newText: string, extra: Partial<Fix> = {}): Fix => ({ title, edits: [{ range, newText }], safe: true, ...extra });

describe('applyFixes', () => {
  test('applies edits from the end so earlier ranges stay valid', () => {
    const result = applyFixes('abc def ghi', [fix('a', at(0, 0, 3), 'ABC'), fix('b', at(0, 8, 11), 'GHI')]);
    assert.equal(result.text, 'ABC def GHI');
    assert.equal(result.applied.length, 2);
  });

  test('skips a fix that overlaps one already taken, whole', () => {
    const result = applyFixes('abc def', [fix('a', at(0, 0, 5), 'X'), { title: 'b', edits: [{ range: at(0, 6, 7), newText: 'F' }, { range: at(0, 4, 6), newText: 'Y' }] }]);
    assert.equal(result.text, 'Xef');
    assert.deepEqual(result.skipped.map((f) => f.title), ['b']);
  });

  test('leaves renames to the host', () => {
    const result = applyFixes('abc', [{ title: 'r', edits: [], renameTo: 'x.md' }]);
    assert.equal(result.text, 'abc');
    assert.equal(result.skipped.length, 1);
  });

  test('works on CRLF text by line and character', () => {
    assert.equal(applyFixes('one\r\ntwo\r\n', [fix('a', at(1, 0, 3), 'TWO')]).text, 'one\r\nTWO\r\n');
  });
});

const MESSY = `---
title: DEVOPS WEEKLY ISSUE \\#378 -  25th March 2018
date: 2018-03-25T10:00:00+01:00
---

>From containers to culture, a little of everything this week.


News
====

A description whose link line drifted.

<br>[https://example.org/split](https://example.org/split)


An event page written as plain text below its description.

www.example.org/event/


Tools
=====

A tool with an http link, which fix-all leaves alone.
<br>[http://tool.example/](http://tool.example/)
`;

describe('fixAll', () => {
  test('applies every safe fix, round after round, and nothing unsafe', () => {
    const result = fixAll(MESSY, { config: DEFAULT_CONFIG });
    assert.match(result.text, /^title: DEVOPS WEEKLY ISSUE \\#378 - 25th March 2018$/m);
    assert.match(result.text, /\nFrom containers to culture/);
    assert.match(result.text, /A description whose link line drifted\.\n<br>\[https:\/\/example\.org\/split\]/);
    // The bare URL became a link line, then the link line was joined to its description.
    assert.match(result.text, /below its description\.\n<br>\[https:\/\/www\.example\.org\/event\/\]\(https:\/\/www\.example\.org\/event\/\)\n/);
    assert.match(result.text, /<br>\[http:\/\/tool\.example\/\]/);
    assert.ok(result.applied >= 5);
  });

  test('is idempotent: fixing the fixed text changes nothing', () => {
    const once = fixAll(MESSY, { config: DEFAULT_CONFIG });
    const twice = fixAll(once.text, { config: DEFAULT_CONFIG });
    assert.equal(twice.text, once.text);
    assert.equal(twice.applied, 0);
  });

  test('keeps every URL and description word', () => {
    const before = contentSignature(parseIssue(MESSY));
    const after = contentSignature(parseIssue(fixAll(MESSY, { config: DEFAULT_CONFIG }).text));
    assert.deepEqual([...after.urls].sort(), [...before.urls].sort());
    assert.deepEqual([...after.words].sort(), [...before.words].sort());
  });

  test('refuses a "safe" fix that would drop a word, whatever the rule claims', () => {
    const greedy: Rule = {
      name: 'greedy',
      codes: [{ code: 'test.greedy', defaultSeverity: 'warning', description: 'deletes the intro' }],
      check: ({ document }) => document.intro.length === 0 ? [] : [{
        code: 'test.greedy', severity: 'warning', message: 'x', range: document.intro[0].range,
        fixes: [fix('delete the intro', document.intro[0].range, '')],
      }],
    };
    const text = '---\ntitle: T\n---\n\nAn intro worth keeping.\n';
    const result = fixAll(text, { config: DEFAULT_CONFIG, rules: [greedy] });
    assert.equal(result.text, text);
    assert.equal(result.applied, 0);
  });

  test('keeps CRLF line breaks, also in the lines it joins', () => {
    const crlf = MESSY.replace(/\n/g, '\r\n');
    const result = fixAll(crlf, { config: DEFAULT_CONFIG });
    assert.equal(result.text, fixAll(MESSY, { config: DEFAULT_CONFIG }).text.replace(/\n/g, '\r\n'));
    assert.doesNotMatch(result.text, /[^\r]\n/);
  });

  test('keeps a BOM', () => {
    const result = fixAll(`\uFEFF${MESSY}`, { config: DEFAULT_CONFIG });
    assert.equal(result.text.charCodeAt(0), 0xfeff);
  });
});

describe('disable comments', () => {
  test('silence the comment\'s own line or the next one, for the codes named or for all', () => {
    const text = 'a <!-- newsletter-disable-line -->\r\n<!-- newsletter-disable-next-line link.duplicate, link.insecure -->\r\nb\r\n';
    const silenced = silencedLines(text);
    assert.deepEqual([...(silenced.get(0) ?? [])], ['*']);
    assert.deepEqual([...(silenced.get(2) ?? [])].sort(), ['link.duplicate', 'link.insecure']);
    assert.equal(silenced.get(1), undefined);
  });
});

describe('hostile input', () => {
  const front = '---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st January 2020\ndate: 2020-01-01T00:00:00+00:00\n---\n\nNews\n====\n\n';

  test('a URL of 200,000 characters on its own line is reported and fixed like any other', () => {
    const url = `https://example.org/${'a'.repeat(200_000)}`;
    const text = `${front}A description.\n${url}\n`;
    const codes = runRules(parseIssue(text), { config: DEFAULT_CONFIG }).map((f) => f.code);
    assert.ok(!codes.includes('rule.crashed'));
    assert.ok(codes.includes('entry.bare-url'));
    assert.ok(fixAll(text, { config: DEFAULT_CONFIG }).text.includes(`<br>[${url}](${url})`));
  });

  test('thousands of unterminated disable comments silence nothing and break nothing', () => {
    const text = `${front}${'<!-- newsletter-disable-line '.repeat(5_000)}\n\nA post.\n<br>[http://example.org/x](http://example.org/x)\n`;
    assert.equal(silencedLines(text).size, 0);
    const codes = runRules(parseIssue(text), { config: DEFAULT_CONFIG }).map((f) => f.code);
    assert.ok(codes.includes('link.insecure'));
    assert.ok(!codes.includes('rule.crashed'));
  });
});

describe('fix-all on the This Week in Rust and LWKD archives, with their presets', { skip: corpusDir() ? false : CORPUS_MISSING }, () => {
  // DevOps Weekly's round trip is in corpusRules.test.ts. Each file is read once.
  for (const [preset, folder] of [['this-week-in-rust', join('this-week-in-rust', 'content')], ['lwkd', join('lwkd', '_posts')]] as const) {
    test(`${preset}: keeps every URL and description word, and fixing twice is fixing once`, () => {
      const config = resolveConfig({ format: preset }).config;
      const dir = join(corpusDir() ?? '', folder);
      let changed = 0;
      for (const name of readdirSync(dir).filter((n) => /\.(md|markdown)$/.test(n)).sort()) {
        const text = readFileSync(join(dir, name), 'utf8');
        const once = fixAll(text, { fileName: name, config });
        if (once.text === text) continue;
        changed++;
        const before = contentSignature(parseWithConfig(text, name, config));
        const after = contentSignature(parseWithConfig(once.text, name, config));
        assert.deepEqual(lost(before.urls, after.urls), [], `${name} lost URLs`);
        assert.deepEqual(lost(before.words, after.words), [], `${name} lost words`);
        assert.equal(fixAll(once.text, { fileName: name, config }).text, once.text, `${name}: fix-all twice differs from once`);
      }
      assert.ok(changed > 0, `fix-all changed no ${preset} file`);
    });
  }
});
