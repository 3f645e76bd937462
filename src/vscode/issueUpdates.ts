/**
 * The editor's parse of one open issue, kept up to date edit by edit: the content changes of each
 * `onDidChangeTextDocument` are recorded against the version they lead to, and the next parse
 * applies them to the previous document with `updateIssue` (only the blocks they touched are parsed
 * again). When a version was skipped (changes the editor did not report to us, a document re-read
 * from disk) or the profile changed, the issue is parsed whole. No `vscode` import: the keystroke
 * benchmark drives this same class.
 */
import type { IssueDocument } from '../core/model';
import type { FormatProfile } from '../core/format/profile';
import { parseForUpdates, updateIssue, type ParseDelta, type TextChange } from '../core/parse/incremental';

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
    this.pending = [];
    this.pendingVersion = version;
    return result;
  }
}
