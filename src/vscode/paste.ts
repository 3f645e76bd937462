import * as vscode from 'vscode';
import { pasteChoices, pastedUrl } from '../core/editingContext';
import { toVsRange } from './convert';
import type { NewsletterServices } from './services';

/** The kind of our paste edit (VS Code lists it in the paste widget and in "Paste As..."). */
export const LINK_LINE_PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('newsletter', 'linkLine');

/** The kind of the paste edit that drops a URL's tracking parameters, where no entry is made. */
export const CLEAN_URL_PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('newsletter', 'cleanUrl');

/**
 * Pasting a bare URL on an empty line inside a section of an issue gives an entry of the shape the
 * section expects: a link line `<br>[URL](URL)` under a description (DevOps Weekly), a list item
 * `* [URL](URL)`, or a link heading `### [URL](URL)`. It is a paste edit, not a rewrite: the paste
 * widget that VS Code shows after it switches to the plain text in one step, and undo removes it.
 * The entry leaves the blank lines its neighbours use. A URL with tracking parameters is pasted
 * without them (anywhere in an issue), the URL as copied one click away in the widget.
 */
export function registerPaste(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider({ language: 'markdown' }, createLinkLinePasteProvider(services), {
      providedPasteEditKinds: [LINK_LINE_PASTE_KIND, CLEAN_URL_PASTE_KIND],
      pasteMimeTypes: ['text/plain'],
    }),
  );
}

/** The provider on its own (the integration tests call it with the editor's real documents). */
export function createLinkLinePasteProvider(services: Pick<NewsletterServices, 'issues' | 'configuration'>): vscode.DocumentPasteEditProvider {
  return {
    async provideDocumentPasteEdits(document, ranges, dataTransfer, context, token) {
      const wanted = (kind: vscode.DocumentDropOrPasteEditKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
      if (!wanted(LINK_LINE_PASTE_KIND) && !wanted(CLEAN_URL_PASTE_KIND)) return undefined;
      if (ranges.length !== 1) return undefined;
      const range = ranges[0];
      if (range.start.line !== range.end.line) return undefined;
      const item = dataTransfer.get('text/plain');
      if (!item) return undefined;
      const pasted = await item.asString();
      if (!pastedUrl(pasted) || token.isCancellationRequested) return undefined;
      const issue = await services.issues.get(document);
      if (!issue || token.isCancellationRequested) return undefined;
      const line = range.start.line;
      const profile = (await services.configuration.get(document.uri)).format;
      if (token.isCancellationRequested) return undefined;
      const below = line + 1 < document.lineCount ? document.lineAt(line + 1).text : '';
      const lineIsBlank = document.lineAt(line).text.trim() === '';
      const choices = pasteChoices(issue.document, line, lineIsBlank, pasted, profile, below)
        .filter((choice) => wanted(choice.kind === 'entry' ? LINK_LINE_PASTE_KIND : CLEAN_URL_PASTE_KIND));
      if (choices.length === 0) return undefined;
      // The first is what the paste gives; the others (and the plain text) wait in the paste widget.
      return choices.map((choice) => {
        const edit = new vscode.DocumentPasteEdit(choice.text, choice.title, choice.kind === 'entry' ? LINK_LINE_PASTE_KIND : CLEAN_URL_PASTE_KIND);
        if (choice.edits.length > 0) {
          // The spacing of the entry: the blank lines above and below made those its neighbours use.
          edit.additionalEdit = new vscode.WorkspaceEdit();
          for (const e of choice.edits) edit.additionalEdit.replace(document.uri, toVsRange(e.range), e.newText);
        }
        return edit;
      });
    },
  };
}
