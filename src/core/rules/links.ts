import type { Entry, Finding, Fix, IssueDocument, Link, Range, TextEdit } from '../model';
import { normalizeUrl, parseHttpUrl } from '../urls';
import type { Rule, RuleCode } from './rule';
import { finding, insert, lineRange } from './helpers';
import { allEntries, countChar } from '../entries';
import { linkSyntaxAround } from './unparsedLink';
import { isPlaceholderTarget } from './template';

const TEXT_MISMATCH: RuleCode = {
  code: 'link.text-mismatch',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'A link line\'s text is not its URL (`<br>[URL](URL)` shows the URL itself).',
};
const MALFORMED: RuleCode = {
  code: 'link.malformed',
  reach: 'item',
  defaultSeverity: 'error',
  description: 'A link is broken: unbalanced `(` `)`, trailing punctuation, spaces, no scheme, or not a valid URL.',
};
const INSECURE: RuleCode = {
  code: 'link.insecure',
  reach: 'item',
  defaultSeverity: 'hint',
  description: 'A link uses `http://`; most sites serve `https://`.',
};

const LINK_LINE_START = /^([ \t]*)<br[ \t]*\/?>[ \t]*\[/i;
const SCHEMELESS_HOST = /^(?:www\.|(?:[a-z0-9-]+\.)+[a-z]{2,}\/)/i;
/** `registry.k8s.io`: a host alone, under a top-level domain that is no file extension. */
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|dev|app|co|ai|info|cloud|xyz|tech|blog|page|site|edu|gov)$/i;
const URL_LIKE = /^(?:https?:\/\/|www\.)/i;
/** `htps://`, `http//`, `https:/`, `https:///`: a scheme one slip away from `http(s)://`. */
const MISSPELT_SCHEME = /^(?:(htps|htts|htp|htpp|hhtp|hhtps|ttp|ttps|htttp|htttps|htpps):\/{0,3}|(https?)(?::\/?|\/\/|:\/{3,})(?![/\\]))/i;


function looksLikeUrl(text: string): boolean {
  return URL_LIKE.test(text);
}


/** Replaces the target, and the text too when it spells the same URL (a link line). */
function retarget(link: Link, newTarget: string): TextEdit[] {
  const edits: TextEdit[] = [{ range: link.targetRange, newText: newTarget }];
  if (link.style === 'inline' && link.text === link.target) edits.unshift({ range: link.textRange, newText: newTarget });
  return edits;
}

function checkTextMismatch(link: Link): Finding[] {
  if (!link.isLinkLine || link.style !== 'inline' || link.text === link.target || !link.target) return [];
  // `[url)](url)`: a `)` meant to close a parenthesis around the link ended up in its text.
  if (link.text === `${link.target})`) return [];
  const textIsUrl = looksLikeUrl(link.text);
  const sameUrl = textIsUrl && normalizeUrl(link.text) === normalizeUrl(link.target);
  const fixes: Fix[] = [{
    title: 'Make the link text the URL',
    edits: [{ range: link.textRange, newText: link.target }],
    preferred: !textIsUrl || sameUrl,
    // Safe only when the text was the same URL spelled differently: nothing the author meant is lost.
    safe: sameUrl,
  }];
  if (textIsUrl && !sameUrl && !/\s/.test(link.text)) {
    fixes.push({ title: 'Make the URL the link text', edits: [{ range: link.targetRange, newText: link.text }] });
  }
  const shown = link.text.length > 60 ? `${link.text.slice(0, 57)}...` : link.text;
  return [finding(TEXT_MISMATCH, link.textRange, `The link text \`${shown}\` is not the link's URL \`${link.target}\`.`, { fixes })];
}

function checkMalformed(link: Link): Finding[] {
  if (link.style === 'reference') {
    return link.target ? [] : [finding(MALFORMED, link.range, `The link reference \`${link.text}\` is not defined.`)];
  }
  const target = link.target;
  if (target === '') {
    const fixes: Fix[] = looksLikeUrl(link.text) && !/\s/.test(link.text)
      ? [{ title: 'Use the link text as the URL', edits: [{ range: link.targetRange, newText: link.text }], preferred: true, safe: true }]
      : [];
    return [finding(MALFORMED, link.range, 'The link has no URL.', { fixes })];
  }
  if (link.text === `${target})` && countChar(target, '(') === countChar(target, ')')) {
    return [finding(MALFORMED, link.textRange, 'The link text ends with a `)` that belongs after the link: the parentheses are unbalanced.', {
      fixes: [{ title: 'Move the `)` out of the link text', edits: [{ range: link.textRange, newText: target }], preferred: true, safe: true }],
    })];
  }
  const textIsUrl = looksLikeUrl(link.text) && !/\s/.test(link.text);
  if (!/[/.:#?@]/.test(target) && !isPlaceholderTarget(target)) {
    // `[Title](Title)` or `[url](title)`: the words of the entry where its URL should be.
    const fixes: Fix[] = textIsUrl
      ? [{ title: 'Swap the text and the URL', edits: [{ range: link.textRange, newText: target }, { range: link.targetRange, newText: link.text }], preferred: true }]
      : [];
    return [finding(MALFORMED, link.targetRange, textIsUrl
      ? `Text and URL are swapped: \`[${link.text}](${target})\` links to \`${target}\`.`
      : `The link target \`${target}\` is not a URL: the title or a word was pasted where the URL goes.`, { fixes })];
  }
  if (link.text.trim() === '' && link.style === 'inline' && /^https?:\/\//i.test(target)) {
    return [finding(MALFORMED, link.range, 'The link has no text: there is nothing to click on the page.', {
      fixes: [{ title: 'Use the URL as the link text', edits: [{ range: link.textRange, newText: target }], preferred: true, safe: true }],
    })];
  }
  const misspelt = MISSPELT_SCHEME.exec(target);
  if (misspelt) {
    const fixed = `${/s/i.test(misspelt[1] ?? misspelt[2]) ? 'https' : 'http'}://${target.slice(misspelt[0].length)}`;
    return [finding(MALFORMED, link.targetRange, `The URL's scheme \`${misspelt[0]}\` is misspelt: the browser cannot follow it.`, {
      fixes: [{ title: `Write ${fixed}`, edits: retarget(link, fixed), preferred: true }],
    })];
  }
  const doubled = /^(?:https?:\/\/)+(?=https?:\/\/)/i.exec(target);
  if (doubled) {
    const fixed = target.slice(doubled[0].length);
    return [finding(MALFORMED, link.targetRange, `The scheme is written twice (\`${doubled[0]}\`...): the link goes nowhere.`, {
      fixes: [{ title: `Write ${fixed}`, edits: retarget(link, fixed), preferred: true }],
    })];
  }
  if (link.style === 'inline' && /^[^@\s/:]+@[^@\s/:]+\.[a-z]{2,}$/i.test(target)) {
    return [finding(MALFORMED, link.targetRange, `\`${target}\` is an e-mail address without \`mailto:\`: the browser reads it as a page of this site.`, {
      fixes: [{ title: `Write mailto:${target}`, edits: retarget(link, `mailto:${target}`), preferred: true }],
    })];
  }
  if (/\s/.test(target)) {
    return [finding(MALFORMED, link.targetRange, 'The URL contains spaces.', {
      fixes: [{ title: 'Encode the spaces as %20', edits: retarget(link, target.trim().replace(/\s+/g, '%20')), preferred: true }],
    })];
  }
  if (/^[#/.?]/.test(target) || /^(mailto|tel|ftp|ftps|sftp|ssh|git|irc|ircs|xmpp|magnet):/i.test(target)) return [];
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    if (SCHEMELESS_HOST.test(target) || BARE_HOST.test(target)) {
      return [finding(MALFORMED, link.targetRange, `The URL \`${target}\` has no scheme: the browser reads it as a path on this site.`, {
        fixes: [{ title: `Add https:// (https://${target})`, edits: retarget(link, `https://${target}`), preferred: true, safe: true }],
      })];
    }
    // `rest.DefaultServerUrlFor`: a code name where the URL goes; a file name ends in a short lower-case extension.
    const dotted = /^[\w-]+(?:\.[\w-]+)+$/.exec(target);
    if (dotted && !/\.[a-z0-9]{1,5}$/.test(target)) {
      return [finding(MALFORMED, link.targetRange, `The link target \`${target}\` is not a URL: a name from the text was pasted where the URL goes.`)];
    }
    return [];
  }
  if (/^https?:/i.test(target)) {
    if (!parseHttpUrl(target)) return [finding(MALFORMED, link.targetRange, `\`${target}\` is not a valid URL.`)];
    if (countChar(target, '(') !== countChar(target, ')')) {
      return [finding(MALFORMED, link.targetRange, 'The URL has unbalanced parentheses: the link may have been cut short.')];
    }
    // From the start of the run only (the lookbehind), or a long run is read again from each character.
    const trailing = /(?<![.,;:!'"])[.,;:!'"]+$/.exec(target);
    // A `"` is never part of a URL as written (it would be `%22`): a quote pasted into it.
    if (!trailing && target.includes('"')) {
      return [finding(MALFORMED, link.targetRange, 'The URL contains `"`: a quote was pasted into it, and the browser asks for another page.')];
    }
    // `#hello,-cargo!`: generated anchors keep a heading's `!`; a sentence would not end inside a fragment with one.
    const anchorBang = trailing?.[0] === '!' && target.includes('#');
    if (trailing && !anchorBang) {
      const trimmed = target.slice(0, -trailing[0].length);
      return [finding(MALFORMED, link.targetRange, `The URL ends with \`${trailing[0]}\`, probably punctuation of the sentence.`, {
        fixes: [{ title: `Remove the trailing \`${trailing[0]}\``, edits: retarget(link, trimmed) }],
      })];
    }
  }
  return [];
}

/** Text after the link on a link line (a stray `)`), or a `<br>[` line whose link does not parse. */
function checkLinkLines(document: IssueDocument, entry: Entry): Finding[] {
  const findings: Finding[] = [];
  for (let line = entry.range.start.line; line <= entry.range.end.line; line++) {
    const text = document.lines.lineText(line);
    const start = LINK_LINE_START.exec(text);
    if (!start) continue;
    const links = entry.links.filter((l) => l.range.start.line === line);
    if (links.length === 0) {
      const range: Range = { start: { line, character: start[1].length }, end: lineRange(document, line).end };
      const repaired = /^[ \t]*<br[ \t]*\/?>[ \t]*\[([^\]\s]+)\]\(([^\s]*)$/i.exec(text);
      const fixes: Fix[] = repaired && looksLikeUrl(repaired[1])
        ? [{ title: 'Repair the link as `<br>[URL](<URL>)`', edits: [{ range, newText: `<br>[${repaired[1]}](<${repaired[1]}>)` }], preferred: true }]
        : [];
      findings.push(finding(MALFORMED, range, 'This link line does not parse as a link (unbalanced `[` `]` or `(` `)`?).', { fixes }));
      continue;
    }
    const last = links[links.length - 1];
    if (last.range.end.line !== line) continue;
    // A trailing comment (`<!-- newsletter-disable-line ... -->`) is not stray text.
    const rest = text.slice(last.range.end.character).replace(/<!--.*?-->/g, '');
    if (rest.trim() === '') continue;
    const restRange: Range = { start: last.range.end, end: { line, character: last.range.end.character + rest.trimEnd().length } };
    const fixes: Fix[] = [];
    if (rest.trim() === ')' && countChar(last.target, '(') > countChar(last.target, ')')) {
      fixes.push({
        title: 'Move the `)` into the URL',
        edits: [...retarget(last, `${last.target})`), { range: restRange, newText: '' }],
        preferred: true,
      });
    }
    findings.push(finding(MALFORMED, restRange, `\`${rest.trim()}\` is left after the link: a URL with \`(\` \`)\` broke the Markdown link?`, { fixes }));
  }
  return findings;
}

/** `[text](URL` with no `)`: the parser leaves it as text; closing it is all it needs. */
function checkUnclosed(document: IssueDocument, entry: Entry): Finding[] {
  const findings: Finding[] = [];
  for (const bare of entry.bareUrls) {
    if (LINK_LINE_START.test(document.lines.lineText(bare.range.start.line))) continue; // checkLinkLines reports the line
    if (linkSyntaxAround(document, bare) !== 'destination') continue;
    const after = document.lines.lineText(bare.range.end.line).slice(bare.range.end.character);
    if (after.startsWith(')')) {
      // `text](URL)`: the `)` is there, the `[` is not (an item continued on the next line).
      findings.push(finding(MALFORMED, bare.range, 'This link has no opening `[`: `text](URL)` shows as plain text.'));
      continue;
    }
    findings.push(finding(MALFORMED, bare.range, 'This link is missing its closing `)`: it shows as plain text.', {
      fixes: [{ title: 'Add the missing `)`', edits: [insert(bare.range.end, ')')], preferred: true, safe: true }],
    }));
  }
  return findings;
}

function checkInsecure(link: Link): Finding[] {
  if (!/^http:\/\//i.test(link.target) || link.style === 'reference') return [];
  const scheme: Range = { start: link.targetRange.start, end: { line: link.targetRange.start.line, character: link.targetRange.start.character + 4 } };
  const edits: TextEdit[] = [{ range: scheme, newText: 'https' }];
  if (link.style === 'inline' && link.text === link.target) {
    edits.unshift({ range: { start: link.textRange.start, end: { line: link.textRange.start.line, character: link.textRange.start.character + 4 } }, newText: 'https' });
  }
  return [finding(INSECURE, scheme, 'This link uses http://: switch to https:// if the site serves it.', {
    fixes: [{ title: 'Switch to https://', edits, preferred: true }],
  })];
}

/** Links: the text of a link line, broken links, and `http://`. */
export const linksRule: Rule = {
  name: 'links',
  codes: [TEXT_MISMATCH, MALFORMED, INSECURE],
  docs: 'docs/rules.md',
  check: ({ document }) => {
    const findings: Finding[] = [];
    for (const entry of allEntries(document)) {
      if (entry.blockType === 'code' || entry.blockType === 'html') continue;
      for (const link of entry.links) {
        const malformed = checkMalformed(link);
        findings.push(...malformed);
        if (malformed.length === 0) findings.push(...checkTextMismatch(link));
        findings.push(...checkInsecure(link));
      }
      findings.push(...checkLinkLines(document, entry), ...checkUnclosed(document, entry));
    }
    return findings;
  },
};
