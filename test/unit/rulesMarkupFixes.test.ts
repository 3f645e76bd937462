import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config';
import { fixAll } from '../../src/core/fix';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';

/** The fixes of the rules learnt from the fix histories, on issues in the list-item format. */
const config = resolveConfig({ format: 'this-week-in-rust' }).config;
const HEADER = 'Title: This Week in Rust 9\nNumber: 9\nDate: 2024-05-01\nCategory: This Week in Rust\n\n## Updates from Rust Community\n\n';
const codesOf = (body: string) => runRules(parseWithConfig(HEADER + body, '2024-05-01-this-week-in-rust.md', config), { config }).map((f) => f.code);
const fixed = (body: string) => fixAll(HEADER + body, { fileName: '2024-05-01-this-week-in-rust.md', config }).text.slice(HEADER.length);

describe('safe fixes that fix-all applies', () => {
  const cases: Array<[string, string, string]> = [
    ['link.syntax', '* [One](https://example.org/1)\n* [Two] (https://example.org/2)\n* [Three](https://example.org/3)\n', '* [One](https://example.org/1)\n* [Two](https://example.org/2)\n* [Three](https://example.org/3)\n'],
    ['link.syntax', '* [Two)(https://example.org/2)\n', '* [Two](https://example.org/2)\n'],
    ['link.syntax', '* (Two)[https://example.org/2]\n', '* [Two](https://example.org/2)\n'],
    ['link.syntax', '* [Two][https://example.org/2]\n', '* [Two](https://example.org/2)\n'],
    ['link.syntax', '* [Two](https://example.org/2)](https://example.org/2)\n', '* [Two](https://example.org/2)\n'],
    ['link.malformed', '* [A post](https://example.org/post\n', '* [A post](https://example.org/post)\n'],
    ['link.tag-joined', '* [video][A talk](https://example.org/talk)\n', '* [video] [A talk](https://example.org/talk)\n'],
    ['link.tracking', '* [A post](https://example.org/post?utm_source=reddit&id=7)\n', '* [A post](https://example.org/post?id=7)\n'],
    ['markdown.emphasis-space', '* [**Rust Hack and Learn **](https://example.org/meetup)\n', '* [**Rust Hack and Learn** ](https://example.org/meetup)\n'],
    ['list.bullet-missing', '* [One](https://example.org/1)\n*[Two](https://example.org/2)\n', '* [One](https://example.org/1)\n* [Two](https://example.org/2)\n'],
    ['list.bullet-missing', '* [One](https://example.org/1)\n[Two](https://example.org/2)\n* [Three](https://example.org/3)\n', '* [One](https://example.org/1)\n* [Two](https://example.org/2)\n* [Three](https://example.org/3)\n'],
    ['list.bullet-inconsistent', '* [One](https://example.org/1)\n- [Two](https://example.org/2)\n* [Three](https://example.org/3)\n', '* [One](https://example.org/1)\n* [Two](https://example.org/2)\n* [Three](https://example.org/3)\n'],
    ['link.malformed', '* [](https://example.org/1)\n', '* [https://example.org/1](https://example.org/1)\n'],
  ];
  for (const [code, bad, good] of cases) {
    test(`${code}: ${JSON.stringify(bad.split('\n').find((l) => l !== '' && !l.includes('[One]')))}`, () => {
      assert.ok(codesOf(bad).includes(code), `${code} not reported: ${codesOf(bad).join(', ')}`);
      assert.equal(fixed(bad), good);
      assert.ok(!codesOf(good).includes(code));
      assert.equal(fixed(good), good, 'fixing the fixed text changes nothing');
    });
  }
});

describe('findings without a fix-all fix', () => {
  const cases: Array<[string, string]> = [
    ['link.reference-undefined', '* [A post][post]\n'],
    ['link.text-brackets', '* [add `[` to FOLLOW](https://example.org/pr/1)\n'],
    ['link.url-in-parentheses', '* A post about crabs (https://example.org/crabs)\n'],
    ['link.malformed', '* [A post](v)\n'],
    ['link.syntax', '* [A post](A post about crabs)\n'],
    ['link.malformed', '* [A post](htps://example.org/post)\n'],
    ['link.malformed', '* [A post](https://https://example.org/post)\n'],
    ['entry.truncated-title', '* [Secure computation in Rust: using the enclave instructions with Tea...](https://example.org/sgx)\n'],
    ['markdown.code-span-unbalanced', "* [suggest `Box::pin' when pinning](https://example.org/pr/2)\n"],
    ['markdown.code-span-escape', '* [support `\\[x; n\\]`](https://example.org/pr/3)\n'],
    ['markdown.emphasis-unbalanced', '**No papers this week*\n'],
  ];
  for (const [code, bad] of cases) {
    test(`${code}: ${JSON.stringify(bad.trim())} is reported, and fix-all leaves it as written`, () => {
      assert.ok(codesOf(bad).includes(code), `${code} not reported: ${codesOf(bad).join(', ')}`);
      assert.equal(fixed(bad), bad);
    });
  }

  test('a deliberate ellipsis, a tag before a tag and a defined reference are not reported', () => {
    const codes = codesOf('* [Not so fast…](https://example.org/a)\n* [series] [video] [A talk](https://example.org/t)\n* [A post][post]\n\n[post]: https://example.org/post\n');
    assert.deepEqual(codes.filter((c) => /truncated|reference|syntax/.test(c)), []);
  });

  test('the offered fixes of unsafe findings do what they say', () => {
    const doc = parseWithConfig(`${HEADER}* [A post](htps://example.org/post)\n`, undefined, config);
    const fix = runRules(doc, { config }).find((f) => f.code === 'link.malformed')?.fixes?.[0];
    assert.equal(fix?.edits[0].newText, 'https://example.org/post');
  });
});
