import type { Entry, IssueDocument } from './model';

/** Every entry of an issue in document order: the intro's, then each section's (subsections included). */
export function allEntries(document: IssueDocument): Entry[] {
  return [...document.intro, ...document.sections.flatMap((section) => section.entries)];
}

/** Whether an entry has a `<br>[URL](URL)` link line (DevOps Weekly's shape). */
export function hasLinkLine(entry: Entry): boolean {
  return entry.links.some((link) => link.isLinkLine);
}

/** How many times a character occurs in a text. */
export function countChar(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
