import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isIssueFile, parseWithConfig, type IssueDocument, type NewsletterConfig } from '../core';
import { WorkspaceIndex } from '../core/workspace';
import { UsageError } from './usage';
import { globCandidates, type FoundFile } from './files';

/** One file the CLI was asked to check, read once and shared by the index, the rules and --fix. */
export interface ReadFile {
  readonly path: string;
  /** Relative to the working folder, for messages. */
  readonly display: string;
  readonly text: string;
  readonly isIssue: boolean;
}

/**
 * Reads the found files (a file that cannot be read is a usage error) and tells the issues apart:
 * the `files` globs are matched relative to the project folder `root` (see `globCandidates`), so
 * what counts as an issue does not depend on the working folder.
 */
export function readFoundFiles(files: readonly FoundFile[], config: NewsletterConfig, cwd: string, root: string = cwd): ReadFile[] {
  return files.map((found) => {
    let text: string;
    try {
      text = readFileSync(found.path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${found.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const display = relative(cwd, found.path) || found.path;
    return { path: found.path, display, text, isIssue: found.explicit || isIssue(found.path, root, text, config) };
  });
}

function isIssue(path: string, root: string, text: string, config: NewsletterConfig): boolean {
  const candidates = globCandidates(path, root);
  // The title test does not depend on the path: one call settles a file with no glob match.
  return candidates.some((candidate, i) => (i === candidates.length - 1 ? isIssueFile(candidate, text, config) : isIssueFile(candidate, '', config)));
}

/**
 * The workspace index over the files being checked, so that `link.seen-before` and the issue
 * number rules work in CI (`newsletter-desk check _posts`). Files named explicitly count as issues.
 */
export function indexReadFiles(files: readonly ReadFile[], config: NewsletterConfig): WorkspaceIndex {
  const index = new WorkspaceIndex(config);
  for (const file of files) if (file.isIssue) index.set(documentOf(file, config), file.path);
  return index;
}

const parsed = new WeakMap<ReadFile, IssueDocument>();

/** The parsed issue of a read file, parsed once however many features ask. */
export function documentOf(file: ReadFile, config: NewsletterConfig): IssueDocument {
  let document = parsed.get(file);
  if (!document) {
    document = parseWithConfig(file.text, file.path, config);
    parsed.set(file, document);
  }
  return document;
}
