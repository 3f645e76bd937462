import type { Paragraph } from 'mdast';
import type { Finding } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert } from './helpers';
import { paragraphLines, rendersWith, walk } from './renderSource';

const LINK_DEFINITION: RuleCode = {
  code: 'render.link-definition',
  reach: 'block',
  defaultSeverity: 'warning',
  description: 'A paragraph starts `[text]:` (also `[[RFC]: Title](url)`, brackets in a link\'s text): kramdown reads the line as a link definition and it vanishes from the page.',
  siteShows: 'nothing (a link definition)',
};

/** kramdown's `LINK_DEFINITION_START`, on one line: `[label]:` (the label up to the first `]`), then a URL. */
const DEFINITION = /^ {0,3}\[([^\n\]]+)\]:[ \t]*(\S.*)$/;

/** kramdown takes the line as a definition unless the URL part has a quote after a space (a title it cannot read). */
function isKramdownDefinition(rest: string): boolean {
  // Each run of spaces from its start only (the lookbehinds): not again from each of its spaces.
  const withoutTitle = rest.replace(/(?<![ \t])[ \t]+(["']).+?\1[ \t]*$/, '');
  return !/(?<![ \t])[ \t]+["']/.test(withoutTitle);
}

/**
 * kramdown reads a block's first line `[label]: anything` as a link definition: the line is
 * dropped from the page. CommonMark reads it as text when the label holds brackets (`[[RFC]: Title](url)`
 * is a link whose text starts `[RFC]:`) or what follows is no valid destination and title.
 */
export const renderLinkDefinitionRule: Rule = {
  name: 'render-link-definition',
  codes: [LINK_DEFINITION],
  docs: 'docs/rules.md',
  check: (context) => {
    if (!rendersWith(context, 'kramdown')) return [];
    const { document } = context;
    const findings: Finding[] = [];
    walk(document, (node) => {
      if (node.type !== 'paragraph') return;
      const [first] = paragraphLines(document, node as Paragraph);
      if (!first) return;
      const match = DEFINITION.exec(first.raw);
      if (!match || !isKramdownDefinition(match[2])) return;
      const colon = first.start + first.raw.indexOf(']:') + 1;
      const start = document.lines.positionAt(first.start);
      const end = document.lines.positionAt(first.start + first.raw.length);
      findings.push(finding(LINK_DEFINITION, { start, end },
        `kramdown reads this line as the definition of a link "${match[1]}": it vanishes from the page, while the preview shows it.`, {
          fixes: [{ title: 'Escape the `:` after `]` so that the line stays text', edits: [insert(document.lines.positionAt(colon), '\\')], preferred: true, safe: true }],
        }));
    });
    return findings;
  },
};
