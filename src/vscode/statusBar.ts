import * as vscode from 'vscode';
import { summaryOf } from '../core/outline';
import { statusOf } from '../core/statusText';
import type { NewsletterServices } from './services';

const DEBOUNCE_MS = 300;

/**
 * A status bar item for the issue in the active editor: its number and link count, the entries
 * per section in the tooltip; clicking it reveals the Outline view. Hidden for other files.
 */
export function registerStatusBar(services: NewsletterServices): void {
  const item = vscode.window.createStatusBarItem('newsletter.issue', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Newsletter Issue';
  item.command = { title: 'Show Outline', command: 'outline.focus' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const update = async () => {
    const run = ++generation;
    const editor = vscode.window.activeTextEditor;
    const issue = editor ? await services.issues.get(editor.document) : undefined;
    if (run !== generation) return; // a newer update started while this one waited
    if (!issue) {
      item.hide();
      return;
    }
    const status = statusOf(summaryOf(issue.document));
    item.text = status.text;
    item.tooltip = new vscode.MarkdownString(status.tooltip);
    item.accessibilityInformation = { label: status.accessible, role: 'button' };
    item.show();
  };
  const schedule = (delay: number) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void update();
    }, delay);
  };

  services.context.subscriptions.push(
    item,
    { dispose: () => timer !== undefined && clearTimeout(timer) },
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule(DEBOUNCE_MS);
    }),
    services.configuration.onDidChange(() => schedule(0)),
  );
  schedule(0);
}
