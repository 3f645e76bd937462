import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { projectRoot } from './helpers/text';
import { formatSnippets } from '../../src/core/snippets';
import { DEVOPS_WEEKLY, PRESETS } from '../../src/core/format/presets';

/**
 * The manifest (package.json `contributes`) against the source: every command is registered and
 * filed under "Newsletter", every setting explains itself, every snippet is valid snippet syntax
 * and inserts what an issue expects, the grammar file is where the manifest says.
 */
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes ?? {};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(projectRoot, dir, f));
}

/** Command ids passed to `registerCommand`, directly or through a `const X = 'id'` anywhere in src/. */
function registeredCommandIds(): Set<string> {
  const texts = sourceFiles('src').map((f) => readFileSync(f, 'utf8'));
  const constants = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(['"`])([\w.-]+)\2/g)) constants.set(m[1], m[3]);
  }
  const ids = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/registerCommand\(\s*(?:(['"`])([\w.-]+)\1|([A-Za-z_$][\w$.]*))/g)) {
      const id = m[2] ?? constants.get((m[3] ?? '').split('.').pop() ?? '');
      if (id) ids.add(id);
    }
  }
  return ids;
}

describe('the contributed commands', () => {
  const commands: { command: string; title: string; category?: string }[] = contributes.commands ?? [];

  test('include New Issue', () => {
    assert.ok(commands.some((c) => c.command === 'newsletter.newIssue' && c.title === 'New Issue'));
  });

  test('are each registered in the source with registerCommand', () => {
    const registered = registeredCommandIds();
    const missing = commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but never registered: ${missing.join(', ')}`);
  });

  test('are each listed under the category "Newsletter", with a title', () => {
    for (const c of commands) {
      assert.equal(c.category, 'Newsletter', `${c.command}: category`);
      assert.ok(c.title && c.title.trim().length > 0, `${c.command}: title`);
      assert.match(c.command, /^newsletter\.[a-z][A-Za-z]*$/, `${c.command}: id of the form newsletter.verbNoun`);
    }
  });
});

describe('the contributed settings', () => {
  const properties: Record<string, { description?: string; markdownDescription?: string; default?: unknown }> =
    contributes.configuration?.properties ?? {};

  test('each have a description and a default, under newsletter.*', () => {
    assert.ok(Object.keys(properties).length > 0);
    for (const [key, property] of Object.entries(properties)) {
      assert.match(key, /^newsletter\./, key);
      const description = property.markdownDescription ?? property.description ?? '';
      assert.ok(description.trim().length >= 20, `${key} has a description`);
      assert.ok('default' in property, `${key} has a default`);
    }
  });

  test('include the folder and interval that New Issue uses', () => {
    assert.equal(properties['newsletter.postsFolder']?.default, '_posts');
    assert.equal(properties['newsletter.publicationIntervalDays']?.default, 7);
  });
});

describe('the contributed grammar', () => {
  test('is an injection into Markdown whose file exists and names the same scope', () => {
    const grammars: { scopeName: string; path: string; injectTo?: string[] }[] = contributes.grammars ?? [];
    const ours = grammars.find((g) => g.scopeName === 'newsletter.injection');
    assert.ok(ours, 'the injection grammar is contributed');
    assert.deepEqual(ours.injectTo, ['text.html.markdown']);
    const grammar = JSON.parse(readFileSync(join(projectRoot, ours.path), 'utf8'));
    assert.equal(grammar.scopeName, ours.scopeName);
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown\b/);
  });
});

// ---------------------------------------------------------------------------------------------
// Snippets: a parser for VS Code's snippet syntax (TextMate-style: tabstops, placeholders,
// choices, variables with transforms, escapes), which also expands a snippet as the editor would
// with given tab stop values, so the result can be parsed as an issue.

const KNOWN_VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2020', CURRENT_YEAR_SHORT: '20', CURRENT_MONTH: '10', CURRENT_MONTH_NAME: 'October',
  CURRENT_MONTH_NAME_SHORT: 'Oct', CURRENT_DATE: '08', CURRENT_DAY_NAME: 'Thursday', CURRENT_DAY_NAME_SHORT: 'Thu',
  CURRENT_HOUR: '09', CURRENT_MINUTE: '30', CURRENT_SECOND: '05', CURRENT_SECONDS_UNIX: '1602149405',
  CURRENT_TIMEZONE_OFFSET: '+01:00', TM_SELECTED_TEXT: '', TM_CURRENT_LINE: '', TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0', TM_LINE_NUMBER: '1', TM_FILENAME: '2020-10-08-1.md', TM_FILENAME_BASE: '2020-10-08-1',
  TM_DIRECTORY: '_posts', TM_FILEPATH: '_posts/2020-10-08-1.md', CLIPBOARD: '', UUID: '0', RANDOM: '123456', RANDOM_HEX: 'abcdef',
  WORKSPACE_NAME: 'news', WORKSPACE_FOLDER: '/news', LINE_COMMENT: '', BLOCK_COMMENT_START: '', BLOCK_COMMENT_END: '',
};

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] | undefined; choices?: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: { regex: string; format: string; flags: string } };

class SnippetSyntaxError extends Error {}

function parseSnippet(body: string): SnippetNode[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new SnippetSyntaxError(`${why} at ${i} in ${JSON.stringify(body)}`);
  };
  const readInt = () => {
    const m = /^\d+/.exec(body.slice(i));
    if (!m) fail('expected a number');
    i += (m as RegExpExecArray)[0].length;
    return Number((m as RegExpExecArray)[0]);
  };
  const readUntil = (end: string, escapable: string) => {
    let out = '';
    while (i < body.length && body[i] !== end) {
      if (body[i] === '\\' && escapable.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else out += body[i++];
    }
    if (body[i] !== end) fail(`expected ${end}`);
    i++;
    return out;
  };
  const readTransform = () => {
    // after the opening '/': regex '/' format '/' flags '}'
    const regex = readUntil('/', '/');
    const format = readUntil('/', '/$}\\');
    const flags = /^[a-z]*/.exec(body.slice(i))?.[0] ?? '';
    i += flags.length;
    try {
      new RegExp(regex, flags);
    } catch {
      fail(`invalid transform regex ${regex}`);
    }
    return { regex, format, flags };
  };
  const parseSequence = (stopAtBrace: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && '$}\\'.includes(body[i + 1] ?? '')) {
        text += body[i + 1];
        i += 2;
      } else if (c === '}' && stopAtBrace) {
        flush();
        return nodes;
      } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
        flush();
        i++;
        nodes.push({ kind: 'tabstop', index: readInt(), children: undefined });
      } else if (c === '$' && /[A-Za-z_]/.test(body[i + 1] ?? '')) {
        flush();
        i++;
        const name = /^[A-Za-z_]\w*/.exec(body.slice(i))![0];
        i += name.length;
        nodes.push({ kind: 'variable', name });
      } else if (c === '$' && body[i + 1] === '{') {
        flush();
        i += 2;
        if (/\d/.test(body[i] ?? '')) {
          const index = readInt();
          if (body[i] === '}') {
            i++;
            nodes.push({ kind: 'tabstop', index, children: undefined });
          } else if (body[i] === ':') {
            i++;
            const children = parseSequence(true);
            if (body[i] !== '}') fail('unclosed placeholder');
            i++;
            nodes.push({ kind: 'tabstop', index, children });
          } else if (body[i] === '|') {
            i++;
            const raw = readUntil('|', ',|\\');
            if (body[i] !== '}') fail('expected } after a choice');
            i++;
            const choices = raw.split(',');
            if (choices.some((x) => x === '')) fail('empty choice');
            nodes.push({ kind: 'tabstop', index, children: [{ kind: 'text', value: choices[0] }], choices });
          } else fail('expected }, : or | after a tab stop number');
        } else {
          const m = /^[A-Za-z_]\w*/.exec(body.slice(i));
          if (!m) fail('expected a tab stop number or a variable name after ${');
          const name = (m as RegExpExecArray)[0];
          i += name.length;
          if (body[i] === '}') {
            i++;
            nodes.push({ kind: 'variable', name });
          } else if (body[i] === ':') {
            i++;
            const children = parseSequence(true);
            if (body[i] !== '}') fail('unclosed variable default');
            i++;
            nodes.push({ kind: 'variable', name, children });
          } else if (body[i] === '/') {
            i++;
            const transform = readTransform();
            if (body[i] !== '}') fail('expected } after a transform');
            i++;
            nodes.push({ kind: 'variable', name, transform });
          } else fail('expected }, : or / after a variable name');
        }
      } else {
        text += c;
        i++;
      }
    }
    if (stopAtBrace) fail('unclosed ${');
    flush();
    return nodes;
  };
  return parseSequence(false);
}

/** Every tab stop's default text, and the checks VS Code's behaviour relies on. */
function tabstopsOf(nodes: SnippetNode[], out = new Map<number, SnippetNode[]>()): Map<number, SnippetNode[]> {
  for (const node of nodes) {
    if (node.kind === 'tabstop') {
      if (node.children) {
        assert.ok(!out.has(node.index), `tab stop ${node.index} has one placeholder (others mirror it)`);
        out.set(node.index, node.children);
        tabstopsOf(node.children, out);
      }
    } else if (node.kind === 'variable') {
      assert.ok(node.name in KNOWN_VARIABLES, `unknown snippet variable ${node.name} (VS Code would insert its name)`);
      if (node.children) tabstopsOf(node.children, out);
    }
  }
  return out;
}

/** The text the editor inserts when the tab stops are given `values` (others keep their defaults). */
function expandSnippet(nodes: SnippetNode[], values: Record<number, string> = {}): string {
  const defaults = tabstopsOf(nodes);
  const expand = (list: SnippetNode[]): string =>
    list.map((node) => {
      if (node.kind === 'text') return node.value;
      if (node.kind === 'tabstop') {
        if (node.index in values) return values[node.index];
        const content = node.children ?? defaults.get(node.index);
        return content ? expand(content) : '';
      }
      const value = KNOWN_VARIABLES[node.name];
      if (node.transform) {
        const { regex, format, flags } = node.transform;
        return value.replace(new RegExp(regex, flags), (...groups) => format.replace(/\$(\d+)/g, (_, n) => String(groups[Number(n)] ?? '')));
      }
      return value !== '' ? value : node.children ? expand(node.children) : '';
    }).join('');
  return expand(nodes);
}

describe('the snippets', () => {
  const contributed: { language: string; path: string }[] = contributes.snippets ?? [];
  const ours = contributed.find((s) => s.path === './snippets/newsletter.code-snippets');
  const snippets: Record<string, { prefix: string; description: string; body: string | string[] }> = ours
    ? JSON.parse(readFileSync(join(projectRoot, ours.path), 'utf8'))
    : {};
  /** The format snippets the completion provider offers for DevOps Weekly. */
  const devops = formatSnippets(DEVOPS_WEEKLY);
  const bodyOf = (name: string) => {
    const body = devops[name]?.body;
    assert.ok(body !== undefined, `snippet ${name}`);
    return body;
  };
  const checkAll = (all: Record<string, { prefix: string; description: string; body: string | string[] }>, label: string) => {
    for (const [name, snippet] of Object.entries(all)) {
      assert.ok(typeof snippet.prefix === 'string' && /^[a-z]+$/.test(snippet.prefix), `${label} ${name}: a one-word prefix`);
      assert.ok(snippet.description?.length > 10, `${label} ${name}: a description`);
      const nodes = parseSnippet(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
      tabstopsOf(nodes);
    }
    const prefixes = Object.values(all).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, `${label}: prefixes are distinct`);
  };

  test('are contributed for Markdown', () => {
    assert.equal(ours?.language, 'markdown');
    assert.ok(existsSync(join(projectRoot, 'snippets', 'newsletter.code-snippets')));
  });

  test('each parse as snippet syntax, with a prefix, a description and consistent tab stops', () => {
    assert.ok(Object.keys(snippets).length >= 1);
    checkAll(snippets, 'static');
    // None with a prefix of the Markdown extension's own snippets: the list would show it twice.
    for (const builtIn of ['link', 'image', 'bold', 'italic', 'quote', 'code', 'heading']) {
      assert.ok(!Object.values(snippets).some((s) => s.prefix === builtIn), `no static snippet \`${builtIn}\``);
    }
    for (const [name, profile] of Object.entries(PRESETS)) {
      const all = formatSnippets(profile);
      assert.ok(Object.keys(all).length >= 4, `${name}: the format snippets`);
      checkAll(all, name);
    }
  });

  test('the static file keeps only what holds for every format: no link line, no setext underline, no front matter', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      assert.doesNotMatch(body, /<br>|^=+$|^---$|^#/m, name);
    }
  });

  test('the snippet checker itself rejects broken bodies', () => {
    for (const broken of ['${1:unclosed', '${FOO}', '${1|a,,b|}', '${2:x} ${2:y}', '${1/(/x/}']) {
      assert.throws(() => tabstopsOf(parseSnippet(broken)), `${broken} is rejected`);
    }
  });

  test('the entry inserts a description and a link line whose text and target are the URL typed once', () => {
    const inserted = expandSnippet(parseSnippet(bodyOf('Newsletter entry')), { 1: 'Why this post is worth reading.', 2: 'https://blog.example.org/post/' });
    const issue = parseIssue(`News\n====\n\n${inserted}\n`);
    const entry = issue.sections[0].entries[0];
    assert.equal(issue.sections[0].entries.length, 1);
    assert.equal(entry.description, 'Why this post is worth reading.');
    assert.deepEqual(entry.links.map((l) => [l.isLinkLine, l.text, l.target]), [[true, 'https://blog.example.org/post/', 'https://blog.example.org/post/']]);
  });

  test('the link line adds a second link line to the entry above', () => {
    const line = expandSnippet(parseSnippet(bodyOf('Newsletter link line')), { 1: 'https://a.example/2' });
    const issue = parseIssue(`News\n====\n\nTwo pages.\n<br>[https://a.example/1](https://a.example/1)\n${line}\n`);
    assert.deepEqual(issue.sections[0].entries[0].links.map((l) => [l.isLinkLine, l.target]), [[true, 'https://a.example/1'], [true, 'https://a.example/2']]);
  });

  test('each section snippet makes a heading of its kind', () => {
    const expected: [string, string][] = [
      ['Newsletter Sponsor section', 'sponsor'],
      ['Newsletter News section', 'news'],
      ['Newsletter Tools section', 'tools'],
      ['Newsletter Events section', 'events'],
      ['Newsletter Jobs section', 'jobs'],
      ['Newsletter sponsor block', 'sponsor'],
    ];
    for (const [name, kind] of expected) {
      const issue = parseIssue(`Intro.\n\n\n${expandSnippet(parseSnippet(bodyOf(name)))}\n`);
      assert.deepEqual(issue.sections.map((s) => s.kind), [kind], name);
    }
    const block = parseIssue(expandSnippet(parseSnippet(bodyOf('Newsletter sponsor block')), { 1: 'Acme', 2: 'Devops Weekly', 4: 'https://acme.example/' }));
    assert.equal(block.sections[0].name, 'Acme sponsors Devops Weekly');
    assert.equal(block.sections[0].entries[0].links[0]?.target, 'https://acme.example/');
  });

  test('the issue skeleton parses as an issue with a numbered, dated title and the usual sections', () => {
    const text = expandSnippet(parseSnippet(bodyOf('Newsletter issue')), { 1: '512', 3: 'th' });
    const issue = parseIssue(text);
    assert.deepEqual(issue.parseFindings, []);
    assert.equal(issue.title?.number?.value, 512);
    assert.equal(issue.title?.day?.value, 8, 'the day comes from the current date without its leading zero');
    assert.equal(issue.title?.month?.value, 10);
    assert.deepEqual(issue.date?.calendar, { year: 2020, month: 10, day: 8 });
    assert.equal(issue.date?.raw, '2020-10-08T09:30:05+01:00');
    assert.deepEqual(issue.sections.map((s) => s.kind), ['sponsor', 'news', 'tools']);
    for (const section of issue.sections) {
      assert.equal(section.entries.length, 1);
      assert.ok(section.entries[0].links.every((l) => l.isLinkLine && l.text === l.target));
    }
  });
});
