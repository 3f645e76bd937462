import { existsSync } from 'node:fs';
import { runRules, type Finding, type NewsletterConfig } from '../core';
import { findingsOfStored, loadIndexCache, refreshIndex, serializeIndexCache, type ParseMany, type StoredFile } from '../core/indexStore';
import type { WorkspaceIndex } from '../core/workspace';
import { CLI_VERSION, NODE_HASHER, readIndexCache, writeIndexCache } from './indexCache';
import { commandLineParseMany } from '../workers/parseWorkers';
import { documentOf, indexReadFiles, type ReadFile } from './workspace';

export interface FileReport {
  readonly file: string;
  readonly findings: readonly Finding[];
}

export interface CheckOptions {
  /** `check --cache`: the index cache file (read first, written back when something changed). */
  readonly cachePath?: string;
  /** How the files to parse are parsed (default: worker threads for many files, see parseWorkers.ts). */
  readonly parseMany?: ParseMany;
  /** Where one-line notes go (a cache that was not used, one that could not be written). */
  readonly err?: (s: string) => void;
  /** The version the cache is keyed by (default: ours). */
  readonly version?: string;
}

export interface CheckRun {
  readonly reports: FileReport[];
  /** How many issue files were parsed, and how many came from the cache unparsed. */
  readonly parsed: number;
  readonly reused: number;
}

/**
 * `check`: the rules over every issue among the files read, with the workspace index over them.
 * Each issue is parsed once (on worker threads when there are many), or not at all when the index
 * cache holds it with the same content hash; the workspace-scoped findings (`link.seen-before`,
 * `issue.number-*`) are always computed from the whole index. Gives what `checkReadFiles` gives.
 */
export async function checkArchive(files: readonly ReadFile[], config: NewsletterConfig, options: CheckOptions = {}): Promise<CheckRun> {
  const issues = files.filter((file) => file.isIssue);
  const key = { version: options.version ?? CLI_VERSION, config, hasher: NODE_HASHER };
  let stored: ReadonlyMap<string, StoredFile> | undefined;
  if (options.cachePath) {
    const loaded = loadIndexCache(readIndexCache(options.cachePath), key);
    if (loaded.ok) stored = loaded.files;
    else if (loaded.problem) options.err?.(`newsletter-desk: ${loaded.problem}`);
  }
  const result = await refreshIndex(issues.map((file) => ({ id: file.path, text: file.text })), {
    config,
    stored,
    hasher: NODE_HASHER,
    parseMany: options.parseMany ?? commandLineParseMany(),
  });
  const reports = issues.map((file) => ({
    file: file.display,
    findings: findingsOfStored(result.files.get(file.path) as StoredFile, file.text, result.index, config),
  }));
  if (options.cachePath) {
    // Files this run did not look at (`check one.md --cache`) keep their entries while they exist.
    const kept = [...(stored?.values() ?? [])].filter((file) => !result.files.has(file.id) && existsSync(file.id));
    const unchanged = stored !== undefined && result.parsed.length === 0 && kept.length + result.files.size === stored.size;
    if (!unchanged) {
      try {
        writeIndexCache(options.cachePath, serializeIndexCache([...result.files.values(), ...kept], key));
      } catch (error) {
        options.err?.(`newsletter-desk: could not write the index cache: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { reports, parsed: result.parsed.length, reused: result.reused };
}

/** The same, over files already read (`check --fix` reads, fixes, then checks what remains). */
export function checkReadFiles(files: readonly ReadFile[], config: NewsletterConfig, index: WorkspaceIndex = indexReadFiles(files, config)): FileReport[] {
  return files
    .filter((file) => file.isIssue)
    .map((file) => ({ file: file.display, findings: runRules(documentOf(file, config), { config, workspace: index }) }));
}

/** `file:line:column  severity  code  message`, 1-based, one finding a line. */
export function formatText(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      out.push(`${report.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.code}  ${f.message}`);
    }
  }
  const count = reports.reduce((n, r) => n + r.findings.length, 0);
  out.push(`${reports.length} issue file${reports.length === 1 ? '' : 's'} checked, ${count} finding${count === 1 ? '' : 's'}`);
  return out.join('\n');
}

/**
 * The reports as JSON: an array of `{file, messages}`; with `links` (the summary of a link run,
 * `check --links`), an object `{files: [...], links}`.
 */
export function formatJson(reports: readonly FileReport[], links?: object): string {
  const files = reports.map((report) => ({
      file: report.file,
      messages: report.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        fixable: (f.fixes ?? []).some((fix) => fix.safe === true),
      })),
    }));
  return JSON.stringify(links ? { files, links } : files, null, 2);
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.findings.some((f) => f.severity === 'error'));
}
