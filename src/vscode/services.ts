import type * as vscode from 'vscode';
import type { ConfigurationService } from './configuration';
import type { IssueDocuments } from './issueDocuments';
import type { DiagnosticsFeature } from './diagnostics';
import type { WorkspaceIndexService } from './workspaceIndex';

/**
 * What the desktop and web entries share; the desktop entry adds Node-only features on top. Its
 * own module, so that features depend on it and not on `activate.ts`, which depends on them.
 */
export interface NewsletterServices {
  readonly context: vscode.ExtensionContext;
  readonly configuration: ConfigurationService;
  readonly issues: IssueDocuments;
  readonly diagnostics: DiagnosticsFeature;
  /** What the workspace holds: issue numbers, dates, URLs and outlines, per workspace folder. */
  readonly workspaceIndex: WorkspaceIndexService;
  readonly platform: 'node' | 'web';
}

export type RegisterFeature = (services: NewsletterServices) => void;
