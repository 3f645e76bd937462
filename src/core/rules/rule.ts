import type { NewsletterConfig } from '../config';
import type { Finding, IssueDocument, Severity } from '../model';

/** What every rule may read. `workspace` is absent when a file is checked on its own. */
export interface RuleContext {
  readonly document: IssueDocument;
  readonly config: NewsletterConfig;
  readonly workspace?: unknown;
}

/** One diagnostic code a rule can report, with its default level and a line for docs and settings. */
export interface RuleCode {
  readonly code: string;
  readonly defaultSeverity: Severity;
  readonly description: string;
}

/** A rule: one module, one metadata object, one check (markdownlint's shape). */
export interface Rule {
  readonly name: string;
  readonly codes: readonly RuleCode[];
  check(context: RuleContext): Finding[];
}
