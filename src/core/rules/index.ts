import type { Rule } from './rule';
import { frontMatterParse } from './frontMatterParse';

/** Every rule, in the order their findings are reported. An explicit list, not a directory scan. */
export const ALL_RULES: readonly Rule[] = [frontMatterParse];

export type { Rule, RuleCode, RuleContext } from './rule';
