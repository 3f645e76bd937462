import type { NewsletterConfig } from '../config';
import type { Finding, IssueDocument, Severity } from '../model';
import type { IndexedIssue, WorkspaceIndex } from '../workspace';

/** What every rule may read. `workspace` is absent when a file is checked on its own. */
export interface RuleContext {
  readonly document: IssueDocument;
  readonly config: NewsletterConfig;
  /** The other issues of the workspace; rules that need it report nothing without it. */
  readonly workspace?: WorkspaceIndex;
}

/**
 * What the workspace part of a rule reads: the issue's index entry (no document, no text), so it
 * can run over an index restored from the cache without parsing anything.
 */
export interface WorkspaceRuleContext {
  readonly issue: IndexedIssue;
  readonly config: NewsletterConfig;
  readonly workspace: WorkspaceIndex;
}

/**
 * Where a code's findings come from. `issue` (the default): the issue's own text and the config,
 * nothing else, so a finding cached with the file's content hash stays true until the file (or
 * the config, or our version) changes. `workspace`: the other issues too (`link.seen-before`,
 * `issue.number-*`), so it is recomputed from the index whenever it is asked for.
 */
export type RuleScope = 'issue' | 'workspace';

/**
 * How far into the issue a code's findings look, for the editor's re-check after an edit
 * (`rules/incremental.ts`). `item`: as `block`, but every finding lies in one item of a list (or
 * in one block that is no list) and follows from that item alone, the lines next to it, and what
 * a `block` finding may read: a rule whose codes are all `item` is re-run, after an edit inside
 * one list, on the items the edit touched and the items next to them. `block`: every finding
 * lies in one top-level Markdown block of the body (its range and its fixes' edits on that
 * block's lines) and follows from that block alone:
 * its syntax nodes and text, its entries and the facts of their section (name, kind, level, shape),
 * the header, the title, the config and the issue's link reference definitions. A rule whose codes
 * are all `block` is re-run after an edit on the blocks the edit touched only, and its findings
 * elsewhere are kept, moved with their lines. `section`: as `block`, but a finding may also follow
 * from the rest of its top-level section (the section from its heading to the next heading of
 * depth 0, subsections included; the intro before the first one counts as one): a majority of the
 * section's items, the shape its event lines share. A rule whose codes are all `block` or
 * `section` is re-run on the top-level sections the edit touched. `issue` (the default, always
 * correct): a finding may depend on anything in the issue (a duplicate across it, an order, the
 * issue's own habits, a fence opened lines above), so the rule runs on the whole issue after every edit.
 */
export type RuleReach = 'item' | 'block' | 'section' | 'issue';

/** One diagnostic code a rule can report, with its default level and a line for docs and settings. */
export interface RuleCode {
  readonly code: string;
  readonly defaultSeverity: Severity;
  readonly description: string;
  /** Default `issue`; a `workspace` code is reported by `checkWorkspace` only. */
  readonly scope?: RuleScope;
  /**
   * For the renderer codes (where the site's renderer shows something other than the preview):
   * what the site shows at the finding's place, in a few words ("a heading"). The preview marks
   * each such finding inline with it (`siteMarksOf`).
   */
  readonly siteShows?: string;
  /** Default `issue` (see `RuleReach`): declare `item`, `block` or `section` only for what holds so. */
  readonly reach?: RuleReach;
}

/** A rule: one module, one metadata object, one check (markdownlint's shape). */
export interface Rule {
  readonly name: string;
  readonly codes: readonly RuleCode[];
  /** Where the rule is documented, relative to the repository root (one section per code). */
  readonly docs?: string;
  /** The findings of the rule's `issue` codes: from the document and the config alone. */
  check(context: RuleContext): Finding[];
  /**
   * The findings of the rule's `workspace` codes, from the issue's index entry and the index: never
   * cached, recomputed from the index (cheap: no parsing) every time.
   */
  checkWorkspace?(context: WorkspaceRuleContext): Finding[];
}

/** The anchor of a code's section in docs/rules.md: the code without its dots (`titleordinal`). */
export function ruleDocAnchor(code: string): string {
  return code.replace(/\./g, '');
}
