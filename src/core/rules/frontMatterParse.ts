import type { Rule } from './rule';

/** Reports what the parser found wrong with the front matter (YAML errors at their line, no closing fence). */
export const frontMatterParse: Rule = {
  name: 'frontMatterParse',
  codes: [
    { code: 'frontmatter.invalid', defaultSeverity: 'error', description: 'The front matter does not parse as YAML, or is not closed.' },
    { code: 'parse.failed', defaultSeverity: 'error', description: 'The Markdown body could not be read.' },
  ],
  check: ({ document }) => [...document.parseFindings],
};
