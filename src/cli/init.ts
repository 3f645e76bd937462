import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PROJECT_CONFIG_FILE } from '../core/config';
import { inferProfile, type ArchiveFile, type InferenceResult } from '../core/format/infer';
import { resolveProfile } from '../core/format/validate';
import { parseCommandArgs, type CommandIo } from './args';
import { toPosix } from './files';
import { UsageError } from './usage';

const SKIPPED = new Set(['node_modules', '_site', 'dist', 'vendor']);
const MAX_MARKDOWN = 2_000_000;
const MAX_OTHER = 256_000;
/** Files that say how the site renders, or may be a template for new issues. */
const OTHER_FILE = /(^_config\.ya?ml$|^pelicanconf\.py$|^mkdocs\.ya?ml$|^hugo\.(toml|ya?ml|json)$|^config\.toml$|template|draft|skeleton)/i;

/**
 * Reads an archive for inference: the Markdown files under `dir` and the few other files that
 * say something about the format (site configs, templates, Hugo archetypes), skipping
 * node_modules, `.git`, dot folders, generated sites and big or binary files.
 */
export function readArchive(dir: string): { files: ArchiveFile[]; others: ArchiveFile[] } {
  const files: ArchiveFile[] = [];
  const others: ArchiveFile[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const folder = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      throw new UsageError(`cannot read folder ${folder}`);
    }
    for (const name of names) {
      const path = join(folder, name);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue;
      }
      const rel = toPosix(relative(dir, path));
      if (stats.isDirectory()) {
        if (!name.startsWith('.') && !SKIPPED.has(name)) stack.push(path);
        continue;
      }
      const markdown = /\.(md|markdown)$/i.test(name);
      const other = !markdown && (OTHER_FILE.test(name) || rel.startsWith('archetypes/'));
      if (!markdown && !other) continue;
      if (stats.size > (markdown ? MAX_MARKDOWN : MAX_OTHER)) continue;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      if (text.includes('\u0000')) continue;
      (markdown ? files : others).push({ path: rel, text });
    }
  }
  const byPath = (a: ArchiveFile, b: ArchiveFile): number => a.path.localeCompare(b.path);
  return { files: files.sort(byPath), others: others.sort(byPath) };
}

/** What `init` prints: how many issues, then each inferred part with how sure it is. */
export function formatInference(result: InferenceResult, written: string): string {
  const width = Math.max(...result.parts.map((p) => p.part.length));
  const lines = [`Found ${result.issueCount} issue${result.issueCount === 1 ? '' : 's'}; wrote ${written}`];
  for (const part of result.parts) {
    lines.push(`  ${part.part.padEnd(width)}  ${part.value}  (${Math.round(part.confidence * 100)}% sure: ${part.evidence})`);
  }
  return lines.join('\n');
}

/**
 * `newsletter-desk init [DIR] [--force]`: infers the format profile from the archive under DIR
 * (default: the working folder) and writes it to DIR/.newsletter-desk.json, never over an
 * existing one without --force.
 */
export function runInit(args: readonly string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean', default: false } } as const);
  if (positionals.length > 1) throw new UsageError('init takes one folder');
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`cannot read ${positionals[0] ?? '.'}: no such folder`);
  }
  if (!isDirectory) throw new UsageError(`${positionals[0]}: not a folder`);
  const target = join(dir, PROJECT_CONFIG_FILE);
  const shown = relative(io.cwd, target) || target;
  if (existsSync(target) && !values.force) {
    io.err(`newsletter-desk: ${shown} already exists; use --force to replace it`);
    return 1;
  }
  const { files, others } = readArchive(dir);
  if (!files.some((f) => /\.(md|markdown)$/i.test(f.path))) throw new UsageError(`no Markdown files under ${positionals[0] ?? '.'}`);
  let result: InferenceResult;
  try {
    result = inferProfile(files, others);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const problems = resolveProfile(result.profile).problems;
  if (problems.length > 0) throw new UsageError(`the inferred profile does not validate: ${problems[0]}`);
  try {
    writeFileSync(target, `${JSON.stringify({ format: result.profile }, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.out(formatInference(result, shown));
  return 0;
}
