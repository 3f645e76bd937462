import type { NewsletterConfig } from '../core';
import { checkReadFiles, type FileReport } from './check';
import type { FoundFile } from './files';
import { fixReadFiles, formatFixed } from './fix';
import { indexReadFiles, readFoundFiles } from './workspace';

/**
 * `check --fix`: reads the files, applies the safe fixes (writing the files that change), says
 * what it did (on stdout for text, on stderr for JSON so the JSON stays parseable), and returns
 * the findings that remain.
 */
export function fixThenCheck(files: readonly FoundFile[], config: NewsletterConfig, io: { out: (s: string) => void; err: (s: string) => void; cwd: string }, format: string, root: string = io.cwd): FileReport[] {
  const read = readFoundFiles(files, config, io.cwd, root);
  const index = indexReadFiles(read, config);
  const { fixed, files: after } = fixReadFiles(read, config, index);
  (format === 'json' ? io.err : io.out)(formatFixed(fixed));
  return checkReadFiles(after, config, index);
}
