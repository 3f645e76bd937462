import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import picomatch from 'picomatch';
import { resolveConfig, type NewsletterConfig } from '../../src/core/config';
import type { Entry, Finding, IssueDocument } from '../../src/core/model';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { runRules } from '../../src/core/rules/runner';
import { WorkspaceIndex } from '../../src/core/workspace';
import { CORPUS_MISSING, corpusDir, projectRoot } from './helpers/text';

/**
 * This Week in Rust and LWKD with their presets. The expectations come from the test's own line
 * scans of the raw text (the header's lines, the list items at column 0, the link headings), never
 * from the parser; each corpus file is read once.
 */
const corpus = corpusDir();

interface CorpusFile {
  /** Relative to the newsletter's folder (`content/x.md`), `/`-separated. */
  readonly relativePath: string;
  readonly text: string;
}

/** Every Markdown file under `dir`, relative to it (the `fixes/` history aside). */
function markdownFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (path !== 'fixes') out.push(...markdownFiles(root, path));
    } else if (/\.(md|markdown)$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out.sort();
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface ScannedHeader {
  readonly title?: string;
  readonly number?: number;
  /** YYYY-MM-DD of the date field. */
  readonly date?: string;
  /** YYYY-MM-DD the title names, if it names one (`Week Ending March 4, 2018`). */
  readonly titleDay?: string;
}

const pad = (n: number | string) => String(n).padStart(2, '0');

/** The header's lines, read by hand: Pelican `Key: value` up to the first blank line, or YAML between `---` fences. */
function scanHeader(text: string, kind: 'pelican' | 'yaml', titleHasNumber: boolean): ScannedHeader {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fields = new Map<string, string>();
  if (kind === 'pelican') {
    for (const line of lines) {
      if (line.trim() === '') break;
      const m = /^([A-Za-z]+):\s*(.*?)\s*$/.exec(line);
      if (m) fields.set(m[1].toLowerCase(), m[2]);
    }
  } else if (lines[0] === '---') {
    for (let i = 1; i < lines.length && lines[i] !== '---'; i++) {
      const m = /^([A-Za-z]+):\s*(.*?)\s*$/.exec(lines[i]);
      if (m) fields.set(m[1].toLowerCase(), m[2]);
    }
  }
  let title = fields.get('title');
  if (title && /^(["']).*\1$/.test(title)) title = title.slice(1, -1);
  const numberField = fields.get('number');
  // A number the title ends with, as a word (`These Weeks in Rust 127`), not a version (`0.7`).
  const titleNumber = title && titleHasNumber ? / (\d+)$/.exec(title)?.[1] : undefined;
  const number = numberField !== undefined && /^\d+$/.test(numberField) ? Number(numberField) : titleNumber !== undefined ? Number(titleNumber) : undefined;
  const dm = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(fields.get('date') ?? '');
  // A day that does not exist (`2022-02-29`) is no date: the file name's day stands.
  const real = dm && new Date(Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]))).getUTCDate() === Number(dm[3]);
  const date = dm && real ? `${dm[1]}-${pad(dm[2])}-${pad(dm[3])}` : undefined;
  const td = title ? /([A-Za-z]+) (\d{1,2})(?:st|nd|rd|th)?, (\d{4})$/.exec(title) : null;
  const month = td ? MONTHS.indexOf(td[1].toLowerCase()) + 1 : 0;
  const titleDay = td && month > 0 ? `${td[3]}-${pad(month)}-${pad(td[2])}` : undefined;
  return { title, number, date, titleDay };
}

/** Lines (0-based) of list items at column 0 that hold a link, outside HTML comments and fenced code. */
function scanLinkItems(text: string): number[] {
  const out: number[] = [];
  let inComment = false;
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (fence) {
      if (line.trimStart().startsWith(fence)) fence = undefined;
      return;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      return;
    }
    const f = /^ {0,3}(```|~~~)/.exec(line);
    if (f) {
      fence = f[1];
      return;
    }
    const open = line.lastIndexOf('<!--');
    if (open >= 0 && line.indexOf('-->', open) < 0) inComment = true;
    if (/^[*+-] /.test(line) && (line.includes('](') || line.includes('<http')) && !line.startsWith('<!--')) out.push(i);
  });
  return out;
}

/** Lines of `### [..](..)` headings under a `## ` section whose name the preset gives link-heading entries. */
function scanLinkHeadings(text: string, linkHeadingSections: readonly RegExp[]): number[] {
  const out: number[] = [];
  let inSection = false;
  let fence = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^ {0,3}(```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const h2 = /^## (.*?)\s*$/.exec(line);
    if (h2) inSection = linkHeadingSections.some((re) => re.test(h2[1].replace(/[:.]$/, '').trim()));
    else if (inSection && /^### \[[^\]]+\]\([^)]+\)\s*$/.test(line)) out.push(i);
  });
  return out;
}

function allEntries(document: IssueDocument): Entry[] {
  return [...document.intro, ...document.sections.flatMap((section) => section.entries)];
}

interface Newsletter {
  readonly label: string;
  readonly folder: string;
  readonly preset: string;
  readonly issues: number;
  /** Where the issues are, by the test's own listing. */
  readonly issueFolder: string;
  readonly header: 'pelican' | 'yaml';
}

const NEWSLETTERS: readonly Newsletter[] = [
  { label: 'This Week in Rust', folder: 'this-week-in-rust', preset: 'this-week-in-rust', issues: 477, issueFolder: 'content', header: 'pelican' },
  { label: 'LWKD', folder: 'lwkd', preset: 'lwkd', issues: 262, issueFolder: '_posts', header: 'yaml' },
];

for (const newsletter of NEWSLETTERS) {
  const root = corpus ? join(corpus, newsletter.folder) : '';
  const present = corpus !== undefined && existsSync(root);
  describe(`${newsletter.label} with its preset`, { skip: present ? false : CORPUS_MISSING }, () => {
    let config: NewsletterConfig;
    let all: string[] = [];
    let files: CorpusFile[] = [];
    const documents = new Map<string, IssueDocument>();
    const findings = new Map<string, Finding[]>();

    before(() => {
      config = resolveConfig({ format: newsletter.preset }).config;
      all = markdownFiles(root);
      files = all.filter((path) => path.startsWith(`${newsletter.issueFolder}/`)).map((relativePath) => ({ relativePath, text: readFileSync(join(root, relativePath), 'utf8') }));
      const index = new WorkspaceIndex(config);
      for (const file of files) index.update({ id: file.relativePath, relativePath: file.relativePath }, file.text);
      for (const file of files) {
        const document = parseWithConfig(file.text, file.relativePath, config);
        documents.set(file.relativePath, document);
        findings.set(file.relativePath, runRules(document, { config, workspace: index }));
      }
    });

    test(`the preset's globs name every issue file (${newsletter.issues}) and nothing else`, () => {
      assert.equal(files.length, newsletter.issues);
      const matched = all.filter((path) => picomatch.isMatch(path, config.format.files.globs as string[], { dot: true }));
      assert.deepEqual(matched, files.map((file) => file.relativePath));
    });

    test('title, number and date are right for every issue that writes them', () => {
      let titles = 0;
      let numbers = 0;
      let dates = 0;
      for (const file of files) {
        const document = documents.get(file.relativePath) as IssueDocument;
        const header = scanHeader(file.text, newsletter.header, newsletter.header === 'pelican');
        const at = file.relativePath;
        if (header.title !== undefined) {
          titles++;
          assert.equal(document.title?.text, header.title, `${at}: title`);
          if (header.titleDay) {
            const t = document.title;
            assert.equal(t?.year && t.month && t.day ? `${t.year.value}-${pad(t.month.value)}-${pad(t.day.value)}` : undefined, header.titleDay, `${at}: the title's day`);
          }
        }
        assert.equal(document.number?.value, header.number, `${at}: number`);
        if (header.number !== undefined) numbers++;
        const day = document.publicationDate;
        const got = day ? `${day.year}-${pad(day.month)}-${pad(day.day)}` : undefined;
        const fileDay = /(\d{4})-(\d{2})-(\d{2})/.exec(basename(at));
        assert.equal(got, header.date ?? (fileDay ? fileDay[0] : undefined), `${at}: publication date`);
        if (header.date) dates++;
      }
      assert.ok(titles === files.length, 'every issue has a title');
      assert.ok(dates > files.length * 0.9, `dates written: ${dates}`);
      if (newsletter.header === 'pelican') assert.ok(numbers > files.length * 0.9, `numbers: ${numbers}`);
      else assert.equal(numbers, 0, 'LWKD issues have no number');
    });

    test('every top-level list item with a link, and every link heading of a link-heading section, starts an entry', () => {
      const linkHeadingSections = config.format.sections.rules.filter((rule) => rule.entryShape === 'link-heading').map((rule) => new RegExp(rule.match, 'i'));
      let items = 0;
      let headings = 0;
      const missing: string[] = [];
      for (const file of files) {
        const document = documents.get(file.relativePath) as IssueDocument;
        const starts = new Set(allEntries(document).map((entry) => entry.range.start.line));
        for (const line of scanLinkItems(file.text)) {
          items++;
          if (!starts.has(line)) missing.push(`${file.relativePath}:${line + 1}: ${document.lines.lineText(line).slice(0, 80)}`);
        }
        for (const line of scanLinkHeadings(file.text, linkHeadingSections)) {
          headings++;
          const entry = allEntries(document).find((e) => e.range.start.line === line);
          if (entry?.shape !== 'link-heading' || !entry.primaryLink) missing.push(`${file.relativePath}:${line + 1}: ${document.lines.lineText(line).slice(0, 80)}`);
        }
      }
      assert.deepEqual(missing, []);
      assert.ok(items > 1000, `list items with a link: ${items}`);
      if (linkHeadingSections.length > 0) assert.ok(headings > 300, `link headings: ${headings}`);
    });

    test('findings at warning and error level, by code (printed for the record)', (t) => {
      const counts = new Map<string, number>();
      for (const found of findings.values()) {
        for (const f of found) if (f.severity === 'warning' || f.severity === 'error') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      }
      t.diagnostic([...counts].sort().map(([code, n]) => `${code}: ${n}`).join(', '));
      assert.equal(counts.get('rule.crashed') ?? 0, 0);
      assert.equal(counts.get('parse.failed') ?? 0, 0);
      // Issues without a `Number:` line carry the number in the title: no number rule may fire on them.
      assert.equal(counts.get('issue.number-duplicate') ?? 0, 0);
      assert.equal(counts.get('frontmatter.missing') ?? 0, 0);
    });
  });
}

/** Lines (1-based, of the file before the fix) that a unified diff changes; an insertion marks the lines around it. */
function changedLines(diff: string): Set<number> {
  const out = new Set<number>();
  let old = 0;
  let inHunk = false;
  for (const line of diff.split('\n')) {
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (hunk) {
      old = Number(hunk[1]);
      // `-12,0`: nothing removed, lines inserted after line 12.
      if (hunk[2] === '0') {
        out.add(old);
        out.add(old + 1);
        old++;
      }
      inHunk = true;
      continue;
    }
    if (!inHunk || line.startsWith('\\')) continue;
    if (line.startsWith('-')) out.add(old++);
    else if (line.startsWith(' ')) old++;
    else if (line.startsWith('+')) out.add(old); // an insertion inside a hunk touches the line it lands before
  }
  return out;
}

describe('the 448 fixes of This Week in Rust', { skip: corpus && existsSync(join(corpus, 'this-week-in-rust', 'fixes')) ? false : CORPUS_MISSING }, () => {
  test('counts the pre-fix files with a warning or error on a line the fix changed (printed for the record)', (t) => {
    const fixes = join(corpus ?? '', 'this-week-in-rust', 'fixes');
    const config = resolveConfig({ format: 'this-week-in-rust' }).config;
    const rows = readFileSync(join(fixes, 'index.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split('\t'));
    const classes = new Map(readFileSync(join(projectRoot, 'test', 'fixtures', 'fixHistory', 'this-week-in-rust.tsv'), 'utf8')
      .split('\n').slice(1).filter(Boolean).map((line) => line.split('\t')).map(([commit, mechanical, kind]) => [commit, { mechanical: mechanical === 'yes', kind }]));
    let hit = 0;
    let mechanical = 0;
    let mechanicalHit = 0;
    const byCode = new Map<string, number>();
    const byKind = new Map<string, [number, number]>();
    for (const [commit, , file] of rows) {
      const text = readFileSync(join(fixes, 'before', `${commit}-${basename(file)}`), 'utf8');
      const changed = changedLines(readFileSync(join(fixes, 'before', `${commit}.diff`), 'utf8'));
      const document = parseWithConfig(text, file, config);
      const found = runRules(document, { config }).filter((f) => (f.severity === 'warning' || f.severity === 'error')
        && [...Array(f.range.end.line - f.range.start.line + 1).keys()].some((k) => changed.has(f.range.start.line + k + 1)));
      const cls = classes.get(commit);
      if (cls?.mechanical) mechanical++;
      const kind = cls?.kind ?? '?';
      const [n, h] = byKind.get(kind) ?? [0, 0];
      byKind.set(kind, [n + 1, h + (found.length > 0 ? 1 : 0)]);
      if (found.length === 0) continue;
      hit++;
      if (cls?.mechanical) mechanicalHit++;
      for (const code of new Set(found.map((f) => f.code))) byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    t.diagnostic(`${hit} of ${rows.length} pre-fix files have a warning/error on a line the fix changed; mechanical fixes: ${mechanicalHit} of ${mechanical}`);
    t.diagnostic(`by code: ${[...byCode].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`);
    t.diagnostic(`by kind (hit/all): ${[...byKind].sort((a, b) => b[1][0] - a[1][0]).map(([k, [n, h]]) => `${k} ${h}/${n}`).join(', ')}`);
    assert.equal(rows.length, 448);
    assert.ok(hit > 0);
  });
});
