import type { Finding, Fix, RuleLevel, Severity, TextEdit } from '../core';
import type { NotRequested } from './hostPolicy';
import type { IssueUrl } from './issueLinks';
import type { LinkResult, LinkStatus } from './types';

/** The diagnostic code of each outcome worth showing (`ok` shows nothing). */
export const LINK_CODES: Readonly<Record<Exclude<LinkStatus, 'ok'>, { code: string; severity: Severity; description: string }>> = {
  broken: { code: 'link.broken', severity: 'warning', description: 'The link is dead: 404, 410, or its host name does not exist.' },
  redirected: { code: 'link.redirected', severity: 'info', description: 'The link redirects; the quick fix puts the final URL in its place.' },
  unreachable: { code: 'link.unreachable', severity: 'info', description: 'The page could not be reached now (timeout, refused, reset, 5xx, TLS error, redirect loop).' },
  blocked: { code: 'link.blocked', severity: 'hint', description: 'The server refuses robots (403, 999, bot challenge): unknown, not broken.' },
};

/**
 * A link the host policy did not let the checker request because of where it leads (the other
 * reasons, an excluded host or a scheme that is not http(s), are the editor's own choice and say
 * nothing about the link).
 */
export const NOT_REQUESTED_CODE = {
  code: 'link.private-address',
  severity: 'info' as Severity,
  description: 'The link was not requested: its host is, or resolves to, a loopback, private, link-local or other non-public address, or it redirects to one.',
};

/** The archived copy of a page at the Wayback Machine (a URL only: nothing is requested). */
export function archiveUrlOf(url: string): string {
  return `https://web.archive.org/web/${url}`;
}

/**
 * Findings for the checked URLs of one issue, with fixes as data: replace the URL with its
 * redirect target, or with an archived copy. The link text changes too when it is the URL itself
 * (the newsletter's `[URL](URL)` convention), so text and target keep agreeing. `levels` takes the
 * `newsletter.rules` overrides by code (`off` hides one). `notRequestedOf` tells the URLs that
 * were not requested and why: a non-public address is reported (`link.private-address`).
 */
export function linkFindings(
  urls: readonly IssueUrl[],
  resultOf: (url: string) => LinkResult | undefined,
  levels: Readonly<Record<string, RuleLevel>> = {},
  notRequestedOf: (url: string) => NotRequested | undefined = () => undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const item of urls) {
    const refusal = notRequestedOf(item.url);
    if (refusal?.kind === 'private-address') {
      const level = levels[NOT_REQUESTED_CODE.code];
      if (level !== 'off') findings.push({ code: NOT_REQUESTED_CODE.code, severity: level ?? NOT_REQUESTED_CODE.severity, message: `Link not requested: ${refusal.reason}.`, range: item.range, fixes: [] });
      continue;
    }
    const result = resultOf(item.url);
    if (!result || result.status === 'ok') continue;
    const meta = LINK_CODES[result.status];
    const level = levels[meta.code];
    if (level === 'off') continue;
    const severity: Severity = level ?? (result.status === 'redirected' && result.redirect?.kind === 'temporary' ? 'hint' : meta.severity);
    const fixes: Fix[] = [];
    const finalUrl = result.redirect?.finalUrl;
    if (result.status === 'redirected' && finalUrl && finalUrl !== item.url) {
      fixes.push({ title: `Replace with ${finalUrl}`, edits: replaceUrl(item, finalUrl), preferred: result.redirect?.kind === 'permanent' });
    }
    if (result.status === 'broken' || result.status === 'unreachable') {
      const archived = archiveUrlOf(item.url);
      fixes.push({ title: 'Replace with an archived copy (Wayback Machine)', edits: replaceUrl(item, archived) });
    }
    findings.push({ code: meta.code, severity, message: messageOf(item.url, result), range: item.range, fixes });
  }
  return findings;
}

function messageOf(url: string, result: LinkResult): string {
  switch (result.status) {
    case 'broken':
      return `Broken link: ${result.reason}.`;
    case 'redirected':
      return result.redirect
        ? `Link redirects ${result.redirect.kind === 'permanent' ? 'permanently' : 'temporarily'} to ${result.redirect.finalUrl}${result.redirect.chain.length > 1 ? ` (${result.redirect.chain.length} hops)` : ''}.`
        : `Link redirects: ${result.reason}.`;
    case 'unreachable':
      return `Link could not be reached: ${result.reason}.`;
    case 'blocked':
      return `Link not verified, the server blocks link checkers: ${result.reason}.`;
    default:
      return `${url}: ${result.reason}`;
  }
}

function replaceUrl(item: IssueUrl, newUrl: string): TextEdit[] {
  const edits: TextEdit[] = [{ range: item.range, newText: newUrl }];
  const link = item.link;
  if (link && link.style === 'inline' && link.text.trim() === link.target.trim() && !sameRange(link.textRange, link.targetRange)) {
    edits.unshift({ range: link.textRange, newText: newUrl });
  }
  return edits;
}

function sameRange(a: TextEdit['range'], b: TextEdit['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
