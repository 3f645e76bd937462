import type * as vscode from 'vscode';
import { activateCommon, type NewsletterApi, type RegisterFeature } from './activate';
import { registerLinkCheck } from './linkCheck';

/** Features that need Node: they are bundled into the desktop build only. */
const NODE_FEATURES: RegisterFeature[] = [
  registerLinkCheck, // live link checking over HTTP (src/linkcheck)
];

/** Desktop (Node) entry: everything the web entry has, plus features that need Node. */
export function activate(context: vscode.ExtensionContext): NewsletterApi {
  return activateCommon(context, 'node', NODE_FEATURES);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
