import type { Heading, Nodes } from 'mdast';
import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding } from './helpers';
import { holdsBlocks } from '../parse/markdown';
import { isBlankLine, rangeOfNode, walk } from './renderSource';

const BLANK_LINES_EXTRA: RuleCode = {
  code: 'markdown.blank-lines-extra',
  defaultSeverity: 'hint',
  description: 'More blank lines than the issue uses elsewhere: two or more in a row where one separates its blocks, or a blank line between a heading and its list where the issue\'s other headings of that level have none (house style: the page does not change).',
};

/**
 * Wider gaps are slips only where they are rare: at most one run of blank lines in this many. An
 * issue that uses them more often (DevOps Weekly puts two blank lines before each section and
 * between entries) uses the width as layout.
 */
const WIDE_SHARE = 5;

interface HeadingAndList {
  readonly heading: Heading;
  /** Blank lines between the heading and the list right after it. */
  readonly gap: number;
  /** The heading's last line. */
  readonly last: number;
}

/**
 * In one walk over the blocks (an issue-wide rule, run after every edit: no inline node visited),
 * the lines of code and HTML blocks, where a blank line is content, not layout (HTML inside a
 * paragraph holds no blank line), and each heading followed by a list.
 */
function blockFacts(document: IssueDocument): { verbatim: Set<number>; pairs: HeadingAndList[] } {
  const verbatim = new Set<number>();
  const pairs: HeadingAndList[] = [];
  walk(document, (node, parent, index) => {
    if (node.type === 'code' || node.type === 'html') {
      const range = rangeOfNode(document, node);
      if (range) for (let line = range.start.line; line <= range.end.line; line++) verbatim.add(line);
      return;
    }
    if (node.type !== 'heading' || !parent) return;
    const next = parent.children[index + 1] as Nodes | undefined;
    if (next?.type !== 'list') return;
    const heading = rangeOfNode(document, node);
    const list = rangeOfNode(document, next);
    if (heading && list) pairs.push({ heading: node, gap: list.start.line - heading.end.line - 1, last: heading.end.line });
  }, holdsBlocks);
  return { verbatim, pairs };
}

interface BlankRun {
  /** The first blank line of the run. */
  readonly first: number;
  readonly length: number;
}

/** Runs of blank lines between two lines of text of the body (not at its end, not inside code or HTML). */
function blankRuns(document: IssueDocument, verbatim: ReadonlySet<number>): BlankRun[] {
  const bodyLine = document.lines.positionAt(document.markdown.bodyOffset).line;
  const runs: BlankRun[] = [];
  let first = -1;
  for (let line = bodyLine; line < document.lines.lineCount; line++) {
    const blank = !verbatim.has(line) && isBlankLine(document.lines.lineText(line));
    if (blank && first < 0) first = line;
    if (!blank && first >= 0) {
      runs.push({ first, length: line - first });
      first = -1;
    }
  }
  return runs;
}

/** Removes the lines `[from, to)` whole (they are blank). */
function removeLines(from: number, to: number) {
  return { range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } }, newText: '' };
}

/**
 * Blank lines beyond the issue's own habit. Any number of blank lines separates two blocks alike on
 * the page, so this is house style, but editors remove them by hand week after week:
 * - two or more blank lines in a row, in an issue that separates its blocks with one and uses
 *   wider gaps rarely (`WIDE_SHARE`);
 * - a blank line between a heading and the list under it, where most headings of that level in
 *   the issue that have a list under them have none (`### Tooling`, a blank line, `* [...]`).
 * The fix removes the extra blank lines, and nothing else.
 */
export const blankLinesRule: Rule = {
  name: 'blank-lines',
  codes: [BLANK_LINES_EXTRA],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    const { verbatim, pairs } = blockFacts(document);
    const runs = blankRuns(document, verbatim);
    const tally = new Map<number, number>();
    for (const run of runs) tally.set(run.length, (tally.get(run.length) ?? 0) + 1);
    const single = tally.get(1) ?? 0;
    const wide = runs.length - single;
    const usesOne = single > 0 && wide * WIDE_SHARE <= runs.length;
    const reported = new Set<number>();
    if (usesOne) {
      for (const run of runs) {
        if (run.length < 2) continue;
        const last = run.first + run.length - 1;
        reported.add(last + 1);
        findings.push(finding(BLANK_LINES_EXTRA, { start: { line: run.first, character: 0 }, end: { line: last, character: document.lines.lineText(last).length } },
          `${run.length} blank lines in a row, where this issue separates its blocks with one (the page shows no difference).`, {
            fixes: [{ title: `Remove the extra blank line${run.length > 2 ? 's' : ''}`, edits: [removeLines(run.first + 1, last + 1)], preferred: true, safe: true }],
          }));
      }
    }
    findings.push(...headingGaps(document, pairs, reported));
    return findings;
  },
};

/** A blank line between a heading and its list, where the issue's other headings of that level have none. */
function headingGaps(document: IssueDocument, pairs: readonly HeadingAndList[], reported: ReadonlySet<number>): Finding[] {
  const findings: Finding[] = [];
  for (const depth of new Set(pairs.map((p) => p.heading.depth))) {
    const same = pairs.filter((p) => p.heading.depth === depth);
    const tight = same.filter((p) => p.gap === 0).length;
    if (tight < 2 || tight <= same.length - tight) continue;
    for (const { gap, last } of same) {
      // A longer gap is already reported (and fixed) as a run of blank lines.
      if (gap === 0 || reported.has(last + gap + 1)) continue;
      findings.push(finding(BLANK_LINES_EXTRA, { start: { line: last + 1, character: 0 }, end: { line: last + gap, character: document.lines.lineText(last + gap).length } },
        `A blank line between this heading and its list, where the issue's other level-${depth} headings have their list right under them (the page shows no difference).`, {
          fixes: [{ title: 'Remove the blank line under the heading', edits: [removeLines(last + 1, last + gap + 1)], preferred: true, safe: true }],
        }));
    }
  }
  return findings;
}
