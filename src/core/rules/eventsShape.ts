import type { Finding, Fix, IssueDocument, Range, Section } from '../model';
import { parseHttpUrl } from '../urls';
import type { Rule, RuleCode } from './rule';
import { finding, insert, rangeOf } from './helpers';
import { meantMonths } from './monthNames';

const LINE_FORMAT: RuleCode = {
  code: 'events.line-format',
  reach: 'section',
  defaultSeverity: 'info',
  description: "An event line breaks the shape its siblings share (`DATE | PLACE | [Group](url)`): a `|` missing, a place in `[...]`, a title not bold, a part left out.",
};
const EMPTY_FIELD: RuleCode = {
  code: 'events.empty-field',
  reach: 'section',
  defaultSeverity: 'warning',
  description: 'An event line has a doubled `|` with nothing between (`| |`): one separator too many.',
};
const SUB_ITEM_GROUP: RuleCode = {
  code: 'events.sub-item-group',
  reach: 'section',
  defaultSeverity: 'info',
  description: "An event's sub-item links to another listed group's page, not its own event's: it was put under the wrong event.",
};

/**
 * One part of an event line: `date`, `place` (text ending in a country or state code, `Berlin, DE`,
 * `Virtual (Linz, AT)`), `text`, `link`, `bold-link` (`[**Title**](url)`), `bracketed` (`[...]`
 * that is not a link), `empty`; parts run together without a separator join with `+`.
 */
interface Field {
  readonly kind: string;
  /** Offsets in the line. */
  readonly start: number;
  readonly end: number;
  /** Where each atom of the field starts, in the line. */
  readonly atomStarts: readonly number[];
}

interface EventLine {
  readonly line: number;
  readonly depth: number;
  /** The parts separated by `|` (a run of links, a talk's mirrors, counts as one). */
  readonly fields: readonly Field[];
  /**
   * For an item that is one link whose text starts with a date (`[Oct 22. Berlin, DE - Title](url)`):
   * the parts of its text separated by ` - `.
   */
  readonly inner?: readonly Field[];
  /** The kinds of the parts, to count: lines with the same shape read alike. */
  readonly shape: string;
  /** Host and first path segment of each link, in order (`meetup.com/rust-linz`). */
  readonly groups: readonly string[];
  /** Every part, empty ones too, with where it is. */
  readonly allFields: readonly Field[];
}

const BULLET = /^(\s*)(?:[*+-]|\d+[.)])\s+/;
const DATE = /^(?:\d{4}-\d{2}-\d{2}|([A-Za-z][A-Za-z0-9]{2,8})\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\/\d{1,2})\.?(?=\s|$|[\],|:])/;
const LINK = /^(\*\*)?\[((?:[^[\]]|\[[^\]]*\])*)\]\(([^()\s]*(?:\([^()]*\)[^()\s]*)*)\)(\*\*)?/;
const BRACKETED = /^\[[^\]]*\](?!\()/;
const MONTH_START = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** Spans of `text` between top-level `sep`s: not inside brackets, a link's `(...)`, or backticks. */
function split(text: string, from: number, to: number, sep: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let bracket = 0;
  let paren = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') { const close = text.indexOf('`', i + 1); if (close > 0 && close < to) { i = close; continue; } }
    if (c === '[') bracket++;
    else if (c === ']') { bracket = Math.max(0, bracket - 1); if (text[i + 1] === '(' && bracket === 0) { paren++; i++; } }
    else if (c === '(' && paren > 0) paren++;
    else if (c === ')' && paren > 0) paren--;
    else if (bracket === 0 && paren === 0 && text.startsWith(sep, i)) { spans.push([start, i]); start = i + sep.length; i += sep.length - 1; }
  }
  spans.push([start, to]);
  return spans;
}

function isDate(match: RegExpExecArray): boolean {
  const word = match[1];
  return word === undefined || MONTH_START.test(word) || meantMonths(word).length > 0;
}

function textKind(text: string): string {
  return /,\s*[A-Z]{2,3}\)?\s*$/.test(text) ? 'place' : 'text';
}

/** The atoms of one field, from `from` to `to` in `line`. */
function field(line: string, from: number, to: number): Field {
  let i = from;
  while (i < to && /\s/.test(line[i])) i++;
  let end = to;
  while (end > i && /\s/.test(line[end - 1])) end--;
  const kinds: string[] = [];
  const starts: number[] = [];
  const push = (kind: string, at: number) => {
    if (kinds.length > 0 && (kind === 'text' || kind === 'place') && (kinds[kinds.length - 1] === 'text' || kinds[kinds.length - 1] === 'place')) {
      kinds[kinds.length - 1] = kind;
      return;
    }
    kinds.push(kind);
    starts.push(at);
  };
  const date = DATE.exec(line.slice(i, end));
  if (date && isDate(date)) { push('date', i); i += date[0].length; }
  let textStart = -1;
  const flushText = (at: number) => {
    if (textStart < 0) return;
    const text = line.slice(textStart, at).trim();
    if (text !== '' && !/^[-–:.,;]+$/.test(text)) push(textKind(text), textStart);
    textStart = -1;
  };
  while (i < end) {
    const rest = line.slice(i, end);
    const link = LINK.exec(rest);
    if (link && (link[1] === undefined) === (link[4] === undefined)) {
      flushText(i);
      push(link[1] || /^\*\*.*\*\*$/.test(link[2].trim()) ? 'bold-link' : 'link', i);
      i += link[0].length;
      continue;
    }
    const bracketed = BRACKETED.exec(rest);
    if (bracketed) { flushText(i); push('bracketed', i); i += bracketed[0].length; continue; }
    if (textStart < 0 && !/\s/.test(line[i])) textStart = i;
    i++;
  }
  flushText(end);
  return { kind: kinds.length === 0 ? 'empty' : kinds.join('+'), start: from, end: to, atomStarts: starts };
}

function groupOf(url: string): string | undefined {
  const parsed = parseHttpUrl(url);
  if (!parsed) return undefined;
  const segment = parsed.pathname.split('/').filter(Boolean)[0];
  return segment ? `${parsed.hostname.replace(/^www\./i, '').toLowerCase()}/${segment.toLowerCase()}` : undefined;
}

function eventLine(document: IssueDocument, line: number): EventLine | undefined {
  const text = document.lines.lineText(line);
  const bullet = BULLET.exec(text);
  if (!bullet) return undefined;
  const depth = bullet[1].replace(/\t/g, '    ').length === 0 ? 0 : 1;
  const from = bullet[0].length;
  const to = text.trimEnd().length;
  const groups: string[] = [];
  for (const m of text.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)) { const g = groupOf(m[1]); if (g) groups.push(g); }
  const allFields = split(text, from, to, '|').map(([s, e]) => field(text, s, e));
  const fields = allFields.filter((f, i, all) => f.kind !== 'empty' && (i === 0 || f.kind !== all[i - 1].kind || !/link$/.test(f.kind)));
  let inner: Field[] | undefined;
  const whole = LINK.exec(text.slice(from, to));
  if (fields.length === 1 && whole && whole[1] === undefined && /^[.,;]?$/.test(text.slice(from + whole[0].length, to))) {
    const textStart = from + 1;
    const parts = split(text, textStart, textStart + whole[2].length, ' - ').map(([s, e]) => field(text, s, e));
    if (parts[0].kind.startsWith('date')) inner = parts;
  }
  const shape = `${fields.map((f) => f.kind).join(' | ')}${inner ? ` { ${inner.map((f) => f.kind).join(' - ')} }` : ''}`;
  return { line, depth, fields, inner, shape, groups, allFields };
}

function describe(line: EventLine): string {
  return line.fields.map((f) => f.kind).join(' | ');
}

/** The groups of events sections: a top-level events section with its events subsections. */
function eventAreas(document: IssueDocument): Section[][] {
  const areas = new Map<number, Section[]>();
  document.sections.forEach((section, index) => {
    if (section.kind !== 'events') return;
    let top = index;
    while (document.sections[top].parent !== undefined && document.sections[document.sections[top].parent as number].kind === 'events') top = document.sections[top].parent as number;
    areas.set(top, [...(areas.get(top) ?? []), section]);
  });
  return [...areas.values()];
}

function lineSpan(document: IssueDocument, line: number, start: number, end: number): Range {
  const base = document.lines.offsetAt({ line, character: 0 });
  return rangeOf(document, base + start, base + end);
}

/** What sets `line` apart from `dominant`, the shape that `siblings` of its siblings share, or undefined. */
function difference(document: IssueDocument, line: EventLine, dominant: EventLine, siblings: number): Finding | undefined {
  const said = `its ${siblings} siblings read \`${describe(dominant)}\``;
  const text = document.lines.lineText(line.line);
  const whole = lineSpan(document, line.line, text.length - text.trimStart().length, text.trimEnd().length);
  const at = (f: Field) => lineSpan(document, line.line, f.start, f.end);
  // An item that is one link with its parts in the text (`[Oct 22. Berlin, DE - Group - Title](url)`)
  // is not compared: a title holds ` - ` of its own, and a group that names its talk leaves a part
  // out on purpose, so the count of parts says nothing sure.
  if (line.inner || dominant.inner) return undefined;
  const mine = line.fields;
  const theirs = dominant.fields.map((f) => f.kind);
  if (mine.length === theirs.length) {
    for (let i = 0; i < mine.length; i++) {
      if (mine[i].kind === theirs[i]) continue;
      if (mine[i].kind === 'link' && theirs[i] === 'bold-link') return finding(LINE_FORMAT, at(mine[i]), `This event's title is not bold, but ${said}.`);
      if (mine[i].kind.split('+').includes('bracketed') && /place|text/.test(theirs[i])) return finding(LINE_FORMAT, at(mine[i]), `This part is in \`[...]\` but is no link: ${said}.`);
    }
    return undefined;
  }
  if (mine.length !== theirs.length - 1) return undefined;
  for (let i = 0; i < mine.length; i++) {
    if (mine[i].kind === theirs[i]) continue;
    const atoms = mine[i].kind.split('+');
    const merged = mine[i].kind === `${theirs[i]}+${theirs[i + 1]}`;
    if (merged || (atoms.length === 2 && atoms[0] === theirs[i] && atoms[1] === 'bracketed')) {
      const second = mine[i].atomStarts[1];
      const fixes: Fix[] = merged && second !== undefined
        ? [{ title: 'Put a `|` between the parts', edits: [insert({ line: line.line, character: second }, '| ')], preferred: true }]
        : [];
      const bracketed = merged ? '' : ' (and the place is in `[...]`, though it is no link)';
      return finding(LINE_FORMAT, at(mine[i]), `A \`|\` is missing in this part${bracketed}: ${said}.`, { fixes });
    }
    return finding(LINE_FORMAT, whole, `This event line has ${mine.length} parts, but ${said}: is one missing?`);
  }
  return finding(LINE_FORMAT, whole, `This event line has ${mine.length} parts, but ${said}: is one missing?`);
}

function checkEmptyFields(document: IssueDocument, line: EventLine): Finding[] {
  const findings: Finding[] = [];
  line.allFields.forEach((f, i) => {
    if (f.kind !== 'empty' || i === 0 || i === line.allFields.length - 1) return;
    // The separator before the empty part goes with the part's spaces: `a | | b` becomes `a | b`.
    const sep = f.start - 1;
    findings.push(finding(EMPTY_FIELD, lineSpan(document, line.line, sep, f.end + 1), 'Two `|` with nothing between them: one is too many.', {
      fixes: [{ title: 'Remove the extra `|`', edits: [{ range: lineSpan(document, line.line, sep, f.end), newText: '' }], preferred: true, safe: true }],
    }));
  });
  return findings;
}

function checkSubItems(document: IssueDocument, lines: readonly EventLine[]): Finding[] {
  const findings: Finding[] = [];
  const parents = lines.filter((l) => l.depth === 0);
  const groupOfParent = (l: EventLine) => l.groups[l.groups.length - 1];
  const listed = new Set(parents.map(groupOfParent).filter((g): g is string => g !== undefined));
  let parent: EventLine | undefined;
  for (const line of lines) {
    if (line.depth === 0) { parent = line; continue; }
    const own = parent && groupOfParent(parent);
    const first = line.groups[0];
    if (!own || !first || line.groups.includes(own) || parent?.groups.includes(first)) continue;
    if (own.split('/')[0] !== first.split('/')[0] || !listed.has(first)) continue;
    const text = document.lines.lineText(line.line);
    findings.push(finding(SUB_ITEM_GROUP, lineSpan(document, line.line, text.length - text.trimStart().length, text.trimEnd().length),
      `This sub-item links to \`${first}\`, another event's group, not to its own event's \`${own}\`: is it under the wrong event?`));
  }
  return findings;
}

/**
 * The lines of an events section share a shape, learnt from the section's own lines (not from one
 * newsletter): per depth (events, their sub-items), the shape most lines have, when at least three
 * lines and three in four have it. A line that differs from it in a way an editor fixes (a missing
 * `|`, a place in brackets, a title not bold, a part left out) is reported; so are empty parts
 * between two `|`, and a sub-item that links to another listed group's page.
 */
export const eventsShapeRule: Rule = {
  name: 'events-shape',
  codes: [LINE_FORMAT, EMPTY_FIELD, SUB_ITEM_GROUP],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    for (const area of eventAreas(document)) {
      const lines: EventLine[] = [];
      const seen = new Set<number>();
      for (const section of area) {
        for (const entry of section.entries) {
          if (entry.shape !== 'list-item' || entry.blockType === 'code' || entry.blockType === 'html') continue;
          for (let line = entry.range.start.line; line <= entry.range.end.line; line++) {
            if (seen.has(line)) continue;
            seen.add(line);
            const event = eventLine(document, line);
            if (event) lines.push(event);
          }
        }
      }
      lines.sort((a, b) => a.line - b.line);
      for (const line of lines) findings.push(...checkEmptyFields(document, line));
      for (const depth of [0, 1]) {
        const atDepth = lines.filter((l) => l.depth === depth);
        const counts = new Map<string, EventLine[]>();
        for (const l of atDepth) counts.set(l.shape, [...(counts.get(l.shape) ?? []), l]);
        const dominant = [...counts.values()].reduce((best, e) => (e.length > best.length ? e : best), []);
        if (dominant.length < 3 || dominant.length * 4 < atDepth.length * 3) continue;
        for (const l of atDepth) {
          if (l.shape === dominant[0].shape) continue;
          const found = difference(document, l, dominant[0], dominant.length);
          if (found) findings.push(found);
        }
      }
      findings.push(...checkSubItems(document, lines));
    }
    return findings;
  },
};
