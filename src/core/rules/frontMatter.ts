import { formatTitle } from '../titleTemplate';
import { formatIsoDay } from '../parse/dates';
import type { IssueDocument } from '../model';
import type { NewsletterConfig } from '../config';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';

const MISSING: RuleCode = {
  code: 'frontmatter.missing',
  defaultSeverity: 'error',
  description: 'The file has no front matter (the `---` block with `title` and `date` at the top).',
};
const INVALID: RuleCode = {
  code: 'frontmatter.invalid',
  defaultSeverity: 'error',
  description: 'The front matter does not parse as YAML, or is not closed.',
};
const PARSE_FAILED: RuleCode = {
  code: 'parse.failed',
  defaultSeverity: 'error',
  description: 'The Markdown body could not be read.',
};

/**
 * The front matter an issue would start with, from what the file name says (`YYYY-MM-DD-N.md`);
 * placeholders stay visible where the file name does not say.
 */
export function frontMatterSkeleton(document: IssueDocument, config: NewsletterConfig): string {
  const eol = eolOf(document);
  const info = document.fileNameInfo;
  const title = info?.date && info.number !== undefined
    ? formatTitle(config.format.title.template, info.number, info.date)
    : config.format.title.template;
  const date = info?.date ? `${formatIsoDay(info.date)}T09:00:00+00:00` : 'YYYY-MM-DDT09:00:00+00:00';
  return `---${eol}title: ${title}${eol}date: ${date}${eol}---${eol}${eol}`;
}

/**
 * `frontmatter.missing`: no front matter at all. `frontmatter.invalid` and `parse.failed`: what the
 * parser found wrong (YAML errors at their line, a missing closing fence, unreadable Markdown).
 */
export const frontMatterRule: Rule = {
  name: 'frontMatter',
  codes: [MISSING, INVALID, PARSE_FAILED],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const findings = [...document.parseFindings];
    if (!document.frontMatter) {
      findings.push(finding(MISSING, lineRange(document, 0), 'The issue has no front matter: it should start with a `---` block holding `title` and `date`.', {
        fixes: [{
          title: 'Insert a front matter block',
          edits: [insert({ line: 0, character: 0 }, frontMatterSkeleton(document, config))],
          preferred: true,
        }],
      }));
    }
    return findings;
  },
};
