import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import type { Finding, FrontMatter, FrontMatterField } from '../model';
import type { HeaderKind } from '../format/profile';
import type { LineIndex } from '../text/lineIndex';

interface Fences {
  readonly open: RegExp;
  readonly close: RegExp;
  /** What a field line looks like: its key in group 1, then the separator. */
  readonly key: RegExp;
  readonly name: string;
}

const YAML: Fences = { open: /^---[ \t]*$/, close: /^(?:---|\.\.\.)[ \t]*$/, key: /^([A-Za-z_][\w-]*)[ \t]*:/, name: 'YAML' };
const TOML: Fences = { open: /^\+\+\+[ \t]*$/, close: /^\+\+\+[ \t]*$/, key: /^([A-Za-z_][\w-]*)[ \t]*=/, name: 'TOML' };
/** A Pelican / MultiMarkdown header line: `Key: value`, the key without spaces. */
const PELICAN_KEY = /^([A-Za-z][\w-]*)[ \t]*:(?:[ \t]|$)/;

export interface FrontMatterResult {
  readonly frontMatter?: FrontMatter;
  /** Offset in the text where the Markdown body starts. */
  readonly bodyStart: number;
  readonly findings: Finding[];
}

/**
 * Finds the metadata header the file has. A `---` or `+++` first line opens YAML or TOML front
 * matter whatever the profile says (the file shows what it is); `Key: value` lines up to the first
 * blank line are a header only where the profile expects one (`pelican`), since elsewhere such a
 * line is ordinary text.
 */
export function parseHeader(text: string, lines: LineIndex, expected: HeaderKind): FrontMatterResult {
  const first = lines.lineText(0);
  if (YAML.open.test(first)) return parseFenced(text, lines, YAML);
  if (TOML.open.test(first)) return parseFenced(text, lines, TOML);
  if (expected === 'pelican' && PELICAN_KEY.test(first)) return parsePelican(text, lines);
  return { bodyStart: 0, findings: [] };
}

/** `Key: value` lines from the first line to the first blank one; a line without a key continues the value above. */
function parsePelican(text: string, lines: LineIndex): FrontMatterResult {
  let line = 0;
  while (line < lines.lineCount && lines.lineText(line).trim() !== '') line++;
  const blockEnd = lines.lineEndOffset(line - 1);
  const bodyStart = line < lines.lineCount ? lines.lineStartOffset(line) : text.length;
  const fields = new Map<string, FrontMatterField>();
  const data: Record<string, unknown> = {};
  for (let i = 0; i < line; i++) {
    const lineText = lines.lineText(i);
    const match = PELICAN_KEY.exec(lineText);
    if (!match) continue;
    const field = fieldOf(lines, i, lineText, match);
    const key = match[1];
    if (!fields.has(key)) fields.set(key, field);
    if (!(key in data)) data[key] = field.rawValue;
  }
  const frontMatter: FrontMatter = { kind: 'pelican', raw: text.slice(0, blockEnd), range: lines.rangeOf(0, blockEnd), terminated: true, data, fields };
  return { frontMatter, bodyStart, findings: [] };
}

function fieldOf(lines: LineIndex, line: number, lineText: string, match: RegExpExecArray): FrontMatterField {
  const lineStart = lines.lineStartOffset(line);
  let valueStart = match[0].length;
  while (valueStart < lineText.length && (lineText[valueStart] === ' ' || lineText[valueStart] === '\t')) valueStart++;
  const valueEnd = lineText.trimEnd().length;
  return {
    key: match[1],
    keyRange: lines.rangeOf(lineStart, lineStart + match[1].length),
    rawValue: lineText.slice(valueStart, Math.max(valueStart, valueEnd)),
    valueRange: lines.rangeOf(lineStart + valueStart, lineStart + Math.max(valueStart, valueEnd)),
  };
}

/**
 * A fenced block (a `---` first line up to a `---` or `...` line, or `+++` to `+++`), parsed with
 * gray-matter or a TOML parser, recording where each top-level field's value stands. Never throws:
 * syntax errors become findings on the line the parser names. When the closing fence is missing,
 * the block is taken to end at the first blank line, which is what an author who forgot the fence
 * almost always meant.
 */
function parseFenced(text: string, lines: LineIndex, fences: Fences): FrontMatterResult {
  const CLOSING_FENCE = fences.close;
  const fence = fences === TOML ? '+++' : '---';

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
      message: `The front matter has no closing \`${fence}\` line.`,
      range: lines.rangeOf(0, lines.lineEndOffset(0)),
      fixes: [
        {
          title: `Close the front matter with \`${fence}\``,
          edits: [{ range: lines.rangeOf(blockEndOffset, blockEndOffset), newText: `\n${fence}` }],
          preferred: true,
          safe: true,
        },
      ],
    });
  }

  let data: Record<string, unknown> = {};
  let error: FrontMatter['error'];
  try {
    if (fences === TOML) {
      data = parseToml(raw) as Record<string, unknown>;
    } else {
      // Passing options keeps gray-matter from caching every text it has seen.
      const parsed = matter(`---\n${raw}\n---\n`, {});
      if (parsed.data && typeof parsed.data === 'object') data = parsed.data as Record<string, unknown>;
    }
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { line?: number }; line?: number };
    // YAML marks count from the opening fence (line 0 of the file); TOML's lines from 1 inside the block.
    const markLine = typeof err.mark?.line === 'number' ? err.mark.line : typeof err.line === 'number' ? err.line : 1;
    const line = Math.max(1, Math.min(markLine, Math.max(1, lastYamlLine - 1)));
    const reason = err.reason ?? String(err.message ?? e).split('\n')[0];
    error = { message: reason, line };
    findings.push({
      code: 'frontmatter.invalid',
      severity: 'error',
      message: `The front matter is not valid ${fences.name}: ${reason}.`,
      range: lines.rangeOf(lines.lineStartOffset(line), lines.lineEndOffset(line)),
    });
  }

  const fields = new Map<string, FrontMatterField>();
  for (let line = 1; line < lastYamlLine; line++) {
    const lineText = lines.lineText(line);
    const match = fences.key.exec(lineText);
    if (!match || fields.has(match[1])) continue;
    fields.set(match[1], fieldOf(lines, line, lineText, match));
  }

  const kind: HeaderKind = fences === TOML ? 'toml' : 'yaml';
  return { frontMatter: { kind, raw, range, terminated, data, fields, error }, bodyStart, findings };
}
