/**
 * The rules after an edit, without running them all on the whole issue again: a rule whose codes
 * all reach one block only (`reach: 'block'`, rule.ts) is re-run on the top-level blocks the edit
 * touched (a block window, `blockWindow.ts`), one whose codes reach one list item (`item`) on the
 * list items it touched and their neighbours, one whose codes reach their top-level section
 * (`section`) on the top-level sections it touched, and each keeps its findings elsewhere, moved
 * with their lines; every other rule (the issue-wide ones, and any code not declared) runs on the
 * whole issue as before. The result is what `runRules` gives for the new document, exactly (the
 * random-edit test compares them after every edit). When what the kept findings rest on may have
 * changed (the sections around the edit, the title, the reference definitions), or the previous
 * results are for another config, every rule runs whole.
 */
import type { List, RootContent } from 'mdast';
import type { NewsletterConfig } from '../config';
import type { Finding, Fix, IssueDocument, Position, Range, RelatedLocation, Section } from '../model';
import type { LineSpan } from '../parse/incremental';
import { allEntries } from '../entries';
import { indexEntryOf } from '../workspace';
import { ALL_RULES } from './index';
import type { Rule, RuleReach } from './rule';
import { blockWindow, nodeWindow } from './blockWindow';
import { referenceLabelsUnder, scanAfterEdit, WRITTEN_DEFINITION } from './markdownScan';
import { applyLevels, produce, runWorkspaceRules, silencedLines, sortFindings, type RunOptions } from './runner';

/** The findings of one run, with what the next run after an edit needs to keep the unchanged ones. */
export interface RuleResults {
  /** What `runRules` gives for `document`, with the same options. */
  readonly findings: Finding[];
  readonly document: IssueDocument;
  readonly config: NewsletterConfig;
  readonly rules: readonly Rule[];
  /** Each rule's own findings (default levels, none silenced), in the order of `rules`. */
  readonly byRule: readonly (readonly Finding[])[];
  /** How many rules ran on the edited blocks only (0: all ran whole), for tests and the benchmark. */
  readonly windowed: number;
}

/**
 * The window a rule may run on after an edit, from its codes' reach (`RuleReach`): the widest of
 * them (`issue`, the rule runs whole, for a code that declares none).
 */
export function windowReach(rule: Rule): RuleReach {
  if (rule.codes.length === 0) return 'issue';
  let widest = 0;
  for (const code of rule.codes) widest = Math.max(widest, REACHES.indexOf(code.reach ?? 'issue'));
  return REACHES[widest];
}

/** From the narrowest reach to the widest: a window for one serves every wider one. */
const REACHES: readonly RuleReach[] = ['item', 'block', 'section', 'issue'];

/**
 * The findings of `document`, as `runRules(document, options)`. With the results for an earlier
 * version of it (`previous`) and the lines that changed since (`change`, as `IssueUpdates` tells
 * them), the block rules re-run on the edited blocks only.
 */
export function checkIssue(document: IssueDocument, options: RunOptions, previous?: RuleResults, change?: LineSpan): RuleResults {
  const rules = options.rules ?? ALL_RULES;
  const { config } = options;
  const same = previous !== undefined && previous.config === config && previous.rules === rules;
  const unchanged = same && previous.document === document;
  const blocks = same && !unchanged && change ? windowOf(previous.document, document, change) : undefined;
  let windowed = 0;
  // The list items around the edit (when it lies inside one list), and the top-level sections
  // around the edited blocks, the latter made once if a rule asks.
  const items = blocks ? itemWindowOf(previous!.document, document, change!, blocks.start, blocks.newEnd) : undefined;
  // The issue-wide rules' scan, from the old one and the narrowest window's own: the edited
  // items' scan rather than the whole list's (most of an issue like This Week in Rust's).
  const scanned = items ?? blocks;
  if (scanned) scanAfterEdit(previous!.document, document, scanned.document, document.lines.offsetAt({ line: scanned.start, character: 0 }), document.lines.offsetAt({ line: scanned.newEnd, character: Number.MAX_SAFE_INTEGER }));
  let sections: Window | undefined | null = null;
  const windowFor = (reach: RuleReach): Window | undefined => {
    if (!blocks || reach === 'issue') return undefined;
    if (reach === 'item') return items ?? blocks;
    if (reach === 'block') return blocks;
    if (sections === null) sections = sectionWindowOf(previous!.document, document, blocks);
    return sections;
  };
  const byRule = unchanged ? previous.byRule : rules.map((rule, i): readonly Finding[] => {
    const whole = () => produce(rule, () => rule.check({ document, config }));
    const window = windowFor(windowReach(rule));
    if (!window || !previous) return whole();
    const kept = previous.byRule[i];
    const before: Finding[] = [];
    const after: Finding[] = [];
    for (const finding of kept) {
      const line = finding.range.start.line;
      // A kept finding must lie clear of the old window, all its places: else the rule runs whole.
      if (line < window.start && !reaches(finding, document.fileName, (p) => p.line >= window.start)) before.push(finding);
      else if (line > window.oldEnd && !reaches(finding, document.fileName, (p) => p.line <= window.oldEnd)) after.push(finding);
      else if (line < window.start || line > window.oldEnd) return whole();
    }
    const fresh = produce(rule, () => rule.check({ document: window.document, config }));
    if (fresh.some((f) => f.code === 'rule.crashed')) return whole();
    windowed++;
    const shift = window.newEnd - window.oldEnd;
    return [
      ...before,
      ...fresh.filter((f) => f.range.start.line >= window.start && f.range.start.line <= window.newEnd),
      ...(shift === 0 ? after : after.map((f) => moved(f, document.fileName, window.oldEnd, shift))),
    ];
  });
  const silenced = silencedLines(document.text);
  const local: Finding[] = [];
  for (const produced of byRule) applyLevels(local, produced, config, silenced);
  let findings = sortFindings(local);
  if (options.workspace) {
    const across = runWorkspaceRules(indexEntryOf(document, document.fileName ?? ''), silenced, { ...options, workspace: options.workspace });
    findings = sortFindings([...findings, ...across]);
  }
  return { findings, document, config, rules, byRule, windowed };
}

interface Window {
  /** The window's blocks as a document (`blockWindow`). */
  readonly document: IssueDocument;
  /** Its lines: `start..oldEnd` of the old text became `start..newEnd` of the new one. */
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * The lines of `change` widened to whole blocks and entries (in both texts, until they agree), as a
 * window of the new document; undefined when findings outside it could differ from the old ones.
 */
function windowOf(old: IssueDocument, document: IssueDocument, change: LineSpan): Window | undefined {
  if (old.title?.text !== document.title?.text || old.number?.value !== document.number?.value || old.frontMatter?.raw !== document.frontMatter?.raw) return undefined;
  if (old.markdown.bodyOffset !== document.markdown.bodyOffset) return undefined;
  const shift = change.newEnd - change.oldEnd;
  // The blocks next to the edited ones too: a block rule may read the line just before or after
  // its block (whether it is blank), and the edit may have changed that line.
  const edited = widened(document, change.start, change.newEnd);
  const children = document.markdown.tree.children;
  const bodyLine = document.lines.positionAt(document.markdown.bodyOffset).line;
  const start = edited.from > 0 ? Math.min(edited.start, bodyLine + (children[edited.from - 1].position?.start.line ?? 1) - 1) : edited.start;
  const newEnd = edited.to < children.length ? Math.max(edited.end, bodyLine + (children[edited.to].position?.end.line ?? 1) - 1) : edited.end;
  const window = agreeingWindow(old, document, start, newEnd, shift);
  if (!window) return undefined;
  if (!sectionsAgree(old, document, window.start, window.oldEnd, window.newEnd)) return undefined;
  if (writtenDefinitions(old, window.start, window.oldEnd) !== writtenDefinitions(document, window.start, window.newEnd)) return undefined;
  if (labelsUsed(old, window.start, window.oldEnd) !== labelsUsed(document, window.start, window.newEnd)) return undefined;
  return window;
}

/**
 * Lines `start..newEnd` of the new document (`start..newEnd - shift` of the old one) widened to
 * whole blocks and entries in both texts, until the two agree, as a window of the new document;
 * undefined when they do not agree soon, or the window reaches into the header.
 */
function agreeingWindow(old: IssueDocument, document: IssueDocument, start: number, newEnd: number, shift: number): Window | undefined {
  for (let round = 0; round <= 8; round++) {
    const fresh = widened(document, start, newEnd);
    const was = widened(old, fresh.start, fresh.end - shift);
    if (was.start === fresh.start && was.end + shift === fresh.end) {
      if (fresh.start < old.lines.positionAt(old.markdown.bodyOffset).line) return undefined;
      return { document: blockWindow(document, fresh.from, fresh.to, fresh.start, fresh.end), start: fresh.start, oldEnd: fresh.end - shift, newEnd: fresh.end };
    }
    start = Math.min(fresh.start, was.start);
    newEnd = Math.max(fresh.end, was.end + shift);
  }
  return undefined;
}

/**
 * The top-level sections the block window `blocks` lies in (`section` reach: from the heading of
 * depth 0 at or above its first line to the line before the next one), as a window; undefined
 * when the old and the new document do not draw those sections alike.
 */
function sectionWindowOf(old: IssueDocument, document: IssueDocument, blocks: Window): Window | undefined {
  const shift = blocks.newEnd - blocks.oldEnd;
  const start = topSectionStart(document, blocks.start);
  const newEnd = topSectionEnd(document, blocks.newEnd);
  if (topSectionStart(old, blocks.start) !== start || topSectionEnd(old, blocks.oldEnd) + shift !== newEnd) return undefined;
  return agreeingWindow(old, document, start, newEnd, shift);
}

/**
 * When the lines an edit re-parsed (`change`) lie inside the items of one top-level list, in the
 * old text and in the new: those items and the ones next to them, as a window (`item` reach);
 * else undefined (the block window serves). Every entry on the window's lines lies inside it.
 */
function itemWindowOf(old: IssueDocument, document: IssueDocument, change: LineSpan, blockStart: number, blockEnd: number): Window | undefined {
  const shift = change.newEnd - change.oldEnd;
  const inList = (d: IssueDocument, end: number) => {
    const bodyLine = d.lines.positionAt(d.markdown.bodyOffset).line;
    const lineOf = (p: { line: number } | undefined) => bodyLine + (p?.line ?? 1) - 1;
    const children = d.markdown.tree.children;
    const index = children.findIndex((node) => lineOf(node.position?.end) >= change.start);
    const list = children[index];
    if (!list || list.type !== 'list' || lineOf(list.position?.start) > change.start || lineOf(list.position?.end) < end) return undefined;
    const spans = list.children.map((item) => ({ first: lineOf(item.position?.start), last: lineOf(item.position?.end) }));
    const a = spans.findIndex((span) => span.last >= change.start);
    let b = a;
    while (b + 1 < spans.length && spans[b + 1].first <= end) b++;
    if (a < 0 || spans[a].first > change.start || spans[b].last < end) return undefined;
    return { index, list, spans, a, b };
  };
  const now = inList(document, change.newEnd);
  const was = inList(old, change.oldEnd);
  if (!now || !was || now.index !== was.index || now.a !== was.a || now.spans.length - now.b !== was.spans.length - was.b) return undefined;
  // The items around the edited ones are where they were (moved by the lines the edit added).
  const from = Math.max(0, now.a - 1);
  const to = Math.min(now.spans.length - 1, now.b + 1);
  const wasTo = to - now.b + was.b;
  if (now.spans[from].first !== was.spans[from].first || now.spans[to].last !== was.spans[wasTo].last + shift) return undefined;
  const start = now.spans[from].first;
  const newEnd = now.spans[to].last;
  if (start < blockStart || newEnd > blockEnd) return undefined;
  if (allEntries(document).some((e) => e.range.end.line >= start && e.range.start.line <= newEnd && (e.range.start.line < start || e.range.end.line > newEnd))) return undefined;
  const { list } = now;
  const items = list.children.slice(from, to + 1);
  const first = items[0].position;
  const last = items[items.length - 1].position;
  // The list's position is its items': what reads the tree's blocks (the masked scan) reads those items' lines alone.
  const part: List = { ...list, children: items, position: first && last && { start: first.start, end: last.end } };
  return { document: nodeWindow(document, [part], start, newEnd), start, oldEnd: newEnd - shift, newEnd };
}

/** The first line of the top-level section holding `line`: its heading's, or the body's first for the intro. */
function topSectionStart(document: IssueDocument, line: number): number {
  let start = document.lines.positionAt(document.markdown.bodyOffset).line;
  for (const section of document.sections) {
    if (section.headingRange.start.line > line) break;
    if (section.depth === 0) start = section.headingRange.start.line;
  }
  return start;
}

/** The last line of the top-level section holding `line`: the one before the next heading of depth 0, or the document's last. */
function topSectionEnd(document: IssueDocument, line: number): number {
  for (const section of document.sections) {
    if (section.depth === 0 && section.headingRange.start.line > line) return section.headingRange.start.line - 1;
  }
  return document.lines.lineCount - 1;
}

/** Lines `start..end` widened to the top-level blocks and the entries they overlap, and those blocks. */
function widened(document: IssueDocument, start: number, end: number): { start: number; end: number; from: number; to: number } {
  const children = document.markdown.tree.children;
  const bodyLine = document.lines.positionAt(document.markdown.bodyOffset).line;
  const first = (node: RootContent) => bodyLine + (node.position?.start.line ?? 1) - 1;
  const last = (node: RootContent) => bodyLine + (node.position?.end.line ?? 1) - 1;
  let s = start;
  let e = end;
  for (let changed = true; changed; ) {
    changed = false;
    for (const entries of [document.intro, ...document.sections.map((section) => section.entries)]) {
      for (const entry of entries) {
        if (entry.range.end.line < s || entry.range.start.line > e) continue;
        if (entry.range.start.line < s) { s = entry.range.start.line; changed = true; }
        if (entry.range.end.line > e) { e = entry.range.end.line; changed = true; }
      }
    }
    // The first block that ends on or after `s`, and every block from it that starts by `e`.
    let low = 0;
    for (let high = children.length; low < high; ) {
      const mid = (low + high) >> 1;
      if (last(children[mid]) < s) low = mid + 1;
      else high = mid;
    }
    let to = low;
    while (to < children.length && first(children[to]) <= e) to++;
    if (to > low) {
      if (first(children[low]) < s) { s = first(children[low]); changed = true; }
      if (last(children[to - 1]) > e) { e = last(children[to - 1]); changed = true; }
    }
    if (!changed) return { start: s, end: e, from: low, to };
  }
  return { start: s, end: e, from: 0, to: 0 };
}

/** What a block rule may read of a section: the same before and after for every block outside the window. */
function sectionFacts(document: IssueDocument, section: Section | undefined): string {
  if (!section) return '';
  const parent = section.parent === undefined ? undefined : document.sections[section.parent];
  return [section.name, section.kind, section.featured, section.repeatsByDesign, section.entryShape, section.level, section.depth, section.headingStyle, parent?.name ?? '', parent?.kind ?? ''].join('\u0000');
}

/**
 * Whether every block outside the window sits in a section with the same facts before and after:
 * the sections above the window, those below it, and the one the window ends in (where the blocks
 * right after the window belong) agree.
 */
function sectionsAgree(old: IssueDocument, document: IssueDocument, start: number, oldEnd: number, newEnd: number): boolean {
  const facts = (d: IssueDocument, keep: (s: Section) => boolean) => d.sections.filter(keep).map((s) => sectionFacts(d, s)).join('\u0001');
  if (facts(old, (s) => s.headingRange.start.line < start) !== facts(document, (s) => s.headingRange.start.line < start)) return false;
  if (facts(old, (s) => s.headingRange.start.line > oldEnd) !== facts(document, (s) => s.headingRange.start.line > newEnd)) return false;
  const around = (d: IssueDocument, end: number) => sectionFacts(d, d.sections.filter((s) => s.headingRange.start.line <= end).pop());
  return around(old, oldEnd) === around(document, newEnd);
}

/** The definitions written on lines `start..end` (`WRITTEN_DEFINITION`): the rest of the issue reads them. */
function writtenDefinitions(document: IssueDocument, start: number, end: number): string {
  const from = document.lines.offsetAt({ line: start, character: 0 });
  const to = document.lines.offsetAt({ line: end, character: Number.MAX_SAFE_INTEGER });
  return [...document.text.slice(from, to).matchAll(WRITTEN_DEFINITION)].map((m) => m[1]).join('\u0000');
}

/**
 * The reference labels the links and images of the blocks on lines `start..end` use, in order:
 * what a definition elsewhere is used by (an undefined reference names the unused ones near it).
 */
function labelsUsed(document: IssueDocument, start: number, end: number): string {
  const bodyLine = document.lines.positionAt(document.markdown.bodyOffset).line;
  const labels: string[] = [];
  for (const block of document.markdown.tree.children) {
    const first = bodyLine + (block.position?.start.line ?? 1) - 1;
    const last = bodyLine + (block.position?.end.line ?? 1) - 1;
    if (last >= start && first <= end) labels.push(...referenceLabelsUnder(block));
  }
  return labels.join('\u0000');
}

/** Whether any place of the finding (its range, its fixes' edits, related places in this file) passes `test`. */
function reaches(finding: Finding, fileName: string | undefined, test: (p: Position) => boolean): boolean {
  const hit = (r: Range) => test(r.start) || test(r.end);
  if (hit(finding.range)) return true;
  if (finding.fixes?.some((fix) => fix.edits.some((edit) => hit(edit.range)))) return true;
  return finding.related?.some((r) => r.fileName === fileName && hit(r.range)) ?? false;
}

/** The finding with every place after line `after` moved by `lines` lines (the lines themselves are unchanged). */
function moved(finding: Finding, fileName: string | undefined, after: number, lines: number): Finding {
  const position = (p: Position): Position => (p.line > after ? { line: p.line + lines, character: p.character } : p);
  const range = (r: Range): Range => ({ start: position(r.start), end: position(r.end) });
  const out: { -readonly [K in keyof Finding]: Finding[K] } = { ...finding, range: range(finding.range) };
  if (finding.fixes) out.fixes = finding.fixes.map((fix): Fix => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: range(edit.range) })) }));
  if (finding.related) out.related = finding.related.map((r): RelatedLocation => (r.fileName === fileName ? { ...r, range: range(r.range) } : r));
  return out;
}
