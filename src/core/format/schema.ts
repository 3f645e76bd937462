import { ENTRY_SHAPES, RENDERERS, SECTION_KINDS } from './profile';

/**
 * The JSON schema of a format profile, the one source for three things: the validation in
 * `resolveProfile` (which walks this object), the schema file that VS Code uses to complete and
 * check `.newsletter-desk.json` (`schemas/newsletter-desk.schema.json`, written from it by
 * `npm run build` and compared with it by a test), and the settings table in docs/format.md.
 * Only the subset of JSON Schema that `validate.ts` understands is used.
 */
export interface SchemaNode {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly required?: readonly string[];
  readonly oneOf?: readonly SchemaNode[];
  readonly default?: unknown;
  readonly $ref?: string;
}

const LEVEL: SchemaNode = { type: 'string', enum: ['off', 'hint', 'info', 'warning', 'error'] };

const SECTION_RULE: SchemaNode = {
  type: 'object',
  description: 'How a section heading maps to what it is. The first rule that matches wins.',
  properties: {
    match: { type: 'string', description: 'Case-insensitive regular expression tested against the heading text (spaces collapsed, a trailing `:` or `.` removed).' },
    kind: { type: 'string', enum: SECTION_KINDS, description: 'What the section holds.' },
    featured: { type: 'boolean', description: 'Its entries are featured links: duplicate and seen-before checks look at them.' },
    entryShape: { type: 'string', enum: ENTRY_SHAPES, description: 'The entry shape in this section and its subsections.' },
    repeatsByDesign: { type: 'boolean', description: 'Its links repeat other entries of the issue on purpose (a highlights list).' },
  },
  required: ['match', 'kind'],
  additionalProperties: false,
};

export const PROFILE_SCHEMA: SchemaNode = {
  type: 'object',
  description: 'A newsletter format profile: how issues are named, headed, sectioned and written.',
  additionalProperties: false,
  properties: {
    preset: { type: 'string', description: 'The preset this profile starts from; the other keys override its parts.' },
    name: { type: 'string', description: 'A name for messages.' },
    files: {
      type: 'object',
      description: 'Where issues live and how their files are named.',
      additionalProperties: false,
      properties: {
        globs: { type: 'array', items: { type: 'string' }, description: 'Globs, relative to the folder of `.newsletter-desk.json`, that name the issue files.' },
        folder: { type: 'string', description: 'Where New Issue writes, relative to the same folder.' },
        name: { type: 'string', description: 'The file name of an issue, with `{yyyy}`, `{mm}`, `{dd}`, `{number}` and `{slug}`.' },
      },
    },
    header: {
      type: 'object',
      description: 'The metadata header at the top of each issue.',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['yaml', 'toml', 'pelican', 'none'], description: '`yaml` (`---` front matter), `toml` (`+++`), `pelican` (`Key: value` lines ended by a blank line) or `none` (the title is the first heading).' },
        titleField: { type: 'string', description: 'The field that holds the title.' },
        dateField: { type: 'string', description: 'The field that holds the publication date.' },
        numberField: { type: 'string', description: 'The field that holds the issue number, if any.' },
        slugField: { type: 'string', description: 'The field that holds the slug, if any.' },
        titleDateMatches: { type: 'string', enum: ['dateField', 'fileName'], description: "Which day the title's date must be: the date field's (default) or the file name's (where the date field is the day the issue went out, after the week the title names)." },
        dateSlackDays: { type: 'integer', minimum: 0, description: "How many days the date field may lie before or after the file name's day (default 0: they must agree)." },
      },
    },
    title: {
      type: 'object',
      additionalProperties: false,
      properties: {
        template: {
          type: 'string',
          description: 'The title as written, with `{number}`, `{day}`, `{dd}`, `{ordinal}`, `{month}`, `{mon}`, `{mm}`, `{year}`, `{iso}` and `{week}`.',
        },
      },
    },
    sections: {
      type: 'object',
      description: 'Which headings are sections, and what each holds.',
      additionalProperties: false,
      properties: {
        levels: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 6 }, minItems: 1, description: 'Heading levels that open a section (setext `===` is 1, `---` is 2).' },
        nested: { type: 'boolean', description: 'A deeper heading is a subsection of the one above it (else all sections are top-level).' },
        quotedHeadings: { type: 'boolean', description: 'A `>Name` quote over a `===` line is a heading (a mail-escaping artefact).' },
        rules: { type: 'array', items: SECTION_RULE, description: 'Heading names to kinds, first match wins.' },
      },
    },
    entries: {
      type: 'object',
      description: 'How an entry is written.',
      additionalProperties: false,
      properties: {
        shape: { type: 'string', enum: ENTRY_SHAPES, description: '`paragraph` (description, then `<br>[URL](URL)` lines), `list-item` (one list item per entry) or `link-heading` (`### [Title](url)` then paragraphs).' },
        linkPosition: { type: 'string', enum: ['lead', 'inline'], description: 'In a list item, the link leads (`* [Title](url)`) or sits inline in a sentence.' },
        bullet: { type: 'string', enum: ['*', '-', '+'], description: 'The bullet of new list entries.' },
        blankLinesBetween: { type: 'integer', minimum: 0, maximum: 4, description: 'Blank lines between entries in what New Issue, snippets and paste write.' },
        tags: { type: 'array', items: { type: 'string' }, description: 'Bracketed tags that may precede a link, such as `video` for `[video]`.' },
      },
    },
    newIssue: {
      type: 'object',
      description: 'How New Issue starts the next issue.',
      additionalProperties: false,
      properties: {
        template: { type: 'string', description: 'A template file of the repository to copy, relative to the folder of `.newsletter-desk.json`.' },
        placeholders: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Text of the template file to replace, and with what (title placeholders, plus `{pubIso}` and `{slug}`).',
        },
        intervalDays: { type: 'integer', minimum: 1, maximum: 366, description: 'Days between two issues.' },
        time: { type: 'string', description: 'Time of day (and offset) written after the date, e.g. `22:00:00 -0000`.' },
        sections: { type: 'array', items: { type: 'string' }, description: 'Section names of the built-in skeleton, used when there is no template.' },
      },
    },
    email: {
      type: 'object',
      additionalProperties: false,
      properties: {
        layout: { type: 'string', enum: ['devops-weekly', 'generic'], description: 'The plain-text email layout.' },
      },
    },
    renderer: { type: 'string', enum: RENDERERS, description: 'The Markdown renderer of the site.' },
    kramdown: {
      type: 'object',
      description: 'For the `kramdown` renderer: how the site runs it.',
      additionalProperties: false,
      properties: {
        input: { type: 'string', enum: ['kramdown', 'GFM'], description: 'kramdown\'s input parser: `kramdown` (its own) or `GFM` (what Jekyll uses by default and GitHub Pages always).' },
      },
    },
    html: {
      type: 'object',
      description: 'Raw HTML the site shows.',
      additionalProperties: false,
      properties: {
        allowedTags: {
          type: 'array',
          items: { type: 'string' },
          description: 'Tag names the site shows besides the standard HTML elements (written in lower case), e.g. its theme\'s custom elements; any other tag outside a code span vanishes from the page (`html.swallowed`).',
        },
      },
    },
    rules: { type: 'object', additionalProperties: LEVEL, description: 'Default rule levels for this format.' },
  },
};

/** The schema of `.newsletter-desk.json` as a whole: the format plus the project's own options. */
export const CONFIG_FILE_SCHEMA: SchemaNode & { $schema: string; title: string } = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Newsletter Desk project configuration',
  type: 'object',
  properties: {
    format: {
      description: 'The newsletter format: a preset name, or a profile (a `preset` plus the parts that differ).',
      oneOf: [{ type: 'string', enum: ['devops-weekly', 'this-week-in-rust', 'lwkd'] }, PROFILE_SCHEMA],
    },
    rules: { type: 'object', additionalProperties: LEVEL, description: 'Rule levels by code, over the format\'s defaults.' },
    emailFooter: { type: 'string', description: 'The paragraph that ends the plain-text email.' },
    files: { type: 'array', items: { type: 'string' }, description: 'Shorthand for `format.files.globs`.' },
    titleTemplate: { type: 'string', description: 'Shorthand for `format.title.template`.' },
    postsFolder: { type: 'string', description: 'Shorthand for `format.files.folder`.' },
    publicationIntervalDays: { type: 'integer', minimum: 1, maximum: 366, description: 'Shorthand for `format.newIssue.intervalDays`.' },
    sponsorSections: { type: 'array', items: { type: 'string' }, description: 'Section headings that count as sponsor sections besides the format\'s.' },
  },
};
