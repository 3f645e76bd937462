import { writeFileSync } from 'node:fs';
import { fixAll } from '../core/fix';
import type { NewsletterConfig } from '../core';
import type { WorkspaceIndex } from '../core/workspace';
import { UsageError } from './usage';
import { documentOf, type ReadFile } from './workspace';

export interface FixedFile {
  readonly file: string;
  readonly fixes: readonly string[];
}

/**
 * `check --fix`: applies every safe fix to each issue file and writes the files that changed.
 * Returns the files with what was done to them, and the files as they now read (for the check
 * that follows). The workspace index is kept current as files change.
 */
export function fixReadFiles(files: readonly ReadFile[], config: NewsletterConfig, index: WorkspaceIndex): { fixed: FixedFile[]; files: ReadFile[] } {
  const fixed: FixedFile[] = [];
  const after = files.map((file) => {
    if (!file.isIssue) return file;
    const result = fixAll(file.text, { fileName: file.path, config, workspace: index });
    if (result.text === file.text) return file;
    try {
      writeFileSync(file.path, result.text, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot write ${file.display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const updated = { ...file, text: result.text };
    index.set(documentOf(updated, config), file.path);
    fixed.push({ file: file.display, fixes: result.titles });
    return updated;
  });
  return { fixed, files: after };
}

/** `fixed file: 3 fixes (Remove the `>`, ...)` lines and a total. */
export function formatFixed(fixed: readonly FixedFile[]): string {
  const count = fixed.reduce((n, f) => n + f.fixes.length, 0);
  const lines = fixed.map((f) => `fixed ${f.file}: ${f.fixes.join('; ')}`);
  lines.push(`${count} fix${count === 1 ? '' : 'es'} applied to ${fixed.length} file${fixed.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}
