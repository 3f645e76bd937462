import * as vscode from 'vscode';
import { ENTRY_SNIPPET, snippetPreview, snippetsFor } from '../core/snippets';
import { entrySpacing } from '../core/editingContext';
import { toVsRange } from './convert';
import type { NewsletterServices } from './services';

/** The contributed snippets file: the snippets that hold for every format. */
export const SNIPPETS_PATH = 'snippets/newsletter.code-snippets';

/** A line that holds nothing but (maybe) the word being typed. */
const BLANK_OR_WORD = /^[ \t]*[A-Za-z-]*[ \t]*$/;

/**
 * Completions of the snippets that depend on the format, built from the profile (`core/snippets`):
 * the whole issue in an empty file, an entry of the section's shape (`* [Title](url)` in a
 * list-style newsletter, a description with a link line in DevOps Weekly's), a further link line,
 * the headings of sections the issue lacks.
 */
class SnippetCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly services: NewsletterServices) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const lineText = document.lineAt(position.line).text;
    if (!BLANK_OR_WORD.test(lineText)) return undefined;
    const issue = await this.services.issues.get(document);
    const documentIsBlank = document.getText().trim() === lineText.trim();
    if (!issue || token.isCancellationRequested) return undefined;
    const profile = (await this.services.configuration.get(document.uri)).format;
    if (token.isCancellationRequested) return undefined;
    const snippets = snippetsFor(issue.document, position.line, documentIsBlank, profile);
    if (snippets.length === 0) return undefined;
    // The word being typed (if any) is replaced; the range has to hold the cursor.
    const indent = /^[ \t]*/.exec(lineText)?.[0].length ?? 0;
    const wordEnd = lineText.trimEnd().length;
    const replace = new vscode.Range(position.line, Math.min(indent, position.character), position.line, Math.max(wordEnd, position.character));
    return snippets.map((snippet, index) => {
      const item = new vscode.CompletionItem({ label: snippet.prefix, description: `${snippet.name}, fits here` }, vscode.CompletionItemKind.Snippet);
      const spacing = snippet.name === ENTRY_SNIPPET ? entrySpacing(issue.document, position.line, profile) : undefined;
      // Between two entries the spacing edits part the new entry from the next: no line of its own after it.
      item.insertText = new vscode.SnippetString(spacing?.entryBelow ? snippet.body.replace(/\n\$0$/, '$0') : snippet.body);
      // What it inserts, as code: Markdown rendered here would show a link, and cut it short.
      item.documentation = new vscode.MarkdownString(snippet.description).appendCodeblock(snippetPreview(snippet.body), 'markdown');
      if (spacing) {
        // The blank lines the neighbouring entries use, above and below the new one.
        item.additionalTextEdits = spacing.edits.map((e) => vscode.TextEdit.replace(toVsRange(e.range), e.newText));
      }
      item.detail = snippet.name;
      item.range = replace;
      // Ahead of the editor's own snippet items, in the order that fits the line best.
      item.sortText = `\u0000${String(index).padStart(2, '0')}`;
      item.preselect = index === 0;
      return item;
    });
  }
}

export function registerCompletions(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new SnippetCompletions(services)),
  );
}
