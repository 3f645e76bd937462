import picomatch from 'picomatch';
import type { NewsletterConfig } from './config';
import { looksLikeIssueTitle } from './titleTemplate';

const FRONT_MATTER_TITLE = /^title:[ \t]*(.*)$/m;

/**
 * Whether a Markdown file is an issue: its path (relative to the workspace folder, `/`-separated)
 * matches one of `config.files`, or its front matter title reads like an issue title. This keeps
 * a README.md beside the posts out of every check.
 */
export function isIssueFile(relativePath: string, text: string, config: NewsletterConfig): boolean {
  if (!/\.(md|markdown)$/i.test(relativePath)) return false;
  if (config.files.length > 0 && picomatch.isMatch(relativePath.replace(/\\/g, '/'), config.files as string[], { dot: true })) {
    return true;
  }
  return hasIssueTitle(text, config.titleTemplate);
}

/** Looks only at the first lines' front matter title, so it is cheap enough to call on every open. */
export function hasIssueTitle(text: string, titleTemplate: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(head)) return false;
  const match = FRONT_MATTER_TITLE.exec(head);
  if (!match) return false;
  let title = match[1].trim();
  if (/^(["']).*\1$/.test(title)) title = title.slice(1, -1);
  return looksLikeIssueTitle(title, titleTemplate);
}
