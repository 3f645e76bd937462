import type { Entry, Finding, IssueDocument, Range } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding } from './helpers';

const QUOTED_HEADING: RuleCode = {
  code: 'section.quoted-heading',
  defaultSeverity: 'warning',
  description: 'A heading or paragraph starts with `>From`: a mail-escaping artefact that Markdown renders as a block quote.',
};
const EMPTY: RuleCode = {
  code: 'section.empty',
  defaultSeverity: 'warning',
  description: 'A section has no entries (nothing, or only what the template left: an HTML comment, an empty bullet).',
};
const DUPLICATE: RuleCode = {
  code: 'section.duplicate',
  defaultSeverity: 'warning',
  description: 'The same section appears twice in the issue.',
};

/** The `>` (and one space after it) at the start of `line`, if the line starts with `>From`. */
function quoteMarkerOf(document: IssueDocument, line: number): Range | undefined {
  const match = /^([ \t]*)>[ \t]?(?=From\b)/.exec(document.lines.lineText(line));
  if (!match) return undefined;
  return { start: { line, character: match[1].length }, end: { line, character: match[0].length } };
}

function quotedFinding(document: IssueDocument, line: number, what: string): Finding[] {
  const marker = quoteMarkerOf(document, line);
  if (!marker) return [];
  return [finding(QUOTED_HEADING, marker, `This ${what} starts with \`>From\`, which Markdown shows as a quote: a leftover of mail escaping.`, {
    fixes: [{ title: 'Remove the `>`', edits: [{ range: marker, newText: '' }], preferred: true, safe: true }],
  })];
}

/** False for what a template leaves in a section to be filled in: an HTML comment, a bullet with nothing after it. */
function hasContent(document: IssueDocument, entry: Entry): boolean {
  const text = document.text.slice(document.lines.offsetAt(entry.range.start), document.lines.offsetAt(entry.range.end));
  const stripped = text.replace(/<!--[\s\S]*?-->/g, '').replace(/^\s*(?:[*+-]|\d+[.)])[ \t]*$/gm, '');
  return stripped.trim() !== '';
}

function sectionKey(name: string): string {
  return name.trim().replace(/^>\s*/, '').replace(/[:.]$/, '').replace(/\s+/g, ' ').toLowerCase();
}

/** Sections: quoted `>From` headings and paragraphs, sections without entries, repeated sections. */
export const sectionsRule: Rule = {
  name: 'sections',
  codes: [QUOTED_HEADING, EMPTY, DUPLICATE],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    const quotedEntries = (entries: readonly Entry[]) => {
      for (const entry of entries) if (entry.quotedFrom) findings.push(...quotedFinding(document, entry.range.start.line, 'paragraph'));
    };
    quotedEntries(document.intro);
    // A section whose content is its subsections is not empty; names repeat only among siblings
    // (`Rust` under two different parents is two sections).
    const hasSubsections = new Set(document.sections.map((section) => section.parent).filter((parent) => parent !== undefined));
    const seen = new Map<string, Range>();
    // A fresh issue (New Issue's skeleton: no section has an entry yet) is being written: its empty
    // sections are a reminder (a hint), not a problem, until the first entry goes in.
    const fresh = document.sections.length > 0 && document.sections.every((section) => !section.entries.some((entry) => hasContent(document, entry)));
    document.sections.forEach((section, index) => {
      if (section.headingStyle === 'quoted') findings.push(...quotedFinding(document, section.headingRange.start.line, 'heading'));
      quotedEntries(section.entries);
      if (!section.entries.some((entry) => hasContent(document, entry)) && !hasSubsections.has(index)) {
        const left = section.entries.length > 0 ? ' (only what the template left: a comment or an empty bullet)' : '';
        findings.push(fresh
          ? { ...finding(EMPTY, section.nameRange, `The section "${section.name}" has no entries yet${left}.`), severity: 'hint' }
          : finding(EMPTY, section.nameRange, `The section "${section.name}" has no entries${left}.`));
      }
      const key = `${section.parent ?? -1}\u0000${sectionKey(section.name)}`;
      const first = seen.get(key);
      if (first) {
        findings.push(finding(DUPLICATE, section.nameRange, `The section "${section.name}" already appears above (line ${first.start.line + 1}).`, {
          related: document.fileName ? [{ fileName: document.fileName, range: first, message: 'first appearance' }] : [],
        }));
      } else {
        seen.set(key, section.nameRange);
      }
    });
    return findings;
  },
};
