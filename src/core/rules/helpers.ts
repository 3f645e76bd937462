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
