import type { FormatProfile } from './profile';

/**
 * The formats of the newsletters we know, as plain profiles. A project names one with
 * `"format": "<name>"` in `.newsletter-desk.json`, or names one and overrides parts of it.
 * Nothing anywhere decides behaviour by these names: they are only starting points.
 */

/** DevOps Weekly: Jekyll posts, description paragraphs with `<br>[URL](URL)` link lines. */
export const DEVOPS_WEEKLY: FormatProfile = {
  name: 'devops-weekly',
  files: {
    globs: ['**/_posts/**/*.{md,markdown}'],
    folder: '_posts',
    name: '{yyyy}-{mm}-{dd}-{number}.md',
  },
  header: { kind: 'yaml', titleField: 'title', dateField: 'date' },
  title: { template: 'DEVOPS WEEKLY ISSUE \\#{number} - {day}{ordinal} {month} {year}' },
  sections: {
    levels: [1, 2],
    nested: false,
    quotedHeadings: true,
    rules: [
      { match: '\\bsponsor', kind: 'sponsor' },
      { match: '^news$', kind: 'news', featured: true },
      { match: '^tools?$', kind: 'tools', featured: true },
      { match: '^events?$', kind: 'events' },
      { match: '^jobs?$', kind: 'jobs' },
    ],
  },
  entries: { shape: 'paragraph', linkPosition: 'lead', bullet: '*', blankLinesBetween: 1, tags: [] },
  newIssue: { placeholders: {}, intervalDays: 7, sections: ['Sponsor', 'News', 'Tools'] },
  email: { layout: 'devops-weekly' },
  renderer: 'kramdown',
  rules: {},
};

/** This Week in Rust: Pelican `Key: value` headers, nested `##`/`###` sections, `* [Title](url)` items. */
export const THIS_WEEK_IN_RUST: FormatProfile = {
  name: 'this-week-in-rust',
  files: {
    globs: ['content/**/*.{md,markdown}', 'draft/**/*.{md,markdown}'],
    folder: 'draft',
    name: '{yyyy}-{mm}-{dd}-this-week-in-rust.md',
  },
  header: { kind: 'pelican', titleField: 'Title', dateField: 'Date', numberField: 'Number', dateSlackDays: 6 },
  title: { template: 'This Week in Rust {number}' },
  sections: {
    levels: [1, 2, 3, 4],
    nested: true,
    quotedHeadings: false,
    rules: [
      { match: '\\bsponsor', kind: 'sponsor' },
      { match: '^updates from (the )?rust community', kind: 'links', featured: true },
      { match: 'events', kind: 'events' },
      { match: 'jobs', kind: 'jobs' },
    ],
  },
  entries: { shape: 'list-item', linkPosition: 'lead', bullet: '*', blankLinesBetween: 0, tags: ['video', 'audio', 'podcast', 'slides', 'paper', 'pdf'] },
  newIssue: {
    template: 'draft/DRAFT_TEMPLATE',
    placeholders: { $twir_issue_number: '{number}', $twir_issue_date: '{iso}' },
    intervalDays: 7,
    sections: ['Updates from Rust Community', 'Crate of the Week', 'Call for Participation', 'Updates from the Rust Project', 'Upcoming Events', 'Jobs', 'Quote of the Week'],
  },
  email: { layout: 'generic' },
  renderer: 'python-markdown',
  rules: {},
};

/** Last Week in Kubernetes Development: Jekyll posts, `### [PR](url)` headings and inline-link bullets. */
export const LWKD: FormatProfile = {
  name: 'lwkd',
  files: {
    globs: ['**/_posts/**/*.{md,markdown}'],
    folder: '_posts',
    name: '{yyyy}-{mm}-{dd}-update.md',
  },
  header: { kind: 'yaml', titleField: 'title', dateField: 'date', slugField: 'slug', titleDateMatches: 'fileName', dateSlackDays: 6 },
  title: { template: 'Week Ending {month} {day}, {year}' },
  sections: {
    levels: [2, 3],
    nested: true,
    quotedHeadings: false,
    rules: [
      { match: '^featured prs?$', kind: 'links', featured: true, entryShape: 'link-heading' },
      { match: '^kep of the week$', kind: 'links', featured: true, entryShape: 'link-heading' },
      { match: '^(other merges|promotions|deprecated|version updates|subprojects and dependency updates)$', kind: 'links', featured: true },
      { match: 'developer news', kind: 'news' },
    ],
  },
  entries: { shape: 'list-item', linkPosition: 'inline', bullet: '*', blankLinesBetween: 0, tags: [] },
  newIssue: {
    template: 'template.md',
    placeholders: { 'Month DD, YYYY': '{month} {dd}, {year}', POST_SLUG_DATE: '{iso}', POST_DATE: '{pubIso}' },
    intervalDays: 7,
    time: '22:00:00 -0000',
    sections: ['Developer News', 'Release Schedule', 'Featured PRs', 'KEP of the Week', 'Other Merges', 'Version Updates'],
  },
  email: { layout: 'generic' },
  renderer: 'kramdown',
  // GitHub Pages, which runs kramdown with its GFM parser (Jekyll's default input).
  kramdown: { input: 'GFM' },
  rules: {},
};

export const PRESETS: Readonly<Record<string, FormatProfile>> = {
  'devops-weekly': DEVOPS_WEEKLY,
  'this-week-in-rust': THIS_WEEK_IN_RUST,
  lwkd: LWKD,
};

/** The profile used when a project names none: today's behaviour. */
export const DEFAULT_PROFILE = DEVOPS_WEEKLY;
