import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CheckerDependencies } from '../linkcheck';
import { UsageError } from './usage';

/** The writers and working folder every command runs with (`main` gets them from bin.ts or a test). */
export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** For tests: what the link checker uses to resolve names and make requests. */
  readonly linkCheck?: Omit<CheckerDependencies, 'cache'>;
}

/** node's parseArgs, with its errors turned into usage errors: the one argument parser of every command. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // One line, all of it: node's second and third lines say how to write the value (`--threads=-1`).
    throw new UsageError(error instanceof Error ? error.message.trim().replace(/\s*\n\s*/g, ' ') : String(error));
  }
}

/** `--format` with its allowed values; anything else is a usage error. */
export function formatOption<T extends string>(value: unknown, allowed: readonly T[]): T {
  const format = String(value);
  if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`--format must be ${allowed.join(' or ')}, not "${format}"`);
  return format as T;
}
