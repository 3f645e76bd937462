import { formatTitle, templatePlaceholders } from '../titleTemplate';
import type { IssueDocument } from '../model';
import type { NewsletterConfig } from '../config';
import type { Rule, RuleCode } from './rule';
import { eolOf, finding, insert, lineRange } from './helpers';
import { dateFieldValue, headerLine } from './header';

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
 * The header an issue would start with, in the profile's syntax, from what the file name says
 * (`YYYY-MM-DD-N.md`); placeholders stay visible where the file name does not say.
 */
export function frontMatterSkeleton(document: IssueDocument, config: NewsletterConfig): string {
  const profile = config.format;
  const kind = profile.header.kind;
  const eol = eolOf(document);
  const info = document.fileNameInfo;
  const needsNumber = templatePlaceholders(profile.title.template).includes('number');
  const title = info?.date && (!needsNumber || info.number !== undefined)
    ? formatTitle(profile.title.template, info.number, info.date)
    : profile.title.template;
  const date = info?.date ? dateFieldValue(profile, info.date) : 'YYYY-MM-DDT09:00:00+00:00';
  const lines = [headerLine(kind, profile.header.titleField, title)];
  if (profile.header.numberField && info?.number !== undefined) lines.push(headerLine(kind, profile.header.numberField, String(info.number), false));
  lines.push(headerLine(kind, profile.header.dateField, date, false));
  const body = lines.map((line) => `${line}${eol}`).join('');
  if (kind === 'pelican') return `${body}${eol}`;
  const fence = kind === 'toml' ? '+++' : '---';
  return `${fence}${eol}${body}${fence}${eol}${eol}`;
}

function missingMessage(config: NewsletterConfig): string {
  const { kind, titleField, dateField } = config.format.header;
  if (kind === 'pelican') return `The issue has no header: it should start with \`${titleField}:\` and \`${dateField}:\` lines, then a blank line.`;
  return `The issue has no front matter: it should start with a \`${kind === 'toml' ? '+++' : '---'}\` block holding \`${titleField}\` and \`${dateField}\`.`;
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
    // A format without a header has nothing to miss: its title is the first heading.
    if (!document.frontMatter && config.format.header.kind !== 'none') {
      findings.push(finding(MISSING, lineRange(document, 0), missingMessage(config), {
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
