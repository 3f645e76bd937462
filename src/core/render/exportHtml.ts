import type { IssueDocument } from '../model';
import type { FormatProfile } from '../format/profile';
import { IssueHtmlRenderer, escapeHtml, layoutIssue } from './html';
import { mastheadOf } from './masthead';

/**
 * Styles for the exported file, written as inline `style` attributes because mail clients drop
 * or rewrite style sheets; the same rules also go in a `<style>` block for browsers. Plain,
 * table-free, fixed colours: a mail has no theme to follow.
 */
export const EXPORT_STYLES: Readonly<Record<string, string>> = {
  '.nl-issue': 'max-width:640px;margin:0 auto;padding:16px;font-family:Georgia,\'Times New Roman\',serif;font-size:16px;line-height:1.5;color:#1f2328;background:#ffffff;',
  '.nl-masthead': 'border-bottom:3px solid #1f2328;margin-bottom:24px;padding-bottom:8px;',
  '.nl-name': 'font-family:Helvetica,Arial,sans-serif;font-size:28px;font-weight:bold;letter-spacing:2px;margin:0;',
  '.nl-issue-line': 'font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#57606a;margin:4px 0 0 0;',
  '.nl-intro': 'margin-bottom:24px;',
  '.nl-section': 'margin:24px 0;',
  '.nl-sponsor': 'margin:24px 0;padding:4px 16px;background:#f6f8fa;border-left:4px solid #d4a72c;',
  '.nl-entry': 'margin:0 0 16px 0;',
  '.nl-heading': 'margin:0;',
  '.nl-other': 'margin:0 0 16px 0;',
  h1: 'font-family:Helvetica,Arial,sans-serif;font-size:20px;margin:16px 0 8px 0;',
  h2: 'font-family:Helvetica,Arial,sans-serif;font-size:18px;margin:16px 0 8px 0;',
  h3: 'font-family:Helvetica,Arial,sans-serif;font-size:16px;margin:12px 0 6px 0;',
  h4: 'font-family:Helvetica,Arial,sans-serif;font-size:15px;margin:12px 0 6px 0;',
  '.nl-subsection': 'margin:16px 0;',
  p: 'margin:0 0 8px 0;',
  a: 'color:#0969da;word-break:break-all;',
  blockquote: 'margin:0 0 8px 0;padding-left:12px;border-left:3px solid #d0d7de;color:#57606a;',
  code: 'font-family:Menlo,Consolas,monospace;font-size:90%;',
  img: 'max-width:100%;height:auto;',
};

export interface ExportHtmlOptions {
  /** The paragraph that ends the mail; added after the issue when not empty. */
  readonly footer?: string;
  /** The newsletter's format (its renderer decides the typography). Default: the default profile. */
  readonly profile?: FormatProfile;
}

/** One self-contained HTML file for the issue: no external style sheet, no script. */
export function renderExportHtml(document: IssueDocument, options: ExportHtmlOptions = {}): string {
  const renderer = new IssueHtmlRenderer({ inlineStyles: EXPORT_STYLES, profile: options.profile });
  const rendered = renderer.render(document);
  const masthead = mastheadOf(document);
  const footer = (options.footer ?? '').trim();
  const css = Object.entries(EXPORT_STYLES)
    .map(([selector, rule]) => `${selector.startsWith('.') ? selector : `.nl-issue ${selector}`}{${rule}}`)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(masthead.title || 'Newsletter issue')}</title>`,
    `<style>\n${css}\n.nl-footer{font-size:13px;color:#57606a;border-top:1px solid #d0d7de;margin-top:32px;padding-top:8px;}\n</style>`,
    '</head>',
    '<body style="margin:0;padding:0;background:#ffffff;">',
    layoutIssue(rendered, { styleAttr: (selector) => renderer.styleAttr(selector) }),
    footer
      ? `<footer class="nl-footer" style="max-width:640px;margin:32px auto 0 auto;padding:8px 16px;font-size:13px;color:#57606a;border-top:1px solid #d0d7de;">${footer.split(/\r?\n\s*\r?\n/).map((p) => `<p>${linkify(escapeHtml(p))}</p>`).join('')}</footer>`
      : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Turns http(s) URLs in already-escaped footer text into links. */
function linkify(escaped: string): string {
  return escaped.replace(/\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}" style="color:#0969da;">${url}</a>`);
}
