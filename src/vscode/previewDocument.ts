/**
 * The preview's HTML document, CSP included. Kept free of `vscode` (the caller passes the
 * webview's URIs as strings) so that the security test loads exactly this document in Chromium.
 */
import { escapeHtml, layoutIssue } from '../core/render';
import type { EmailLine, IssueData, PreviewView } from '../webview/messages';

export interface PreviewDocumentInput {
  /** `webview.cspSource`: where the extension's own resources come from. */
  readonly cspSource: string;
  /** A fresh nonce for this document (see `createNonce`). */
  readonly nonce: string;
  /** URIs as the webview can load them (`webview.asWebviewUri(...)`). */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
  readonly view: PreviewView;
  /** Whether the preview is locked to its issue (shown in the toolbar). */
  readonly locked?: boolean;
  /** The content to show at once; the script takes over for updates. */
  readonly issue?: IssueData;
  readonly emailLines?: readonly EmailLine[];
  /** The email view's wrap column (`newsletter.email.wrapColumn`); 0: the panel's width. Default 72. */
  readonly wrapColumn?: number;
}

/**
 * The content security policy: nothing by default; styles only from the extension; scripts only
 * the preview's own, by nonce; images only over https; no `<base>`, no form targets; frames,
 * objects, connections and media fall back to `default-src 'none'`.
 */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    'img-src https:',
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildPreviewDocument(input: PreviewDocumentInput): string {
  const { nonce } = input;
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('buildPreviewDocument: the nonce must be base64, 16 characters or more');
  const content = input.view === 'email' ? emailToHtml(input.emailLines ?? [], input.wrapColumn) : input.issue ? layoutIssue(input.issue) : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(input.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body class="nl-view-${input.view}">
<nav class="nl-toolbar" aria-label="Preview">
<div class="nl-views" role="group" aria-label="View">
<button type="button" class="nl-view-button" data-view="web" aria-pressed="${input.view === 'web'}" title="Show the issue as the web page">Web</button>
<button type="button" class="nl-view-button" data-view="email" aria-pressed="${input.view === 'email'}" title="Show the issue as the plain-text email">Email</button>
</div>
<div class="nl-copies" role="group" aria-label="Copy for an email service">
<button type="button" class="nl-copy-button" data-copy="text" title="Copy the plain-text email to the clipboard">Copy Email Text</button>
<button type="button" class="nl-copy-button" data-copy="html" title="Copy the issue's HTML (inline styles, as Export HTML writes it) to the clipboard">Copy HTML</button>
</div>
<span class="nl-locked"${input.locked ? '' : ' hidden'}>Locked</span>
</nav>
<main id="nl-root" class="nl-root">${content}</main>
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

/** The wrap column when the setting gives none: the width of a plain-text mail. */
export const DEFAULT_WRAP_COLUMN = 72;

/**
 * The plain-text mail as one `pre`, a span per line carrying its source line (and column) for
 * scroll sync and marks. The text is as sent, one line per paragraph; the `pre` wraps it at
 * `wrapColumn` characters as a mail reader would (the script sets the width from `data-wrap`).
 */
export function emailToHtml(lines: readonly EmailLine[], wrapColumn = DEFAULT_WRAP_COLUMN): string {
  const spans = lines.map((line) => {
    let attr = line.sourceLine === undefined ? '' : ` data-line="${line.sourceLine}" data-line-end="${line.sourceLine}"`;
    if (line.sourceLine !== undefined && line.sourceColumn) attr += ` data-column="${line.sourceColumn}"`;
    return `<span class="nl-email-line"${attr}>${escapeHtml(line.text)}\n</span>`;
  });
  return `<pre class="nl-email" data-wrap="${Math.max(0, Math.floor(wrapColumn))}">${spans.join('')}</pre>`;
}

/** 24 random bytes, base64: a nonce that no page content can guess. */
export function createNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
