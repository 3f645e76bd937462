import * as vscode from 'vscode';
import type { IssueDocument, SectionKind } from '../core/model';
import { lineContextOf } from '../core/outline';
import type { NewsletterServices } from './activate';

/** The contributed snippets file: the one source of the snippet bodies the provider offers. */
export const SNIPPETS_PATH = 'snippets/newsletter.code-snippets';

interface SnippetDefinition {
  readonly prefix: string;
  readonly description: string;
  readonly body: string | readonly string[];
}

/** Which snippet stands for which kind of section (its heading would repeat that section). */
const SECTION_SNIPPETS: Readonly<Record<string, SectionKind>> = {
  'Newsletter sponsor section': 'sponsor',
  'Newsletter sponsor block': 'sponsor',
  'Newsletter News section': 'news',
  'Newsletter Tools section': 'tools',
  'Newsletter Events section': 'events',
  'Newsletter Jobs section': 'jobs',
};
const ISSUE = 'Newsletter issue';
const ENTRY = 'Newsletter entry';
const LINK_LINE = 'Newsletter link line';

/** A line that holds nothing but (maybe) the word being typed. */
const BLANK_OR_WORD = /^[ \t]*[A-Za-z-]*[ \t]*$/;

/**
 * The snippet names that make sense on a line: the whole issue in an empty file; an entry at the
 * start of a paragraph in a section; a further link line right under an entry's text; section
 * headings (those the issue does not have yet) between paragraphs of the intro or a section.
 */
export function snippetNamesFor(document: IssueDocument, line: number, documentIsBlank: boolean): string[] {
  if (documentIsBlank) return [ISSUE];
  const context = lineContextOf(document, line);
  if (context.region === 'frontMatter' || context.region === 'heading') return [];
  if (context.above === 'text') return context.region === 'section' ? [LINK_LINE] : [];
  const present = new Set(document.sections.map((s) => s.kind));
  const headings = Object.entries(SECTION_SNIPPETS)
    .filter(([, kind]) => !present.has(kind))
    .map(([name]) => name);
  return context.region === 'section' ? [ENTRY, ...headings] : headings;
}

class SnippetCompletions implements vscode.CompletionItemProvider {
  private snippets: Promise<Record<string, SnippetDefinition>> | undefined;

  constructor(private readonly services: NewsletterServices) {}

  private load(): Promise<Record<string, SnippetDefinition>> {
    this.snippets ??= (async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.services.context.extensionUri, SNIPPETS_PATH));
      return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, SnippetDefinition>;
    })();
    return this.snippets;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const lineText = document.lineAt(position.line).text;
    if (!BLANK_OR_WORD.test(lineText)) return undefined;
    const issue = await this.services.issues.get(document);
    const documentIsBlank = document.getText().trim() === lineText.trim();
    if (!issue || token.isCancellationRequested) return undefined;
    const names = snippetNamesFor(issue.document, position.line, documentIsBlank);
    if (names.length === 0) return undefined;
    const snippets = await this.load();
    if (token.isCancellationRequested) return undefined;
    // The word being typed (if any) is replaced; the range has to hold the cursor.
    const indent = /^[ \t]*/.exec(lineText)?.[0].length ?? 0;
    const wordEnd = lineText.trimEnd().length;
    const replace = new vscode.Range(position.line, Math.min(indent, position.character), position.line, Math.max(wordEnd, position.character));
    return names.flatMap((name, index) => {
      const snippet = snippets[name];
      if (!snippet) return [];
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : (snippet.body as string);
      // The editor lists the contributed snippets too (everywhere in Markdown): ours say they fit here.
      const item = new vscode.CompletionItem({ label: snippet.prefix, description: `${name}, fits here` }, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(body);
      item.documentation = new vscode.MarkdownString(snippet.description);
      item.detail = name;
      item.range = replace;
      // Ahead of the editor's own snippet items, in the order that fits the line best.
      item.sortText = `\u0000${String(index).padStart(2, '0')}`;
      item.preselect = index === 0;
      return [item];
    });
  }
}

export function registerCompletions(services: NewsletterServices): void {
  services.context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new SnippetCompletions(services)),
  );
}
