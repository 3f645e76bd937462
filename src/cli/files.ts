import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from './usage';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test', 'dist', '_site']);
const MARKDOWN = /\.(md|markdown)$/i;

export interface FoundFile {
  readonly path: string;
  /** True when named directly: such a file is checked whatever its name or title. */
  readonly explicit: boolean;
}

/**
 * Expands the CLI's path arguments: a file stands for itself, a folder for the Markdown files
 * below it, a glob for the Markdown files that match it. A path that does not exist, or a glob
 * that matches nothing, is a usage error.
 */
export function expandPaths(args: readonly string[], cwd: string): FoundFile[] {
  const found = new Map<string, FoundFile>();
  for (const arg of args.length > 0 ? args : ['.']) {
    const scan = picomatch.scan(arg);
    if (scan.isGlob) {
      const base = resolve(cwd, scan.base || '.');
      const matcher = picomatch(scan.glob, { dot: false });
      let matched = 0;
      for (const file of markdownFilesUnder(base)) {
        if (matcher(toPosix(relative(base, file)))) {
          matched++;
          if (!found.has(file)) found.set(file, { path: file, explicit: false });
        }
      }
      if (matched === 0) throw new UsageError(`no Markdown file matches ${arg}`);
      continue;
    }
    const path = resolve(cwd, arg);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`cannot read ${arg}: no such file or folder`);
    }
    if (isDirectory) {
      for (const file of markdownFilesUnder(path)) if (!found.has(file)) found.set(file, { path: file, explicit: false });
    } else {
      found.set(path, { path, explicit: true });
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** A path with `/` separators, as globs and `newsletter.files` expect. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function markdownFilesUnder(folder: string): string[] {
  const out: string[] = [];
  const stack = [folder];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      throw new UsageError(`cannot read folder ${current}`);
    }
    for (const name of names) {
      const path = join(current, name);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue; // a dangling link: nothing to check
      }
      if (stats.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name) && !name.startsWith('.')) stack.push(path);
      } else if (MARKDOWN.test(name)) {
        out.push(path);
      }
    }
  }
  return out;
}
