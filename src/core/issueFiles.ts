import picomatch from 'picomatch';
import type { NewsletterConfig } from './config';
import type { FormatProfile } from './format/profile';
import { looksLikeIssueTitle } from './titleTemplate';

/**
 * Whether a Markdown file is an issue: its path (relative to the project folder, the one that
 * holds `.newsletter-desk.json`, else the workspace folder; `/`-separated) matches one of the
 * format's globs, or its header title reads like an issue title. This keeps a README.md beside
 * the posts out of every check.
 */
export function isIssueFile(relativePath: string, text: string, config: NewsletterConfig): boolean {
  if (!/\.(md|markdown)$/i.test(relativePath)) return false;
  const globs = config.format.files.globs;
  if (globs.length > 0 && picomatch.isMatch(relativePath.replace(/\\/g, '/'), globs as string[], { dot: true })) {
    return true;
  }
  return hasIssueTitle(text, config.format);
}

/**
 * Looks only at the first lines' header title, so it is cheap enough to call on every open: the
 * title field of YAML/TOML front matter or a Pelican header, or for a format without a header the
 * first heading.
 */
export function hasIssueTitle(text: string, format: FormatProfile): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const title = headTitle(head, format);
  if (title === undefined) return false;
  return looksLikeIssueTitle(title, format.title.template);
}

function headTitle(head: string, format: FormatProfile): string | undefined {
  const field = format.header.titleField.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let value: string | undefined;
  if (/^---[ \t]*\r?\n/.test(head)) value = new RegExp(`^${field}:[ \\t]*(.*)$`, 'mi').exec(head)?.[1];
  else if (/^\+\+\+[ \t]*\r?\n/.test(head)) value = new RegExp(`^${field}[ \\t]*=[ \\t]*(.*)$`, 'mi').exec(head)?.[1];
  else if (format.header.kind === 'pelican') {
    const block = head.split(/\r?\n[ \t]*\r?\n/)[0];
    value = new RegExp(`^${field}:[ \\t]*(.*)$`, 'mi').exec(block)?.[1];
  } else if (format.header.kind === 'none') value = /^#{1,6}[ \t]+(.*?)[ \t#]*$/m.exec(head)?.[1];
  if (value === undefined) return undefined;
  let title = value.trim();
  if (/^(["']).*\1$/.test(title)) title = title.slice(1, -1);
  return title;
}
