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
