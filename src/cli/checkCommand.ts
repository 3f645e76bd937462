import { summaryJson, type IssueUrl } from '../linkcheck';
import { changesSince, onChangedLines } from './changedSince';
import { join, resolve } from 'node:path';
import { checkArchive, formatJson, formatText, hasErrors, type FileReport } from './check';
import { INDEX_CACHE_FILE } from './indexCache';
import { commandLineParseMany } from '../workers/parseWorkers';
import { readFoundFiles } from './workspace';
import { fixThenCheck } from './fixCommand';
import { expandPaths, expandProfileGlobs, type FoundFile } from './files';
import { loadProjectConfig, type ProjectConfig } from './projectConfig';
import { UsageError } from './usage';
import { checkLinksOfReports, linkSummaryLine, withInterrupt } from './links';
import { formatOption, parseCommandArgs, type CommandIo } from './args';

/**
 * The files a command reads: the paths given, else the issue files the profile's globs name under
 * the project folder (the one that holds `.newsletter-desk.json`, else the working folder).
 */
export function filesToRead(positionals: readonly string[], project: ProjectConfig, cwd: string): FoundFile[] {
  return positionals.length > 0 ? expandPaths(positionals, cwd) : expandProfileGlobs(project.config.format.files.globs, project.root);
}

/**
 * `--cache` has two meanings, kept apart by what follows it. With `--links`, `--cache FILE` (or
 * `--cache=FILE`) is the link cache, as it always was; `--link-cache FILE` says the same without
 * the ambiguity. Otherwise (alone, last, or followed by another option) `--cache` is ESLint's: keep
 * the index in `.newsletter-desk/index-cache.json`, or in `--cache-location FILE`.
 */
export function splitCacheArgs(args: readonly string[]): { args: string[]; indexCache: boolean; linkCache?: string } {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  const links = options.includes('--links');
  const out: string[] = [];
  let indexCache = false;
  let linkCache: string | undefined;
  for (let i = 0; i < options.length; i++) {
    const arg = options[i];
    if (arg.startsWith('--cache=')) {
      linkCache = arg.slice('--cache='.length);
    } else if (arg === '--cache') {
      const value = options[i + 1];
      if (links && value !== undefined && !value.startsWith('-')) {
        linkCache = value;
        i++;
      } else {
        indexCache = true;
      }
    } else {
      out.push(arg);
    }
  }
  if (end !== -1) out.push(...args.slice(end));
  return { args: out, indexCache, linkCache };
}

/**
 * Markdown files were found, and the format took none of them for an issue: most often the wrong
 * format (no project file, so the default one), which would otherwise pass as "0 findings".
 */
function noIssuesNote(count: number, project: ProjectConfig): string {
  const which = project.path ? `the "${project.config.format.name}" format of ${project.path}` : `the default "${project.config.format.name}" format (no .newsletter-desk.json found)`;
  return `newsletter-desk: none of the ${count} Markdown file${count === 1 ? '' : 's'} found is an issue file for ${which}: name the format in .newsletter-desk.json, or run \`newsletter-desk init\` to infer it from the archive`;
}

/** `newsletter-desk check [paths...] [--format text|json] [--cache [--cache-location FILE]] [--links [--link-cache FILE]] [--fix]`. */
export function runCheck(argv: readonly string[], io: CommandIo): number | Promise<number> {
  const split = splitCacheArgs(argv);
  const { values, positionals } = parseCommandArgs(split.args, {
    format: { type: 'string', default: 'text' },
    config: { type: 'string' },
    links: { type: 'boolean', default: false },
    'link-cache': { type: 'string' },
    'cache-location': { type: 'string' },
    fix: { type: 'boolean', default: false },
    'changed-since': { type: 'string' },
    threads: { type: 'string' },
  } as const);
  const format = formatOption(values.format, ['text', 'json'] as const);
  const project = loadProjectConfig(io.cwd, values.config as string | undefined);
  const { config, raw } = project;
  const files = filesToRead(positionals, project, io.cwd);
  const linkCache = (values['link-cache'] as string | undefined) ?? split.linkCache;
  if (linkCache !== undefined && !values.links) throw new UsageError('--link-cache goes with --links');
  const cacheLocation = values['cache-location'] as string | undefined;
  const indexCachePath = cacheLocation !== undefined ? resolve(io.cwd, cacheLocation) : split.indexCache ? join(project.root, INDEX_CACHE_FILE) : undefined;
  const since = values['changed-since'] as string | undefined;
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new UsageError(`--threads must be a whole number of at least 1, not "${String(values.threads)}"`);
  // With --links, the URLs of each file parsed come from the same parse as its findings.
  const urlsByPath = new Map<string, readonly IssueUrl[]>();
  const onUrls = values.links ? (id: string, urls: IssueUrl[]) => urlsByPath.set(resolve(io.cwd, id), urls) : undefined;
  // --fix (src/cli/fix.ts): apply the safe fixes, then report what remains.
  const read = values.fix ? undefined : readFoundFiles(files, config, io.cwd, project.root);
  if (read && read.length > 0 && read.every((file) => !file.isIssue)) io.err(noIssuesNote(read.length, project));
  const checked: Promise<FileReport[]> = !read
    ? Promise.resolve(fixThenCheck(files, config, io, format, project.root))
    : checkArchive(read, config, { cachePath: indexCachePath, err: io.err, parseMany: commandLineParseMany({ threads, onUrls }) }).then((run) => run.reports);
  return checked.then((all) => {
    // --changed-since (src/cli/changedSince.ts): findings on added or changed lines only.
    const changes = since !== undefined ? changesSince(since, all, io.cwd, config) : undefined;
    const reports = changes ? onChangedLines(all, changes) : all;
    if (values.links) {
      // Link checking (src/cli/links.ts): exit 1 on a rule error or a broken link.
      return withInterrupt(async (signal) => {
        const run = await checkLinksOfReports(reports, { cwd: io.cwd, projectFile: raw, config, cachePath: linkCache, changes, signal, urlsOf: (path) => urlsByPath.get(path), err: io.err, dependencies: io.linkCheck });
        io.out(format === 'json' ? formatJson(run.reports, summaryJson(run.summary, run.cancelled)) : `${formatText(run.reports)}\n${linkSummaryLine(run)}`);
        if (format === 'json') io.err(linkSummaryLine(run));
        if (run.cancelled) return 130;
        return hasErrors(run.reports) || run.summary.byStatus.broken > 0 ? 1 : 0;
      });
    }
    io.out(format === 'json' ? formatJson(reports) : formatText(reports));
    return hasErrors(reports) ? 1 : 0;
  }).catch((error: unknown) => {
    if (error instanceof UsageError) {
      io.err(`newsletter-desk: ${error.message}`);
      return 2;
    }
    io.err(`newsletter-desk: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return 2;
  });
}
