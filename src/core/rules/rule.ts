import type { NewsletterConfig } from '../config';
import type { Finding, IssueDocument, Severity } from '../model';
import type { WorkspaceIndex } from '../workspace';

/** What every rule may read. `workspace` is absent when a file is checked on its own. */
export interface RuleContext {
  readonly document: IssueDocument;
  readonly config: NewsletterConfig;
  /** The other issues of the workspace; rules that need it report nothing without it. */
  readonly workspace?: WorkspaceIndex;
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
  /** Where the rule is documented, relative to the repository root (one section per code). */
  readonly docs?: string;
  check(context: RuleContext): Finding[];
}

/** The anchor of a code's section in docs/rules.md: the code without its dots (`titleordinal`). */
export function ruleDocAnchor(code: string): string {
  return code.replace(/\./g, '');
}
