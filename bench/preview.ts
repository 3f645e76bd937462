/**
 * Preview latency (`npm run bench -- preview`): from a one-character edit to the new preview
 * content, for a typical issue (the median-sized one) and for the largest one, against the parse
 * alone (the baseline every feature pays) in the same process. "New preview content" is what the
 * extension does on an edit: parse the new text, render it with the preview's renderer (which
 * keeps the HTML of the blocks that did not change), and serialise the update message that
 * postMessage carries. Target (issue "Live newsletter preview"): well within 150 ms a typical issue.
 */
import { parseIssue } from '../src/core/parse/parseIssue';
import { IssueHtmlRenderer, layoutIssue } from '../src/core/render';
import { fmt, loadIssues, median, percentile } from './support';

const issues = loadIssues().sort((a, b) => a.text.length - b.text.length);
const typical = issues[Math.floor(issues.length / 2)];
const largest = issues[issues.length - 1];
const EDITS = 60;

function measure(sample: { name: string; text: string }): void {
  // Where an author types: in the middle of the description of the entry nearest the middle.
  const base = parseIssue(sample.text, sample.name);
  const entries = base.sections.flatMap((s) => s.entries).filter((e) => e.descriptionRange);
  const entry = entries[Math.floor(entries.length / 2)] ?? base.intro[0];
  const at = entry?.descriptionRange ? base.lines.offsetAt(entry.descriptionRange.start) + 5 : Math.floor(sample.text.length / 2);
  const edited = (i: number) => sample.text.slice(0, at) + String.fromCharCode(97 + (i % 26)) + String(i) + sample.text.slice(at);

  const renderer = new IssueHtmlRenderer();
  renderer.render(base); // the preview is open: every block is rendered once already
  for (let i = 0; i < 10; i++) {
    // warm-up for the JIT, on texts the timed loop does not reuse
    const doc = parseIssue(edited(1000 + i), sample.name);
    JSON.stringify(renderer.render(doc));
  }

  const parseOnly: number[] = [];
  const editToContent: number[] = [];
  const coldRender: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const text = edited(i);
    let start = performance.now();
    parseIssue(text, sample.name);
    parseOnly.push(performance.now() - start);

    start = performance.now();
    const document = parseIssue(text, sample.name);
    const rendered = renderer.render(document);
    JSON.stringify({ type: 'update', view: 'web', issue: rendered });
    editToContent.push(performance.now() - start);

    if (i % 6 === 0) {
      start = performance.now();
      layoutIssue(new IssueHtmlRenderer().render(document));
      coldRender.push(performance.now() - start);
    }
  }
  const ratio = median(editToContent) / median(parseOnly);
  console.log(`${sample.name} (${(sample.text.length / 1024).toFixed(1)} KiB, ${base.sections.reduce((n, s) => n + s.entries.length, 0)} entries)`);
  console.log(`  parse alone (baseline)        median ${fmt(median(parseOnly))}  p95 ${fmt(percentile(parseOnly, 95))}`);
  console.log(`  edit -> new preview content   median ${fmt(median(editToContent))}  p95 ${fmt(percentile(editToContent, 95))}  = ${ratio.toFixed(2)}x the parse`);
  console.log(`  render alone, nothing cached (first paint)  median ${fmt(median(coldRender))}`);
  console.log(`  budget: 150 ms per edit; the preview waits ${15} ms to coalesce keystrokes, so an edit shows after about ${fmt(15 + percentile(editToContent, 95))} (p95) plus the webview's DOM update`);
}

console.log(`preview benchmark (${EDITS} one-character edits per issue)`);
measure(typical);
measure(largest);
