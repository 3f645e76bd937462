/**
 * The rule set against the parse it runs on, and the workspace index over the whole archive.
 *
 * 1. On one typical issue (the corpus issue of median size) and then on every issue: the time of
 *    the whole rule set (with the workspace index, so the cross-issue rules run too) against the
 *    time of `parseIssue` on the same text, interleaved per issue. Target: rules add at most 30% to
 *    the parse (ratio rules / parse <= 0.30).
 * 2. The time to build the workspace index over the corpus from disk as `newsletter-desk check`
 *    does (list, read, parse, index), the same from texts already in memory, and one incremental
 *    update.
 */
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseIssue } from '../src/core/parse/parseIssue';
import { runRules } from '../src/core/rules/runner';
import { DEFAULT_CONFIG } from '../src/core/config';
import { InMemoryWorkspaceHost, WorkspaceIndex, buildWorkspaceIndex } from '../src/core/workspace';
import { indexReadFiles, readFoundFiles } from '../src/cli/workspace';
import { expandPaths } from '../src/cli/files';
import { fmt, loadIssues, median, percentile, projectRoot, timeBest } from './support';

const config = DEFAULT_CONFIG;
const issues = loadIssues();
const REPEAT = 9;

const index = new WorkspaceIndex(config);
for (const { name, text } of issues) index.update({ id: name, relativePath: `_posts/${name}` }, text);

// Warm up.
for (const { name, text } of issues.slice(0, 40)) runRules(parseIssue(text, name), { config, workspace: index });

const bySize = [...issues].sort((a, b) => a.text.length - b.text.length);
const typical = bySize[Math.floor(bySize.length / 2)];
const typicalDoc = parseIssue(typical.text, typical.name);
// A fresh document object on every run, as after each edit: what the rules derive once per
// document (its index entry) is then measured too, not served from the previous run.
const fresh = (document: ReturnType<typeof parseIssue>) => ({ ...document });
const parseTypical = timeBest(() => parseIssue(typical.text, typical.name), REPEAT * 5);
const rulesTypical = timeBest(() => runRules(fresh(typicalDoc), { config, workspace: index }), REPEAT * 5);
console.log(`rules benchmark (best of ${REPEAT * 5} runs)`);
console.log(`  typical issue ${typical.name} (${typical.text.length} characters, median size; ${runRules(typicalDoc, { config, workspace: index }).length} findings)`);
console.log(`    parseIssue        ${fmt(parseTypical)}`);
console.log(`    all rules         ${fmt(rulesTypical)}`);
console.log(`    rules / parse     ${(rulesTypical / parseTypical).toFixed(3)} (target <= 0.30)`);

const parses: number[] = [];
const rules: number[] = [];
for (const { name, text } of issues) {
  const document = parseIssue(text, name);
  parses.push(timeBest(() => parseIssue(text, name), REPEAT));
  rules.push(timeBest(() => runRules(fresh(document), { config, workspace: index }), REPEAT));
}
const ratios = rules.map((r, i) => r / parses[i]);
console.log(`  every issue (${issues.length}, best of ${REPEAT} runs each)`);
console.log(`    parseIssue        median ${fmt(median(parses))}  p95 ${fmt(percentile(parses, 95))}`);
console.log(`    all rules         median ${fmt(median(rules))}  p95 ${fmt(percentile(rules, 95))}`);
console.log(`    rules / parse     median of per-issue ratios ${median(ratios).toFixed(3)}, p95 ${percentile(ratios, 95).toFixed(3)} (target <= 0.30)`);

async function indexBenchmarks(): Promise<void> {
  const corpus = process.env.NEWSLETTER_CORPUS ?? resolve(projectRoot, '..', 'shared', 'corpus');
  const folder = existsSync(join(corpus, 'posts')) ? corpus : join(projectRoot, 'test', 'fixtures', 'rules', 'workspace');
  const fromDisk: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const built = indexReadFiles(readFoundFiles(expandPaths([folder], folder), config, folder), config);
    fromDisk.push(performance.now() - start);
    size = built.size;
  }
  const texts: Record<string, string> = {};
  for (const { name, text } of issues) texts[`_posts/${name}`] = text;
  const inMemory: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await buildWorkspaceIndex(new InMemoryWorkspaceHost(texts), config, { yieldEvery: 0 });
    inMemory.push(performance.now() - start);
  }
  const one = issues[Math.floor(issues.length / 2)];
  const update = timeBest(() => index.update({ id: one.name, relativePath: `_posts/${one.name}` }, one.text), REPEAT);
  console.log(`workspace index (best of 3 builds)`);
  console.log(`    from disk (${folder}): ${size} issues in ${fmt(Math.min(...fromDisk))} (${fmt(Math.min(...fromDisk) / Math.max(1, size))} per issue)`);
  console.log(`    from texts in memory:  ${fmt(Math.min(...inMemory))}`);
  console.log(`    one issue re-indexed after an edit: ${fmt(update)}`);
}

await indexBenchmarks();
