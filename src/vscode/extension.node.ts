import type * as vscode from 'vscode';
import { activateCommon, type NewsletterApi } from './activate';

/** Desktop (Node) entry: everything the web entry has, plus features that need Node. */
export function activate(context: vscode.ExtensionContext): NewsletterApi {
  return activateCommon(context, 'node');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
