import type { Finding, Fix, IssueDocument, Range, RelatedLocation, TextEdit } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, matchesOf, rangeOf } from './helpers';
import { blocksSpan, maskedLines, normalizeLabel, referenceLabelsUnder, scanMarkdown } from './markdownScan';
import { wholeIssueOf } from './blockWindow';
import type { MarkdownScan } from './markdownScan';
import { urlIdentity } from '../urls';
import { editDistance } from './linkTextUrl';

const SYNTAX: RuleCode = {
  code: 'link.syntax',
  reach: 'item',
  defaultSeverity: 'error',
  description: 'The Markdown of a link is garbled (`] (`, `[text)(url)`, `(text)[url]`, `[text][url]`, a `](` that opens no link, a stray `)`), so the page shows brackets instead of a link.',
};
const TEXT_BRACKETS: RuleCode = {
  code: 'link.text-brackets',
  reach: 'item',
  // A hint, not a warning: today's Python-Markdown (3.4) and kramdown (2.4) skip code spans when
  // they pair brackets, as CommonMark does (checked against both), so the page shows the link. The
  // fix histories show older site renderers ending such links early, and editors removing the
  // stray bracket: house style for renderers of either age.
  defaultSeverity: 'hint',
  description: 'A link\'s text has unbalanced `[` `]` inside backticks: today\'s renderers show the link, but older Python-Markdown versions end it early (house style).',
};
const REFERENCE_UNDEFINED: RuleCode = {
  code: 'link.reference-undefined',
  reach: 'item',
  defaultSeverity: 'error',
  description: 'A reference link `[text][label]` whose label has no `[label]: URL` definition shows as plain text with brackets.',
};
const REFERENCE_DEFINED_TWICE: RuleCode = {
  code: 'link.reference-defined-twice',
  defaultSeverity: 'warning',
  description: 'One reference label is defined twice, for two different URLs: every link with that label goes to one of them.',
};
const TAG_JOINED: RuleCode = {
  code: 'link.tag-joined',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A tag written against the link, `[video][Title](url)`, reads as a reference link: the tag or the title goes missing.',
};
const URL_IN_PARENTHESES: RuleCode = {
  code: 'link.url-in-parentheses',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A list item written `Title (https://...)`: the URL is shown in plain parentheses instead of being the title\'s link.',
};

const URL_START = String.raw`(?:https?:\/\/|www\.)`;
/** `[text] (url)`: a space between the text and the target. */
const SPACED = new RegExp(String.raw`\](\s+)\(${URL_START}[^\s()]*(?:\([^\s()]*\)[^\s()]*)*\)`, 'gi');
/** `[text)(url)`: the text closed with `)`. */
const PAREN_CLOSED = new RegExp(String.raw`\[([^\[\]()\n]*)\)\(${URL_START}`, 'gi');
/** `[text])url)`: the target opened with `)`. */
const TARGET_PAREN = new RegExp(String.raw`\]\)(${URL_START}[^\s()]*\))`, 'gi');
/** `(text)[url]`: text and target swapped in kind. */
const REVERSED = new RegExp(String.raw`\(([^()\[\]\n]+)\)\[(${URL_START}[^\]\s]+)\]`, 'gi');
/** `[text][url]`: the target in square brackets. */
const SQUARE_TARGET = new RegExp(String.raw`\[([^\[\]\n]+)\]\[(${URL_START}[^\]\s]+)\]`, 'gi');
/** `[text][label]`, a full reference. */
const FULL_REFERENCE = /\[([^[\]\n]+)\]\[([^[\]\n]*)\]/g;
/** `[label]` alone: a shortcut reference, or plain brackets. */
const SHORTCUT = /(?<![\]\\!])\[([^[\]\n]+)\](?![[(:])/g;
/** `[tag][Title](url)`. */
const JOINED = /\[([^[\]\n]+)\]\[([^[\]\n]+)\]\(/g;
/** `* Title (https://...)` with nothing after. */
const PAREN_URL_ITEM = new RegExp(String.raw`^([ \t]*[*+-][ \t]+)([^\[\]()\n]*[^\s\[\]()|])[ \t]+\((https?:\/\/[^\s()]+)\)[ \t]*\.?$`);

export function isUrlLike(text: string): boolean {
  return new RegExp(`^${URL_START}`, 'i').test(text);
}

function linkOpenAt(scan: MarkdownScan, offset: number): boolean {
  return scan.links.some((l) => l.open === offset);
}

function insideLink(scan: MarkdownScan, offset: number): boolean {
  return scan.links.some((l) => offset >= l.start && offset < l.end);
}

function checkLines(document: IssueDocument, scan: MarkdownScan, tags: ReadonlySet<string>, labels: () => ReferenceLabels): Finding[] {
  const findings: Finding[] = [];
  const { text } = document;
  const claimed = new Set<number>(); // `]` offsets a specific finding explained
  const range = (s: number, e: number) => rangeOf(document, s, e);
  /** `[text][label]` (or `[text][]`) at `at`, `length` long: the edit that gives it another label. */
  const relabelFull = (at: number, length: number) => (written: string): TextEdit => {
    const close = text.lastIndexOf('][', at + length);
    return { range: range(close + 2, at + length - 1), newText: written };
  };
  const safeFix = (title: string, s: number, e: number, newText: string, safe = true): Fix =>
    ({ title, edits: [{ range: range(s, e), newText }], preferred: true, safe });

  for (const { start, text: line } of maskedLines(document, scan)) {
    for (const m of matchesOf(SPACED, line)) {
      const at = start + m.index;
      if (scan.linkTextEnds.has(at) || !bracketOpensBefore(line, m.index)) continue;
      claimed.add(at);
      findings.push(finding(SYNTAX, range(at, at + 1 + m[1].length + 1), 'A space between `]` and `(`: the page shows the brackets and the URL instead of a link.', {
        fixes: [safeFix('Remove the space between `]` and `(`', at + 1, at + 1 + m[1].length, '')],
      }));
    }
    for (const m of matchesOf(PAREN_CLOSED, line)) {
      const closeParen = start + m.index + 1 + m[1].length;
      if (linkOpenAt(scan, start + m.index)) continue;
      findings.push(finding(SYNTAX, range(start + m.index, closeParen + 2), 'The link text is closed with `)` instead of `]`: no link is made.', {
        fixes: [safeFix('Close the link text with `]`', closeParen, closeParen + 1, ']')],
      }));
    }
    for (const m of matchesOf(TARGET_PAREN, line)) {
      const at = start + m.index;
      claimed.add(at);
      findings.push(finding(SYNTAX, range(at, at + m[0].length), 'The URL is opened with `)` instead of `(`: no link is made.', {
        fixes: [safeFix('Open the URL with `(`', at + 1, at + 2, '(')],
      }));
    }
    for (const m of matchesOf(REVERSED, line)) {
      const at = start + m.index;
      if (insideLink(scan, at)) continue;
      claimed.add(at + m[0].length - 1);
      findings.push(finding(SYNTAX, range(at, at + m[0].length), 'Text and URL are swapped in kind: `(text)[url]` is not a link; Markdown wants `[text](url)`.', {
        fixes: [safeFix('Rewrite as `[text](url)`', at, at + m[0].length, `[${text.slice(at + 1, at + 1 + m[1].length)}](${m[2]})`)],
      }));
    }
    for (const m of matchesOf(SQUARE_TARGET, line)) {
      const at = start + m.index;
      if (scan.linkTextEnds.has(at + 1 + m[1].length)) continue;
      claimed.add(at + 1 + m[1].length);
      claimed.add(at + m[0].length - 1);
      const label = text.slice(at + 1, at + 1 + m[1].length);
      findings.push(finding(SYNTAX, range(at, at + m[0].length), 'The URL is in square brackets: `[text][url]` is a reference to an undefined label, not a link.', {
        fixes: [safeFix('Rewrite as `[text](url)`', at, at + m[0].length, `[${label}](${m[2]})`)],
      }));
    }
    for (const m of matchesOf(JOINED, line)) {
      const at = start + m.index;
      const tagClose = at + 1 + m[1].length;
      const linkOpen = tagClose + 1;
      if (scan.linkTextEnds.has(tagClose) || !linkOpenAt(scan, linkOpen)) continue;
      claimed.add(tagClose);
      findings.push(finding(TAG_JOINED, range(at, linkOpen + 1), `\`[${m[1]}]\` is written against the link: with no space it reads as a reference link. Put a space after the tag.`, {
        fixes: [safeFix('Put a space after the tag', linkOpen, linkOpen, ' ')],
      }));
    }
    for (const m of matchesOf(FULL_REFERENCE, line)) {
      const at = start + m.index;
      const textClose = at + 1 + m[1].length;
      if (scan.linkTextEnds.has(textClose) || claimed.has(textClose)) continue;
      const after = line[m.index + m[0].length];
      if (after === '(' || after === ':') continue;
      const labelText = text.slice(textClose + 2, textClose + 2 + m[2].length);
      const label = normalizeLabel(m[2] === '' ? text.slice(at + 1, textClose) : labelText);
      if (scan.definitions.has(label) || isUrlLike(labelText) || tags.has(label) || tags.has(normalizeLabel(m[1]))) continue;
      claimed.add(textClose);
      claimed.add(at + m[0].length - 1);
      findings.push(undefinedReference(document, labels(), label, range(at, at + m[0].length), relabelFull(at, m[0].length)));
    }
    // `[label]` alone is plain text unless defined; it is a reference with a slip when a definition
    // no link uses has nearly its label (`[rust-bitfield]`, `[rust-bitfields]: URL`).
    for (const m of matchesOf(SHORTCUT, line)) {
      const at = start + m.index;
      const close = at + 1 + m[1].length;
      const label = normalizeLabel(text.slice(at + 1, close));
      if (scan.linkTextEnds.has(close) || claimed.has(close) || scan.definitions.has(label) || tags.has(label) || isUrlLike(m[1])) continue;
      // Or an item's title that lost its URL: `* [Title]` alone, or `* [name] - what it is`.
      const leadsItem = /^[ \t]*[*+-][ \t]+$/.test(line.slice(0, m.index)) && /^(?:\.?[ \t]*$|[ \t]+[-\u2013\u2014:][ \t])/.test(line.slice(m.index + m[0].length));
      if (!leadsItem && !labels().definitions.some((d) => !labels().used.has(d.label) && nearLabel(d.label, label))) continue;
      claimed.add(close);
      // The text stays what the page shows; the label goes after it: `[rust-bitfield][rust-bitfields]`.
      findings.push(undefinedReference(document, labels(), label, range(at, close + 1), (written) => ({ range: range(close + 1, close + 1), newText: `[${written}]` })));
    }
    const item = PAREN_URL_ITEM.exec(line);
    if (item && !scan.links.some((l) => l.start >= start && l.start < start + line.length)) {
      const titleStart = start + item[1].length;
      const titleText = text.slice(titleStart, titleStart + item[2].length);
      const end = start + line.trimEnd().replace(/\.$/, '').length;
      findings.push(finding(URL_IN_PARENTHESES, range(titleStart, end), 'The URL stands in plain parentheses after the title: make the title its link.', {
        fixes: [safeFix('Make the title the link', titleStart, end, `[${titleText}](${item[3]})`, false)],
      }));
    }
  }

  // `[a title broken\n  over two lines][label]`: the same check, across the line break of one
  // paragraph or list item. Read in the blocks' masked text only: in a block window the rest is
  // the issue's other blocks, unmasked, and a search of the whole text after every edit.
  const blocks = blocksSpan(document);
  for (const m of scan.masked.slice(blocks.start, blocks.end).matchAll(/\[([^[\]\n]*\n[^[\]]*)\]\[([^[\]\n]*)\]/g)) {
    const at = blocks.start + m.index;
    const textClose = at + 1 + m[1].length;
    // Not across a blank line (another paragraph) or into the next list item: brackets pair within one.
    if (/\n[ \t]*\n|\n[ \t]*(?:[*+-]|\d+[.)])[ \t]/.test(m[1]) || scan.linkTextEnds.has(textClose) || claimed.has(textClose) || /[(:]/.test(scan.masked[at + m[0].length] ?? '')) continue;
    const labelText = text.slice(textClose + 2, textClose + 2 + m[2].length);
    const label = normalizeLabel(m[2] === '' ? text.slice(at + 1, textClose) : labelText);
    if (scan.definitions.has(label) || isUrlLike(labelText) || tags.has(label)) continue;
    claimed.add(textClose);
    findings.push(undefinedReference(document, labels(), label, range(at, at + m[0].length), relabelFull(at, m[0].length)));
  }

  // Any other `](` that opens no link, or a link followed by a stray `)` or a second `](url)`.
  // The inline links by where they end, read with one cursor as the lines go down (not all links for every line).
  const linksByEnd = scan.links.filter((l) => l.kind === 'link').sort((a, b) => a.end - b.end);
  let firstEnding = 0;
  for (const { line: lineNumber, start, text: line } of maskedLines(document, scan)) {
    // A `<br>[URL](URL)` line that does not parse is link.malformed's (with its own repair).
    const linkLine = /^[ \t]*<br[ \t]*\/?>[ \t]*\[/i.test(document.lines.lineText(lineNumber));
    for (let i = line.indexOf(']('); i >= 0; i = line.indexOf('](', i + 2)) {
      const at = start + i;
      if (scan.linkTextEnds.has(at) || claimed.has(at) || isEscaped(text, at) || linkLine) continue;
      const previous = scan.links.find((l) => l.end === at);
      const targetEnd = closingParen(line, i + 1);
      if (previous && targetEnd >= 0) {
        const repeated = text.slice(at, start + targetEnd + 1);
        const prevTarget = text.slice(previous.close + 1, previous.end);
        const fixes: Fix[] = repeated.slice(1) === prevTarget
          ? [safeFix('Remove the repeated `](URL)`', at, start + targetEnd + 1, '')]
          : [];
        findings.push(finding(SYNTAX, range(at, start + targetEnd + 1), 'The link is followed by a second `](URL)`: the page shows it as text.', { fixes }));
        continue;
      }
      // `[text](https://...` with no `)` on the line: link.malformed says so and adds the `)`.
      if (targetEnd < 0 && /^<?https?:\/\/\S+$/i.test(line.slice(i + 2).trim())) continue;
      findings.push(finding(SYNTAX, range(lineStartOfBracket(line, i, start), at + 2), 'This `[`...`](` does not make a link: a bracket or parenthesis is missing or extra (or the URL is not closed).'));
    }
    // A `)` right after a link, when the line opens no parenthesis for it.
    while (firstEnding < linksByEnd.length && linksByEnd[firstEnding].end <= start) firstEnding++;
    for (let k = firstEnding; k < linksByEnd.length && linksByEnd[k].end < start + line.length; k++) {
      const l = linksByEnd[k];
      const i = l.end - start;
      // `](https://host/pull/1)ippy/pull/7264)`: the tail of another URL pasted over this one.
      const tail = /^[\w.~-]*\/[^\s()]*\)/.exec(line.slice(i));
      if (tail) {
        // No fix: which of the two URLs the item wants needs a reader, and a fix never drops one.
        findings.push(finding(SYNTAX, range(l.end, l.end + tail[0].length), `\`${tail[0]}\` right after the link is the rest of a URL: two URLs were pasted over each other.`));
        continue;
      }
      if (line[i] !== ')' || line[i + 1] === ')') continue;
      if (openParens(scan.masked.slice(blockStart(document, scan, l.start), l.start)) > 0) continue;
      const target = text.slice(l.close + 2, l.end - 1);
      if (count(target, '(') > count(target, ')')) {
        findings.push(finding(SYNTAX, range(l.end, l.end + 1), 'A `)` after the link belongs to its URL, which has an unclosed `(`.', {
          fixes: [{ title: 'Move the `)` into the URL', edits: [{ range: range(l.end - 1, l.end + 1), newText: '))' }], preferred: true }],
        }));
        continue;
      }
      findings.push(finding(SYNTAX, range(l.end, l.end + 1), 'A stray `)` after the link closes nothing.', {
        fixes: [safeFix('Remove the stray `)`', l.end, l.end + 1, '', false)],
      }));
    }
  }
  return findings;
}

/** Offset where the paragraph or list item holding `offset` starts (a `(` there may close later). */
function blockStart(document: IssueDocument, scan: MarkdownScan, offset: number): number {
  let line = document.lines.positionAt(offset).line;
  for (;;) {
    const start = document.lines.offsetAt({ line, character: 0 });
    const text = scan.masked.slice(start, start + document.lines.lineText(line).length);
    if (line === 0 || /^\s*(?:[*+-]|\d+[.)])\s|^\s*#/.test(text)) return start;
    const previous = document.lines.lineText(line - 1);
    if (previous.trim() === '') return start;
    line--;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

function openParens(text: string): number {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
  }
  return depth;
}

function isEscaped(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Index of the `)` closing the `(` at `open` on the line (balanced), or -1. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    if (line[i] === '(') depth++;
    else if (line[i] === ')') {
      depth--;
      if (depth === 0) return i;
    } else if (/\s/.test(line[i])) return -1;
  }
  return -1;
}

/** True when a `[` before index `i` of the line is still open (so `i`'s `]` closes a bracket). */
function bracketOpensBefore(line: string, i: number): boolean {
  let depth = 0;
  for (let j = 0; j < i; j++) {
    if (line[j] === '[') depth++;
    else if (line[j] === ']' && depth > 0) depth--;
  }
  return depth > 0;
}

/** Offset of the `[` that the `]` at index `i` closes, or of the line's text start. */
function lineStartOfBracket(line: string, i: number, start: number): number {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    if (line[j] === ']') depth++;
    else if (line[j] === '[') {
      depth--;
      if (depth === 0) return start + j;
    }
  }
  return start + (line.length - line.trimStart().length);
}

interface ReferenceDefinition {
  readonly label: string;
  /** The label as written. */
  readonly written: string;
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

/** The reference definitions as written (also those CommonMark does not take) and the labels links use. */
interface ReferenceLabels {
  readonly definitions: readonly ReferenceDefinition[];
  readonly used: ReadonlySet<string>;
}

/** The reference definitions as written, outside code and HTML (also those CommonMark does not take). */
function writtenDefinitions(document: IssueDocument, scan: MarkdownScan): ReferenceDefinition[] {
  const definitions: ReferenceDefinition[] = [];
  for (const m of scan.masked.matchAll(/^( {0,3}\[)([^\]\n]+)\]:[ \t]*(\S+)/gm)) {
    const written = document.text.slice(m.index + m[1].length, m.index + m[1].length + m[2].length);
    definitions.push({ label: normalizeLabel(m[2]), written, url: document.text.slice(m.index + m[0].length - m[3].length, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  }
  return definitions;
}

const labelCache = new WeakMap<IssueDocument, ReferenceLabels>();

/**
 * The whole issue's definitions and used labels (in a block window too: a definition elsewhere
 * that no link uses is what an undefined reference may have meant), read once per document.
 */
function referenceLabels(window: IssueDocument): ReferenceLabels {
  const document = wholeIssueOf(window);
  const cached = labelCache.get(document);
  if (cached) return cached;
  const definitions = writtenDefinitions(document, scanMarkdown(document));
  const labels = { definitions, used: new Set(referenceLabelsUnder(document.markdown.tree)) };
  labelCache.set(document, labels);
  return labels;
}

/**
 * An undefined reference, with the definitions whose label is a letter or two off it and that no
 * link uses (`[maidsafe]` and `[maidesafe]: URL`): one of the two labels has the slip, and the
 * related information shows the other. The fix takes the definition's label.
 */
function undefinedReference(document: IssueDocument, labels: ReferenceLabels, label: string, at: Range, relabel: (written: string) => TextEdit): Finding {
  const near = labels.definitions.filter((d) => !labels.used.has(d.label) && nearLabel(d.label, label));
  const related: RelatedLocation[] = document.fileName
    ? near.map((d) => ({ fileName: document.fileName as string, range: rangeOf(document, d.start, d.end), message: `defined as [${d.label}], which no link uses` }))
    : [];
  const fixes: Fix[] = near.length === 1
    ? [{ title: `Use the defined label \`${near[0].written}\``, edits: [relabel(near[0].written)], preferred: true }]
    : [];
  const hint = near.length > 0 ? ` A definition \`[${near[0].label}]\` that no link uses is close: a slip in one of the labels?` : '';
  return finding(REFERENCE_UNDEFINED, at, `The reference \`[${label}]\` has no definition (\`[${label}]: URL\`): the page shows the brackets, not a link.${hint}`, { related, fixes });
}

/** Two labels a slip apart: a letter for short ones, two for long ones (`[sic]` is not `[rfc]`). */
function nearLabel(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  return a !== b && shorter >= 4 && editDistance(a, b) <= (shorter >= 8 ? 2 : 1);
}

/** `[asc]: url-a` and, further down, `[asc]: url-b`: one of the links with `[asc]` goes to the wrong page. */
function checkDefinedTwice(document: IssueDocument, definitions: readonly ReferenceDefinition[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, ReferenceDefinition>();
  for (const definition of definitions) {
    const earlier = first.get(definition.label);
    if (!earlier) { first.set(definition.label, definition); continue; }
    if (urlIdentity(earlier.url) === urlIdentity(definition.url)) continue;
    const line = document.lines.positionAt(earlier.start).line + 1;
    findings.push(finding(REFERENCE_DEFINED_TWICE, rangeOf(document, definition.start, definition.end),
      `\`[${definition.label}]\` is already defined on line ${line} for another URL: every link with this label goes to one of the two (CommonMark takes the first, Python-Markdown the last). Give one of them its own label.`, {
        related: document.fileName ? [{ fileName: document.fileName, range: rangeOf(document, earlier.start, earlier.end), message: 'the first definition' }] : [],
      }));
  }
  return findings;
}

function checkTextBrackets(document: IssueDocument, scan: MarkdownScan): Finding[] {
  const findings: Finding[] = [];
  for (const link of scan.links) {
    if (link.kind !== 'link') continue;
    const inner = document.text.slice(link.open + 1, link.close);
    const opens = count(inner.replace(/\\[[\]]/g, ''), '[');
    const closes = count(inner.replace(/\\[[\]]/g, ''), ']');
    if (opens === closes) continue;
    findings.push(finding(TEXT_BRACKETS, rangeOf(document, link.open, link.close + 1),
      `The link text has ${opens} \`[\` and ${closes} \`]\`: older Python-Markdown versions pair brackets even inside backticks and end the link early (today's Python-Markdown and kramdown show it).`));
  }
  return findings;
}

/** Link syntax that renders as brackets and text instead of a link. */
export const linkSyntaxRule: Rule = {
  name: 'link-syntax',
  codes: [SYNTAX, TEXT_BRACKETS, REFERENCE_UNDEFINED, TAG_JOINED, URL_IN_PARENTHESES],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const scan = scanMarkdown(document);
    const tags = new Set(config.format.entries.tags.map(normalizeLabel));
    // Read only when a reference may be undefined: most issues have none.
    return [...checkLines(document, scan, tags, () => referenceLabels(document)), ...checkTextBrackets(document, scan)];
  },
};

/**
 * A label defined twice, anywhere in the issue: a rule of its own, as it compares definitions
 * across the whole issue while the rest of link syntax holds block by block (and so is re-run
 * after an edit on the edited blocks alone).
 */
export const linkDefinitionsRule: Rule = {
  name: 'link-definitions',
  codes: [REFERENCE_DEFINED_TWICE],
  docs: 'docs/rules.md',
  check: ({ document }) => checkDefinedTwice(document, writtenDefinitions(document, scanMarkdown(document))),
};
