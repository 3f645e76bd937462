import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseWithConfig, type Finding, type NewsletterConfig, type Range } from '../core';
import { changedLines } from '../core/text/changedLines';
import { issueUrls, withoutFragment } from '../linkcheck';
import type { FileReport } from './check';
import { UsageError } from './usage';

/** What changed in one issue file since the ref. */
export interface FileChanges {
  /** Lines (0-based) of the working file that are added or changed since the ref. */
  readonly lines: ReadonlySet<number>;
  /** The http(s) URLs of the file at the ref (fragment removed): old links, wherever they now stand. */
  readonly urlsBefore: ReadonlySet<string>;
}

export interface ChangesSince {
  /** The ref as given (`origin/main`, `HEAD~1`, a hash). */
  readonly ref: string;
  /** The commit it names. */
  readonly commit: string;
  /** By report file (as `FileReport.file`). */
  readonly files: ReadonlyMap<string, FileChanges>;
}

/**
 * `check --changed-since REF`: diffs each checked issue file, as it is in the working folder,
 * against the same path at REF (a file that is not in REF is new: every line counts). Throws a
 * `UsageError` (exit 2, one line) when git is missing, the folder is not in a repository, or REF
 * names no commit.
 */
export function changesSince(ref: string, reports: readonly FileReport[], cwd: string, config: NewsletterConfig): ChangesSince {
  if (ref.trim() === '' || ref.startsWith('-')) throw new UsageError(`--changed-since: "${ref}" is not a git ref`);
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (top.status !== 0) throw new UsageError(`--changed-since needs a git repository, and ${cwd} is not in one`);
  const root = top.stdout.toString('utf8').trim();
  const verified = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (verified.status !== 0) throw new UsageError(`--changed-since: "${ref}" does not name a commit in this repository`);
  const commit = verified.stdout.toString('utf8').trim();

  const paths = reports.map((report) => repositoryPath(root, resolve(cwd, report.file)));
  const before = blobsAt(commit, paths, root);
  const files = new Map<string, FileChanges>();
  reports.forEach((report, i) => {
    const now = readFileSync(resolve(cwd, report.file), 'utf8');
    const old = before[i] ?? '';
    const urlsBefore = new Set(before[i] === undefined ? [] : issueUrls(parseWithConfig(old, report.file, config)).map((u) => withoutFragment(u.url)));
    files.set(report.file, { lines: changedLines(old, now), urlsBefore });
  });
  return { ref, commit, files };
}

/** The reports with only the findings that touch a line added or changed since the ref. */
export function onChangedLines(reports: readonly FileReport[], changes: ChangesSince): FileReport[] {
  return reports.map((report) => {
    const lines = changes.files.get(report.file)?.lines;
    return { file: report.file, findings: lines ? report.findings.filter((f: Finding) => touches(f.range, lines)) : report.findings };
  });
}

/** Whether a range covers one of `lines` (a range that ends at the start of a line does not cover it). */
export function touches(range: Range, lines: ReadonlySet<number>): boolean {
  const last = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  for (let line = range.start.line; line <= last; line++) if (lines.has(line)) return true;
  return false;
}

function git(args: readonly string[], cwd: string, input?: string) {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? '--changed-since needs git, and git is not installed (or not on the PATH)' : `--changed-since: git failed: ${result.error.message}`);
  }
  return result;
}

/** The path of a file inside the repository (`/`-separated), or undefined when it is outside. */
function repositoryPath(root: string, file: string): string | undefined {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // A file we could not resolve is compared as it was named.
  }
  const path = relative(root, real);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/** The text of each path at `commit` (undefined: not there), read in one `git cat-file --batch`. */
function blobsAt(commit: string, paths: readonly (string | undefined)[], root: string): (string | undefined)[] {
  const wanted = paths.map((p, i) => ({ p, i })).filter((w): w is { p: string; i: number } => w.p !== undefined && !w.p.includes('\n'));
  const out: (string | undefined)[] = paths.map(() => undefined);
  if (wanted.length === 0) return out;
  const result = git(['cat-file', '--batch'], root, wanted.map((w) => `${commit}:${w.p}\n`).join(''));
  if (result.status !== 0) throw new UsageError(`--changed-since: git cat-file failed: ${result.stderr.toString('utf8').trim().split('\n')[0]}`);
  const data = result.stdout;
  let at = 0;
  for (const { i } of wanted) {
    const eol = data.indexOf(10, at);
    if (eol < 0) break;
    const header = data.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // `<name> missing`, or not a blob
    const size = Number(match[2]);
    if (match[1] === 'blob') out[i] = data.subarray(at, at + size).toString('utf8');
    at += size + 1;
  }
  return out;
}
