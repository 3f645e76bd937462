import type { NewsletterConfig } from '../config';
import type { IssueDocument } from '../model';
import type { SiteMark } from '../render/html';
import { ALL_RULES } from './index';
import { runIssueRules } from './runner';

/**
 * The renderer rules (the codes that say what the site shows, `siteShows`) are what the preview
 * marks inline: the same rules as the diagnostics, run on the document the preview renders, so
 * the marks always match its text. (The published diagnostics lag an edit by their debounce.)
 */
const SITE_RULES = ALL_RULES.filter((rule) => rule.codes.some((code) => code.siteShows));
const SITE_SHOWS = new Map(ALL_RULES.flatMap((rule) => rule.codes).flatMap((code) => (code.siteShows ? [[code.code, code.siteShows] as const] : [])));

/** The codes the preview marks inline (the web view): the block-level diagnostic marks leave them out. */
export const SITE_MARK_CODES: ReadonlySet<string> = new Set(SITE_SHOWS.keys());

/**
 * Where the site's renderer shows something other than the preview, as marks for the preview's
 * renderer: one per finding of a renderer code (levels and disable comments applied, as for the
 * diagnostics; a code set to `off` marks nothing).
 */
export function siteMarksOf(document: IssueDocument, config: NewsletterConfig): SiteMark[] {
  return runIssueRules(document, { config, rules: SITE_RULES }).flatMap((finding) => {
    const shows = SITE_SHOWS.get(finding.code);
    if (!shows) return [];
    return [{
      offset: document.lines.offsetAt(finding.range.start),
      code: finding.code,
      severity: finding.severity,
      siteShows: shows,
      renderer: config.format.renderer,
      message: finding.message,
    }];
  });
}
