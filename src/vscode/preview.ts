import * as vscode from 'vscode';
import { IssueHtmlRenderer, layoutIssue, renderPlainTextLines, type RenderedIssue } from '../core/render';
import type { NewsletterServices } from './activate';
import { buildPreviewDocument, createNonce } from './previewDocument';
import {
  asPreviewState,
  isFromWebviewMessage,
  type FromWebviewMessage,
  type MarkData,
  type PreviewState,
  type PreviewView,
  type ToWebviewMessage,
} from '../webview/messages';

export const PREVIEW_VIEW_TYPE = 'newsletter.preview';
const ISSUE_CONTEXT_KEY = 'newsletter.isIssueFile';
/** True while a newsletter preview is open: the lock and view commands show in the palette. */
const PREVIEW_OPEN_CONTEXT_KEY = 'newsletter.previewOpen';
/** Coalesces a burst of keystrokes into one render; well under the 150 ms an edit may take to show. */
const UPDATE_DELAY_MS = 15;
/** A scroll that one side caused must not be echoed back by the other. */
const SCROLL_ECHO_MS = 250;
const OPENABLE = /^(?:https?|mailto):/i;

/** What the integration tests (and only they) read of the preview. */
export interface PreviewApi {
  /** Fires after a preview sent new content to its webview. */
  readonly onDidUpdate: vscode.Event<PreviewSnapshot>;
  /** The last content sent to any preview's webview. */
  lastUpdate(): PreviewSnapshot | undefined;
  /** How many preview panels are open. */
  readonly previewCount: number;
}

export interface PreviewSnapshot {
  readonly resource: string;
  readonly view: PreviewView;
  readonly locked: boolean;
  /** The web view's HTML fragment (the same the document embeds); empty for the email view. */
  readonly html: string;
  readonly sectionNames: readonly string[];
  /** The email view's text; empty for the web view. */
  readonly text: string;
  readonly message: ToWebviewMessage;
  /** Milliseconds from the edit (the document change event) to this message, when an edit caused it. */
  readonly latencyMs?: number;
}

const apis = new WeakMap<NewsletterServices, PreviewApi>();

/** The preview's test surface, once `registerPreview` ran for these services. */
export function previewApiOf(services: NewsletterServices): PreviewApi | undefined {
  return apis.get(services);
}

/** Registers the preview: commands, the panel serializer, the issue-file context key. */
export function registerPreview(services: NewsletterServices): void {
  const manager = new PreviewManager(services);
  services.context.subscriptions.push(manager);
  apis.set(services, manager);
}

class PreviewManager implements PreviewApi, vscode.Disposable {
  private readonly previews = new Set<IssuePreview>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updateEmitter = new vscode.EventEmitter<PreviewSnapshot>();
  readonly onDidUpdate = this.updateEmitter.event;
  private last: PreviewSnapshot | undefined;
  /** Last view chosen, for new previews. */
  private view: PreviewView = 'web';

  constructor(private readonly services: NewsletterServices) {
    this.disposables.push(
      this.updateEmitter,
      vscode.commands.registerCommand('newsletter.openPreviewToSide', (uri?: unknown) => this.openToSide(uri instanceof vscode.Uri ? uri : undefined)),
      vscode.commands.registerCommand('newsletter.togglePreviewLock', () => this.toggleLock()),
      vscode.commands.registerCommand('newsletter.togglePreviewView', () => this.toggleView()),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.onActiveEditor(editor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const preview of this.previews) if (preview.shows(e.document.uri)) preview.edited();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const changed = new Set(e.uris.map((u) => u.toString()));
        for (const preview of this.previews) if (changed.has(preview.resource.toString())) preview.sendMarks();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const first = e.visibleRanges[0];
        if (!first) return;
        for (const preview of this.previews) if (preview.shows(e.textEditor.document.uri)) preview.editorScrolled(first.start.line);
      }),
      services.configuration.onDidChange(() => {
        for (const preview of this.previews) preview.scheduleUpdate();
      }),
    );
    void this.onActiveEditor(vscode.window.activeTextEditor);
  }

  get previewCount(): number {
    return this.previews.size;
  }

  lastUpdate(): PreviewSnapshot | undefined {
    return this.last;
  }

  published(snapshot: PreviewSnapshot): void {
    this.last = snapshot;
    this.updateEmitter.fire(snapshot);
  }

  rememberView(view: PreviewView): void {
    this.view = view;
  }

  private async onActiveEditor(editor: vscode.TextEditor | undefined): Promise<void> {
    const isIssue = editor ? await this.services.issues.isIssue(editor.document) : false;
    await vscode.commands.executeCommand('setContext', ISSUE_CONTEXT_KEY, isIssue);
    if (!editor || !isIssue) return;
    // The unlocked preview follows the issue file the author switches to.
    const follower = [...this.previews].find((p) => !p.locked);
    if (follower && !follower.shows(editor.document.uri)) follower.show(editor.document.uri);
  }

  private async openToSide(uri: vscode.Uri | undefined): Promise<void> {
    const resource = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!resource) {
      void vscode.window.showInformationMessage('Newsletter: open an issue file to preview it.');
      return;
    }
    const document = await vscode.workspace.openTextDocument(resource);
    if (!(await this.services.issues.isIssue(document))) {
      void vscode.window.showInformationMessage(
        'Newsletter: this file is not an issue file (see the setting "newsletter.files"), so there is no newsletter preview for it.',
      );
      return;
    }
    const existing = [...this.previews].find((p) => p.shows(resource)) ?? [...this.previews].find((p) => !p.locked);
    if (existing) {
      existing.show(resource);
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      titleFor(resource, false),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.services.context.extensionUri),
    );
    this.adopt(panel, { resource: resource.toString(), locked: false, view: this.view });
  }

  private async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.services.context.extensionUri);
    const state = asPreviewState(raw) ?? (await stateFromTitle(panel.title));
    if (!state) {
      panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>This preview could not be restored: open the issue and run <b>Newsletter: Open Preview to the Side</b>.</p></body></html>`;
      return;
    }
    this.adopt(panel, state);
  }

  private adopt(panel: vscode.WebviewPanel, state: PreviewState): void {
    const preview = new IssuePreview(panel, state, this.services, this);
    this.previews.add(preview);
    this.updateOpenContext();
    panel.onDidDispose(() => {
      this.previews.delete(preview);
      preview.dispose();
      this.updateOpenContext();
    });
  }

  /** The focused preview; else the one showing the active editor's issue; else the only one. */
  private activePreview(): IssuePreview | undefined {
    const all = [...this.previews];
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    return all.find((p) => p.panel.active)
      ?? (editorUri ? all.find((p) => p.shows(editorUri)) : undefined)
      ?? (all.length === 1 ? all[0] : undefined);
  }

  private updateOpenContext(): void {
    void vscode.commands.executeCommand('setContext', PREVIEW_OPEN_CONTEXT_KEY, this.previews.size > 0);
  }

  private toggleLock(): void {
    const preview = this.activePreview();
    if (!preview) return;
    preview.setLocked(!preview.locked);
    if (!preview.locked) void this.onActiveEditor(vscode.window.activeTextEditor);
  }

  private toggleView(): void {
    const preview = this.activePreview();
    if (preview) preview.setView(preview.view === 'web' ? 'email' : 'web');
  }

  dispose(): void {
    for (const preview of this.previews) preview.panel.dispose();
    this.previews.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The webview's saved state can be missing after a reload (the workbench saved the tab before
 * the webview saved its state); the tab's title still names the file: `[Locked] Preview NAME`.
 */
async function stateFromTitle(title: string): Promise<PreviewState | undefined> {
  const match = /^(\[Locked\] )?Preview (.+)$/.exec(title);
  if (!match) return undefined;
  const name = match[2];
  const open = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(`/${name}`));
  const uri = open?.uri ?? (await vscode.workspace.findFiles(`**/${name.replace(/[[\]{}*?]/g, '?')}`, '**/node_modules/**', 1))[0];
  return uri ? { resource: uri.toString(), locked: match[1] !== undefined, view: 'web' } : undefined;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

function titleFor(resource: vscode.Uri, locked: boolean): string {
  const name = resource.path.split('/').pop() ?? resource.path;
  return `${locked ? '[Locked] ' : ''}Preview ${name}`;
}

/** One preview panel: which issue it shows, how, and its traffic with the webview. */
class IssuePreview implements vscode.Disposable {
  resource: vscode.Uri;
  locked: boolean;
  view: PreviewView;
  private readonly renderer = new IssueHtmlRenderer();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ignoreEditorScrollUntil = 0;
  private ignorePreviewScrollUntil = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    state: PreviewState,
    private readonly services: NewsletterServices,
    private readonly manager: PreviewManager,
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
    this.manager.rememberView(view);
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
    this.manager.published({
      resource: this.resource.toString(),
      view: this.view,
      locked: this.locked,
      html: content.rendered ? layoutIssue(content.rendered) : '',
      sectionNames: content.rendered ? content.rendered.sections.map((s) => s.name) : [],
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
      const lines = renderPlainTextLines(issue, { footer: config.emailFooter });
      return { message: { ...base, view: 'email', lines }, text: lines.map((l) => l.text).join('\n') };
    }
    const rendered = this.renderer.render(issue);
    return { message: { ...base, view: 'web', issue: rendered }, rendered, text: '' };
  }

  sendMarks(): void {
    const diagnostics = vscode.languages.getDiagnostics(this.resource).filter((d) => d.source === 'newsletter');
    const marks: MarkData[] = diagnostics.map((d) => ({ line: d.range.start.line, severity: severityOf(d.severity), message: d.message }));
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

function severityOf(severity: vscode.DiagnosticSeverity): MarkData['severity'] {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error: return 'error';
    case vscode.DiagnosticSeverity.Warning: return 'warning';
    case vscode.DiagnosticSeverity.Information: return 'info';
    default: return 'hint';
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
