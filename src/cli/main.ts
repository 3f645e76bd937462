import { parseArgs, type ParseArgsConfig } from 'node:util';
import { summaryJson, type CheckerDependencies } from '../linkcheck';
import { changesSince, onChangedLines } from './changedSince';
import { checkFiles, formatJson, formatText, hasErrors } from './check';
import { fixThenCheck } from './fixCommand';
import { expandPaths } from './files';
import { loadProjectConfig } from './projectConfig';
import { USAGE, UsageError } from './usage';
import { checkLinksOfReports, linkSummaryLine, withInterrupt } from './links';
import { runRender } from './render';
import { runNew } from './new';

declare const __VERSION__: string | undefined;

export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
  /** For tests: what the link checker uses to resolve names and make requests. */
  readonly linkCheck?: Omit<CheckerDependencies, 'cache'>;
}

/**
 * Runs one CLI invocation; returns the exit code (a promise of it for `check --links`, which
 * goes over the network). Output goes through the given writers.
 */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      io.out(typeof __VERSION__ === 'string' ? __VERSION__ : 'dev');
      return 0;
    }
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'new':
        return runNew(rest, io);
      case 'render':
        return runRender(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (try --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`newsletter-desk: ${error.message}`);
      return 2;
    }
    io.err(`newsletter-desk: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return 2;
  }
}

/** node's parseArgs, with its errors turned into usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

function check(args: readonly string[], io: CliIo): number | Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', default: 'text' },
    config: { type: 'string' },
    links: { type: 'boolean', default: false },
    cache: { type: 'string' },
    fix: { type: 'boolean', default: false },
    'changed-since': { type: 'string' },
  } as const);
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const { config, raw } = loadProjectConfig(io.cwd, values.config as string | undefined);
  const files = expandPaths(positionals, io.cwd);
  // --fix (src/cli/fix.ts): apply the safe fixes, then report what remains.
  if (values.cache !== undefined && !values.links) throw new UsageError('--cache goes with --links');
  const since = values['changed-since'] as string | undefined;
  const all = values.fix ? fixThenCheck(files, config, io, format) : checkFiles(files, config, io.cwd);
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
