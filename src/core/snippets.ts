/**
 * The snippets that depend on the format (entry, link line, section headings, sponsor block, the
 * whole issue), built from the profile for the completion provider. The static snippets file keeps
 * only what holds for every format. Bodies use VS Code's snippet syntax.
 */
import type { EntryShape, FormatProfile } from './format/profile';
import type { IssueDocument } from './model';
import { entryHeadingLevel, entryShapeAt, lineContextOf, type LineContext } from './editingContext';
import { headerFields, headerLines, sectionHeadingLines, sectionHeadingStyle } from './newIssue';
import { classifySection, normalizeSectionName } from './sectionKind';

export interface SnippetDefinition {
  /** Unique, e.g. `Newsletter entry`. */
  readonly name: string;
  /** What the user types: one lower-case word. */
  readonly prefix: string;
  readonly description: string;
  readonly body: string;
}

export const ISSUE_SNIPPET = 'Newsletter issue';
export const ENTRY_SNIPPET = 'Newsletter entry';
export const LINK_LINE_SNIPPET = 'Newsletter link line';
export const SPONSOR_BLOCK_SNIPPET = 'Newsletter sponsor block';

/** Text as a snippet's literal: `$`, `}` and `\` escaped. */
export function snippetLiteral(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** The entry snippet's body for a shape; `first` is its first tab stop. */
export function entryBody(shape: EntryShape, profile: FormatProfile, headingLevel: number, first = 1): string {
  const [a, b, c] = [first, first + 1, first + 2];
  const bullet = snippetLiteral(profile.entries.bullet);
  switch (shape) {
    case 'list-item':
      return profile.entries.linkPosition === 'inline' ? `${bullet} \${${a}:text} [\${${b}:link text}](\${${c}:url})` : `${bullet} [\${${a}:Title}](\${${b}:url})`;
    case 'link-heading':
      return `${'#'.repeat(headingLevel)} [\${${a}:Title}](\${${b}:url})\n\n\${${c}:What it is and why it matters.}`;
    default:
      return `\${${a}:A description of the linked page: why it is worth reading.}\n<br>[\${${b}:https://}](\${${b}})`;
  }
}

/** How many tab stops `entryBody` uses. */
function entryTabStops(shape: EntryShape, profile: FormatProfile): number {
  return shape === 'link-heading' || (shape === 'list-item' && profile.entries.linkPosition === 'inline') ? 3 : 2;
}

/** The section names the profile knows: `newIssue.sections`, then simple names its rules match that no listed name covers. */
export function knownSectionNames(profile: FormatProfile): string[] {
  const names = [...profile.newIssue.sections];
  const covered = new Set<string>(names.map((name) => classifySection(name, profile).kind).filter((kind) => kind !== 'other'));
  for (const rule of profile.sections.rules) {
    const literal = /^\^([a-z][a-z ]*?)(s\?)?\$$/i.exec(rule.match);
    if (!literal || covered.has(rule.kind)) continue;
    const name = literal[1].replace(/\b[a-z]/g, (c) => c.toUpperCase()) + (literal[2] ? 's' : '');
    if (names.some((n) => normalizeSectionName(n) === normalizeSectionName(name))) continue;
    names.push(name);
    covered.add(rule.kind);
  }
  return names;
}

function prefixOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '') || 'section';
}

/** One heading snippet per known section. */
export function sectionSnippets(profile: FormatProfile): SnippetDefinition[] {
  const seen = new Set<string>();
  const out: SnippetDefinition[] = [];
  for (const name of knownSectionNames(profile)) {
    const prefix = prefixOf(name);
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const kind = classifySection(name, profile).kind;
    const shown = kind === 'sponsor' ? `\${1:${snippetLiteral(name)}}` : snippetLiteral(name);
    out.push({
      name: `Newsletter ${name} section`,
      prefix,
      description: `The ${name} section's heading.`,
      body: [...sectionHeadingLines(profile, shown, name.length), '', '$0'].join('\n'),
    });
  }
  return out;
}

/** The whole sponsor section: a heading naming the sponsor, then an entry of the section's shape. */
export function sponsorBlockSnippet(profile: FormatProfile): SnippetDefinition | undefined {
  const name = '${1:Acme} sponsors ${2:this issue}';
  const section = classifySection('Acme sponsors this issue', profile);
  if (section.kind !== 'sponsor') return undefined;
  const shape = section.entryShape ?? profile.entries.shape;
  const level = sectionHeadingStyle(profile).level;
  return {
    name: SPONSOR_BLOCK_SNIPPET,
    prefix: 'sponsorblock',
    description: 'A whole sponsor section: the heading naming the sponsor, what they want to say, and their link.',
    body: [...sectionHeadingLines(profile, name, 'Acme sponsors this issue'.length), '', entryBody(shape, profile, level + 1, 3), '$0'].join('\n'),
  };
}

const TITLE_FIELDS: Readonly<Record<string, string>> = {
  day: '${CURRENT_DATE/^0//}',
  dd: '$CURRENT_DATE',
  month: '$CURRENT_MONTH_NAME',
  mon: '$CURRENT_MONTH_NAME_SHORT',
  mm: '$CURRENT_MONTH',
  year: '$CURRENT_YEAR',
  iso: '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE',
};

/**
 * The whole issue: the profile's header (the title template with tab stops for its number and
 * date, filled from the current date), an intro, and each `newIssue.sections` section with one
 * entry of its shape.
 */
export function issueSnippet(profile: FormatProfile): SnippetDefinition {
  let stop = 1;
  const numberStop = stop++;
  let numberUsed = false;
  const title = profile.title.template.split(/(\{[a-z]+\})/).map((part) => {
    const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
    if (!name) return snippetLiteral(part);
    if (name === 'number') {
      if (numberUsed) return `$${numberStop}`;
      numberUsed = true;
      return `\${${numberStop}:number}`;
    }
    if (name === 'ordinal') return `\${${stop++}|th,st,nd,rd|}`;
    if (name === 'week') return `\${${stop++}:week}`;
    return `\${${stop++}:${TITLE_FIELDS[name] ?? snippetLiteral(part)}}`;
  }).join('');
  const iso = '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}';
  const date = profile.newIssue.time
    ? `${iso} ${snippetLiteral(profile.newIssue.time)}`
    : `${iso}T\${CURRENT_HOUR}:\${CURRENT_MINUTE}:\${CURRENT_SECOND}\${CURRENT_TIMEZONE_OFFSET}`;
  const number = numberUsed ? `$${numberStop}` : `\${${numberStop}:number}`;
  const fields = headerFields(profile, { title, date, number: profile.header.numberField ? number : undefined, slug: profile.header.slugField ? `\${${stop++}:slug}` : undefined });
  const lines = [...headerLines(profile.header.kind, fields, title), '', `\${${stop++}:A short intro: what this issue is about.}`];
  const { setext, level } = sectionHeadingStyle(profile);
  for (const name of profile.newIssue.sections) {
    const section = classifySection(name, profile);
    const shape = section.entryShape ?? profile.entries.shape;
    lines.push('', ...(setext ? [''] : []), ...sectionHeadingLines(profile, snippetLiteral(name), name.length), '', entryBody(shape, profile, level + 1, stop));
    stop += entryTabStops(shape, profile);
  }
  lines.push('$0');
  return {
    name: ISSUE_SNIPPET,
    prefix: 'issue',
    description: 'A whole issue: the header, an intro and the usual sections. For the next issue with its number and date worked out, run "Newsletter: New Issue".',
    body: lines.join('\n'),
  };
}

/** Every format snippet of a profile, by name; the entry for the profile's own entry shape. */
export function formatSnippets(profile: FormatProfile, context?: LineContext): Record<string, SnippetDefinition> {
  const shape = context ? entryShapeAt(context, profile) : profile.entries.shape;
  const level = context ? entryHeadingLevel(context) : sectionHeadingStyle(profile).level + 1;
  const list: SnippetDefinition[] = [
    issueSnippet(profile),
    {
      name: ENTRY_SNIPPET,
      prefix: 'entry',
      description: shape === 'paragraph'
        ? 'One entry: a description, then a link line <br>[URL](URL) where the URL is typed once.'
        : shape === 'link-heading' ? 'One entry: a heading that is the link, then a paragraph.' : 'One entry: a list item with its link.',
      body: `${entryBody(shape, profile, level)}\n$0`,
    },
  ];
  if (shape === 'paragraph') list.push({ name: LINK_LINE_SNIPPET, prefix: 'linkline', description: 'A further link line <br>[URL](URL) for the entry above, the URL typed once.', body: '<br>[${1:https://}](${1})$0' });
  list.push(...sectionSnippets(profile));
  const sponsor = sponsorBlockSnippet(profile);
  if (sponsor) list.push(sponsor);
  return Object.fromEntries(list.map((s) => [s.name, s]));
}

/**
 * The snippets that make sense on a line, best first: the whole issue in an empty file; an entry
 * at the start of a paragraph in a section (or under a list entry); a further link line right
 * under a paragraph entry's text; section headings (those the issue does not have yet) between
 * paragraphs of the intro or a section.
 */
export function snippetsFor(document: IssueDocument, line: number, documentIsBlank: boolean, profile: FormatProfile): SnippetDefinition[] {
  if (documentIsBlank) return [issueSnippet(profile)];
  const context = lineContextOf(document, line);
  if (context.region === 'frontMatter' || context.region === 'heading') return [];
  const all = formatSnippets(profile, context);
  const shape = entryShapeAt(context, profile);
  if (context.above === 'text') {
    if (context.region !== 'section') return [];
    if (shape === 'paragraph') return [all[LINK_LINE_SNIPPET]];
    return shape === 'list-item' ? [all[ENTRY_SNIPPET]] : [];
  }
  // A sponsor section goes at the top: before the first section that is not the sponsor's.
  const sponsorFits = !document.sections.some((s) => s.kind !== 'sponsor' && s.headingRange.end.line < line);
  const presentKinds = new Set(document.sections.map((s) => s.kind).filter((k) => k !== 'other'));
  const presentNames = new Set(document.sections.map((s) => normalizeSectionName(s.name)));
  const headings = [...sectionSnippets(profile), ...(all[SPONSOR_BLOCK_SNIPPET] ? [all[SPONSOR_BLOCK_SNIPPET]] : [])].filter((snippet) => {
    const name = snippet.name === SPONSOR_BLOCK_SNIPPET ? 'Acme sponsors this issue' : snippet.name.replace(/^Newsletter (.*) section$/, '$1');
    const kind = classifySection(name, profile).kind;
    if (kind === 'sponsor' && !sponsorFits) return false;
    return kind !== 'other' ? !presentKinds.has(kind) : !presentNames.has(normalizeSectionName(name));
  });
  return context.region === 'section' ? [all[ENTRY_SNIPPET], ...headings] : headings;
}

const PREVIEW_VARIABLES: Readonly<Record<string, string>> = {
  CURRENT_YEAR: 'YYYY', CURRENT_MONTH: 'MM', CURRENT_DATE: 'DD', CURRENT_MONTH_NAME: 'Month', CURRENT_MONTH_NAME_SHORT: 'Mon',
  CURRENT_HOUR: 'hh', CURRENT_MINUTE: 'mm', CURRENT_SECOND: 'ss', CURRENT_TIMEZONE_OFFSET: '+00:00',
};

/**
 * A snippet's body as the text it inserts, for the completion's details pane: each tab stop shows
 * its placeholder (mirrors too), a choice its first option, a variable a readable stand-in.
 */
export function snippetPreview(body: string): string {
  const placeholders = new Map<string, string>();
  for (const m of body.matchAll(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g)) if (!placeholders.has(m[1])) placeholders.set(m[1], m[2]);
  for (const m of body.matchAll(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g)) if (!placeholders.has(m[1])) placeholders.set(m[1], m[2]);
  const variable = (name: string) => PREVIEW_VARIABLES[name] ?? name;
  let out = body;
  // Innermost first: a placeholder may hold a variable (`${2:${CURRENT_DATE/^0//}}`).
  for (let i = 0; i < 5; i++) {
    out = out
      .replace(/\$\{([A-Z_]+)(?:\/[^}]*)?\}/g, (_, name: string) => variable(name))
      .replace(/\$([A-Z_]+)/g, (_, name: string) => variable(name))
      .replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, '$2')
      .replace(/\$\{(\d+):((?:\\.|[^\\}$])*)\}/g, '$2')
      .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => {
        const stop = a ?? b ?? '';
        return stop === '0' ? '' : placeholders.get(stop) ?? '';
      });
  }
  return out.replace(/\\([\\$}])/g, '$1').replace(/\n+$/, '');
}
