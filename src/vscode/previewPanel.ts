import * as vscode from 'vscode';
import { IssueHtmlRenderer, allSections, layoutIssue, renderExportHtml, renderPlainText, renderPlainTextLines, type RenderedIssue } from '../core/render';
import type { FormatProfile } from '../core/format/profile';
import { SITE_MARK_CODES, siteMarksOf } from '../core/rules/siteMarks';
import type { NewsletterServices } from './services';
import { DEFAULT_WRAP_COLUMN, buildPreviewDocument, createNonce } from './previewDocument';
import {
  isFromWebviewMessage,
  isWrapColumn,
  type CopyWhat,
  type FromWebviewMessage,
  type MarkData,
  type PreviewState,
  type PreviewView,
  type ToWebviewMessage,
} from '../webview/messages';

/**
 * One preview panel (the webview of one issue) and its traffic with the webview: what it renders,
 * the messages it sends and answers, scroll sync and click-to-reveal. Which panels there are, and
 * which follows the active editor, is the manager's business (`preview.ts`).
 */

/** Coalesces a burst of keystrokes into one render; well under the 150 ms an edit may take to show. */
const UPDATE_DELAY_MS = 15;
/** A scroll that one side caused must not be echoed back by the other. */
const SCROLL_ECHO_MS = 250;
const OPENABLE = /^(?:https?|mailto):/i;

/** What the integration tests (and only they) read of an update. */
export interface PreviewSnapshot {
  readonly resource: string;
  readonly view: PreviewView;
  readonly locked: boolean;
  /** The web view's HTML fragment (the same the document embeds); empty for the email view. */
  readonly html: string;
  /** Every section's name, subsections included, in document order. */
  readonly sectionNames: readonly string[];
  /** The email view's text; empty for the web view. */
  readonly text: string;
  readonly message: ToWebviewMessage;
  /** Milliseconds from the edit (the document change event) to this message, when an edit caused it. */
  readonly latencyMs?: number;
}

/** What a panel tells the one that manages it. */
export interface PreviewHost {
  /** A panel sent new content to its webview. */
  published(snapshot: PreviewSnapshot): void;
  /** The author chose a view: new panels open in it. */
  rememberView(view: PreviewView): void;
}

export function titleFor(resource: vscode.Uri, locked: boolean): string {
  const name = resource.path.split('/').pop() ?? resource.path;
  return `${locked ? '[Locked] ' : ''}Preview ${name}`;
}


/** One preview panel: which issue it shows, how, and its traffic with the webview. */
export class IssuePreview implements vscode.Disposable {
  resource: vscode.Uri;
  locked: boolean;
  view: PreviewView;
  /** Keeps the HTML of unchanged blocks between updates; made anew when the format changes. */
  private renderer = new IssueHtmlRenderer();
  /** The format's renderer (what decides its typography) that `renderer` was made for. */
  private rendererFor: FormatProfile['renderer'] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ignoreEditorScrollUntil = 0;
  private ignorePreviewScrollUntil = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    state: PreviewState,
    private readonly services: NewsletterServices,
    private readonly host: PreviewHost,
  ) {
    this.resource = vscode.Uri.parse(state.resource);
    this.locked = state.locked;
    this.view = state.view;
    panel.iconPath = {
      light: vscode.Uri.joinPath(services.context.extensionUri, 'media', 'preview-light.svg'),
      dark: vscode.Uri.joinPath(services.context.extensionUri, 'media', 'preview-dark.svg'),
    };
    this.disposables.push(panel.webview.onDidReceiveMessage((message: unknown) => {
      if (isFromWebviewMessage(message)) void this.onMessage(message);
    }));
    void this.load(state.line);
  }

  shows(uri: vscode.Uri): boolean {
    return uri.toString() === this.resource.toString();
  }

  show(resource: vscode.Uri): void {
    if (this.shows(resource)) return;
    this.resource = resource;
    this.panel.title = titleFor(resource, this.locked);
    void this.load(undefined);
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.panel.title = titleFor(this.resource, locked);
    this.scheduleUpdate();
  }

  setView(view: PreviewView): void {
    this.view = view;
    this.host.rememberView(view);
    this.scheduleUpdate(0);
  }

  /** When the first edit not yet shown was made. */
  private editedAt: number | undefined;

  edited(): void {
    this.editedAt ??= performance.now();
    this.scheduleUpdate();
  }

  scheduleUpdate(delay = UPDATE_DELAY_MS): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  /** (Re)builds the whole document: on creation, after a reload, when the preview changes file. */
  private async load(line: number | undefined): Promise<void> {
    const content = await this.content().catch((error: unknown) => {
      console.error('Newsletter preview: could not render the issue', error);
      return undefined;
    });
    if (this.disposed || !content) return;
    const webview = this.panel.webview;
    const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'dist', 'webview', 'preview.js'));
    const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'preview.css'));
    webview.html = buildPreviewDocument({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: scriptUri.toString(),
      styleUri: styleUri.toString(),
      title: this.panel.title,
      view: this.view,
      locked: this.locked,
      issue: content.message.type === 'update' && content.message.view === 'web' ? content.message.issue : undefined,
      emailLines: content.message.type === 'update' && content.message.view === 'email' ? content.message.lines : undefined,
      wrapColumn: wrapColumnFor(this.resource),
    });
    this.publish(content);
    if (line !== undefined) this.pendingScroll = line;
  }

  private pendingScroll: number | undefined;

  private async update(): Promise<void> {
    const content = await this.content().catch((error: unknown) => {
      console.error('Newsletter preview: could not render the issue', error);
      return undefined;
    });
    if (this.disposed || !content) return;
    // Not awaited: postMessage resolves when the webview took the message, which is not ours to wait for.
    void this.panel.webview.postMessage(content.message);
    const latencyMs = this.editedAt === undefined ? undefined : performance.now() - this.editedAt;
    this.editedAt = undefined;
    this.publish(content, latencyMs);
  }

  private publish(content: { message: ToWebviewMessage; rendered?: RenderedIssue; text: string }, latencyMs?: number): void {
    const message = content.message;
    if (message.type !== 'update') return;
    this.host.published({
      resource: this.resource.toString(),
      view: this.view,
      locked: this.locked,
      html: content.rendered ? layoutIssue(content.rendered) : '',
      sectionNames: content.rendered ? allSections(content.rendered.sections).map((s) => s.name) : [],
      text: content.text,
      message,
      latencyMs,
    });
  }

  private async content(): Promise<{ message: ToWebviewMessage; rendered?: RenderedIssue; text: string } | undefined> {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(this.resource);
    } catch {
      this.panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>The issue file ${escapeText(this.resource.path)} cannot be opened (moved or deleted?).</p></body></html>`;
      return undefined;
    }
    const config = await this.services.configuration.get(this.resource);
    const issue = this.services.issues.parse(document, config);
    const base = { type: 'update' as const, resource: this.resource.toString(), title: this.panel.title, locked: this.locked };
    if (this.view === 'email') {
      const lines = renderPlainTextLines(issue, { footer: config.emailFooter, profile: config.format });
      return { message: { ...base, view: 'email', lines, wrapColumn: wrapColumnFor(this.resource) }, text: lines.map((l) => l.text).join('\n') };
    }
    if (this.rendererFor !== config.format.renderer) {
      this.renderer = new IssueHtmlRenderer({ profile: config.format });
      this.rendererFor = config.format.renderer;
    }
    // Where the site's renderer shows something else: marked in the page (never in exports).
    const rendered = this.renderer.render(issue, siteMarksOf(issue, config));
    return { message: { ...base, view: 'web', issue: rendered }, rendered, text: '' };
  }

  sendMarks(): void {
    const diagnostics = vscode.languages.getDiagnostics(this.resource).filter((d) => d.source === 'newsletter');
    const marks: MarkData[] = diagnostics.map((d) => ({
      line: d.range.start.line,
      character: d.range.start.character,
      severity: severityOf(d.severity),
      message: d.message,
      // The web view marks these where they are, in the page (`siteMarksOf`): not again on the block.
      ...(SITE_MARK_CODES.has(codeOf(d)) ? { inPage: true } : {}),
    }));
    void this.panel.webview.postMessage({ type: 'marks', marks } satisfies ToWebviewMessage);
  }

  editorScrolled(line: number): void {
    if (Date.now() < this.ignoreEditorScrollUntil) return;
    this.ignorePreviewScrollUntil = Date.now() + SCROLL_ECHO_MS;
    void this.panel.webview.postMessage({ type: 'scrollToLine', line } satisfies ToWebviewMessage);
  }

  private async onMessage(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        await this.update();
        this.sendMarks();
        const editor = vscode.window.visibleTextEditors.find((e) => this.shows(e.document.uri));
        const line = this.pendingScroll ?? editor?.visibleRanges[0]?.start.line;
        this.pendingScroll = undefined;
        if (line !== undefined && line > 0) void this.panel.webview.postMessage({ type: 'scrollToLine', line } satisfies ToWebviewMessage);
        break;
      }
      case 'openLink':
        if (OPENABLE.test(message.href)) {
          // openExternal asks before it opens a site the user has not trusted yet.
          await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        }
        break;
      case 'revealLine':
        await this.reveal(message.line, message.endLine);
        break;
      case 'scrolled':
        this.previewScrolled(message.line);
        break;
      case 'setView':
        this.setView(message.view);
        break;
      case 'copy':
        await this.copy(message.what);
        break;
    }
  }

  /** Puts the mail's text, or the issue's HTML (inline styles, as Export HTML writes it), on the clipboard. */
  private async copy(what: CopyWhat): Promise<void> {
    try {
      const document = await vscode.workspace.openTextDocument(this.resource);
      const config = await this.services.configuration.get(this.resource);
      const issue = this.services.issues.parse(document, config);
      const options = { footer: config.emailFooter, profile: config.format };
      const content = what === 'html' ? renderExportHtml(issue, options) : renderPlainText(issue, options);
      await vscode.env.clipboard.writeText(content);
      vscode.window.setStatusBarMessage(`Newsletter: copied the ${what === 'html' ? 'HTML' : 'email text'} of ${this.resource.path.split('/').pop() ?? 'the issue'}`, 4000);
    } catch (error) {
      void vscode.window.showErrorMessage(`Newsletter: could not copy the ${what === 'html' ? 'HTML' : 'email text'}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private previewScrolled(line: number): void {
    if (Date.now() < this.ignorePreviewScrollUntil) return;
    const editor = vscode.window.visibleTextEditors.find((e) => this.shows(e.document.uri));
    if (!editor) return;
    this.ignoreEditorScrollUntil = Date.now() + SCROLL_ECHO_MS;
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  }

  private async reveal(line: number, endLine: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.resource);
    const last = Math.min(endLine, document.lineCount - 1);
    const first = Math.min(line, last);
    const selection = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
    const visible = vscode.window.visibleTextEditors.find((e) => this.shows(e.document.uri));
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** `newsletter.email.wrapColumn` for the issue's folder; a value out of range falls back to the default. */
function wrapColumnFor(resource: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration('newsletter', resource).get<unknown>('email.wrapColumn', DEFAULT_WRAP_COLUMN);
  return isWrapColumn(value) ? value : DEFAULT_WRAP_COLUMN;
}

function severityOf(severity: vscode.DiagnosticSeverity): MarkData['severity'] {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error: return 'error';
    case vscode.DiagnosticSeverity.Warning: return 'warning';
    case vscode.DiagnosticSeverity.Information: return 'info';
    default: return 'hint';
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return String(code ?? '');
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
