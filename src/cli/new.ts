import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { existingIssueOf, planNewIssue, systemClock, type ExistingIssue, type NewIssueClock } from '../core/newIssue';
import type { NewsletterConfig } from '../core/config';
import { expandPaths } from './files';
import { loadProjectConfig } from './projectConfig';
import { indexReadFiles, readFoundFiles } from './workspace';
import { UsageError } from './usage';
import { parseCommandArgs } from './args';

export interface NewIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

/**
 * `newsletter-desk new [--dir FOLDER] [--config FILE]`: writes the next issue file (number, day,
 * title and skeleton as the editor's New Issue command makes them) into FOLDER (default: the
 * project's `postsFolder`). Never overwrites: exit 1 when the file is already there.
 */
export function runNew(args: readonly string[], io: NewIo, clock: NewIssueClock = systemClock()): number {
  const { values, positionals } = parseCommandArgs(args, {
    dir: { type: 'string' },
    config: { type: 'string' },
  } as const);
  if (positionals.length > 0) throw new UsageError(`new takes no file arguments (got "${positionals[0]}"); use --dir FOLDER`);
  const { config, root } = loadProjectConfig(io.cwd, values.config as string | undefined);
  // --dir is relative to the working folder; the format's folder and template to the project folder.
  const folder = values.dir !== undefined ? resolve(io.cwd, values.dir as string) : resolve(root, config.format.files.folder);
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new UsageError(`--dir ${values.dir as string}: not a folder`);

  const templatePath = config.format.newIssue.template && resolve(root, config.format.newIssue.template);
  const template = templatePath && existsSync(templatePath) ? readFileSync(templatePath, 'utf8') : undefined;
  // A template the format names but the project lacks (moved, or a preset's path) is not an error,
  // but starting from the built-in sections without a word would be a silent surprise.
  if (templatePath && template === undefined) io.err(`newsletter-desk: note: the format's template ${config.format.newIssue.template} is not in ${relative(io.cwd, root) || '.'}; the issue starts from the format's own sections`);
  const plan = planNewIssue(existingIssues(root, folder, config), config, clock, template);
  const path = join(folder, plan.fileName);
  const shown = relative(io.cwd, path) || path;
  mkdirSync(folder, { recursive: true });
  try {
    writeFileSync(path, plan.text, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      io.err(`newsletter-desk: ${shown} already exists; nothing was written`);
      return 1;
    }
    throw new UsageError(`cannot write ${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.out(`Created ${shown}: issue ${plan.number !== undefined ? `#${plan.number} ` : ''}of ${plan.dateField.slice(0, 10)}`);
  return 0;
}

/**
 * The issues under the project folder and the target folder, through the same workspace index
 * that `check` builds. The target folder is read too (it may lie outside the project folder, or
 * in a dot folder that the walk from there skips), and any Markdown file in it counts as an
 * issue whatever the `files` globs say: it is where issues go.
 */
function existingIssues(root: string, folder: string, config: NewsletterConfig): ExistingIssue[] {
  const roots = existsSync(folder) ? ['.', folder] : ['.'];
  const files = readFoundFiles(expandPaths(roots, root), config, root).map((file) =>
    file.path.startsWith(folder + sep) ? { ...file, isIssue: true } : file,
  );
  return indexReadFiles(files, config).issues().map(existingIssueOf);
}
