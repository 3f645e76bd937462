import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleContext, RuleCode } from './rule';
import { finding, rangeOf } from './helpers';
import { inScannedText, maskedLines, scanMarkdown } from './markdownScan';
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
/** A list item, at any depth, that starts with a link or a tag. */
const LINK_ITEM = /^([ \t]*)[*+-][ \t]+\[/;
const ANY_ITEM = /^([ \t]*)[*+-][ \t]+\S/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** Top-level items an issue needs before its own majority bullet is the measure for every list. */
const ISSUE_WIDE_MIN = 8;
/** Lists of at most this many items are measured against the issue's bullet, longer ones against their own. */
const SHORT_LIST = 3;
const LINK_START = /^(?:\[[^\]\n]+\][ \t]*)?\[[^\]\n]+\]\(\S+?\)/;

function checkMissing(document: IssueDocument, scan: MarkdownScan, bullet: string): Finding[] {
  const findings: Finding[] = [];
  const lines = maskedLines(document, scan);
  lines.forEach(({ line, start, text }, k) => {
    // Both shapes below begin with `*` or `[` after the indentation: the other lines (most of
    // them, read again after every edit) are left at once, with nothing allocated for them.
    let first = 0;
    while (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9) first++;
    if (text[first] !== '*' && text[first] !== '[') return;
    const indent = text.slice(0, first);
    const rest = text.slice(first);
    const at = start + first;
    const star = /^(\*{1,2})(?=\[|[ \t]*\d{4}-\d\d-\d\d\b)/.exec(rest);
    if (star && inScannedText(scan, at)) {
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
    // (A heading above is no such line: nothing continues a heading.)
    if (above && above.line === line - 1 && !/\)[.,;]?\s*$/.test(above.text) && !HEADING.test(above.text)) return;
    // The line must begin a paragraph or continue one lazily, not be inside a list item's first line.
    if (ITEM.test(text)) return;
    // A sibling link item at the same indentation just above or below (a blank line may separate
    // them, and so may the parent item of a nested one: `* event`, `    [talk](url)`, `* event`).
    const width = indent.replace(/\t/g, '    ').length;
    const sibling = [-1, 1].some((step) => {
      for (let j = k + step, n = 1; n <= 2 && j >= 0 && j < lines.length && Math.abs(lines[j].line - line) <= 3; j += step, n++) {
        const item = ANY_ITEM.exec(lines[j].text);
        if (!item) return false;
        const itemWidth = item[1].replace(/\t/g, '    ').length;
        if (itemWidth === width) return LINK_ITEM.test(lines[j].text) && Math.abs(lines[j].line - line) <= n + 1;
        // Only a less indented item (the parent) may stand between, and only once.
        if (itemWidth > width || n === 2) return false;
      }
      return false;
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
  const key = (i: Item) => `${i.indent}${i.marker}`;
  const majority = (items: readonly Item[]) => {
    const tally = new Map<string, number>();
    for (const item of items) tally.set(key(item), (tally.get(key(item)) ?? 0) + 1);
    return [...tally].sort((a, b) => b[1] - a[1] || (a[0] === preferred ? -1 : b[0] === preferred ? 1 : 0))[0];
  };
  // The issue's own bullet, when nearly all its top-level items use one: a short list (one item
  // under a heading, or a few pasted with `-`) is measured against it, not only against itself.
  const all = groups.flat();
  const issueBest = majority(all);
  const issueWide = issueBest && all.length >= ISSUE_WIDE_MIN && issueBest[1] * 4 >= all.length * 3 ? issueBest : undefined;
  for (const group of groups) {
    const groupBest = group.length >= 3 ? majority(group) : undefined;
    const ownBest = groupBest && groupBest[1] >= 2 && groupBest[1] * 2 > group.length ? groupBest : undefined;
    // A longer list that keeps to one bullet of its own is judged by itself; a lone item right
    // under a quote is its attribution (`- [Author](url)`), not one of the issue's lists.
    const short = group.length <= SHORT_LIST && !(group.length === 1 && underQuote(document, group[0].line));
    const best = (short ? issueWide : undefined) ?? ownBest;
    if (!best) continue;
    for (const item of group) {
      if (key(item) === best[0]) continue;
      const end = item.start + item.indent.length + 1;
      findings.push(finding(BULLET_INCONSISTENT, rangeOf(document, item.start, end),
        `This item is written \`${key(item)}\` while ${best === issueWide ? `${best[1]} of the issue's ${all.length} list items` : 'its siblings'} use \`${best[0]}\`: ${group.length > 1 ? 'the list is split in two there' : 'house style'}.`, {
          fixes: [{ title: `Use \`${best[0]}\` like the siblings`, edits: [{ range: rangeOf(document, item.start, end), newText: best[0] }], preferred: true, safe: true }],
        }));
    }
  }
  return findings;
}

/** True when the nearest line above `line` that is not blank is part of a block quote. */
function underQuote(document: IssueDocument, line: number): boolean {
  for (let l = line - 1; l >= 0; l--) {
    const text = document.lines.lineText(l);
    if (text.trim() !== '') return /^ {0,3}>/.test(text);
  }
  return false;
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
