import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseIssue, parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/workspace';
import type { Finding } from '../../src/core/model';
import { projectRoot } from './helpers/text';

/**
 * The scenario runner for test/fixtures/rules (see its README.md): every fixture states the
 * findings it must produce as `<!-- expect: code line:col-line:col -->` lines; nothing else may
 * be found.
 */
const FIXTURES = join(projectRoot, 'test', 'fixtures', 'rules');
const EXPECT = /^<!-- expect: (\S+) (\d+):(\d+)-(\d+):(\d+) -->[ \t]*$/;

interface Fixture {
  readonly path: string;
  readonly text: string;
  readonly expected: string[];
}

function loadFixture(path: string): Fixture {
  const raw = readFileSync(path, 'utf8');
  const expected: string[] = [];
  const lines = raw.split('\n').map((line) => {
    const match = EXPECT.exec(line);
    if (!match) return line;
    expected.push(`${match[1]} ${match[2]}:${match[3]}-${match[4]}:${match[5]}`);
    return '';
  });
  return { path, text: lines.join('\n'), expected: expected.sort() };
}

function describeFinding(f: Finding): string {
  return `${f.code} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.md') && name !== 'README.md').sort().map((name) => join(folder, name));
}

describe('rule fixtures checked one file at a time', () => {
  for (const path of markdownFiles(FIXTURES)) {
    test(`${relative(FIXTURES, path)} gets exactly the findings it states`, () => {
      const fixture = loadFixture(path);
      const document = parseIssue(fixture.text, path);
      const actual = runRules(document, { config: DEFAULT_CONFIG }).map(describeFinding).sort();
      assert.deepEqual(actual, fixture.expected);
    });
  }
});

describe('rule fixtures checked as one workspace', () => {
  const folder = join(FIXTURES, 'workspace', '_posts');
  const fixtures = existsSync(folder) ? markdownFiles(folder).map(loadFixture) : [];
  const index = new WorkspaceIndex(DEFAULT_CONFIG);
  for (const fixture of fixtures) index.update({ id: fixture.path, relativePath: relative(join(FIXTURES, 'workspace'), fixture.path) }, fixture.text);

  test('indexes every fixture of the workspace', () => {
    assert.equal(index.size, fixtures.length);
    assert.ok(fixtures.length >= 5);
  });

  for (const fixture of fixtures) {
    test(`workspace/_posts/${relative(folder, fixture.path)} gets exactly the findings it states`, () => {
      const document = parseIssue(fixture.text, fixture.path);
      const actual = runRules(document, { config: DEFAULT_CONFIG, workspace: index }).map(describeFinding).sort();
      assert.deepEqual(actual, fixture.expected);
    });
  }
});

describe('rule fixtures of other formats, checked one file at a time with their preset', () => {
  // formats/<preset>/*.md: issues written in that preset's format (list items, link headings, nesting).
  const root = join(FIXTURES, 'formats');
  const presets = existsSync(root) ? readdirSync(root).sort() : [];
  test('has fixtures for the list-style and the link-heading-style presets', () => {
    assert.ok(presets.includes('this-week-in-rust') && presets.includes('lwkd'), presets.join(', '));
  });
  for (const preset of presets) {
    const config = resolveConfig({ format: preset }).config;
    for (const path of markdownFiles(join(root, preset))) {
      test(`formats/${preset}/${relative(join(root, preset), path)} gets exactly the findings it states`, () => {
        const fixture = loadFixture(path);
        const actual = runRules(parseWithConfig(fixture.text, path, config), { config }).map(describeFinding).sort();
        assert.deepEqual(actual, fixture.expected);
      });
    }
  }
});
