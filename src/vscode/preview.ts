/**
 * The preview manager: which preview panels are open, which one follows the active editor and
 * which are locked to their issue, the commands, and the serializer that restores panels after a
 * reload. Each panel (its webview and messages) is an `IssuePreview` (`previewPanel.ts`).
 */
import * as vscode from 'vscode';
import type { NewsletterServices } from './services';
import { asPreviewState, type PreviewState, type PreviewView } from '../webview/messages';
import { IssuePreview, titleFor, type PreviewHost, type PreviewSnapshot } from './previewPanel';

export type { PreviewSnapshot } from './previewPanel';

export const PREVIEW_VIEW_TYPE = 'newsletter.preview';
const ISSUE_CONTEXT_KEY = 'newsletter.isIssueFile';
/** True while a newsletter preview is open: the lock and view commands show in the palette. */
const PREVIEW_OPEN_CONTEXT_KEY = 'newsletter.previewOpen';

/** What the integration tests (and only they) read of the preview. */
export interface PreviewApi {
  /** Fires after a preview sent new content to its webview. */
  readonly onDidUpdate: vscode.Event<PreviewSnapshot>;
  /** The last content sent to any preview's webview. */
  lastUpdate(): PreviewSnapshot | undefined;
  /** How many preview panels are open. */
  readonly previewCount: number;
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

class PreviewManager implements PreviewApi, PreviewHost, vscode.Disposable {
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
