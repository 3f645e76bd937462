import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { fixture, projectRoot } from './helpers/text';

/**
 * Tokenises issue lines with the real Markdown and YAML grammars (as VS Code ships them, from
 * the tm-grammars package) with our injection grammar injected into Markdown, as the editor does.
 */
const require = createRequire(import.meta.url);
const grammarFiles: Record<string, string> = {
  'text.html.markdown': require.resolve('tm-grammars/grammars/markdown.json'),
  'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
  'newsletter.injection': join(projectRoot, 'syntaxes', 'newsletter.injection.tmLanguage.json'),
};

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let lines: Token[][] = [];
let tokenize: (text: readonly string[]) => Token[][];
const source = fixture('grammar', 'issue.md').split('\n');

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const path = grammarFiles[scopeName];
      // Grammars we do not load (HTML, embedded code languages) are left out, as an editor without them would.
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? ['newsletter.injection'] : undefined),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar, 'the Markdown grammar loads');
  tokenize = (text) => {
    let state = textmate.INITIAL;
    return text.map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
  lines = tokenize(source);
});

/** The line (0-based) of the fixture that starts with `prefix`. */
function lineOf(prefix: string): number {
  const index = source.findIndex((l) => l.startsWith(prefix));
  assert.ok(index >= 0, `fixture line starting ${JSON.stringify(prefix)}`);
  return index;
}

/** The scopes of the token that is exactly `text` on the line starting `prefix`. */
function scopesOf(prefix: string, text: string): readonly string[] {
  const tokens = lines[lineOf(prefix)];
  const token = tokens.find((t) => t.text === text);
  assert.ok(token, `a token ${JSON.stringify(text)} on line ${JSON.stringify(prefix)}; tokens: ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

function hasScope(scopes: readonly string[], prefix: string): boolean {
  return scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`) || s.split(' ').some((part) => part === prefix || part.startsWith(`${prefix}.`)));
}

function assertScope(prefix: string, text: string, scope: string) {
  const scopes = scopesOf(prefix, text);
  assert.ok(hasScope(scopes, scope), `${JSON.stringify(text)} should have ${scope}; has ${scopes.join(' ')}`);
}

/** Whether any token of the line starting `prefix` has the scope. */
function lineHasScope(prefix: string, scope: string): boolean {
  return lines[lineOf(prefix)].some((t) => hasScope(t.scopes, scope));
}

describe('the injection grammar in the front matter', () => {
  test('marks the title number, day, ordinal, month and year with numeric and constant scopes', () => {
    assertScope('title:', 'title', 'entity.name.tag.yaml');
    assertScope('title:', '512', 'constant.numeric.issue-number');
    assertScope('title:', '#', 'punctuation.definition.issue-number');
    assertScope('title:', '23', 'constant.numeric.date.day');
    assertScope('title:', 'October', 'support.constant.month');
    assertScope('title:', '2020', 'constant.numeric.date.year');
    assertScope('title:', '512', 'meta.embedded.block.frontmatter');
  });

  test('marks an ordinal that does not fit its day, and doubled spaces, as invalid', () => {
    assertScope('title:', 'th', 'invalid.illegal.ordinal');
    assertScope('title:', '  ', 'invalid.illegal.whitespace');
  });

  test('takes every day with its right ordinal as well formed, and the wrong ones as invalid', () => {
    const ordinalOf = (dayAndOrdinal: string) => {
      const tokens = tokenize(['---', `title: DEVOPS WEEKLY ISSUE \\#1 - ${dayAndOrdinal} March 2021`, '---'])[1];
      const suffix = dayAndOrdinal.replace(/^\d+/, '');
      const token = tokens.find((t) => t.text === suffix);
      assert.ok(token, `${dayAndOrdinal}: the ordinal is a token of its own`);
      return hasScope(token.scopes, 'invalid.illegal.ordinal') ? 'invalid' : hasScope(token.scopes, 'keyword.other.unit.ordinal') ? 'ordinal' : 'unmarked';
    };
    for (const good of ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '24th', '30th', '31st', '09th']) {
      assert.equal(ordinalOf(good), 'ordinal', good);
    }
    for (const wrong of ['23th', '29nd', '11st', '12nd', '13rd', '1th', '32nd', '0th']) {
      assert.equal(ordinalOf(wrong), 'invalid', wrong);
    }
  });

  test('marks the date field parts and leaves other keys to YAML', () => {
    assertScope('date:', '2020-10-23', 'constant.numeric.date');
    assertScope('date:', '09:30:00', 'constant.numeric.time');
    assertScope('date:', '+01:00', 'constant.numeric.offset');
    assert.ok(!lineHasScope('layout:', 'meta.date'));
    assert.ok(!lineHasScope('layout:', 'meta.title'));
  });
});

describe('the injection grammar in the body', () => {
  test('marks a link line: the <br> as a tag, the text as link text and the target as a link', () => {
    const line = '<br>[https://blog.example.org/post/]';
    assertScope(line, 'br', 'entity.name.tag.html');
    assertScope(line, '<', 'punctuation.definition.tag.begin.html');
    assertScope(line, 'https://blog.example.org/post/', 'meta.link.line.newsletter');
    const tokens = lines[lineOf(line)].filter((t) => t.text === 'https://blog.example.org/post/');
    assert.equal(tokens.length, 2);
    assert.ok(hasScope(tokens[0].scopes, 'string.other.link.title.markdown'));
    assert.ok(hasScope(tokens[1].scopes, 'markup.underline.link.markdown'));
    assert.ok(!lineHasScope(line, 'invalid'));
  });

  test('accepts URLs with parentheses, bare or in angle brackets, as well-formed link lines', () => {
    assert.ok(lineHasScope('<br>[https://example.org/wiki/Thing_(tool)]', 'meta.link.line.newsletter'));
    assert.ok(!lineHasScope('<br>[https://example.org/wiki/Thing_(tool)]', 'invalid'));
    assert.ok(lineHasScope('<br>[https://example.org/wiki/Other_(tool)]', 'meta.link.line.newsletter'));
    assert.ok(!lineHasScope('<br>[https://example.org/wiki/Other_(tool)]', 'invalid'));
  });

  test('marks each malformed link line as invalid: text and target differ, a ) missing or left over, no scheme, no link', () => {
    for (const prefix of [
      '<br>[https://a.example/x](https://a.example/y)',
      '<br>[https://b.example/Thing_(tool)](https://b.example/Thing_(tool)',
      '<br>[https://c.example/](https://c.example/))',
      '<br>[www.d.example/]',
      '<br>https://e.example/',
    ]) {
      assert.ok(lineHasScope(prefix, 'invalid.illegal.link-line.newsletter'), `${prefix} stands out`);
      assert.ok(!lineHasScope(prefix, 'meta.link.line.newsletter'), `${prefix} is not a well-formed link line`);
    }
  });

  test('marks a URL alone on its line as not linked', () => {
    assertScope('www.bare.example/page', 'www.bare.example/page', 'invalid.deprecated.bare-url');
  });

  test('marks the usual section names and a sponsor heading; Markdown keeps the underline as a heading', () => {
    assertScope('News', 'News', 'markup.heading.section.newsletter');
    assertScope('Acme sponsors Devops Weekly', 'Acme sponsors Devops Weekly', 'markup.heading.section.newsletter');
    assert.ok(lineHasScope('====', 'markup.heading'));
    assertScope('>From our sponsor', '>', 'invalid.deprecated.mail-escape');
    assertScope('>From our sponsor', 'From our sponsor, Example Corp', 'markup.heading.section.newsletter');
  });

  test('leaves ordinary prose, inline links and a <br> inside a sentence alone', () => {
    assert.ok(!lineHasScope('An intro with', 'newsletter'));
    assert.ok(!lineHasScope('A well-formed entry.', 'newsletter'));
  });

  test('does not touch link lines inside a fenced code block', () => {
    assert.ok(!lineHasScope('<br>[https://code.example/]', 'newsletter'));
  });
});

describe('the injection grammar in other formats', () => {
  /** Issues of our own in a Pelican-headed list format and a YAML link-heading format. */
  const OTHER_FORMATS = [
    'Title: Weekly Widgets 12',
    'Number: 12',
    'Date: 2024-03-17',
    '',
    '## Updates from Widget Community',
    '',
    '* [Widgets 2.0 is out](https://blog.widgets.example/2.0)',
    '* [video] [Talk: widgets at scale](https://videos.example/w) - a long read',
    '',
    '## Featured PRs',
    '',
    '### [#1234: widgets gain a knob](https://github.example/pr/1234)',
    '',
    'The knob turns. Thanks to [someone](https://people.example/x).',
    '',
    '## Events',
    '',
    '* Widget meetup in [Lisbon](https://meet.example/lis) on Friday',
  ];

  test('marks nothing of ours on well-formed lines of a list-style or link-heading issue', () => {
    const marked = tokenize(OTHER_FORMATS).flatMap((tokens, i) => tokens.filter((t) => t.scopes.some((s) => /\.newsletter\b/.test(s))).map((t) => `${i}: ${t.text}`));
    assert.deepEqual(marked, []);
  });
});
