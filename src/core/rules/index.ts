import type { Rule, RuleCode } from './rule';
import { frontMatterRule } from './frontMatter';
import { titleRule } from './title';
import { dateRule } from './date';
import { fileNameRule } from './fileName';
import { issueNumberRule } from './issueNumber';
import { sectionsRule } from './sections';
import { entriesRule } from './entries';
import { linksRule } from './links';
import { linkRepeatsRule } from './linkRepeats';
import { htmlSwallowedRule } from './htmlSwallowed';
import { renderHashHeadingRule } from './renderHashHeading';
import { renderKramdownTableRule } from './renderKramdownTable';
import { renderKramdownLinkEmphasisRule } from './renderKramdownLinkEmphasis';
import { renderLinkDefinitionRule } from './renderLinkDefinition';
import { renderListNeedsBlankLineRule } from './renderListNeedsBlankLine';
import { renderNestedIndentRule } from './renderNestedIndent';
import { renderListBlankLineRule } from './renderListBlankLine';
import { linkDefinitionsRule, linkSyntaxRule } from './linkSyntax';
import { linkHygieneRule } from './linkHygiene';
import { linkTextUrlRule } from './linkTextUrl';
import { inlineMarkupRule } from './inlineMarkup';
import { listBulletsRule } from './listBullets';
import { templateRule } from './template';
import { headerAgreementRule } from './headerAgreement';
import { eventsRule } from './events';
import { eventsShapeRule } from './eventsShape';
import { monthNamesRule } from './monthNames';
import { urlStyleRule } from './urlStyle';
import { headingsRule } from './headings';
import { blankLinesRule } from './blankLines';
import { finalPunctuationRule, punctuationRule } from './punctuation';
import { htmlTagsRule } from './htmlTags';
import { renderListStrayBlankLineRule } from './renderListStrayBlankLine';

/** Every rule, in the order their findings are reported. An explicit list, not a directory scan. */
export const ALL_RULES: readonly Rule[] = [
  frontMatterRule,
  titleRule,
  dateRule,
  fileNameRule,
  issueNumberRule,
  sectionsRule,
  entriesRule,
  linksRule,
  linkRepeatsRule,
  htmlSwallowedRule,
  renderHashHeadingRule,
  renderKramdownTableRule,
  renderKramdownLinkEmphasisRule,
  renderLinkDefinitionRule,
  renderListNeedsBlankLineRule,
  renderNestedIndentRule,
  renderListBlankLineRule,
  renderListStrayBlankLineRule,
  linkSyntaxRule,
  linkDefinitionsRule,
  linkHygieneRule,
  linkTextUrlRule,
  inlineMarkupRule,
  listBulletsRule,
  templateRule,
  headerAgreementRule,
  eventsRule,
  eventsShapeRule,
  monthNamesRule,
  urlStyleRule,
  headingsRule,
  blankLinesRule,
  punctuationRule,
  finalPunctuationRule,
  htmlTagsRule,
];

/** Codes the runner itself reports, besides the rules' own. */
export const RUNNER_CODES: readonly RuleCode[] = [
  { code: 'rule.crashed', defaultSeverity: 'error', description: 'A rule failed on this file (a bug in Newsletter Desk: please report it).' },
];

/** Every code a finding can carry, with its default level and description. */
export function allRuleCodes(rules: readonly Rule[] = ALL_RULES): RuleCode[] {
  return [...rules.flatMap((rule) => rule.codes), ...RUNNER_CODES];
}

export type { Rule, RuleCode, RuleContext } from './rule';
export { ruleDocAnchor } from './rule';
