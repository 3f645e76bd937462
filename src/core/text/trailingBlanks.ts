/**
 * A run of spaces and tabs at the end, read from the run's start only (the lookbehind): a plain
 * `[ \t]+$` is tried again from every space of a run that does not reach the end (spaces in the
 * middle of a line), quadratic in the run's length.
 */
const TRAILING_BLANKS = /(?<![ \t])[ \t]+$/;

/** The text without the spaces and tabs it ends with (not other white space: `trimEnd` takes those too). */
export function withoutTrailingBlanks(text: string): string {
  return text.replace(TRAILING_BLANKS, '');
}
