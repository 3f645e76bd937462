/** The core's public surface: what adapters (extension, CLI, webview host) import. */
export * from './model';
export { parseIssue, parseWithConfig, headerField } from './parse/parseIssue';
export type { ParseOptions } from './parse/parseIssue';
export { runRules, runIssueRules, runWorkspaceRules } from './rules/runner';
export { JS_HASHER, analyseIssue, configHash, findingsOfStored, loadIndexCache, loadIndexCacheInTurns, parseManyHere, parseManyOrElse, refreshIndex, serializeIndexCache, serializeIndexCacheInTurns } from './indexStore';
export type { Hasher, IndexCacheKey, LoadedIndexCache, ParseMany, ParseRequest, RefreshOptions, RefreshResult, StoredFile } from './indexStore';
export { ALL_RULES } from './rules/index';
export { siteMarksOf, SITE_MARK_CODES } from './rules/siteMarks';
export { resolveConfig, DEFAULT_CONFIG, PROJECT_CONFIG_FILE, RULE_LEVELS } from './config';
export type { NewsletterConfig, RuleLevel } from './config';
export { isIssueFile, hasIssueTitle } from './issueFiles';
export type { FormatProfile, EntriesProfile, FilesProfile, HeaderProfile, NewIssueProfile, SectionRule, SectionsProfile, RendererName } from './format/profile';
export { PRESETS, DEFAULT_PROFILE } from './format/presets';
export { resolveProfile } from './format/validate';
