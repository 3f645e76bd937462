/**
 * Preview latency (`npm run bench -- preview`): from a one-character edit to the new preview
 * content, for a typical issue (the median-sized one) and for the largest one, against the parse
 * alone (the baseline every feature pays) in the same process. "New preview content" is what the
 * extension does on an edit: parse the new text, run the renderer rules for the marks of where the
 * site differs, render it with the preview's renderer (which keeps the HTML of the blocks that did
 * not change), and serialise the update message that
 * postMessage carries. Target (issue "Live newsletter preview"): well within 150 ms a typical issue.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseWithConfig } from '../src/core/parse/parseIssue';
import { resolveConfig, type NewsletterConfig } from '../src/core/config';
import { IssueHtmlRenderer, layoutIssue } from '../src/core/render';
import { siteMarksOf } from '../src/core/rules/siteMarks';
import { buildPreviewDocument, createNonce } from '../src/vscode/previewDocument';
import { fmt, loadIssues, median, percentile, projectRoot } from './support';

const issues = loadIssues().sort((a, b) => a.text.length - b.text.length);
const typical = issues[Math.floor(issues.length / 2)];
const largest = issues[issues.length - 1];
const EDITS = 60;

interface Measured {
  readonly messages: string[];
  readonly first: string;
  readonly extensionP95: number;
}

function measure(sample: { name: string; text: string }, config: NewsletterConfig = resolveConfig().config): Measured {
  const parseIssue = (text: string, name: string) => parseWithConfig(text, name, config);
  // Where an author types: in the middle of the description of the entry nearest the middle.
  const base = parseIssue(sample.text, sample.name);
  const entries = base.sections.flatMap((s) => s.entries).filter((e) => e.descriptionRange);
  const entry = entries[Math.floor(entries.length / 2)] ?? base.intro[0];
  const at = entry?.descriptionRange ? base.lines.offsetAt(entry.descriptionRange.start) + 5 : Math.floor(sample.text.length / 2);
  const edited = (i: number) => sample.text.slice(0, at) + String.fromCharCode(97 + (i % 26)) + String(i) + sample.text.slice(at);

  const renderer = new IssueHtmlRenderer({ profile: config.format });
  renderer.render(base, siteMarksOf(base, config)); // the preview is open: every block is rendered once already
  for (let i = 0; i < 10; i++) {
    // warm-up for the JIT, on texts the timed loop does not reuse
    const doc = parseIssue(edited(1000 + i), sample.name);
    JSON.stringify(renderer.render(doc, siteMarksOf(doc, config)));
  }

  const parseOnly: number[] = [];
  const editToContent: number[] = [];
  const coldRender: number[] = [];
  const messages: string[] = [];
  for (let i = 0; i < EDITS; i++) {
    const text = edited(i);
    let start = performance.now();
    parseIssue(text, sample.name);
    parseOnly.push(performance.now() - start);

    start = performance.now();
    const document = parseIssue(text, sample.name);
    // With the marks of where the site differs: the renderer rules run on every update.
    const rendered = renderer.render(document, siteMarksOf(document, config));
    const message = JSON.stringify({ type: 'update', resource: 'file:///bench.md', title: 'bench', locked: false, view: 'web', issue: rendered });
    editToContent.push(performance.now() - start);
    messages.push(message);

    if (i % 6 === 0) {
      start = performance.now();
      layoutIssue(new IssueHtmlRenderer({ profile: config.format }).render(document));
      coldRender.push(performance.now() - start);
    }
  }
  const ratio = median(editToContent) / median(parseOnly);
  console.log(`${sample.name} (${(sample.text.length / 1024).toFixed(1)} KiB, ${base.sections.reduce((n, s) => n + s.entries.length, 0)} entries, ${base.sections.length} sections)`);
  console.log(`  parse alone (baseline)        median ${fmt(median(parseOnly))}  p95 ${fmt(percentile(parseOnly, 95))}`);
  console.log(`  edit -> new preview content   median ${fmt(median(editToContent))}  p95 ${fmt(percentile(editToContent, 95))}  = ${ratio.toFixed(2)}x the parse`);
  console.log(`  render alone, nothing cached (first paint)  median ${fmt(median(coldRender))}`);
  const first = buildPreviewDocument({
    cspSource: ORIGIN, nonce: createNonce(), scriptUri: `${ORIGIN}/preview.js`, styleUri: `${ORIGIN}/preview.css`,
    title: 'bench', view: 'web', issue: new IssueHtmlRenderer({ profile: config.format }).render(base),
  });
  return { messages, first, extensionP95: percentile(editToContent, 95) };
}

const ORIGIN = 'http://webview.test';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The webview's side, in headless Chromium with the real preview script: from the update
 * message to the next frame after the DOM was updated (layout and style included).
 */
async function measureWebview(label: string, measured: Measured): Promise<void> {
  const playwright = await import('playwright-core').catch(() => undefined);
  const script = join(projectRoot, 'dist', 'webview', 'preview.js');
  if (!playwright || !existsSync(CHROMIUM) || !existsSync(script)) {
    console.log(`  webview update: skipped (needs playwright-core, ${CHROMIUM} and a built dist/webview/preview.js)`);
    return;
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'nl-bench-'));
  const context = await playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: measured.first });
      if (url.endsWith('/preview.js')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(script, 'utf8') });
      if (url.endsWith('/preview.css')) return route.fulfill({ contentType: 'text/css', body: readFileSync(join(projectRoot, 'media', 'preview.css'), 'utf8') });
      return route.abort();
    });
    await page.addInitScript(() => {
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });
    });
    await page.goto(`${ORIGIN}/`);
    const times: number[] = [];
    for (const message of measured.messages) {
      times.push(await page.evaluate(async (json) => {
        const start = performance.now();
        window.postMessage(JSON.parse(json), '*');
        await new Promise((resolve) => setTimeout(resolve, 0)); // the message handler has run
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))); // and a frame was drawn
        return performance.now() - start;
      }, message));
    }
    const steady = times.slice(5);
    console.log(`  webview update (message -> next frame)  median ${fmt(median(steady))}  p95 ${fmt(percentile(steady, 95))}`);
    const total = 15 + measured.extensionP95 + percentile(steady, 95);
    console.log(`  ${label}: edit -> updated preview, p95 total about ${fmt(total)} (15 ms coalescing + extension p95 + webview p95); budget 150 ms`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

console.log(`preview benchmark (${EDITS} one-character edits per issue)`);
const typicalRun = measure(typical);
await measureWebview('typical issue', typicalRun);
const largestRun = measure(largest);
await measureWebview('largest issue', largestRun);

// A list-style newsletter with nested sections (This Week in Rust, its preset), when the corpus has it.
const twirDir = resolve(projectRoot, '..', 'shared', 'corpus', 'this-week-in-rust', 'content');
if (existsSync(twirDir)) {
  const twir = readdirSync(twirDir).filter((f) => /\.(md|markdown)$/.test(f)).map((name) => ({ name, text: readFileSync(join(twirDir, name), 'utf8') }))
    .sort((a, b) => a.text.length - b.text.length);
  const config = resolveConfig({ format: 'this-week-in-rust' }).config;
  console.log(`this-week-in-rust: ${twir.length} issues`);
  await measureWebview('typical This Week in Rust issue', measure(twir[Math.floor(twir.length / 2)], config));
  await measureWebview('largest This Week in Rust issue', measure(twir[twir.length - 1], config));
}
