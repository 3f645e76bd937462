import type { Finding, Fix, IssueDocument, Position, Range, RelatedLocation, TextEdit } from '../model';
import type { RuleCode } from './rule';

/** Builds findings at a code's default level; the runner applies the configured level later. */
export function finding(
  code: RuleCode,
  range: Range,
  message: string,
  extra: { fixes?: readonly Fix[]; related?: readonly RelatedLocation[] } = {},
): Finding {
  return {
    code: code.code,
    severity: code.defaultSeverity,
    message,
    range,
    ...(extra.fixes && extra.fixes.length > 0 ? { fixes: extra.fixes } : {}),
    ...(extra.related && extra.related.length > 0 ? { related: extra.related } : {}),
  };
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insert(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/** The range of `[startOffset, endOffset)` of the document's text. */
export function rangeOf(document: IssueDocument, startOffset: number, endOffset: number): Range {
  return { start: document.lines.positionAt(startOffset), end: document.lines.positionAt(endOffset) };
}

export function offsetOf(document: IssueDocument, position: Position): number {
  return document.lines.offsetAt(position);
}

export function textOf(document: IssueDocument, range: Range): string {
  return document.text.slice(document.lines.offsetAt(range.start), document.lines.offsetAt(range.end));
}

/** The whole line `line`, without its line break. */
export function lineRange(document: IssueDocument, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: document.lines.lineText(line).length } };
}

/** The line break convention of the document, for inserted lines. */
export function eolOf(document: IssueDocument): string {
  return /\r\n/.test(document.text) ? '\r\n' : '\n';
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The matches of a global expression in `text`, the ones `text.matchAll(pattern)` gives, without
 * the copy of the expression that `matchAll` makes on every call: link syntax tries nine
 * expressions on each line of the issue after every edit, and the copies cost more than the
 * matching (This Week in Rust's largest issue: about 1.2 ms against 0.45 ms).
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global expression: ${pattern}`);
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match);
    // An empty match: step over one character (a code point with the `u` flag), as matchAll does.
    if (match[0] === '') pattern.lastIndex += pattern.unicode && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  return found;
}

/** Whether every character of the text is ASCII: then lower case is all there is to fold, and a letter is `A-Z` or `a-z`. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A fence's backticks or tildes, where a line may start one (`fenceLines` checks what precedes them). */
const FENCE_MARK = /```|~~~/g;

const fenceLinesOf = new WeakMap<IssueDocument, readonly number[]>();

/**
 * The lines that open or close a fence as the line-based rules count them (a line starting, after
 * whitespace, with three backticks or tildes; not remark's fences, which also end with their
 * block), in order: found from the fence marks in the text, not by reading every line, and once
 * per document, as several of those rules run on the whole issue after every edit.
 */
function fenceLines(document: IssueDocument): readonly number[] {
  const known = fenceLinesOf.get(document);
  if (known) return known;
  const { text, lines } = document;
  const found: number[] = [];
  for (const m of matchesOf(FENCE_MARK, text)) {
    const { line, character } = lines.positionAt(m.index);
    if (found[found.length - 1] === line) continue;
    if (/^\s*$/.test(text.slice(m.index - character, m.index))) found.push(line);
  }
  fenceLinesOf.set(document, found);
  return found;
}

/**
 * Whether a line is inside a fence of `fenceLines` (the line that opens one is in it, the line
 * that closes it is not), for lines asked in order, first to last.
 */
export function fencedLines(document: IssueDocument): (line: number) => boolean {
  const fences = fenceLines(document);
  let passed = 0;
  return (line) => {
    while (passed < fences.length && fences[passed] <= line) passed++;
    return passed % 2 === 1;
  };
}

/**
 * Calls `visit` with each line outside the fences (`fencedLines`) and where it starts and ends in
 * the text (before its line break): the caller reads what it needs of it, as most lines are
 * passed over.
 */
export function forEachUnfencedLine(document: IssueDocument, visit: (line: number, start: number, end: number) => void): void {
  const { text, lines } = document;
  const fenced = fencedLines(document);
  let start = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    const end = lines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
    if (!fenced(line)) visit(line, start, end);
    // The next line starts after this one's line break (`\r\n`, `\n` or `\r`).
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
}
