import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/**
 * The issue files a profile names: the Markdown files under `root` that match one of its globs
 * (relative to `root`). When none does (a project whose files the globs do not describe), every
 * Markdown file under `root`, for the title check to tell the issues apart.
 */
export function expandProfileGlobs(globs: readonly string[], root: string): FoundFile[] {
  const all = markdownFilesUnder(root);
  const matcher = globs.length > 0 ? picomatch(globs as string[], { dot: false }) : () => false;
  const matched = all.filter((file) => matcher(toPosix(relative(root, file))));
  return (matched.length > 0 ? matched : all).map((path) => ({ path, explicit: false })).sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The paths, `/`-separated, that a file's name may be matched against the `files` globs with:
 * relative to the project folder, and when the file lies outside it, relative to each of its own
 * ancestors (nearest first), so that `_posts/**` still names `/elsewhere/_posts/x.md`.
 */
export function globCandidates(path: string, root: string): string[] {
  const fromRoot = relative(root, path);
  if (fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot)) return [toPosix(fromRoot)];
  const parts = toPosix(resolve(path)).split('/').filter((part) => part !== '');
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push(parts.slice(i).join('/'));
  return out;
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
