import * as vscode from 'vscode';
import { ConfigurationService } from './configuration';
import { IssueDocuments } from './issueDocuments';
import { DiagnosticsFeature } from './diagnostics';
import { previewApiOf, registerPreview, type PreviewApi } from './preview';
import { registerExport } from './export';
import { registerCompletions } from './completions';
import { registerNewIssue } from './newIssue';
import { registerPaste } from './paste';
import { registerOutline } from './outline';
import { registerWorkspaceSymbols } from './workspaceSymbols';
import { registerStatusBar } from './statusBar';
import { WorkspaceIndexService, type IndexStartupStats, type ParseOffThread } from './workspaceIndex';
import { registerCodeActions } from './codeActions';
import { registerSetUpWorkspace, type SetUpOfferApi } from './setUpWorkspace';
import type { NewsletterServices, RegisterFeature } from './services';

export type { NewsletterServices, RegisterFeature } from './services';

/** The extension's API, returned from `activate` (the integration tests use it). */
export interface NewsletterApi {
  readonly services: NewsletterServices;
  /** The preview's test surface (last content sent to the webview). */
  readonly preview?: PreviewApi;
  /** The set-up offer's test surface. */
  readonly setUp?: SetUpOfferApi;
  /**
   * What the workspace index's latest full build (normally at startup) did: issue files loaded
   * from the stored index unparsed, files parsed (new, or changed on disk since), and on how many
   * worker threads. The "Newsletter Desk" output channel logs the same.
   */
  readonly index: IndexStartupStats;
}

/** Features for both the desktop and the web build. */
const FEATURES: RegisterFeature[] = [
  registerPreview,
  registerExport,
  registerCompletions,
  registerNewIssue,
  registerPaste,
  registerOutline,
  registerWorkspaceSymbols,
  registerStatusBar,
  registerCodeActions,
];

/** What only one build can do, for the features both share. */
export interface PlatformHost {
  /** Where the workspace index parses many files (the desktop build: worker threads). */
  readonly parseOffThread?: ParseOffThread;
}

/**
 * Activates the features both builds share, then `platformFeatures` (the desktop entry passes
 * the Node-only ones, so that the web bundle never includes them).
 */
export function activateCommon(
  context: vscode.ExtensionContext,
  platform: 'node' | 'web',
  platformFeatures: readonly RegisterFeature[] = [],
  host: PlatformHost = {},
): NewsletterApi {
  const configuration = new ConfigurationService();
  const issues = new IssueDocuments(configuration);
  const output = vscode.window.createOutputChannel('Newsletter Desk');
  const version = (context.extension?.packageJSON as { version?: string } | undefined)?.version ?? 'dev';
  const workspaceIndex = new WorkspaceIndexService(configuration, issues, {
    storageUri: context.storageUri,
    version,
    log: (line) => output.appendLine(line),
  }, host.parseOffThread);
  const diagnostics = new DiagnosticsFeature(issues, configuration, workspaceIndex);
  context.subscriptions.push(output, configuration, issues, workspaceIndex, diagnostics);
  const services: NewsletterServices = { context, configuration, issues, diagnostics, workspaceIndex, platform };

  // Feature registrations, one line each; every register function pushes its disposables to
  // context.subscriptions. (Keep this list short and flat: one feature, one module.)
  for (const register of FEATURES) register(services);
  for (const register of platformFeatures) register(services);
  const setUp = registerSetUpWorkspace(services);

  return { services, preview: previewApiOf(services), setUp, index: workspaceIndex.startup };
}
