import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../test/unit/helpers/text';

/** The project root, found from this (bundled) file's location: the tests' own search. */
export { projectRoot };

export interface Sample {
  readonly name: string;
  readonly text: string;
}

/** The corpus issues when present, else our own fixtures; says which on stdout. */
export function loadIssues(): Sample[] {
  const corpus = process.env.NEWSLETTER_CORPUS ?? resolve(projectRoot, '..', 'shared', 'corpus');
  const posts = join(corpus, 'posts');
  const dir = existsSync(posts) ? posts : join(projectRoot, 'test', 'fixtures', 'parse');
  const names = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  console.log(`inputs: ${names.length} issues from ${existsSync(posts) ? 'the corpus' : 'test/fixtures/parse (corpus absent)'}`);
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The issues of one newsletter of the corpus (`this-week-in-rust/content`, `lwkd/_posts`), or
 * undefined when that corpus is absent. Markdown files in the folder and its subfolders.
 */
export function loadCorpusIssues(relative: string): Sample[] | undefined {
  const corpus = process.env.NEWSLETTER_CORPUS ?? resolve(projectRoot, '..', 'shared', 'corpus');
  const dir = join(corpus, relative);
  if (!existsSync(dir)) return undefined;
  const names = readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(md|markdown)$/.test(f)).sort();
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Milliseconds one call takes, as the best of `repeat` runs (the least disturbed by the machine). */
export function timeBest(fn: () => unknown, repeat: number): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
