import * as vscode from 'vscode';
import { PROJECT_CONFIG_FILE, resolveConfig, type NewsletterConfig } from '../core';

/**
 * The settings this extension reads under `newsletter.*`, by config key. `format` (a preset name)
 * is a layer of its own below the project file; the others amend the format that applies.
 */
const SETTING_KEYS: Record<string, string> = {
  files: 'files',
  titleTemplate: 'titleTemplate',
  postsFolder: 'postsFolder',
  publicationIntervalDays: 'publicationIntervalDays',
  sponsorSections: 'sponsorSections',
  rules: 'rules',
  emailFooter: 'email.footer',
};

/**
 * The effective configuration for a workspace folder: defaults, then the project config file
 * (`.newsletter-desk.json`, which the CLI reads too), then settings that a user or workspace set
 * explicitly. Cached per folder and dropped when either source changes.
 */
export class ConfigurationService implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<NewsletterConfig>>();
  private readonly rawProjectFiles = new Map<string, unknown>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsletter')) this.invalidate();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_CONFIG_FILE}`);
    watcher.onDidChange(() => this.invalidate());
    watcher.onDidCreate(() => this.invalidate());
    watcher.onDidDelete(() => this.invalidate());
    this.disposables.push(watcher);
  }

  private invalidate(): void {
    this.cache.clear();
    this.rawProjectFiles.clear();
    this.changeEmitter.fire();
  }

  /** The configuration for the folder that holds `uri` (or the first folder). */
  get(uri?: vscode.Uri): Promise<NewsletterConfig> {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    const key = folder?.uri.toString() ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(folder);
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** The raw project config file of a folder, for features with settings of their own (link checking). */
  async projectFile(uri?: vscode.Uri): Promise<Record<string, unknown>> {
    await this.get(uri);
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    const raw = this.rawProjectFiles.get(folder?.uri.toString() ?? '');
    return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  }

  private async load(folder: vscode.WorkspaceFolder | undefined): Promise<NewsletterConfig> {
    let projectFile: unknown;
    if (folder) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, PROJECT_CONFIG_FILE));
        projectFile = JSON.parse(new TextDecoder().decode(bytes));
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError)) {
          void vscode.window.showWarningMessage(`Newsletter Desk: ${PROJECT_CONFIG_FILE} is not valid JSON and is ignored.`);
        }
      }
      this.rawProjectFiles.set(folder.uri.toString(), projectFile ?? {});
    }
    const settings = vscode.workspace.getConfiguration('newsletter', folder?.uri);
    const explicit: Record<string, unknown> = {};
    const formatSetting = settings.inspect<string>('format');
    const preset = formatSetting?.workspaceFolderValue ?? formatSetting?.workspaceValue ?? formatSetting?.globalValue;
    for (const [configKey, settingKey] of Object.entries(SETTING_KEYS)) {
      const inspected = settings.inspect(settingKey);
      const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
      if (value !== undefined) explicit[configKey] = value;
    }
    // The preset setting only when it was set explicitly, and below the project file: a repository
    // that declares its format keeps it whatever a user's global setting says.
    const { config, problems } = resolveConfig(preset !== undefined ? { format: preset } : undefined, projectFile, explicit);
    if (problems.length > 0) {
      void vscode.window.showWarningMessage(`Newsletter Desk: some settings were ignored: ${problems.join('; ')}`);
    }
    return config;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
