import * as vscode from 'vscode';
import { ConfigurationService } from './configuration';
import { IssueDocuments } from './issueDocuments';
import { DiagnosticsFeature } from './diagnostics';

/** What the desktop and web entries share; the desktop entry adds Node-only features on top. */
export interface NewsletterServices {
  readonly context: vscode.ExtensionContext;
  readonly configuration: ConfigurationService;
  readonly issues: IssueDocuments;
  readonly diagnostics: DiagnosticsFeature;
  readonly platform: 'node' | 'web';
}

/** The extension's API, returned from `activate` (the integration tests use it). */
export interface NewsletterApi {
  readonly services: NewsletterServices;
}

export function activateCommon(context: vscode.ExtensionContext, platform: 'node' | 'web'): NewsletterApi {
  const configuration = new ConfigurationService();
  const issues = new IssueDocuments(configuration);
  const diagnostics = new DiagnosticsFeature(issues, configuration);
  context.subscriptions.push(configuration, diagnostics);
  const services: NewsletterServices = { context, configuration, issues, diagnostics, platform };
  return { services };
}
