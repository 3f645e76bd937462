import { readFileSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isIssueFile, parseIssue, type IssueDocument, type NewsletterConfig } from '../core';
import { WorkspaceIndex, type WorkspaceFile, type WorkspaceHost } from '../core/workspace';
import { UsageError } from './usage';
import type { FoundFile } from './files';

/** One file the CLI was asked to check, read once and shared by the index, the rules and --fix. */
export interface ReadFile {
  readonly path: string;
  /** Relative to the working folder, for messages and the `files` globs. */
  readonly display: string;
  readonly text: string;
  readonly isIssue: boolean;
}

/** Reads the found files (a file that cannot be read is a usage error) and tells the issues apart. */
export function readFoundFiles(files: readonly FoundFile[], config: NewsletterConfig, cwd: string): ReadFile[] {
  return files.map((found) => {
    let text: string;
    try {
      text = readFileSync(found.path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${found.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const display = relative(cwd, found.path) || found.path;
    return { path: found.path, display, text, isIssue: found.explicit || isIssueFile(toPosix(display), text, config) };
  });
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
    document = parseIssue(file.text, file.path, { extraSponsorNames: config.sponsorSections });
    parsed.set(file, document);
  }
  return document;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test', 'dist', '_site']);

/** The workspace host over a folder on disk: every Markdown file below it (hidden and build folders skipped). */
export class NodeWorkspaceHost implements WorkspaceHost {
  constructor(private readonly root: string) {}

  async listFiles(): Promise<readonly WorkspaceFile[]> {
    const out: WorkspaceFile[] = [];
    const stack = [this.root];
    while (stack.length > 0) {
      const folder = stack.pop() as string;
      let names: string[];
      try {
        names = await readdir(folder);
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(folder, name);
        const stats = await stat(path).catch(() => undefined);
        if (!stats) continue;
        if (stats.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(name) && !name.startsWith('.')) stack.push(path);
        } else if (/\.(md|markdown)$/i.test(name)) {
          out.push({ id: path, relativePath: toPosix(relative(this.root, path)) });
        }
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  readFile(id: string): Promise<string> {
    return readFile(id, 'utf8');
  }
}
