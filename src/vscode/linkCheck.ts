import * as vscode from 'vscode';
import { join } from 'node:path';
import { isIssueFile, parseWithConfig, type Finding, type NewsletterConfig } from '../core';
import { changedLines } from '../core/text/changedLines';
import {
  LINK_STATUSES,
  LinkCache,
  LinkChecker,
  fileCacheStore,
  issueUrls,
  linkCheckLayerOf,
  linkFindings,
  newUrls,
  resolveLinkCheckSettings,
  summarize,
  withoutFragment,
  type IssueUrl,
  type LinkCheckSettings,
  type LinkResult,
  type NotRequested,
} from '../linkcheck';
import type { NewsletterServices } from './services';
import { relativePathOf } from './issueDocuments';
import { toDiagnostic } from './convert';
import { LinkCheckCodeActions } from './linkCheckCodeActions';

/** Where the link diagnostics are documented (one anchor per code). */
export const LINK_DOC_URL = 'https://example.invalid/newsletter-desk/blob/main/docs/link-checking.md';
/** workspaceState: the answer to "check links in this untrusted workspace?" (`allow` or `deny`). */
const UNTRUSTED_ANSWER_KEY = 'newsletter.linkCheck.untrustedWorkspaceAnswer';
const CACHE_FILE = 'link-cache.json';
const REPUBLISH_DELAY_MS = 400;
const SETTING_KEYS = ['enabled', 'concurrency', 'perHost', 'minGapMs', 'timeoutMs', 'retries', 'excludedHosts'] as const;

/** Registers live link checking (desktop only; the web build registers `registerLinkCheckUnavailable`). */
export function registerLinkCheck(services: NewsletterServices): void {
  services.context.subscriptions.push(new LinkCheckFeature(services));
}

/**
 * Checks the links of the active issue when it is opened (becomes the active editor) and saved,
 * asking the network only for URLs that are not fresh in the cache; results are diagnostics of
 * their own collection, kept in place while the text is edited (from the cache, without network).
 * `Newsletter: Check Links in Workspace` checks every issue with a cancellable progress
 * notification. Off in untrusted workspaces until the user allows it (asked once).
 */
class LinkCheckFeature implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('newsletter-links');
  /** Findings shown per document URI, for the quick fixes. */
  private readonly findings = new Map<string, Finding[]>();
  /** Results known this session, by URL (the cache holds them across sessions). */
  private readonly results = new Map<string, LinkResult>();
  /** URLs the host policy refused this session (never cached: a name may resolve elsewhere later). */
  private readonly notRequested = new Map<string, NotRequested>();
  private readonly running = new Map<string, AbortController>();
  /**
   * Per document URI, the text of its last completed check and the URLs in it: a save checks
   * only the links of the lines changed since, and not among those URLs.
   */
  private readonly lastChecked = new Map<string, { text: string; urls: ReadonlySet<string> }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private checker: { key: string; checker: LinkChecker } | undefined;
  private cache: Promise<LinkCache> | undefined;
  private trustQuestion: Promise<boolean> | undefined;
  private warnedProblems = '';
  /** Whether "the network is unreachable" was said since the last run that reached it. */
  private saidOffline = false;

  constructor(private readonly services: NewsletterServices) {
    const codeActions = new LinkCheckCodeActions((uri) => this.findings.get(uri.toString()) ?? []);
    this.disposables.push(
      vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, codeActions, { providedCodeActionKinds: LinkCheckCodeActions.kinds }),
      vscode.commands.registerCommand('newsletter.checkLinksInWorkspace', () => this.checkWorkspace()),
      vscode.commands.registerCommand('newsletter.clearLinkCache', () => this.clearCache()),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.check(editor.document);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.check(document, 'changed')),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.findings.has(event.document.uri.toString())) this.scheduleRepublish(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cancel(document.uri);
        this.lastChecked.delete(document.uri.toString());
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.checkActive()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('newsletter.linkCheck')) return;
        this.checker = undefined;
        this.lastChecked.clear();
        this.checkActive();
      }),
    );
    this.checkActive();
  }

  private checkActive(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor) this.check(editor.document);
  }

  /**
   * Runs a document check from an event: a failure is logged, never left unhandled. `changed`
   * (on save) checks only the links whose lines changed since the last check of the document.
   */
  private check(document: vscode.TextDocument, scope: 'all' | 'changed' = 'all'): void {
    this.checkDocument(document, scope).catch((error: unknown) => {
      console.error(`Newsletter Desk: link check of ${document.uri.toString()} failed:`, error);
    });
  }

  /** Settings for a folder: the project file's `linkCheck`, then the user's explicit settings. */
  private async settingsFor(uri: vscode.Uri | undefined): Promise<LinkCheckSettings & { explicitlyEnabled: boolean }> {
    const projectLayer = linkCheckLayerOf(await this.services.configuration.projectFile(uri)) as Record<string, unknown> | undefined;
    // A workspace we do not trust must not open the way to the local network for itself.
    const project = projectLayer && !vscode.workspace.isTrusted ? { ...projectLayer, allowPrivateHosts: false } : projectLayer;
    const section = vscode.workspace.getConfiguration('newsletter.linkCheck', uri);
    const explicit: Record<string, unknown> = {};
    const explicitValue = (key: string) => {
      const inspected = section.inspect(key);
      return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    };
    for (const key of SETTING_KEYS) {
      const value = explicitValue(key);
      if (value !== undefined) explicit[key] = value;
    }
    const ttl: Record<string, unknown> = {};
    for (const status of LINK_STATUSES) {
      const value = explicitValue(`ttl.${status}`);
      if (value !== undefined) ttl[status] = value;
    }
    if (Object.keys(ttl).length > 0) explicit.ttl = ttl;
    const { settings, problems } = resolveLinkCheckSettings(project, explicit);
    const text = problems.join('; ');
    if (text && text !== this.warnedProblems) {
      this.warnedProblems = text;
      void vscode.window.showWarningMessage(`Newsletter Desk: some link check settings were ignored: ${text}`);
    }
    return { ...settings, explicitlyEnabled: explicit.enabled === true };
  }

  /** One checker while the settings stay the same, so that limits and backoffs hold across checks. */
  private checkerFor(settings: LinkCheckSettings, cache: LinkCache): LinkChecker {
    const { enabled: _enabled, ttlHours: _ttl, ...limits } = settings;
    const key = JSON.stringify(limits);
    if (this.checker?.key !== key) this.checker = { key, checker: new LinkChecker(settings, { cache }) };
    return this.checker.checker;
  }

  private loadCache(settings: LinkCheckSettings): Promise<LinkCache> {
    if (!this.cache) {
      const path = join(this.services.context.globalStorageUri.fsPath, CACHE_FILE);
      const cache = new LinkCache(fileCacheStore(path), settings.ttlHours);
      this.cache = cache.load().then((problem) => {
        if (problem) void vscode.window.showWarningMessage(`Newsletter Desk: ${problem}.`);
        return cache;
      });
    }
    return this.cache.then((cache) => {
      cache.setTtl(settings.ttlHours);
      return cache;
    });
  }

  /** Whether links may be checked here: always in a trusted workspace, else as the user said (asked once). */
  private allowed(): Promise<boolean> {
    if (vscode.workspace.isTrusted) return Promise.resolve(true);
    const answer = this.services.context.workspaceState.get<string>(UNTRUSTED_ANSWER_KEY);
    if (answer === 'allow') return Promise.resolve(true);
    if (answer === 'deny') return Promise.resolve(false);
    if (!this.trustQuestion) {
      this.trustQuestion = (async () => {
        const check = 'Check Links';
        const never = "Don't Check Here";
        const choice = await vscode.window.showInformationMessage(
          'Newsletter Desk: this workspace is not trusted, so its links are not checked (checking sends a request to every URL of its issues). Check them anyway?',
          check,
          never,
        );
        if (choice === check || choice === never) await this.services.context.workspaceState.update(UNTRUSTED_ANSWER_KEY, choice === check ? 'allow' : 'deny');
        return choice === check;
      })();
    }
    return this.trustQuestion;
  }

  /**
   * Checks one open issue (its URLs not fresh in the cache; with `changed`, only the new URLs of
   * the lines changed since its last check) and shows the results.
   */
  private async checkDocument(document: vscode.TextDocument, scope: 'all' | 'changed'): Promise<void> {
    if (document.languageId !== 'markdown' || (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled')) return;
    const issue = await this.services.issues.get(document);
    if (!issue) return;
    const settings = await this.settingsFor(document.uri);
    // Extension tests open fixture issues that link to real hosts: no network there unless asked for.
    const testMode = this.services.context.extensionMode === vscode.ExtensionMode.Test && !settings.explicitlyEnabled;
    if (!settings.enabled || testMode) {
      this.forget(document.uri);
      return;
    }
    if (!(await this.allowed())) return;
    const cache = await this.loadCache(settings);
    const checker = this.checkerFor(settings, cache);
    const urls = issueUrls(issue.document);
    const text = document.getText();
    const key = document.uri.toString();
    const previous = scope === 'changed' ? this.lastChecked.get(key) : undefined;
    const wanted = previous ? newUrls(urls, changedLines(previous.text, text), previous.urls) : urls;

    this.cancel(document.uri);
    const controller = new AbortController();
    this.running.set(document.uri.toString(), controller);
    this.publish(document, urls, issue.config, (url) => this.results.get(url) ?? checker.cached(url));
    try {
      const outcome = await checker.checkAll(
        wanted.map((u) => u.url),
        { signal: controller.signal },
      );
      this.remember(outcome);
      this.noteNetwork(outcome);
      if (!outcome.cancelled && !outcome.offline) this.lastChecked.set(key, { text, urls: new Set(urls.map((u) => withoutFragment(u.url))) });
    } finally {
      if (this.running.get(document.uri.toString()) === controller) this.running.delete(document.uri.toString());
      await this.saveCache(cache);
    }
    if (controller.signal.aborted || document.isClosed) return;
    await this.republish(document);
  }

  /** Shows the findings of the document's current text from the results known (no network). */
  private async republish(document: vscode.TextDocument): Promise<void> {
    const issue = await this.services.issues.get(document);
    if (!issue) {
      this.forget(document.uri);
      return;
    }
    const checker = this.checker?.checker;
    this.publish(document, issueUrls(issue.document), issue.config, (url) => this.results.get(url) ?? checker?.cached(url));
  }

  /**
   * Offline, every host fails: the checker then reports nothing about the links, and the user
   * hears it once (until a run reaches the network again).
   */
  private noteNetwork(outcome: { cancelled: boolean; offline?: unknown; results: ReadonlyMap<string, LinkResult> }): void {
    if (outcome.offline) {
      if (this.saidOffline) return;
      this.saidOffline = true;
      void vscode.window.showWarningMessage('Newsletter Desk: the network is unreachable (no host could be resolved or answered), so links were not checked. They are checked again on the next save or check.');
    } else if (!outcome.cancelled && [...outcome.results.values()].some((r) => !r.fromCache)) {
      this.saidOffline = false;
    }
  }

  private remember(outcome: { results: ReadonlyMap<string, LinkResult>; skipped: ReadonlyMap<string, NotRequested> }): void {
    for (const [url, result] of outcome.results) {
      this.results.set(url, result);
      this.notRequested.delete(url);
    }
    for (const [url, refusal] of outcome.skipped) this.notRequested.set(url, refusal);
  }

  private scheduleRepublish(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) void this.republish(document);
    }, REPUBLISH_DELAY_MS));
  }

  private publish(document: vscode.TextDocument | vscode.Uri, urls: readonly IssueUrl[], config: NewsletterConfig, resultOf: (url: string) => LinkResult | undefined): void {
    const uri = document instanceof vscode.Uri ? document : document.uri;
    const findings = linkFindings(urls, resultOf, config.rules, (url) => this.notRequested.get(url));
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map((finding) => toDiagnostic(finding, LINK_DOC_URL)));
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    this.running.get(key)?.abort();
    this.running.delete(key);
  }

  private async saveCache(cache: LinkCache): Promise<void> {
    try {
      await cache.save();
    } catch (error) {
      void vscode.window.showWarningMessage(`Newsletter Desk: could not write the link cache: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `Newsletter: Check Links in Workspace`. */
  private async checkWorkspace(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Newsletter Desk: open a folder with issue files to check their links.');
      return;
    }
    if (!(await this.allowed())) {
      void vscode.window.showInformationMessage('Newsletter Desk: link checking is off in this untrusted workspace.');
      return;
    }
    const settings = await this.settingsFor(folders[0].uri);
    const cache = await this.loadCache(settings);
    const checker = this.checkerFor(settings, cache);

    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Newsletter: Checking links', cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'finding issues…' });
        const issues = await this.workspaceIssues(folders, token);
        if (token.isCancellationRequested) return;
        const all = new Set(issues.flatMap((i) => i.urls.map((u) => u.url)));
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let done = 0;
        let lastReport = 0;
        const total = all.size;
        try {
          const outcome = await checker.checkAll(all, {
            signal: controller.signal,
            onResult: (url, result) => {
              this.results.set(url, result);
              this.notRequested.delete(url);
              done++;
              const percent = (done / Math.max(1, total)) * 100;
              if (percent - lastReport >= 1 || done === total) {
                progress.report({ increment: percent - lastReport, message: `${done} of ${total} links` });
                lastReport = percent;
              }
            },
          });
          for (const [url, refusal] of outcome.skipped) this.notRequested.set(url, refusal);
          if (outcome.offline) {
            // Told as they came, now known to say nothing: forget them.
            for (const url of all) if (!outcome.results.has(url)) this.results.delete(url);
          }
          this.noteNetwork(outcome);
          await this.saveCache(cache);
          for (const issue of issues) this.publish(issue.uri, issue.urls, issue.config, (url) => this.results.get(url) ?? checker.cached(url));
          const summary = summarize(outcome.results.values(), outcome.skipped.values(), checker.requests);
          const s = summary.byStatus;
          const text = `${outcome.cancelled ? 'Link check cancelled: ' : ''}${summary.checked} of ${total} links in ${issues.length} issue${issues.length === 1 ? '' : 's'} checked: `
            + `${s.broken} broken, ${s.redirected} redirected, ${s.unreachable} unreachable, ${s.blocked} blocked, ${s.ok} ok (${summary.fromCache} from the cache, ${summary.skipped} skipped).`;
          const show = 'Show Problems';
          void vscode.window.showInformationMessage(`Newsletter Desk: ${text}`, show).then((choice) => {
            if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
          });
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  /** Every issue file of the workspace with its URLs (open documents as edited, others from disk). */
  private async workspaceIssues(folders: readonly vscode.WorkspaceFolder[], token: vscode.CancellationToken) {
    const out: Array<{ uri: vscode.Uri; urls: IssueUrl[]; config: NewsletterConfig }> = [];
    for (const folder of folders) {
      const config = await this.services.configuration.get(folder.uri);
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{md,markdown}'), '{**/node_modules/**,**/.git/**,**/_site/**}', undefined, token);
      for (const uri of files) {
        if (token.isCancellationRequested) return out;
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        let text: string;
        try {
          text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          continue;
        }
        if (!isIssueFile(relativePathOf(uri), text, config)) continue;
        const document = open ? this.services.issues.parse(open, config) : parseWithConfig(text, uri.toString(), config);
        out.push({ uri, urls: issueUrls(document), config });
      }
    }
    return out;
  }

  private async clearCache(): Promise<void> {
    const settings = await this.settingsFor(vscode.workspace.workspaceFolders?.[0]?.uri);
    const cache = await this.loadCache(settings);
    cache.clear();
    this.results.clear();
    this.notRequested.clear();
    this.lastChecked.clear();
    await this.saveCache(cache);
    void vscode.window.showInformationMessage('Newsletter Desk: the link cache is empty; links are checked again when issues are opened or saved.');
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
