import { USAGE, UsageError } from './usage';
import { runCheck } from './checkCommand';
import { runRender } from './render';
import { runNew } from './new';
import { runInit } from './init';
import { runOutline } from './outline';
import type { CommandIo } from './args';

declare const __VERSION__: string | undefined;

/**
 * Runs one CLI invocation; returns the exit code (a promise of it for `check --links`, which
 * goes over the network). Output goes through the given writers.
 */
export function main(argv: readonly string[], io: CommandIo): number | Promise<number> {
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
        return runCheck(rest, io);
      case 'new':
        return runNew(rest, io);
      case 'render':
        return runRender(rest, io);
      case 'init':
        return runInit(rest, io);
      case 'outline':
        return runOutline(rest, io);
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
