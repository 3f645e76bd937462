import type { FormatProfile, HeaderKind } from '../format/profile';
import { headerField } from '../parse/parseIssue';
import { formatIsoDay } from '../parse/dates';
import type { CalendarDate, IssueDocument } from '../model';

/**
 * Writing header fields in the profile's syntax, for the fixes that add one: YAML and Pelican
 * `key: value`, TOML `key = value` (strings quoted, dates bare).
 */

/** One header line (no line break). */
export function headerLine(kind: HeaderKind, key: string, value: string, isString = true): string {
  if (kind === 'toml') return `${key} = ${isString ? JSON.stringify(value) : value}`;
  return `${key}: ${value}`;
}

/** The value of a date field for a day, as the format writes it. */
export function dateFieldValue(profile: FormatProfile, day: CalendarDate): string {
  const iso = formatIsoDay(day);
  if (profile.newIssue.time) return `${iso} ${profile.newIssue.time}`;
  // Pelican reads a bare day; YAML and TOML front matter of Jekyll/Hugo sites carry a time.
  return profile.header.kind === 'pelican' ? iso : `${iso}T09:00:00+00:00`;
}

/** The line a new field goes on: after the title field, else the header's first field line. */
export function fieldInsertLine(document: IssueDocument, profile: FormatProfile): number {
  const frontMatter = document.frontMatter;
  if (!frontMatter) return 0;
  const title = headerField(frontMatter, profile.header.titleField);
  if (title) return title.keyRange.start.line + 1;
  // A fenced header's first line is its fence; a Pelican header starts with its first field.
  return frontMatter.range.start.line + (profile.header.kind === 'pelican' ? 0 : 1);
}

/** What the header is called in messages. */
export function headerName(kind: HeaderKind): string {
  return kind === 'pelican' ? 'header' : 'front matter';
}
