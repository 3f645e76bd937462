/**
 * parseIssue against bare remark (`unified().use(remarkParse).parse`) on the same texts, in one
 * process, interleaved per issue so that both see the same machine load. Prints per-issue median
 * and p95 of each, and their ratio (target: at most 1.3), for DevOps Weekly (or our fixtures when
 * the corpus is absent) and, when the corpus holds them, This Week in Rust and LWKD with their presets.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseIssue } from '../src/core/parse/parseIssue';
import type { FormatProfile } from '../src/core/format/profile';
import { DEFAULT_PROFILE, LWKD, THIS_WEEK_IN_RUST } from '../src/core/format/presets';
import { fmt, loadCorpusIssues, loadIssues, median, percentile, timeBest, type Sample } from './support';

const remark = unified().use(remarkParse);
const REPEAT = 7;

function bench(label: string, issues: readonly Sample[], profile: FormatProfile): void {
  // Warm up both paths so the JIT has seen them.
  for (const { text, name } of issues.slice(0, 40)) {
    parseIssue(text, name, { profile });
    remark.parse(text);
  }
  const ours: number[] = [];
  const bare: number[] = [];
  for (const { text, name } of issues) {
    bare.push(timeBest(() => remark.parse(text), REPEAT));
    ours.push(timeBest(() => parseIssue(text, name, { profile }), REPEAT));
  }
  const ratio = median(ours) / median(bare);
  const ratioP95 = percentile(ours, 95) / percentile(bare, 95);
  const perIssueRatios = ours.map((t, i) => t / bare[i]);
  console.log(`${label}: ${issues.length} issues (best of ${REPEAT} runs per issue)`);
  console.log(`  bare remark parse  median ${fmt(median(bare))}  p95 ${fmt(percentile(bare, 95))}`);
  console.log(`  parseIssue         median ${fmt(median(ours))}  p95 ${fmt(percentile(ours, 95))}`);
  console.log(`  ratio parseIssue / remark: median ${ratio.toFixed(3)}, p95 ${ratioP95.toFixed(3)}, median of per-issue ratios ${median(perIssueRatios).toFixed(3)} (target <= 1.3)`);
}

bench('devops-weekly', loadIssues(), DEFAULT_PROFILE);
for (const [label, folder, profile] of [['this-week-in-rust', 'this-week-in-rust/content', THIS_WEEK_IN_RUST], ['lwkd', 'lwkd/_posts', LWKD]] as const) {
  const issues = loadCorpusIssues(folder);
  if (issues) bench(label, issues, profile);
  else console.log(`${label}: corpus absent, skipped`);
}
