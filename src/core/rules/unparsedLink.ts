import type { BareUrl, IssueDocument } from '../model';

/**
 * Where a URL the parser left as plain text stands in link syntax that did not parse:
 * `destination` for `[text](URL` with no `)` (or `](<URL`), `text` for the `URL` of `[URL](...`.
 * Such a URL is a broken link (`link.malformed`), never a bare URL to wrap in a link again.
 */
export function linkSyntaxAround(document: IssueDocument, bare: BareUrl): 'destination' | 'text' | undefined {
  const line = document.lines.lineText(bare.range.start.line);
  const before = line.slice(0, bare.range.start.character);
  if (/\]\(<?[ \t]*$/.test(before)) return 'destination';
  if (bare.range.end.line === bare.range.start.line && /\[$/.test(before) && line.slice(bare.range.end.character).startsWith('](')) return 'text';
  return undefined;
}
