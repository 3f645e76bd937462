import * as vscode from 'vscode';
import { lineContextOf, linkLineForPaste } from '../core/outline';
import type { NewsletterServices } from './activate';

/** The kind of our paste edit (VS Code lists it in the paste widget and in "Paste As..."). */
export const LINK_LINE_PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('newsletter', 'linkLine');

/**
 * Pasting a bare URL on an empty line inside a section of an issue gives a link line
 * `<br>[URL](URL)`. It is a paste edit, not a rewrite: the paste widget that VS Code shows after
 * it switches to the plain text in one step, and undo removes the paste.
 */
export function registerPaste(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider({ language: 'markdown' }, createLinkLinePasteProvider(services), {
      providedPasteEditKinds: [LINK_LINE_PASTE_KIND],
      pasteMimeTypes: ['text/plain'],
    }),
  );
}

/** The provider on its own (the integration tests call it with the editor's real documents). */
export function createLinkLinePasteProvider(services: Pick<NewsletterServices, 'issues'>): vscode.DocumentPasteEditProvider {
  return {
    async provideDocumentPasteEdits(document, ranges, dataTransfer, context, token) {
      if (context.only && !context.only.contains(LINK_LINE_PASTE_KIND) && !LINK_LINE_PASTE_KIND.contains(context.only)) return undefined;
      if (ranges.length !== 1) return undefined;
      const range = ranges[0];
      if (range.start.line !== range.end.line || document.lineAt(range.start.line).text.trim() !== '') return undefined;
      const item = dataTransfer.get('text/plain');
      if (!item) return undefined;
      const linkLine = linkLineForPaste(await item.asString());
      if (!linkLine || token.isCancellationRequested) return undefined;
      const issue = await services.issues.get(document);
      if (!issue || token.isCancellationRequested) return undefined;
      const line = range.start.line;
      if (lineContextOf(issue.document, line).region !== 'section') return undefined;
      // The link line must not glue itself to the paragraph or heading right below it (a text
      // line over `===` would take it into that heading): unless the line below is a link line of
      // the same entry, a blank line goes after it.
      const below = line + 1 < document.lineCount ? document.lineAt(line + 1).text : '';
      const text = below.trim() !== '' && !/^[ \t]*<br[ \t]*\/?>/i.test(below) ? `${linkLine}\n` : linkLine;
      return [new vscode.DocumentPasteEdit(text, 'Insert as a newsletter link line', LINK_LINE_PASTE_KIND)];
    },
  };
}
