import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, matchesOf, rangeOf } from './helpers';
import { inScannedText, maskedLines, scanMarkdown } from './markdownScan';
import type { MarkdownScan } from './markdownScan';

const CODE_SPAN_UNBALANCED: RuleCode = {
  code: 'markdown.code-span-unbalanced',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A backtick with no partner (an unclosed code span, or `\'` typed for the closing backtick), or a code span that swallows a link\'s `](`: the code shows with its backticks.',
};
const CODE_SPAN_ESCAPE: RuleCode = {
  code: 'markdown.code-span-escape',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A backslash escape (`\\[`) or an HTML entity (`&lt;`) inside backticks: code spans show them literally.',
};
const EMPHASIS_SPACE: RuleCode = {
  code: 'markdown.emphasis-space',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A space just inside `**` or `*` (`**Title **`, `** Title**`, `* Text*`): the text is not bold or italic and the asterisks show.',
};
const EMPHASIS_UNBALANCED: RuleCode = {
  code: 'markdown.emphasis-unbalanced',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'Asterisks that do not pair up (`*Title**`, `***Title*`): some of them show on the page.',
};

function isEscaped(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.slice(from).search(/\r?\n/);
  return nl < 0 ? text.length : from + nl;
}

function checkCodeSpans(document: IssueDocument, scan: MarkdownScan): Finding[] {
  const { text } = document;
  const findings: Finding[] = [];
  for (const span of scan.texts) {
    for (let i = span.start; i < span.end; i++) {
      if (text[i] !== '`' || isEscaped(text, i)) continue;
      let run = 1;
      while (i + run < span.end && text[i + run] === '`') run++;
      findings.push(finding(CODE_SPAN_UNBALANCED, rangeOf(document, i, Math.min(lineEnd(text, i), span.end)),
        `This ${'`'.repeat(run)} has no closing partner: the code span is not made and the backtick shows on the page.`));
      break; // one finding per text run is enough to point at it
    }
  }
  for (const span of scan.codeSpans) {
    const inner = text.slice(span.start, span.end);
    if (/\]\(/.test(inner) && /\n|\]\((?:https?:|www\.)/.test(inner)) {
      findings.push(finding(CODE_SPAN_UNBALANCED, rangeOf(document, span.start, Math.min(span.end, lineEnd(text, span.start))),
        'This code span runs across a link\'s `](`: a backtick is missing before it, so the link shows as code.'));
    }
    const escape = /\\[[\]_*]|&(?:lt|gt|amp|quot|#\d+);/.exec(inner);
    if (escape) {
      const unescaped = inner.replace(/\\([[\]_*])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
      findings.push(finding(CODE_SPAN_ESCAPE, rangeOf(document, span.start + escape.index, span.start + escape.index + escape[0].length),
        `\`${escape[0]}\` inside backticks shows literally: code spans take their text as written.`, {
          fixes: [{ title: 'Write the characters themselves', edits: [{ range: rangeOf(document, span.start, span.end), newText: unescaped }], preferred: true }],
        }));
    }
  }
  return findings;
}

/**
 * `** text**` and `**text **`. The lookahead gives up at once on a `**` with no closing `**` on its
 * line, and the text is a run ending in a non-space (or one character): written as the lazy
 * `([^*\n]+?)` between two runs of spaces, a `**` followed by a long run of spaces took cubic time
 * (5 s for 2,000 spaces, on a line checked after every edit). Same matches and groups.
 */
const SPACED_STRONG = /\*\*(?=[^*\n]+\*\*)([ \t]*)([^*\n]*[^*\n \t]|[^*\n])([ \t]*)\*\*/g;
/** `* text*` and `*text *`: one `*` on each side, not part of a `**`, a space just inside one of them. */
const SPACED_EMPHASIS = /(?<![*\\])\*(?!\*)([ \t]*)([^*\s](?:[^*\n]*[^*\s])?)([ \t]*)(?<!\\)\*(?!\*)/g;

function checkEmphasis(document: IssueDocument, scan: MarkdownScan): Finding[] {
  const { text } = document;
  const findings: Finding[] = [];
  const explained = new Set<number>();
  for (const { start, text: line } of maskedLines(document, scan)) {
    for (const m of matchesOf(SPACED_STRONG, line)) {
      const at = start + m.index;
      if ((m[1] === '' && m[3] === '') || m[2].trim() === '' || !inScannedText(scan, at)) continue;
      if (m[1] !== '' && m[3] !== '') continue; // `** x **`: a separator, not a title
      explained.add(at);
      explained.add(at + m[0].length - 2);
      const inner = text.slice(at + 2 + m[1].length, at + 2 + m[1].length + m[2].length);
      findings.push(finding(EMPHASIS_SPACE, rangeOf(document, at, at + m[0].length), 'A space just inside `**` stops the bold: the asterisks show on the page.', {
        fixes: [{ title: 'Move the space outside the `**`', edits: [{ range: rangeOf(document, at, at + m[0].length), newText: `${m[1]}**${inner}**${m[3]}` }], preferred: true, safe: true }],
      }));
    }
  }
  for (const { start, text: line } of maskedLines(document, scan)) {
    const pattern = new RegExp(SPACED_EMPHASIS.source, 'g');
    for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
      const at = start + m.index;
      const end = at + m[0].length;
      // Exactly one side spaced (`* a *` is a separator or arithmetic), both stars literal text;
      // else the closing star may open the next pair, so look again from it.
      // And the pair must stand apart from the words around it: in `*const (), *mut` or
      // `Fn* &(mut) Fn*` the stars belong to the words, and show as meant.
      const apart = !/[\p{L}\p{N}_]/u.test(text[at - 1] ?? ' ') && !/[\p{L}\p{N}_]/u.test(text[end] ?? ' ');
      if ((m[1] === '') === (m[3] === '') || !apart || !inScannedText(scan, at) || !inScannedText(scan, end - 1) || explained.has(at) || explained.has(end - 1)) {
        pattern.lastIndex = m.index + m[0].length - 1;
        continue;
      }
      explained.add(at);
      explained.add(end - 1);
      const inner = text.slice(at + 1 + m[1].length, at + 1 + m[1].length + m[2].length);
      findings.push(finding(EMPHASIS_SPACE, rangeOf(document, at, end), 'A space just inside `*` stops the italics: the asterisks show on the page.', {
        fixes: [{ title: 'Move the space outside the `*`', edits: [{ range: rangeOf(document, at, end), newText: `${m[1]}*${inner}*${m[3]}` }], preferred: true, safe: true }],
      }));
    }
  }
  for (const span of scan.texts) {
    for (let i = span.start; i < span.end; i++) {
      if (text[i] !== '*' || isEscaped(text, i)) continue;
      let run = 1;
      while (i + run < span.end && text[i + run] === '*') run++;
      const runEnd = i + run;
      const touchesEmphasis = scan.emphases.some((e) => e.end === i || e.start === runEnd);
      const before = text[i - 1] ?? ' ';
      const after = text[runEnd] ?? ' ';
      const glued = run >= 2 && /[\p{L}\p{N}]/u.test(before + after);
      if (!explained.has(i) && !explained.has(runEnd - 2) && (touchesEmphasis || glued)) {
        findings.push(finding(EMPHASIS_UNBALANCED, rangeOf(document, i, runEnd), `\`${'*'.repeat(run)}\` pairs with nothing: the asterisks show on the page (count the \`*\` on each side of the bold or italic text).`));
      }
      i = runEnd - 1;
    }
  }
  return findings;
}

/** Code spans and emphasis that do not render as written. */
export const inlineMarkupRule: Rule = {
  name: 'inline-markup',
  codes: [CODE_SPAN_UNBALANCED, CODE_SPAN_ESCAPE, EMPHASIS_SPACE, EMPHASIS_UNBALANCED],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const scan = scanMarkdown(document);
    return [...checkCodeSpans(document, scan), ...checkEmphasis(document, scan)];
  },
};
