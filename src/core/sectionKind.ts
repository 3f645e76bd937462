import type { SectionKind } from './model';

/**
 * Recognises a section's kind from its heading, from the names real issues use (FORMAT.md):
 * `Sponsor`, `Sponsored`, `Sponsored event`, `Sponsored book`, `<Name> sponsors Devops Weekly`,
 * `From our sponsor, <Name>`, then `News`, `Tools`, `Events`, `Jobs`. Anything else (a conference
 * name, `Books`) is `other`. `extraSponsorNames` lets a project add its own sponsor headings.
 */
export function sectionKindOf(name: string, extraSponsorNames: readonly string[] = []): SectionKind {
  const normalised = name.trim().replace(/^>\s*/, '').replace(/\s+/g, ' ').toLowerCase();
  if (/\bsponsor/.test(normalised)) return 'sponsor';
  if (extraSponsorNames.some((extra) => extra.trim().toLowerCase() === normalised)) return 'sponsor';
  switch (normalised.replace(/[:.]$/, '')) {
    case 'news':
      return 'news';
    case 'tools':
    case 'tool':
      return 'tools';
    case 'events':
    case 'event':
      return 'events';
    case 'jobs':
    case 'job':
      return 'jobs';
    default:
      return 'other';
  }
}
