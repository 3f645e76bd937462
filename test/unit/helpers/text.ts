import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IssueDocument, Range } from '../../../src/core/model';

/** The project root, found from this (bundled) test file's location. */
export const projectRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root not found');
    dir = parent;
  }
  return dir;
})();

export function fixture(...parts: string[]): string {
  return readFileSync(join(projectRoot, 'test', 'fixtures', ...parts), 'utf8');
}

export function fixturePath(...parts: string[]): string {
  return join(projectRoot, 'test', 'fixtures', ...parts);
}

/** The corpus folder (`../shared/corpus` or $NEWSLETTER_CORPUS), or undefined when absent. */
export function corpusDir(): string | undefined {
  const dir = process.env.NEWSLETTER_CORPUS ?? resolve(projectRoot, '..', 'shared', 'corpus');
  return existsSync(join(dir, 'posts')) ? dir : undefined;
}

export const CORPUS_MISSING = 'the corpus (../shared/corpus or $NEWSLETTER_CORPUS) is not present';

/** The text a range of the document covers. */
export function textAt(document: IssueDocument, range: Range): string {
  return document.text.slice(document.lines.offsetAt(range.start), document.lines.offsetAt(range.end));
}
