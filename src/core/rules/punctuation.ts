import type { ListItem, Nodes, Paragraph } from 'mdast';
import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, isAscii, rangeOf } from './helpers';
import { offsetsOf, walk } from './renderSource';

const BRACKET_UNPAIRED: RuleCode = {
  code: 'text.bracket-unpaired',
  reach: 'item',
  defaultSeverity: 'info',
  description: 'An opening `(`, `（`, `《`, `「`, `『` or `【` that is never closed in its paragraph or list item: the closing one was most likely lost.',
};
const SPACE_BEFORE_COMMA: RuleCode = {
  code: 'text.space-before-comma',
  reach: 'item',
  defaultSeverity: 'info',
  description: 'A space before a comma (`Columbus , OH`).',
};
const DOUBLED_WORD: RuleCode = {
  code: 'text.doubled-word',
  reach: 'item',
  defaultSeverity: 'info',
  description: 'The same word twice in a row (`a programming language language`).',
};
const FINAL_PUNCTUATION: RuleCode = {
  code: 'list.final-punctuation',
  reach: 'section',
  defaultSeverity: 'hint',
  description: 'A link item that ends otherwise than the link items around it: no period where they end with one, or a period both inside and after its link (house style).',
};

const PAIRS: Readonly<Record<string, string>> = { '(': ')', '（': '）', '《': '》', '「': '」', '『': '』', '【': '】' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
/** Any bracket of `PAIRS`, opening or closing, or a backslash (which escapes the character after it). */
const BRACKET_OR_ESCAPE = /[()（）《》「」『』【】\\]/g;

interface TextPiece { readonly from: number; readonly source: string }

/**
 * The literal text of a block as written (remark's text nodes, link text included), piece by
 * piece with its offsets: code spans, URLs and HTML are not in it. Bare URLs (autolinks) are left
 * out too, since a URL may hold a `(` of its own.
 */
function textPieces(document: IssueDocument, block: Nodes): TextPiece[] {
  const pieces: TextPiece[] = [];
  const go = (node: Nodes) => {
    if (node.type === 'text') {
      const offsets = offsetsOf(document, node);
      if (offsets) pieces.push({ from: offsets[0], source: document.text.slice(offsets[0], offsets[1]) });
      return;
    }
    if (node.type === 'link') {
      const offsets = offsetsOf(document, node);
      if (!offsets || document.text[offsets[0]] !== '[') return;
    }
    if (node.type === 'list') return; // a nested list is a block of its own
    if ('children' in node) for (const child of node.children as Nodes[]) go(child);
  };
  go(block);
  return pieces;
}

function unpaired(document: IssueDocument, block: Nodes, pieces: readonly TextPiece[]): Finding[] {
  const open: { char: string; at: number }[] = [];
  for (const { from, source } of pieces) {
    // Only the brackets and backslashes of the text, found by a search: most characters are neither.
    BRACKET_OR_ESCAPE.lastIndex = 0;
    for (let m = BRACKET_OR_ESCAPE.exec(source); m; m = BRACKET_OR_ESCAPE.exec(source)) {
      const c = m[0];
      const i = m.index;
      if (c === '\\') {
        BRACKET_OR_ESCAPE.lastIndex = i + 2; // the escaped character is no bracket
        continue;
      }
      // `](` opens the target of a link that did not parse: the link rules report that.
      if (PAIRS[c] && !(c === '(' && document.text[from + i - 1] === ']')) open.push({ char: c, at: from + i });
      const opener = CLOSERS.get(c);
      if (opener) {
        let k = open.length - 1;
        while (k >= 0 && open[k].char !== opener) k--;
        if (k >= 0) open.splice(k, 1);
      }
    }
  }
  return open.map(({ char, at }) => finding(BRACKET_UNPAIRED, rangeOf(document, at, at + 1),
    `This \`${char}\` is never closed by a \`${PAIRS[char]}\` in its ${block.type === 'heading' ? 'heading' : 'paragraph'}: was the closing one lost?`));
}

function spaceBeforeComma(document: IssueDocument, pieces: readonly TextPiece[]): Finding[] {
  const findings: Finding[] = [];
  for (const { from, source } of pieces) {
    if (!source.includes(',')) continue;
    for (const m of source.matchAll(/(?<=[^\s,])([ \t]+),(?=\s|$)/g)) {
      const at = from + (m.index ?? 0);
      const range = rangeOf(document, at, at + m[1].length + 1);
      findings.push(finding(SPACE_BEFORE_COMMA, range, 'A space before this comma.', {
        fixes: [{ title: 'Remove the space before the comma', edits: [{ range: rangeOf(document, at, at + m[1].length), newText: '' }], preferred: true, safe: true }],
      }));
    }
  }
  return findings;
}

/** Doubles that are good English, or said twice on purpose (`really really`, `bye bye`). */
const FINE_DOUBLES = new Set(['had', 'that', 'really', 'very', 'much', 'so', 'no', 'bye', 'hint', 'ha', 'far', 'knock']);

/**
 * The same word twice in a row within one run of text. A capitalised second word (`Bora Bora`,
 * `from From`) is a name or a type, and is left alone. No fix: which of the two goes, and whether a
 * word is missing between them instead, needs a reader (and an edit never drops a word).
 */
function doubledWords(document: IssueDocument, pieces: readonly TextPiece[]): Finding[] {
  const findings: Finding[] = [];
  for (const { from, source } of pieces) {
    if (!mayHoldDoubledWord(source)) continue;
    // The second word in a lookahead, so that each word is tried as the first of a pair.
    for (const m of source.matchAll(/(?<![\p{L}\p{N}_'’-])(\p{L}{2,})(?=([ \t]+)(\p{L}{2,})(?![\p{L}\p{N}_'’-]))/gu)) {
      const [, first, space, second] = m;
      if (first.toLowerCase() !== second.toLowerCase() || FINE_DOUBLES.has(first.toLowerCase())) continue;
      // A capital on the second word is a name or a type (`Bora Bora`, `from From`), not a slip.
      if (/^\p{Lu}/u.test(second)) continue;
      const at = from + (m.index ?? 0);
      findings.push(finding(DOUBLED_WORD, rangeOf(document, at, at + first.length + space.length + second.length), `\`${first}\` twice in a row.`));
    }
  }
  return findings;
}

/**
 * A cheap first pass for `doubledWords`: two equal runs of letters next to each other with only
 * other characters between them (in ASCII text, only spaces and tabs). Every pair the exact
 * pattern finds passes this, and most text does not, so the costly pattern runs on few pieces.
 */
function mayHoldDoubledWord(source: string): boolean {
  if (!isAscii(source)) {
    const words = source.toLowerCase().split(/[^\p{L}]+/u);
    for (let i = 1; i < words.length; i++) if (words[i].length >= 2 && words[i] === words[i - 1]) return true;
    return false;
  }
  // ASCII (most text): the same test without lower-casing and splitting the text, over the
  // letter runs on either side of each run of spaces and tabs (the only separator the exact
  // pattern takes).
  const n = source.length;
  let i = 0;
  while (i < n) {
    const start = i;
    while (i < n && isAsciiLetter(source.charCodeAt(i))) i++;
    if (i === start) {
      i++;
      continue;
    }
    const length = i - start;
    let next = i;
    while (next < n && isBlank(source.charCodeAt(next))) next++;
    if (next === i || length < 2) continue;
    let end = next;
    while (end < n && isAsciiLetter(source.charCodeAt(end))) end++;
    if (end - next === length && source.slice(start, i).toLowerCase() === source.slice(next, end).toLowerCase()) return true;
    i = next;
  }
  return false;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** How a link item's first paragraph ends: with its link, with its link and a period, or otherwise. */
interface LinkItem { readonly paragraph: Paragraph; readonly end: number; readonly ending: 'link' | 'link-period' }

function linkItem(document: IssueDocument, item: ListItem): LinkItem | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const last = paragraph.children[paragraph.children.length - 1];
  const offsets = offsetsOf(document, paragraph);
  if (!last || !offsets) return undefined;
  if (last.type === 'link' && document.text[offsetsOf(document, last)?.[0] ?? -1] === '[') return { paragraph, end: offsets[1], ending: 'link' };
  const before = paragraph.children[paragraph.children.length - 2];
  if (last.type === 'text' && last.value === '.' && before?.type === 'link') return { paragraph, end: offsets[1], ending: 'link-period' };
  return undefined;
}

/**
 * The items of a top-level section (its subsections included) that end with a link: where most
 * of them end with a period after the link, one without is a slip; and a period both at the end
 * of the link's text and after it is one too many.
 */
function finalPunctuation(document: IssueDocument): Finding[] {
  const bySection = new Map<number, LinkItem[]>();
  const topSections = document.sections.map((s, i) => ({ s, i })).filter(({ s }) => s.depth === 0);
  const sectionOf = (line: number) => {
    let found = -1;
    for (const { s, i } of topSections) if (s.headingRange.start.line <= line) found = i;
    return found;
  };
  walk(document, (node) => {
    if (node.type !== 'listItem') return;
    const item = linkItem(document, node);
    if (!item) return;
    const line = document.lines.positionAt(item.end).line;
    const key = sectionOf(line);
    bySection.set(key, [...(bySection.get(key) ?? []), item]);
  });
  const findings: Finding[] = [];
  for (const items of bySection.values()) {
    const withPeriod = items.filter((i) => i.ending === 'link-period').length;
    const periodsRule = withPeriod >= 3 && withPeriod >= 3 * (items.length - withPeriod);
    for (const item of items) {
      if (item.ending === 'link' && periodsRule) {
        findings.push(finding(FINAL_PUNCTUATION, rangeOf(document, item.end - 1, item.end),
          `This item ends without a period, where ${withPeriod} of the ${items.length} link items of its section end with one.`, {
            fixes: [{ title: 'End it with a period', edits: [{ range: rangeOf(document, item.end, item.end), newText: '.' }], preferred: true, safe: true }],
          }));
      }
      if (item.ending === 'link-period') {
        const link = item.paragraph.children[item.paragraph.children.length - 2];
        const text = link.type === 'link' ? link.children[link.children.length - 1] : undefined;
        const textEnd = text?.type === 'text' ? offsetsOf(document, text)?.[1] : undefined;
        if (textEnd !== undefined && document.text[textEnd - 1] === '.' && document.text[textEnd - 2] !== '.') {
          findings.push(finding(FINAL_PUNCTUATION, rangeOf(document, textEnd - 1, item.end),
            'A period at the end of the link\'s text and another after the link: the item shows two.', {
              fixes: [{ title: 'Remove the period inside the link', edits: [{ range: rangeOf(document, textEnd - 1, textEnd), newText: '' }], preferred: true, safe: true }],
            }));
        }
      }
    }
  }
  return findings;
}

/** Punctuation slips in the text of paragraphs, items and headings. */
export const punctuationRule: Rule = {
  name: 'punctuation',
  codes: [BRACKET_UNPAIRED, SPACE_BEFORE_COMMA, DOUBLED_WORD],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    walk(document, (node) => {
      if (node.type !== 'paragraph' && node.type !== 'heading') return;
      const pieces = textPieces(document, node);
      findings.push(...unpaired(document, node, pieces), ...spaceBeforeComma(document, pieces), ...doubledWords(document, pieces));
    });
    return findings;
  },
};

/**
 * How a section's link items end: a rule of its own, as it reads the whole top-level section while
 * the slips above hold item by item (and so are re-checked, after an edit, on the edited items alone).
 */
export const finalPunctuationRule: Rule = {
  name: 'final-punctuation',
  codes: [FINAL_PUNCTUATION],
  docs: 'docs/rules.md',
  check: ({ document }) => finalPunctuation(document),
};
