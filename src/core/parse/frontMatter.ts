import matter from 'gray-matter';
import type { Finding, FrontMatter, FrontMatterField } from '../model';
import type { LineIndex } from '../text/lineIndex';

const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;
const KEY = /^([A-Za-z_][\w-]*)[ \t]*:/;

export interface FrontMatterResult {
  readonly frontMatter?: FrontMatter;
  /** Offset in the text where the Markdown body starts. */
  readonly bodyStart: number;
  readonly findings: Finding[];
}

/**
 * Finds the front matter block (a `---` first line up to a `---` or `...` line), parses it with
 * gray-matter and records where each top-level field's value stands. Never throws: YAML errors
 * become findings on the line the YAML parser names. When the closing fence is missing, the
 * block is taken to end at the first blank line, which is what an author who forgot the fence
 * almost always meant.
 */
export function parseFrontMatter(text: string, lines: LineIndex): FrontMatterResult {
  if (!FENCE.test(lines.lineText(0))) return { bodyStart: 0, findings: [] };

  let closingLine = -1;
  for (let line = 1; line < lines.lineCount; line++) {
    if (CLOSING_FENCE.test(lines.lineText(line))) {
      closingLine = line;
      break;
    }
  }
  const terminated = closingLine >= 0;
  let lastYamlLine: number; // exclusive
  let blockEndOffset: number;
  let bodyStart: number;
  if (terminated) {
    lastYamlLine = closingLine;
    blockEndOffset = lines.lineEndOffset(closingLine);
    bodyStart = closingLine + 1 < lines.lineCount ? lines.lineStartOffset(closingLine + 1) : text.length;
  } else {
    let line = 1;
    while (line < lines.lineCount && lines.lineText(line).trim() !== '') line++;
    lastYamlLine = line;
    blockEndOffset = lines.lineEndOffset(line - 1);
    bodyStart = line < lines.lineCount ? lines.lineStartOffset(line) : text.length;
  }

  const yamlStart = lines.lineCount > 1 ? lines.lineStartOffset(1) : text.length;
  const yamlEnd = lastYamlLine > 1 ? lines.lineEndOffset(lastYamlLine - 1) : yamlStart;
  const raw = text.slice(yamlStart, Math.max(yamlStart, yamlEnd));
  const findings: Finding[] = [];
  const range = lines.rangeOf(0, blockEndOffset);

  if (!terminated) {
    findings.push({
      code: 'frontmatter.invalid',
      severity: 'error',
      message: 'The front matter has no closing `---` line.',
      range: lines.rangeOf(0, lines.lineEndOffset(0)),
      fixes: [
        {
          title: 'Close the front matter with `---`',
          edits: [{ range: lines.rangeOf(blockEndOffset, blockEndOffset), newText: '\n---' }],
          preferred: true,
          safe: true,
        },
      ],
    });
  }

  let data: Record<string, unknown> = {};
  let error: FrontMatter['error'];
  try {
    // Passing options keeps gray-matter from caching every text it has seen.
    const parsed = matter(`---\n${raw}\n---\n`, {});
    if (parsed.data && typeof parsed.data === 'object') data = parsed.data as Record<string, unknown>;
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { line?: number } };
    const markLine = typeof err.mark?.line === 'number' ? err.mark.line : 1;
    const line = Math.max(1, Math.min(markLine, Math.max(1, lastYamlLine - 1)));
    const reason = err.reason ?? String(err.message ?? e).split('\n')[0];
    error = { message: reason, line };
    findings.push({
      code: 'frontmatter.invalid',
      severity: 'error',
      message: `The front matter is not valid YAML: ${reason}.`,
      range: lines.rangeOf(lines.lineStartOffset(line), lines.lineEndOffset(line)),
    });
  }

  const fields = new Map<string, FrontMatterField>();
  for (let line = 1; line < lastYamlLine; line++) {
    const lineText = lines.lineText(line);
    const match = KEY.exec(lineText);
    if (!match || fields.has(match[1])) continue;
    const lineStart = lines.lineStartOffset(line);
    let valueStart = match[0].length;
    while (valueStart < lineText.length && (lineText[valueStart] === ' ' || lineText[valueStart] === '\t')) valueStart++;
    const valueEnd = lineText.trimEnd().length;
    fields.set(match[1], {
      key: match[1],
      keyRange: lines.rangeOf(lineStart, lineStart + match[1].length),
      rawValue: lineText.slice(valueStart, Math.max(valueStart, valueEnd)),
      valueRange: lines.rangeOf(lineStart + valueStart, lineStart + Math.max(valueStart, valueEnd)),
    });
  }

  return { frontMatter: { raw, range, terminated, data, fields, error }, bodyStart, findings };
}
