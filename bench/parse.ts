/**
 * parseIssue against bare remark (`unified().use(remarkParse).parse`) on the same texts, in one
 * process, interleaved per issue so that both see the same machine load. Prints per-issue median
 * and p95 of each, and their ratio (target: at most 1.3).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseIssue } from '../src/core/parse/parseIssue';
import { fmt, loadIssues, median, percentile, timeBest } from './support';

const issues = loadIssues();
const remark = unified().use(remarkParse);
const REPEAT = 7;

// Warm up both paths so the JIT has seen them.
for (const { text, name } of issues.slice(0, 40)) {
  parseIssue(text, name);
  remark.parse(text);
}

const ours: number[] = [];
const bare: number[] = [];
for (const { text, name } of issues) {
  bare.push(timeBest(() => remark.parse(text), REPEAT));
  ours.push(timeBest(() => parseIssue(text, name), REPEAT));
}

const ratio = median(ours) / median(bare);
const ratioP95 = percentile(ours, 95) / percentile(bare, 95);
const perIssueRatios = ours.map((t, i) => t / bare[i]);
console.log('parse benchmark (best of %d runs per issue)', REPEAT);
console.log(`  bare remark parse  median ${fmt(median(bare))}  p95 ${fmt(percentile(bare, 95))}`);
console.log(`  parseIssue         median ${fmt(median(ours))}  p95 ${fmt(percentile(ours, 95))}`);
console.log(`  ratio parseIssue / remark: median ${ratio.toFixed(3)}, p95 ${ratioP95.toFixed(3)}, median of per-issue ratios ${median(perIssueRatios).toFixed(3)} (target <= 1.3)`);
