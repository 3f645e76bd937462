import type { Nodes } from 'mdast';
import type { Finding, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, rangeOf } from './helpers';
import { offsetsOf, walk } from './renderSource';

const TAG_MANGLED: RuleCode = {
  code: 'html.tag-mangled',
  defaultSeverity: 'warning',
  description: 'An inline HTML tag opened in a paragraph is closed by a mangled tag (`small>` with no `</`): the tag never closes on the page, and the `small>` shows as text.',
  reach: 'item',
};

/** Elements with no closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const OPENING = /^<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>$/;
const CLOSING = /^<\/([A-Za-z][A-Za-z0-9-]*)\s*>$/;

/**
 * Per paragraph (or heading), the inline tags opened and not closed; a text run that holds
 * `name>` (or `/name>`) right after a word or a link, with no `<` before it, is the closing tag
 * with its `</` lost. The fix writes the `</` back.
 */
function mangledCloses(document: IssueDocument, block: Nodes): Finding[] {
  if (!('children' in block)) return [];
  const open: string[] = [];
  const findings: Finding[] = [];
  const go = (node: Nodes) => {
    if (node.type === 'html') {
      const value = node.value.trim();
      const opening = OPENING.exec(value);
      const closing = CLOSING.exec(value);
      if (opening && !VOID.has(opening[1].toLowerCase())) open.push(opening[1].toLowerCase());
      if (closing) {
        const k = open.lastIndexOf(closing[1].toLowerCase());
        if (k >= 0) open.splice(k);
      }
      return;
    }
    if (node.type === 'text' && open.length > 0) {
      const offsets = offsetsOf(document, node);
      if (!offsets) return;
      const source = document.text.slice(offsets[0], offsets[1]);
      // `name>` after anything but a letter, `<` or `/`; `/name>` after anything but `<`.
      for (const m of source.matchAll(/(?<![<\w/])([A-Za-z][A-Za-z0-9-]*)>|(?<!<)\/([A-Za-z][A-Za-z0-9-]*)>/g)) {
        const slash = m[2] === undefined ? '' : '/';
        const written = m[1] ?? m[2];
        const name = written.toLowerCase();
        const k = open.lastIndexOf(name);
        if (k < 0) continue;
        open.splice(k);
        const at = offsets[0] + (m.index ?? 0);
        const end = at + m[0].length;
        findings.push(finding(TAG_MANGLED, rangeOf(document, at, end),
          `\`${m[0]}\` is the closing tag of the \`<${written}>\` before it with its \`</\` lost: the \`<${written}>\` never closes, and \`${m[0]}\` shows on the page.`, {
            fixes: [{ title: `Write \`</${written}>\``, edits: [{ range: rangeOf(document, at, at + slash.length), newText: '</' }], preferred: true, safe: true }],
          }));
      }
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) go(child);
  };
  for (const child of block.children as Nodes[]) go(child);
  return findings;
}

/** Inline HTML tags that do not pair up. */
export const htmlTagsRule: Rule = {
  name: 'html-tags',
  codes: [TAG_MANGLED],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    walk(document, (node) => {
      if (node.type === 'paragraph' || node.type === 'heading') findings.push(...mangledCloses(document, node));
    });
    return findings;
  },
};
