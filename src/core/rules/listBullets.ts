import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleContext, RuleCode } from './rule';
import { finding, rangeOf } from './helpers';
import { maskedLines, scanMarkdown } from './markdownScan';
import type { MarkdownScan } from './markdownScan';

const BULLET_MISSING: RuleCode = {
  code: 'list.bullet-missing',
  defaultSeverity: 'warning',
  description: 'A link item lost its bullet or the space after it (`*[Title](url)`, a `[Title](url)` line among list items): it joins the item above or stands as a paragraph.',
};
const BULLET_INCONSISTENT: RuleCode = {
  code: 'list.bullet-inconsistent',
  defaultSeverity: 'hint',
  description: 'A list item uses another bullet (or indentation) than its siblings: a new list starts there (house style).',
};

const ITEM = /^( {0,3})([*+-])([ \t]+)\S/;
const LINK_START = /^(?:\[[^\]\n]+\][ \t]*)?\[[^\]\n]+\]\(\S+?\)/;

function inText(scan: MarkdownScan, offset: number): boolean {
  return scan.texts.some((t) => offset >= t.start && offset < t.end);
}

function checkMissing(document: IssueDocument, scan: MarkdownScan, bullet: string): Finding[] {
  const findings: Finding[] = [];
  const lines = maskedLines(document, scan);
  lines.forEach(({ line, start, text }, k) => {
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    const rest = text.slice(indent.length);
    const at = start + indent.length;
    const star = /^(\*{1,2})(?=\[|[ \t]*\d{4}-\d\d-\d\d\b)/.exec(rest);
    if (star && inText(scan, at)) {
      const glued = star[1] === '*';
      findings.push(finding(BULLET_MISSING, rangeOf(document, at, at + star[1].length + 1), glued
        ? 'No space after the `*`: this is not a list item, and the `*` shows on the page.'
        : '`**` in place of the `*` bullet: this is not a list item.', {
        fixes: [{ title: glued ? 'Put a space after the bullet' : 'Use the `*` bullet', edits: [{ range: rangeOf(document, at, at + star[1].length), newText: `${bullet} ` }], preferred: true, safe: true }],
      }));
      return;
    }
    const lead = LINK_START.exec(rest);
    if (!lead || !scan.links.some((l) => l.start >= at && l.start < start + text.length)) return;
    // Only a line that is a whole link item: a link (after a tag) and nothing but punctuation.
    if (!/^[\s.,;:!)]*$/.test(rest.slice(lead[0].length))) return;
    // Right under a line of text that does not end like a finished item, it continues that line.
    const above = lines[k - 1];
    if (above && above.line === line - 1 && !/\)[.,;]?\s*$/.test(above.text)) return;
    // The line must begin a paragraph or continue one lazily, not be inside a list item's first line.
    if (ITEM.test(text)) return;
    // A sibling list item at the same indentation just above or below (a blank line may separate them).
    const neighbours = [lines[k - 1], lines[k + 1]].filter((n) => n && Math.abs(n.line - line) <= 2);
    const sibling = neighbours.some((n) => {
      const m = ITEM.exec(n.text);
      return m !== null && m[1] === indent.replace(/\t/g, '    ') && /^\s*[*+-][ \t]+\[/.test(n.text);
    });
    if (!sibling) return;
    const fix = { title: 'Put the bullet back', edits: [{ range: rangeOf(document, at, at), newText: `${bullet} ` }], preferred: true, safe: true };
    findings.push(finding(BULLET_MISSING, rangeOf(document, at, at + 1), 'This link has no bullet, unlike the list items around it: it joins the item above or stands as a paragraph.', { fixes: [fix] }));
  });
  return findings;
}

function checkInconsistent(document: IssueDocument, scan: MarkdownScan, preferred: string): Finding[] {
  const findings: Finding[] = [];
  type Item = { line: number; start: number; indent: string; marker: string };
  const groups: Item[][] = [];
  let current: Item[] = [];
  for (const { line, start, text } of maskedLines(document, scan)) {
    const m = ITEM.exec(text);
    if (m && m[1].length <= 1) {
      // A list item at the top level (an indentation of 0 or 1).
      if (current.length > 0 && line - current[current.length - 1].line > 1 && !continues(document, current[current.length - 1].line, line)) {
        groups.push(current);
        current = [];
      }
      current.push({ line, start, indent: m[1], marker: m[2] });
    } else if (/^\s{2,}\S/.test(text) && current.length > 0) {
      // A continuation or a nested item: the list goes on.
      current[current.length - 1] = { ...current[current.length - 1], line };
    } else if (current.length > 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  for (const group of groups) {
    if (group.length < 3) continue;
    const key = (i: Item) => `${i.indent}${i.marker}`;
    const tally = new Map<string, number>();
    for (const item of group) tally.set(key(item), (tally.get(key(item)) ?? 0) + 1);
    const best = [...tally].sort((a, b) => b[1] - a[1] || (a[0] === preferred ? -1 : b[0] === preferred ? 1 : 0))[0];
    if (!best || best[1] < 2 || best[1] * 2 <= group.length) continue;
    for (const item of group) {
      if (key(item) === best[0]) continue;
      const end = item.start + item.indent.length + 1;
      findings.push(finding(BULLET_INCONSISTENT, rangeOf(document, item.start, end),
        `This item is written \`${key(item)}\` while its siblings use \`${best[0]}\`: the list is split in two there.`, {
          fixes: [{ title: `Use \`${best[0]}\` like the siblings`, edits: [{ range: rangeOf(document, item.start, end), newText: best[0] }], preferred: true, safe: true }],
        }));
    }
  }
  return findings;
}

/** True when only blank lines stand between two lines (a loose list goes on over one blank line). */
function continues(document: IssueDocument, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let l = from + 1; l < to; l++) if (document.lines.lineText(l).trim() !== '') return false;
  return true;
}

/** List items: a lost bullet, and a bullet unlike its siblings'. */
export const listBulletsRule: Rule = {
  name: 'list-bullets',
  codes: [BULLET_MISSING, BULLET_INCONSISTENT],
  docs: 'docs/rules.md',
  check: ({ document, config }: RuleContext) => {
    const scan = scanMarkdown(document);
    const bullet = config.format.entries.bullet;
    return [...checkMissing(document, scan, bullet), ...checkInconsistent(document, scan, bullet)];
  },
};
