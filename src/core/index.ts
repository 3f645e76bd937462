/** The core's public surface: what adapters (extension, CLI, webview host) import. */
export * from './model';
export { parseIssue } from './parse/parseIssue';
export type { ParseOptions } from './parse/parseIssue';
export { runRules } from './rules/runner';
export { ALL_RULES } from './rules/index';
export { resolveConfig, DEFAULT_CONFIG, PROJECT_CONFIG_FILE, RULE_LEVELS } from './config';
export type { NewsletterConfig, RuleLevel } from './config';
export { isIssueFile, hasIssueTitle } from './issueFiles';
