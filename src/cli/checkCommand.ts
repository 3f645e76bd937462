import { summaryJson } from '../linkcheck';
import { changesSince, onChangedLines } from './changedSince';
import { checkFiles, formatJson, formatText, hasErrors } from './check';
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

/** `newsletter-desk check [paths...] [--format text|json] [--links] [--cache FILE] [--fix]`. */
export function runCheck(args: readonly string[], io: CommandIo): number | Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', default: 'text' },
    config: { type: 'string' },
    links: { type: 'boolean', default: false },
    cache: { type: 'string' },
    fix: { type: 'boolean', default: false },
    'changed-since': { type: 'string' },
  } as const);
  const format = formatOption(values.format, ['text', 'json'] as const);
  const project = loadProjectConfig(io.cwd, values.config as string | undefined);
  const { config, raw } = project;
  const files = filesToRead(positionals, project, io.cwd);
  // --fix (src/cli/fix.ts): apply the safe fixes, then report what remains.
  if (values.cache !== undefined && !values.links) throw new UsageError('--cache goes with --links');
  const since = values['changed-since'] as string | undefined;
  const all = values.fix ? fixThenCheck(files, config, io, format, project.root) : checkFiles(files, config, io.cwd, project.root);
  // --changed-since (src/cli/changedSince.ts): findings on added or changed lines only.
  const changes = since !== undefined ? changesSince(since, all, io.cwd, config) : undefined;
  const reports = changes ? onChangedLines(all, changes) : all;
  if (values.links) {
    // Link checking (src/cli/links.ts): exit 1 on a rule error or a broken link.
    return withInterrupt(async (signal) => {
      const run = await checkLinksOfReports(reports, { cwd: io.cwd, projectFile: raw, config, cachePath: values.cache as string | undefined, changes, signal, err: io.err, dependencies: io.linkCheck });
      io.out(format === 'json' ? formatJson(run.reports, summaryJson(run.summary, run.cancelled)) : `${formatText(run.reports)}\n${linkSummaryLine(run)}`);
      if (format === 'json') io.err(linkSummaryLine(run));
      if (run.cancelled) return 130;
      return hasErrors(run.reports) || run.summary.byStatus.broken > 0 ? 1 : 0;
    }).catch((error: unknown) => {
      io.err(`newsletter-desk: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return 2;
    });
  }
  io.out(format === 'json' ? formatJson(reports) : formatText(reports));
  return hasErrors(reports) ? 1 : 0;
}
