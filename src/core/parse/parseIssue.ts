import type { Root } from 'mdast';
import type { DateField, Entry, Finding, IssueDocument, Section, Title } from '../model';
import { LineIndex } from '../text/lineIndex';
import { parseFrontMatter } from './frontMatter';
import { parseTitle } from './title';
import { parseDateField, parseFileName } from './dates';
import { readBody } from './body';
import { parseMarkdown } from './markdown';

export interface ParseOptions {
  /** Headings the project counts as sponsor sections besides the built-in names. */
  readonly extraSponsorNames?: readonly string[];
}

/**
 * Parses one issue file into its model. Never throws: whatever the input (empty, binary, no or
 * broken front matter, megabytes), the result is a document, and problems become findings.
 */
export function parseIssue(input: string, fileName?: string, options: ParseOptions = {}): IssueDocument {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const lines = new LineIndex(text);
  const parseFindings: Finding[] = [];

  const { frontMatter, bodyStart, findings } = parseFrontMatter(text, lines);
  parseFindings.push(...findings);

  const titleField = frontMatter?.fields.get('title');
  const dateField = frontMatter?.fields.get('date');
  const title: Title | undefined = titleField ? parseTitle(titleField, lines) : undefined;
  const date: DateField | undefined = dateField ? parseDateField(dateField) : undefined;

  let tree: Root = { type: 'root', children: [] };
  let intro: Entry[] = [];
  let sections: Section[] = [];
  try {
    tree = parseMarkdown(text.slice(bodyStart));
    ({ intro, sections } = readBody(tree, text, lines, bodyStart, options.extraSponsorNames ?? []));
  } catch (error) {
    // The Markdown parser is not expected to fail; if it ever does, say so rather than crash the host.
    parseFindings.push({
      code: 'parse.failed',
      severity: 'error',
      message: `The issue could not be read as Markdown: ${error instanceof Error ? error.message : String(error)}`,
      range: lines.rangeOf(bodyStart, bodyStart),
    });
  }

  return {
    text,
    fileName,
    hadBom,
    frontMatter,
    title,
    date,
    fileNameInfo: fileName ? parseFileName(fileName) : undefined,
    intro,
    sections,
    parseFindings,
    lines,
    markdown: { tree, bodyOffset: bodyStart },
  };
}
