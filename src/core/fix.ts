import type { NewsletterConfig } from './config';
import type { Fix, IssueDocument, TextEdit } from './model';
import { parseWithConfig } from './parse/parseIssue';
import { runRules } from './rules/runner';
import { LineIndex } from './text/lineIndex';
import { urlIdentity } from './urls';
import type { WorkspaceIndex } from './workspace';
import type { Rule } from './rules/rule';
import { allEntries } from './entries';

export interface ApplyResult {
  readonly text: string;
  /** The fixes whose edits were all applied. */
  readonly applied: readonly Fix[];
  /** The fixes left out because they overlap an earlier one (or rename the file). */
  readonly skipped: readonly Fix[];
}

interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * Applies the text edits of `fixes` to `text` (BOM-less, as the ranges are). A fix is applied
 * whole or not at all: one whose edits overlap an edit already taken is skipped, as is a fix that
 * renames the file (that is the host's job). Edits that only insert at the same point keep their
 * order.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): ApplyResult {
  const lines = new LineIndex(text);
  const taken: OffsetEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    if (fix.renameTo !== undefined || fix.edits.length === 0) {
      skipped.push(fix);
      continue;
    }
    const edits = fix.edits.map((edit: TextEdit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }));
    const overlaps = edits.some((e, i) =>
      taken.some((t) => overlapping(e, t)) || edits.some((other, j) => j !== i && overlapping(e, other)));
    if (overlaps) {
      skipped.push(fix);
      continue;
    }
    taken.push(...edits);
    applied.push(fix);
  }
  const ordered = taken.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.order - a.order);
  let out = text;
  for (const { edit } of ordered) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return { text: out, applied, skipped };
}

/** Two edits conflict when their ranges share a character, or both insert at one point. */
function overlapping(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
}

/** What fixing must never lose: the URLs an issue links to and the words of its descriptions. */
export interface ContentSignature {
  readonly urls: ReadonlySet<string>;
  readonly words: ReadonlySet<string>;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const URL_IN_TEXT = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>()[\]]+/gi;

/**
 * The set of URLs (by `urlIdentity`) and the set of words of the descriptions, section names and
 * intro. URLs are taken out of the text before it is split into words: a bare URL that becomes a
 * link line stays in the URL set, and is not a description word.
 */
export function contentSignature(document: IssueDocument): ContentSignature {
  const urls = new Set<string>();
  const words = new Set<string>();
  const entries = allEntries(document);
  for (const entry of entries) {
    for (const link of entry.links) if (link.target) urls.add(urlIdentity(link.target));
    for (const bare of entry.bareUrls) urls.add(urlIdentity(bare.url));
    addWords(words, entry.description, entry.links.map((l) => l.target));
  }
  for (const section of document.sections) addWords(words, section.name, []);
  return { urls, words };
}

function addWords(into: Set<string>, text: string, targets: readonly string[]): void {
  let prose = text.replace(URL_IN_TEXT, ' ');
  for (const target of targets) if (target) prose = prose.split(target).join(' ');
  for (const match of prose.matchAll(WORD)) into.add(match[0].toLowerCase());
}

/** The elements of `before` missing from `after`. */
export function lost(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  return [...before].filter((x) => !after.has(x));
}

export interface FixAllOptions {
  readonly fileName?: string;
  readonly config: NewsletterConfig;
  readonly workspace?: WorkspaceIndex;
  /** The rules to run (default: all). */
  readonly rules?: readonly Rule[];
  /** Rounds of fixing at most; a fix can make another finding (a bare URL becomes a split entry). */
  readonly maxRounds?: number;
}

export interface FixAllResult {
  readonly text: string;
  /** How many fixes were applied, over all rounds. */
  readonly applied: number;
  /** The titles of the applied fixes, in order. */
  readonly titles: readonly string[];
}

/**
 * Applies every safe fix, again and again until nothing is left to fix (so running it twice gives
 * what running it once gave). A round whose result would lose a URL or a description word is
 * retried one fix at a time, and a fix that still loses something is left out: whatever a rule
 * claims, fix-all never drops content.
 */
export function fixAll(input: string, options: FixAllOptions): FixAllResult {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  let text = hadBom ? input.slice(1) : input;
  const titles: string[] = [];
  const rejected = new Set<string>();
  const parse = (t: string) => parseWithConfig(t, options.fileName, options.config);
  const maxRounds = options.maxRounds ?? 10;
  for (let round = 0; round < maxRounds; round++) {
    const document = parse(text);
    const before = contentSignature(document);
    const fixes = runRules(document, { config: options.config, workspace: options.workspace, rules: options.rules })
      .map((finding) => finding.fixes?.find((fix) => fix.safe === true && fix.renameTo === undefined && fix.edits.length > 0))
      .filter((fix): fix is Fix => fix !== undefined && !rejected.has(fixKey(fix)));
    if (fixes.length === 0) break;
    const attempt = applyFixes(text, fixes);
    if (keepsContent(before, parse(attempt.text))) {
      text = attempt.text;
      titles.push(...attempt.applied.map((f) => f.title));
      continue;
    }
    // One at a time, to find the fix that loses content.
    let changed = false;
    for (const fix of fixes) {
      const single = applyFixes(text, [fix]);
      if (single.applied.length === 1 && keepsContent(contentSignature(parse(text)), parse(single.text))) {
        text = single.text;
        titles.push(fix.title);
        changed = true;
        break; // ranges of the other fixes are stale now: start the next round
      }
      rejected.add(fixKey(fix));
    }
    if (!changed) break;
  }
  return { text: hadBom ? `\uFEFF${text}` : text, applied: titles.length, titles };
}

function keepsContent(before: ContentSignature, after: IssueDocument): boolean {
  const signature = contentSignature(after);
  return lost(before.urls, signature.urls).length === 0 && lost(before.words, signature.words).length === 0;
}

function fixKey(fix: Fix): string {
  return `${fix.title}|${fix.edits.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`).join(';')}`;
}
