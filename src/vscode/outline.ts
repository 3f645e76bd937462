import * as vscode from 'vscode';
import { outlineOf, type OutlineNode } from '../core/outline';
import { foldingRegionsOf } from '../core/folding';
import type { NewsletterServices } from './services';
import { toVsRange } from './convert';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** The icon of each node: the issue, a section (the sponsor's apart), and an entry by what it is. */
export function symbolKindOf(node: OutlineNode): vscode.SymbolKind {
  switch (node.kind) {
    case 'issue': return vscode.SymbolKind.File;
    case 'section': return node.sectionKind === 'sponsor' ? vscode.SymbolKind.Event : vscode.SymbolKind.Namespace;
    default:
      switch (node.entryStyle) {
        case 'link-heading': return vscode.SymbolKind.Class;
        case 'list-item': return vscode.SymbolKind.EnumMember;
        case 'paragraph': return vscode.SymbolKind.Field;
        default: return vscode.SymbolKind.String;
      }
  }
}

function toSymbol(node: OutlineNode): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(node.name, node.detail, symbolKindOf(node), toVsRange(node.range), toVsRange(node.selectionRange));
  symbol.children = node.children.map(toSymbol);
  return symbol;
}

/**
 * The issue outline: document symbols (Outline view, breadcrumbs, Go to Symbol) and folding
 * ranges, both read from the parsed model the other features share.
 */
export function registerOutline(services: NewsletterServices): void {
  const { issues, context } = services;
  const symbols: vscode.DocumentSymbolProvider = {
    async provideDocumentSymbols(document, token) {
      const issue = await issues.get(document);
      if (!issue || token.isCancellationRequested) return undefined;
      return [toSymbol(outlineOf(issue.document))];
    },
  };
  const folding: vscode.FoldingRangeProvider = {
    async provideFoldingRanges(document, _context, token) {
      const issue = await issues.get(document);
      if (!issue || token.isCancellationRequested) return undefined;
      return foldingRegionsOf(issue.document).map(
        (r) => new vscode.FoldingRange(r.startLine, r.endLine),
      );
    },
  };
  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN, symbols, { label: 'Newsletter issue' }),
    vscode.languages.registerFoldingRangeProvider(MARKDOWN, folding),
  );
}
