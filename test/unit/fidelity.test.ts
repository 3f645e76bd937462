/**
 * Fidelity against the real archive (`../shared/corpus`, skipped when absent):
 * - the email view (plain text) against the mails that were actually sent;
 * - the web view against kramdown, the archive site's renderer (Debian `ruby-kramdown`, skipped
 *   when Ruby cannot load it).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { IssueHtmlRenderer, layoutIssue, renderPlainText } from '../../src/core/render';
import { projectRoot } from './helpers/text';

const corpus = process.env.NEWSLETTER_CORPUS ?? resolve(projectRoot, '..', 'shared', 'corpus');
const hasCorpus = existsSync(join(corpus, 'posts')) && existsSync(join(corpus, 'originals'));
const CORPUS_MISSING = 'the corpus (../shared/corpus or $NEWSLETTER_CORPUS) is not present';

function posts(): { file: string; number: string; path: string }[] {
  return readdirSync(join(corpus, 'posts'))
    .filter((f) => /-\d+\.md$/.test(f))
    .sort()
    .map((file) => ({ file, number: /-(\d+)\.md$/.exec(file)?.[1] ?? '', path: join(corpus, 'posts', file) }));
}

/** Quoted-printable body of a `.mail.txt`: two header lines and a blank line, then `=XX` bytes (UTF-8) and `=\n` soft breaks. */
export function decodeMail(raw: string): string {
  const lines = raw.split(/\r?\n/);
  const body = lines.slice(3).join('\n').replace(/=\n/g, '');
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const hex = body.slice(i + 1, i + 3);
    if (body[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = body.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(code);
      if (char.length === 2) i++;
      bytes.push(...encoder.encode(char));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The standard footer: the last paragraph that the most mails end with. */
function standardFooter(mails: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const mail of mails) {
    const paragraphs = mail.trim().split(/\n[ \t]*\n/);
    const last = paragraphs[paragraphs.length - 1].trim();
    counts.set(last, (counts.get(last) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/** Where two normalised texts first differ, with some context, for the failure message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `ours: …${a.slice(Math.max(0, i - 50), i + 60)}…\n      mail: …${b.slice(Math.max(0, i - 50), i + 60)}…`;
}

describe('plain-text fidelity against the mails that were sent', { skip: hasCorpus ? false : CORPUS_MISSING }, () => {
  test('decodes quoted-printable soft breaks and UTF-8 bytes', () => {
    assert.equal(decodeMail('Subject: x\nDate: y\n\nIt=E2=80=99s a lo=\nng line =3D 1\n'), 'It\u2019s a long line = 1\n');
  });

  test('the email rendering with the standard footer equals every original mail, whitespace aside', () => {
    const items = posts().filter((p) => existsSync(join(corpus, 'originals', `${p.number}.mail.txt`)));
    const mails = new Map(items.map((p) => [p.number, decodeMail(readFileSync(join(corpus, 'originals', `${p.number}.mail.txt`), 'utf8'))]));
    const footer = standardFooter([...mails.values()]);
    assert.ok(footer.length > 40, 'a standard footer paragraph is found in the originals');
    const mismatches: string[] = [];
    for (const post of items) {
      const ours = normalise(renderPlainText(parseIssue(readFileSync(post.path, 'utf8'), post.file), { footer }));
      const mail = normalise(mails.get(post.number) ?? '');
      if (ours !== mail) mismatches.push(`#${post.number}: ${firstDifference(ours, mail)}`);
    }
    console.log(`plain text: ${items.length - mismatches.length} of ${items.length} issues equal their original mail`);
    // Known exceptions would be listed here with their reason; there are none.
    assert.deepEqual(mismatches, [], `${mismatches.length} mails differ:\n${mismatches.join('\n')}`);
  });
});

// --- Web view against kramdown ----------------------------------------------------------------

const RUBY_KRAMDOWN = (() => {
  const probe = spawnSync('ruby', ['-e', 'require "kramdown"; print Kramdown::VERSION'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout : undefined;
})();

/**
 * kramdown over the body of each post (front matter removed, as Jekyll does), in one Ruby process:
 * JSON `{file: html}` on stdout.
 */
function kramdownAll(paths: readonly string[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'nl-kramdown-'));
  try {
    const list = join(dir, 'files.txt');
    writeFileSync(list, paths.join('\n'));
    const script = `
      require "kramdown"; require "json"
      out = {}
      File.read(ARGV[0]).split("\\n").each do |path|
        text = File.read(path, encoding: "UTF-8")
        body = text.sub(/\\A---\\s*\\n.*?\\n---[ \\t]*\\n/m, "")
        out[path] = Kramdown::Document.new(body).to_html
      end
      print JSON.generate(out)`;
    const result = spawnSync('ruby', ['-e', script, list], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`kramdown failed: ${result.stderr}`);
    return new Map(Object.entries(JSON.parse(result.stdout) as Record<string, string>));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Outline {
  readonly headings: string[];
  readonly paragraphs: string[];
  readonly links: string[];
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function decodeSafely(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Issues where the web view differs from kramdown on purpose: kramdown reads syntax that
 * CommonMark (and so the preview, the linter and every other Markdown tool the authors use) does
 * not. The preview shows the CommonMark reading, which is what the rules check.
 */
const EXPLAINED: Readonly<Record<string, string>> = {
  '158': 'a paragraph starts `#ChefConf`: kramdown makes a heading of `#` without a space, CommonMark a paragraph',
  '168': 'a paragraph starts `#ChefConf`: kramdown makes a heading of `#` without a space, CommonMark a paragraph',
  '394': 'a line with `|` (`Title | date, place`): kramdown makes a one-row table of it, CommonMark a paragraph',
  '396': 'a line with `|`: kramdown table row, CommonMark paragraph',
  '397': 'a line with `|`: kramdown table row, CommonMark paragraph',
  '399': 'a line with `|`: kramdown table row, CommonMark paragraph',
  '403': 'a line with `|`: kramdown table row, CommonMark paragraph',
  '404': 'a line with `|`: kramdown table row, CommonMark paragraph',
};

/** Headings, paragraph texts and link targets of an HTML fragment, in document order. */
function outlineOf(html: string): Outline {
  const tree: Root = fromHtml(html, { fragment: true });
  const out: Outline = { headings: [], paragraphs: [], links: [] };
  const visit = (node: Nodes) => {
    if (node.type === 'element') {
      const el = node as Element;
      if (el.tagName === 'header' && String(el.properties.className ?? '').includes('nl-masthead')) return;
      if (/^h[1-6]$/.test(el.tagName)) out.headings.push(normalise(textOf(el)));
      if (el.tagName === 'p') out.paragraphs.push(normalise(textOf(el)));
      // The same target written with or without percent-encoding (`"` and `%22`) is the same link.
      if (el.tagName === 'a' && el.properties.href !== undefined) out.links.push(decodeSafely(String(el.properties.href)));
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return out;
}

describe('web fidelity against kramdown, the archive site\'s renderer', { skip: !hasCorpus ? CORPUS_MISSING : RUBY_KRAMDOWN ? false : 'Ruby with kramdown (Debian ruby-kramdown) is not installed' }, () => {
  test('every issue has the same headings, paragraph texts and link targets in the same order', () => {
    const items = posts();
    const kramdown = kramdownAll(items.map((p) => p.path));
    const renderer = new IssueHtmlRenderer();
    const differences: string[] = [];
    for (const post of items) {
      const ours = outlineOf(layoutIssue(renderer.render(parseIssue(readFileSync(post.path, 'utf8'), post.file))));
      const theirs = outlineOf(kramdown.get(post.path) ?? '');
      for (const part of ['headings', 'paragraphs', 'links'] as const) {
        const a = ours[part];
        const b = theirs[part];
        if (JSON.stringify(a) === JSON.stringify(b)) continue;
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        differences.push(`#${post.number} ${part}[${i}] (${a.length} vs ${b.length}):\n  ours:     ${(a[i] ?? '(none)').slice(0, 160)}\n  kramdown: ${(b[i] ?? '(none)').slice(0, 160)}`);
      }
    }
    const differing = new Set(differences.map((d) => d.slice(1, d.indexOf(' '))));
    console.log(`web (kramdown ${RUBY_KRAMDOWN}): ${items.length - differing.size} of ${items.length} issues match`);
    for (const number of [...differing].filter((n) => EXPLAINED[n])) console.log(`  #${number} differs as explained: ${EXPLAINED[number]}`);
    const unexplained = differences.filter((d) => !EXPLAINED[d.slice(1, d.indexOf(' '))]);
    assert.deepEqual(unexplained, [], `${unexplained.length} unexplained differences:\n${unexplained.join('\n')}`);
  });
});
