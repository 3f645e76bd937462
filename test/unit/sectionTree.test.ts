import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { resolveConfig } from '../../src/core/config';
import { sectionTree, type SectionNode } from '../../src/core/sectionTree';
import type { Section } from '../../src/core/model';
import { projectRoot } from './helpers/text';

const names = (nodes: readonly SectionNode[]): unknown[] => nodes.map((n) => (n.children.length > 0 ? [n.section.name, names(n.children)] : n.section.name));

describe('sectionTree', () => {
  test('nests the flat sections of a nested format by their parent, in document order', () => {
    const text = 'Title: Digest 3\nNumber: 3\nDate: 2024-01-03\n\n# One\n\n## One A\n\n### One A i\n\n## One B\n\n# Two\n\n## Two A\n';
    const document = parseWithConfig(text, '2024-01-03-digest.md', resolveConfig({ format: 'this-week-in-rust' }).config);
    assert.deepEqual(names(sectionTree(document)), [['One', [['One A', ['One A i']], 'One B']], ['Two', ['Two A']]]);
    const [one] = sectionTree(document);
    assert.equal(document.sections[one.children[1].index].name, 'One B');
  });

  test('every section exactly once, even with a parent index that does not come before it', () => {
    const section = (name: string, parent?: number) => ({ name, parent }) as unknown as Section;
    const tree = sectionTree({ sections: [section('a'), section('b', 0), section('c', 5), section('d', 3), section('e', 1)] });
    assert.deepEqual(names(tree), [['a', [['b', ['e']]]], 'c', 'd']);
  });
});

describe('the CLI modules', () => {
  test('no command imports main (the one args module breaks the main <-> new cycle)', () => {
    const folder = join(projectRoot, 'src', 'cli');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && !['bin.ts', 'main.ts', 'args.ts'].includes(f))) {
      const text = readFileSync(join(folder, file), 'utf8');
      assert.doesNotMatch(text, /from '\.\/main'/, file);
      assert.doesNotMatch(text, /from 'node:util'/, `${file} parses its arguments through args.ts`);
    }
  });
});
