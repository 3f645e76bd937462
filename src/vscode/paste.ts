import * as vscode from 'vscode';
import { entryForPaste, entryShapeAt, lineContextOf, needsBlankLineAfter, pastedUrl } from '../core/editingContext';
import type { NewsletterServices } from './services';

/** The kind of our paste edit (VS Code lists it in the paste widget and in "Paste As..."). */
export const LINK_LINE_PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('newsletter', 'linkLine');

/**
 * Pasting a bare URL on an empty line inside a section of an issue gives an entry of the shape the
 * section expects: a link line `<br>[URL](URL)` under a description (DevOps Weekly), a list item
 * `* [URL](URL)`, or a link heading `### [URL](URL)`. It is a paste edit, not a rewrite: the paste
 * widget that VS Code shows after it switches to the plain text in one step, and undo removes it.
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
export function createLinkLinePasteProvider(services: Pick<NewsletterServices, 'issues' | 'configuration'>): vscode.DocumentPasteEditProvider {
  return {
    async provideDocumentPasteEdits(document, ranges, dataTransfer, context, token) {
      if (context.only && !context.only.contains(LINK_LINE_PASTE_KIND) && !LINK_LINE_PASTE_KIND.contains(context.only)) return undefined;
      if (ranges.length !== 1) return undefined;
      const range = ranges[0];
      if (range.start.line !== range.end.line || document.lineAt(range.start.line).text.trim() !== '') return undefined;
      const item = dataTransfer.get('text/plain');
      if (!item) return undefined;
      const pasted = await item.asString();
      if (!pastedUrl(pasted) || token.isCancellationRequested) return undefined;
      const issue = await services.issues.get(document);
      if (!issue || token.isCancellationRequested) return undefined;
      const line = range.start.line;
      const lineContext = lineContextOf(issue.document, line);
      if (lineContext.region !== 'section') return undefined;
      const profile = (await services.configuration.get(document.uri)).format;
      if (token.isCancellationRequested) return undefined;
      const entry = entryForPaste(pasted, lineContext, profile);
      if (!entry) return undefined;
      // The entry must not glue itself to the paragraph or heading right below it (a text line
      // over `===` would take it into that heading): unless the line below continues it (a further
      // link line, list item), a blank line goes after it.
      const below = line + 1 < document.lineCount ? document.lineAt(line + 1).text : '';
      const text = needsBlankLineAfter(entryShapeAt(lineContext, profile), below) ? `${entry}\n` : entry;
      return [new vscode.DocumentPasteEdit(text, 'Insert as a newsletter entry', LINK_LINE_PASTE_KIND)];
    },
  };
}
