import * as vscode from 'vscode';
import type { NewsletterServices } from './services';

/**
 * The web build has no link checking (a browser cannot ask other sites without CORS getting in
 * the way, and the checker needs Node): its commands say so instead of failing as unknown.
 */
export function registerLinkCheckUnavailable(services: NewsletterServices): void {
  const explain = () =>
    void vscode.window.showInformationMessage('Newsletter Desk: link checking needs the desktop version of VS Code; it is not available in the browser.');
  services.context.subscriptions.push(
    vscode.commands.registerCommand('newsletter.checkLinksInWorkspace', explain),
    vscode.commands.registerCommand('newsletter.clearLinkCache', explain),
  );
}
