/**
 * The editor's parse of one open issue, kept up to date edit by edit: the content changes of each
 * `onDidChangeTextDocument` are recorded against the version they lead to, and the next parse
 * applies them to the previous document with `updateIssue` (only the blocks they touched are parsed
 * again). When a version was skipped (changes the editor did not report to us, a document re-read
 * from disk) or the profile changed, the issue is parsed whole. No `vscode` import: the keystroke
 * benchmark drives this same class.
 */
import type { Finding, IssueDocument } from '../core/model';
import { checkIssue, type RuleResults } from '../core/rules/incremental';
import type { RunOptions } from '../core/rules/runner';
import type { FormatProfile } from '../core/format/profile';
import { composeLineSpans, lineSpanOf, parseForUpdates, updateIssue, type LineSpan, type ParseDelta, type TextChange } from '../core/parse/incremental';

export interface IssueParse {
  readonly document: IssueDocument;
  /** What changed since the previous parse; undefined for the first one. */
  readonly delta?: ParseDelta;
}

export class IssueUpdates {
  private current: { version: number; document: IssueDocument; profile: FormatProfile } | undefined;
  /** Changes reported since `current`, and the version they lead to. */
  private pending: TextChange[] = [];
  private pendingVersion = -1;
  /**
   * The documents this object returned lately, oldest first, each with the lines that changed from
   * the one before it (undefined: parsed whole), so that a consumer that skipped some versions (the
   * diagnostics, debounced; the preview parsed in between) still learns what changed since its last.
   */
  private history: { parse: number; span: LineSpan | undefined }[] = [];
  /** Which parse each returned document came from (weakly: the history holds no documents). */
  private readonly parseOf = new WeakMap<IssueDocument, number>();
  private parses = 0;
  /** Counters (tests and the benchmark read them). */
  readonly stats = { full: 0, incremental: 0 };

  /** Records one change event: `version` is the document's version after it. */
  changed(version: number, changes: readonly TextChange[]): void {
    if (!this.current) return;
    if (version <= this.current.version) return; // already parsed at (or past) this version
    if (this.pendingVersion !== version - 1) {
      this.pending = []; // a version went by unreported: the changes cannot be replayed
      this.pendingVersion = -1;
      return;
    }
    this.pending.push(...changes);
    this.pendingVersion = version;
  }

  /** The document for `text` at `version`: the previous one when nothing changed, else updated or parsed. */
  parse(text: string, version: number, fileName: string, profile: FormatProfile): IssueParse {
    const current = this.current;
    if (current && current.version === version && current.profile === profile) return { document: current.document };
    let result: IssueParse;
    if (current && current.profile === profile && this.pendingVersion === version && this.pending.length > 0) {
      const update = updateIssue(current.document, text, this.pending, { profile });
      if (update.delta.incremental) this.stats.incremental++;
      else this.stats.full++;
      result = update;
    } else {
      this.stats.full++;
      result = { document: parseForUpdates(text, fileName, { profile }) };
    }
    this.current = { version, document: result.document, profile };
    this.parseOf.set(result.document, ++this.parses);
    this.history.push({ parse: this.parses, span: result.delta ? lineSpanOf(result.delta) : undefined });
    if (this.history.length > HISTORY) this.history.shift();
    this.pending = [];
    this.pendingVersion = version;
    return result;
  }

  /** The last findings `findings` gave, kept so that the next call re-checks what changed only. */
  private rules: RuleResults | undefined;

  /**
   * The findings of `document` (one this object returned, normally the current one), as
   * `runRules(document, options)` gives them: after an edit, the rules whose codes reach one block
   * run again on the blocks the edits since the last call touched, the others on the whole issue.
   */
  findings(document: IssueDocument, options: RunOptions): Finding[] {
    const previous = this.rules;
    const change = previous && previous.document !== document ? this.changesSince(previous.document) : undefined;
    this.rules = checkIssue(document, options, previous, change);
    return this.rules.findings;
  }

  /** How many rules the last `findings` ran on the edited blocks only (0: all on the whole issue). */
  get windowedRules(): number {
    return this.rules?.windowed ?? 0;
  }

  /**
   * The lines that changed from `since` (a document this object returned) to the current one:
   * undefined when that is not known (a whole parse came between, or `since` is too old) or
   * nothing changed (`since` is current).
   */
  changesSince(since: IssueDocument): LineSpan | undefined {
    const parse = this.parseOf.get(since);
    const at = this.history.findIndex((h) => h.parse === parse);
    if (at < 0 || at === this.history.length - 1) return undefined;
    let span = this.history[at + 1].span;
    for (let i = at + 2; span && i < this.history.length; i++) {
      const next = this.history[i].span;
      span = next ? composeLineSpans(span, next) : undefined;
    }
    return span;
  }
}

/** How many parses `changesSince` looks back over (a debounce skips a few versions, not dozens). */
const HISTORY = 32;
