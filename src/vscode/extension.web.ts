import type * as vscode from 'vscode';
import { activateCommon, type NewsletterApi } from './activate';
import { registerLinkCheckUnavailable } from './linkCheckUnavailable';

/** Web (browser worker) entry: the same features, without those that need Node (link checking). */
export function activate(context: vscode.ExtensionContext): NewsletterApi {
  return activateCommon(context, 'web', [registerLinkCheckUnavailable]);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
