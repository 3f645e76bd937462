import type { EntryShape, FormatProfile, HeaderKind, RendererName, SectionKind, SectionRule } from './profile';
import { MONTHS } from '../parse/title';
import type { CalendarDate } from '../model';
import { daysBetween, formatIsoDay, isValidCalendarDate, sameDay } from '../parse/dates';
import { templatePlaceholders, titleTemplateRegExp } from '../titleTemplate';

/** A file of the archive, as inference sees it: its path relative to the archive's root, and its text. */
export interface ArchiveFile {
  readonly path: string;
  readonly text: string;
}

/** How sure inference is of one part of the profile, with what it saw. */
export interface InferredPart {
  readonly part: string;
  /** What was inferred, for people: `pelican header`, `This Week in Rust {number}`. */
  readonly value: string;
  /** 0..1: the share of issues that agree with the inferred value. */
  readonly confidence: number;
  readonly evidence: string;
}

export interface InferenceResult {
  readonly profile: FormatProfile;
  readonly issueCount: number;
  readonly parts: readonly InferredPart[];
  /** The archive paths of the files taken for issues, sorted. */
  readonly issues: readonly string[];
}

/**
 * Infers a format profile from an archive: the Markdown files (issues and others), plus the
 * repository's other files that say something (a site config such as `_config.yml` or
 * `pelicanconf.py`, a template for new issues). Learns from the files only; never from a preset's
 * name, and it knows no newsletter's section names: kinds come from generic words (sponsor,
 * event, job, news, tool), featured sections from where the archive keeps its links.
 * Throws when no file looks like an issue.
 */
export function inferProfile(files: readonly ArchiveFile[], others: readonly ArchiveFile[] = []): InferenceResult {
  const parts: InferredPart[] = [];
  const markdown = files.filter((file) => /\.(md|markdown)$/i.test(file.path));

  // 1. Which files are issues: the dominant dated or numbered file-name pattern, in its folders.
  const names = inferFileNames(markdown);
  const issueFiles = names.issues;
  if (issueFiles.length === 0) throw new Error('no Markdown file that looks like an issue (a dated or numbered name, or a metadata header)');
  const n = issueFiles.length;
  parts.push({ part: 'files', value: `${names.pattern} in ${names.folders.map((f) => f || '.').join(', ')}`, confidence: names.confidence, evidence: `${n} of ${markdown.length} Markdown files are named ${names.pattern}` });

  // 2. The header.
  const scanned = issueFiles.map((file) => ({ file, header: readHeader(file.text) }));
  const kindCounts = countBy(scanned.map((s) => s.header.kind));
  const headerKind = topKey(kindCounts) as HeaderKind;
  const withHeader = scanned.filter((s) => s.header.kind === headerKind);
  const fields = inferFields(withHeader.map((s) => ({ fields: s.header.fields, fileDate: fileNameDate(s.file.path) })), headerKind);
  parts.push({ part: 'header', value: `${headerKind} header (title: ${fields.title}, date: ${fields.date}${fields.number ? `, number: ${fields.number}` : ''})`, confidence: (kindCounts.get(headerKind) ?? 0) / n, evidence: describeCounts(kindCounts) });

  // Each issue's facts: title, date, number.
  const facts: IssueFacts[] = scanned.map(({ file, header }) => {
    const fileName = parseNameWith(file.path, names.pattern);
    const fieldValue = (name: string | undefined): string | undefined => (name ? header.fields.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] : undefined);
    const dateValue = fieldValue(fields.date);
    const fieldDate = dateValue !== undefined ? isoDate(dateValue) : undefined;
    const date = fieldDate ?? fileName.date;
    const numberValue = fieldValue(fields.number);
    const number = numberValue !== undefined && /^\d+$/.test(numberValue.trim()) ? Number(numberValue.trim()) : fileName.number;
    const title = headerKind === 'none' ? header.firstHeading : fieldValue(fields.title);
    const time = dateValue !== undefined ? /^\d{4}-\d{2}-\d{2}[T ](.+)$/.exec(dateValue.trim())?.[1] : undefined;
    return { file, title, date, fieldDate, fileDate: fileName.date, number, time, body: file.text.slice(header.bodyStart) };
  });

  // 3. The title template.
  const title = inferTitleTemplate(facts);
  parts.push({ part: 'title', value: title.template, confidence: title.confidence, evidence: title.evidence });

  // Which dates must agree: the title's with the date field's or the file name's, and how far the
  // date field may move off the file name's day.
  const dates = inferDateHabits(facts, title.template);
  parts.push({ part: 'dates', value: `title date = ${dates.titleDateMatches === 'fileName' ? "file name's day" : "date field's day"}, date field ${dates.dateMoves ? 'moves within the interval' : "on the file name's day"}`, confidence: dates.confidence, evidence: dates.evidence });

  // 4. Sections and entries.
  // Without a header the first heading is the title, not a section.
  const scans = facts.map((f) => {
    const scan = scanBody(f.body);
    const first = scan.findIndex((item) => 'heading' in item);
    return headerKind === 'none' && first >= 0 ? scan.filter((_, i) => i !== first) : scan;
  });
  const structure = inferStructure(scans);
  parts.push({ part: 'sections', value: `levels ${structure.levels.join(', ')}${structure.nested ? ', nested' : ''}${structure.setext ? ', setext' : ''}`, confidence: structure.confidence, evidence: structure.evidence });
  const template = findTemplate(markdown, others, issueFiles, headerKind);
  const sectionTrees = scans.map((scan) => buildSections(scan, structure.levels, structure.nested));
  const entries = inferEntries(sectionTrees);
  parts.push({ part: 'entries', value: `${entries.shape}${entries.shape === 'list-item' ? ` (link ${entries.linkPosition}, bullet ${entries.bullet})` : ''}`, confidence: entries.confidence, evidence: entries.evidence });
  const rules = inferSectionRules(sectionTrees, facts, entries.shape, template ? sectionNamesOf(template.text, structure) : undefined);
  parts.push({ part: 'section names', value: rules.summary, confidence: rules.confidence, evidence: rules.evidence });

  // 5. Interval and time of day.
  const days = facts.map((f) => f.date).filter((d): d is CalendarDate => d !== undefined).sort((a, b) => daysBetween(b, a));
  const gaps = days.slice(1).map((d, i) => daysBetween(days[i], d)).filter((g) => g > 0);
  const interval = gaps.length > 0 ? median(gaps) : 7;
  const intervalShare = gaps.length > 0 ? gaps.filter((g) => g === interval).length / gaps.length : 0;
  parts.push({ part: 'interval', value: `${interval} days`, confidence: intervalShare, evidence: `${gaps.filter((g) => g === interval).length} of ${gaps.length} gaps between consecutive issues` });
  const times = countBy(facts.map((f) => f.time).filter((t): t is string => t !== undefined));
  const topTime = topKey(times);
  const templateTime = template ? templateDateTime(template.text, fields.date) : undefined;
  const time = templateTime ?? (topTime !== undefined && (times.get(topTime) ?? 0) / n >= 0.3 ? topTime : undefined);
  if (time) parts.push({ part: 'time', value: time, confidence: (times.get(time) ?? 0) / n, evidence: templateTime ? 'the template\'s date field' : `${times.get(time) ?? 0} of ${n} date fields` });

  // 6. The new-issue template and its placeholders.
  const latest = [...facts].filter((f) => f.date).sort((a, b) => daysBetween(b.date as CalendarDate, a.date as CalendarDate)).pop();
  const placeholders = template && latest ? inferPlaceholders(template.text, latest, title.template, fields) : {};
  if (template) parts.push({ part: 'new issue', value: `template ${template.path}`, confidence: Object.keys(placeholders).length > 0 ? 1 : 0.5, evidence: `placeholders: ${Object.keys(placeholders).join(', ') || 'none found'}` });

  // 7. Renderer and email layout.
  const renderer = inferRenderer(others, markdown, headerKind, names.pattern);
  parts.push({ part: 'renderer', value: renderer.name, confidence: renderer.confidence, evidence: renderer.evidence });

  const skeleton = template ? sectionNamesOf(template.text, structure, true) : rules.frequentNames.length > 0 ? rules.frequentNames : ['News'];
  const profile: FormatProfile = {
    name: 'inferred',
    files: { globs: names.globs, folder: names.folders[0] ?? '', name: names.pattern },
    header: {
      kind: headerKind,
      titleField: fields.title,
      dateField: fields.date,
      ...(fields.number ? { numberField: fields.number } : {}),
      ...(fields.slug ? { slugField: fields.slug } : {}),
      ...(dates.titleDateMatches === 'fileName' ? { titleDateMatches: 'fileName' as const } : {}),
      ...(dates.dateMoves && interval > 1 ? { dateSlackDays: interval - 1 } : {}),
    },
    title: { template: title.template },
    sections: { levels: structure.levels, nested: structure.nested, quotedHeadings: structure.quoted, rules: rules.rules },
    entries: { shape: entries.shape, linkPosition: entries.linkPosition, bullet: entries.bullet, blankLinesBetween: entries.blankLinesBetween, tags: entries.tags },
    newIssue: { ...(template ? { template: template.path } : {}), placeholders, intervalDays: interval, ...(time ? { time } : {}), sections: skeleton },
    email: { layout: entries.shape === 'paragraph' && entries.linkLines ? 'devops-weekly' : 'generic' },
    renderer: renderer.name,
    ...(renderer.kramdownInput === 'GFM' ? { kramdown: { input: 'GFM' as const } } : {}),
    rules: {},
  };
  return { profile, issueCount: n, parts, issues: issueFiles.map((f) => f.path).sort() };
}

/**
 * The archive's habits about dates. A dated title names the day of the date field, or of the file
 * name where the two differ (a title naming the week's end, a date field the later day it went
 * out): whichever more titles agree with. And where date fields and file names disagree in more
 * than the odd issue, the date field moves within the week by habit (it is the day the issue went
 * out), so it may lie up to one interval less a day off the file name's day; where they always
 * agree, a disagreement is a mistake.
 */
function inferDateHabits(facts: readonly IssueFacts[], template: string): { titleDateMatches: 'dateField' | 'fileName'; dateMoves: boolean; confidence: number; evidence: string } {
  let byField = 0;
  let byName = 0;
  for (const f of facts) {
    const day = f.title !== undefined ? titleDayOf(f.title, template) : undefined;
    if (!day) continue;
    if (f.fieldDate && sameDay(day, f.fieldDate)) byField++;
    if (f.fileDate && sameDay(day, f.fileDate)) byName++;
  }
  const both = facts.filter((f) => f.fieldDate && f.fileDate);
  const moved = both.filter((f) => !sameDay(f.fieldDate as CalendarDate, f.fileDate as CalendarDate)).length;
  const habit = moved >= 2 && moved / Math.max(1, both.length) >= 0.01;
  const withinWeek = both.filter((f) => Math.abs(daysBetween(f.fileDate as CalendarDate, f.fieldDate as CalendarDate)) < 7).length;
  const titleDateMatches = byName > byField ? 'fileName' : 'dateField';
  const agreeing = Math.max(byField, byName);
  return {
    titleDateMatches,
    dateMoves: habit,
    // The share of issues the inferred habit fits.
    confidence: both.length > 0 ? (habit ? withinWeek : both.length - moved) / both.length : 0,
    evidence: `${agreeing} dated titles name the ${titleDateMatches === 'fileName' ? 'file name' : 'date field'}'s day (${byField} the date field's, ${byName} the file name's); ${moved} of ${both.length} date fields differ from the file name's day`,
  };
}

/** The day a title names, read with the title template's date placeholders. */
function titleDayOf(title: string, template: string): CalendarDate | undefined {
  const match = titleTemplateRegExp(template, true).exec(title);
  if (!match) return undefined;
  const names = templatePlaceholders(template);
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  names.forEach((name, i) => {
    const value = match[i + 1];
    if (value === undefined) return;
    if (name === 'year') year = Number(value);
    else if (name === 'day' || name === 'dd') day = Number(value);
    else if (name === 'mm') month = Number(value);
    else if (name === 'month' || name === 'mon') {
      const index = MONTHS.findIndex((m) => m.toLowerCase().startsWith(value.toLowerCase().slice(0, 3)));
      if (index >= 0) month = index + 1;
    } else if (name === 'iso') {
      const iso = isoDate(value);
      if (iso) ({ year, month, day } = iso);
    }
  });
  const date = year !== undefined && month !== undefined && day !== undefined ? { year, month, day } : undefined;
  return date && isValidCalendarDate(date) ? date : undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers: counting

function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function topKey<T>(counts: ReadonlyMap<T, number>): T | undefined {
  let best: T | undefined;
  let bestCount = -1;
  for (const [key, count] of counts) if (count > bestCount) [best, bestCount] = [key, count];
  return best;
}

function describeCounts<T>(counts: ReadonlyMap<T, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key, count]) => `${String(key)}: ${count}`).join(', ');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// File names

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A file name's pattern: a date becomes `{yyyy}-{mm}-{dd}`, other digit runs `{number}`; undefined when it has neither. */
function namePatternOf(name: string): string | undefined {
  const stem = name.replace(/\.(md|markdown)$/i, '');
  let pattern = stem.replace(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/, (whole, y: string, m: string, d: string) =>
    isValidCalendarDate({ year: Number(y), month: Number(m), day: Number(d) }) ? '{yyyy}-{mm}-{dd}' : whole,
  );
  pattern = pattern.replace(/\d+/g, '{number}');
  if (pattern === stem) return undefined;
  if ((pattern.match(/\{number\}/g) ?? []).length > 1) return undefined;
  return pattern;
}

/** The same pattern with its words generalised to `{slug}`: files named after their titles group together. */
function slugPatternOf(pattern: string): string {
  return pattern.replace(/^(\{yyyy\}-\{mm\}-\{dd\})-(?!\{number\}$).+$/, '$1-{slug}');
}

function patternRegExp(pattern: string): RegExp {
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{(yyyy|mm|dd|number|slug)\}/g)) {
    source += escapeRegExp(pattern.slice(last, m.index));
    source += { yyyy: '(?<yyyy>\\d{4})', mm: '(?<mm>\\d{2})', dd: '(?<dd>\\d{2})', number: '(?<number>\\d+)', slug: '[^.]+' }[m[1] as 'yyyy'];
    last = (m.index ?? 0) + m[0].length;
  }
  source += escapeRegExp(pattern.slice(last).replace(/\.(md|markdown)$/i, ''));
  return new RegExp(`^${source}\\.(md|markdown)$`, 'i');
}

function parseNameWith(path: string, pattern: string): { date?: CalendarDate; number?: number } {
  const groups = patternRegExp(pattern).exec(baseName(path))?.groups;
  if (!groups) return { date: fileNameDate(path) };
  const date = groups.yyyy ? { year: Number(groups.yyyy), month: Number(groups.mm), day: Number(groups.dd) } : undefined;
  return { date: date && isValidCalendarDate(date) ? date : undefined, number: groups.number !== undefined ? Number(groups.number) : undefined };
}

function fileNameDate(path: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(baseName(path));
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCalendarDate(date) ? date : undefined;
}

interface FileNames {
  readonly pattern: string;
  readonly folders: string[];
  readonly globs: string[];
  readonly issues: ArchiveFile[];
  readonly confidence: number;
}

function inferFileNames(markdown: readonly ArchiveFile[]): FileNames {
  const exact = new Map<string, ArchiveFile[]>();
  const loose = new Map<string, ArchiveFile[]>();
  for (const file of markdown) {
    const pattern = namePatternOf(baseName(file.path));
    if (!pattern) continue;
    push(exact, pattern, file);
    push(loose, slugPatternOf(pattern), file);
  }
  const best = (map: Map<string, ArchiveFile[]>): [string, ArchiveFile[]] | undefined => [...map].sort((a, b) => b[1].length - a[1].length)[0];
  const top = best(exact);
  const topLoose = best(loose);
  let pattern: string;
  let candidates: ArchiveFile[];
  if (top && (!topLoose || top[1].length * 2 >= topLoose[1].length)) [pattern, candidates] = top;
  else if (topLoose) [pattern, candidates] = topLoose;
  else {
    // No dated or numbered names: every Markdown file with a metadata header.
    candidates = markdown.filter((file) => readHeader(file.text).kind !== 'none');
    pattern = '{slug}';
  }
  // The folders that hold a fair share of them (a stray copy elsewhere is not an issue folder).
  const folderCounts = countBy(candidates.map((file) => dirName(file.path)));
  const folders = [...folderCounts].filter(([, count]) => count >= Math.max(1, candidates.length * 0.1)).sort((a, b) => b[1] - a[1]).map(([folder]) => folder);
  const issues = candidates.filter((file) => folders.includes(dirName(file.path)));
  const extension = topKey(countBy(issues.map((file) => /\.[A-Za-z]+$/.exec(file.path)?.[0] ?? '.md'))) ?? '.md';
  const nameGlob = pattern.replace(/\{(yyyy|mm|dd|number|slug)\}/g, '*').replace(/\*(-\*)+/g, '*');
  const globs = folders.map((folder) => (folder ? `${folder}/**/*.{md,markdown}` : `${nameGlob}.{md,markdown}`));
  return { pattern: `${pattern}${extension.toLowerCase() === '.markdown' ? '.md' : extension}`, folders, globs, issues, confidence: markdown.length > 0 ? issues.length / Math.max(1, candidates.length) : 0 };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------
// Headers

interface Header {
  readonly kind: HeaderKind;
  /** Top-level `key`/`value` pairs in order, values unquoted and trimmed. */
  readonly fields: [string, string][];
  readonly bodyStart: number;
  readonly firstHeading?: string;
}

function unquote(value: string): string {
  const v = value.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

function readHeader(raw: string): Header {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fenced = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (fenced) {
    const fence = fenced[1];
    const close = new RegExp(`\\n${escapeRegExp(fence)}[ \\t]*(\\n|$)`).exec(text.slice(fenced[0].length - 1));
    const end = close ? fenced[0].length - 1 + close.index : text.length;
    const inner = text.slice(fenced[0].length, end);
    const line = fence === '---' ? /^([A-Za-z_][\w-]*):[ \t]*(.*)$/ : /^([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.*)$/;
    const fields: [string, string][] = [];
    for (const l of inner.split('\n')) {
      const m = line.exec(l);
      if (m) fields.push([m[1], unquote(m[2])]);
    }
    const bodyStart = close ? end + 1 + fence.length + (close[1] ? 1 : 0) : text.length;
    return { kind: fence === '---' ? 'yaml' : 'toml', fields, bodyStart: offsetIn(raw, bodyStart), firstHeading: firstHeading(text.slice(bodyStart)) };
  }
  const block = text.split(/\n[ \t]*\n/)[0];
  const lines = block.split('\n');
  if (lines.length >= 1 && lines.every((l) => /^[A-Za-z][\w -]*:[ \t]*\S/.test(l)) && !/^https?:/i.test(lines[0])) {
    const fields = lines.map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim(), unquote(l.slice(i + 1))] as [string, string];
    });
    return { kind: 'pelican', fields, bodyStart: offsetIn(raw, block.length), firstHeading: firstHeading(text.slice(block.length)) };
  }
  return { kind: 'none', fields: [], bodyStart: 0, firstHeading: firstHeading(text) };
}

/** An offset of the normalised text as an offset of the raw one (a BOM and CRLFs shift it). */
function offsetIn(raw: string, normalizedOffset: number): number {
  let n = 0;
  let i = raw.startsWith('\uFEFF') ? 1 : 0;
  for (; i < raw.length && n < normalizedOffset; i++) {
    if (raw[i] === '\r' && raw[i + 1] === '\n') continue;
    n++;
  }
  return i;
}

function firstHeading(text: string): string | undefined {
  return /^#{1,6}[ \t]+(.*?)[ \t#]*$/m.exec(text)?.[1];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

function isoDate(value: string): CalendarDate | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCalendarDate(date) ? date : undefined;
}

interface Fields {
  readonly title: string;
  readonly date: string;
  readonly number?: string;
  readonly slug?: string;
}

/** Field roles by the shape of their values: a date, an integer that grows with the date, a varying text, a slug. */
function inferFields(headers: readonly { fields: [string, string][]; fileDate?: CalendarDate }[], kind: HeaderKind): Fields {
  if (kind === 'none' || headers.length === 0) return { title: 'title', date: 'date' };
  const byKey = new Map<string, { spelling: Map<string, number>; values: string[]; positions: number[] }>();
  for (const header of headers) {
    const seen = new Set<string>();
    header.fields.forEach(([key, value], position) => {
      const k = key.toLowerCase();
      if (seen.has(k)) return;
      seen.add(k);
      const entry = byKey.get(k) ?? { spelling: new Map<string, number>(), values: [] as string[], positions: [] as number[] };
      entry.spelling.set(key, (entry.spelling.get(key) ?? 0) + 1);
      entry.values.push(value);
      entry.positions.push(position);
      byKey.set(k, entry);
    });
  }
  const total = headers.length;
  const spell = (k: string): string => topKey(byKey.get(k)?.spelling ?? new Map()) ?? k;
  const scored = [...byKey].map(([k, e]) => ({
    k,
    presence: e.values.length / total,
    dateShare: e.values.filter((v) => isoDate(v)).length / e.values.length,
    intShare: e.values.filter((v) => /^\d+$/.test(v)).length / e.values.length,
    distinct: new Set(e.values).size / e.values.length,
    spaced: e.values.filter((v) => /\S\s+\S/.test(v)).length / e.values.length,
    slugLike: e.values.filter((v) => /^[\w.-]+$/.test(v) && /[-_]/.test(v)).length / e.values.length,
    position: e.positions.reduce((a, b) => a + b, 0) / e.positions.length,
    values: e.values,
  }));
  const date = scored.filter((s) => s.dateShare >= 0.5 && s.presence >= 0.5).sort((a, b) => b.presence * b.dateShare - a.presence * a.dateShare || a.position - b.position)[0];
  const number = scored.filter((s) => s !== date && s.intShare >= 0.8 && s.presence >= 0.5 && s.distinct >= 0.5).sort((a, b) => b.presence - a.presence)[0];
  const title = scored.filter((s) => s !== date && s !== number && s.presence >= 0.5 && s.spaced >= 0.5).sort((a, b) => b.presence * b.distinct - a.presence * a.distinct || a.position - b.position)[0];
  const slug = scored.filter((s) => s !== date && s !== number && s !== title && s.presence >= 0.5 && s.slugLike >= 0.8 && s.distinct >= 0.8)[0];
  return {
    title: title ? spell(title.k) : 'title',
    date: date ? spell(date.k) : 'date',
    ...(number ? { number: spell(number.k) } : {}),
    ...(slug ? { slug: spell(slug.k) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Titles

interface IssueFacts {
  readonly file: ArchiveFile;
  readonly title?: string;
  /** The publication day: the date field's, else the file name's. */
  readonly date?: CalendarDate;
  readonly fieldDate?: CalendarDate;
  readonly fileDate?: CalendarDate;
  readonly number?: number;
  readonly time?: string;
  readonly body: string;
}

const MONTH_WORDS = new Map<string, string>();
MONTHS.forEach((name) => {
  MONTH_WORDS.set(name.toLowerCase(), '{month}');
  MONTH_WORDS.set(name.slice(0, 3).toLowerCase(), '{mon}');
});

/**
 * A title with the parts that vary across issues written as placeholders: the issue's number, an
 * ISO date, month names, ordinals, days next to a month, years. `dayStyle` says how the day was
 * written (padded or not) when that can be told.
 */
function tokenizeTitle(title: string, number: number | undefined): { template: string; padded?: boolean } {
  let padded: boolean | undefined;
  const tokens = title.split(/(\d{4}-\d{2}-\d{2}|\d+(?:st|nd|rd|th)\b|\d+|[A-Za-z]+)/);
  const out: string[] = [];
  const monthAt = (i: number): boolean => {
    for (const j of [i - 2, i + 2]) {
      const word = tokens[j]?.toLowerCase();
      if (word && MONTH_WORDS.has(word) && /^[\s,.]*$/.test(tokens[Math.min(i, j) + 1] ?? '')) return true;
    }
    return false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (i % 2 === 0) {
      out.push(token);
      continue;
    }
    const lower = token.toLowerCase();
    if (/^\d{4}-\d{2}-\d{2}$/.test(token)) out.push('{iso}');
    else if (/^\d+(st|nd|rd|th)$/i.test(token)) out.push(/^0\d/.test(token) ? '{dd}{ordinal}' : '{day}{ordinal}');
    else if (/^\d+$/.test(token)) {
      const value = Number(token);
      if (number !== undefined && value === number) out.push('{number}');
      else if (token.length === 4 && value >= 1900 && value <= 2100) out.push('{year}');
      else if (value >= 1 && value <= 31 && token.length <= 2 && monthAt(i)) {
        if (token.length === 2 && token.startsWith('0')) padded = true;
        else if (token.length === 1) padded = false;
        out.push('{day}');
      } else if (number === undefined) out.push('{number}');
      else out.push(token);
    } else if (MONTH_WORDS.has(lower) && (lower.length > 3 || token.length === 3)) out.push(MONTH_WORDS.get(lower) as string);
    else out.push(token);
  }
  return { template: out.join(''), padded };
}

function inferTitleTemplate(facts: readonly IssueFacts[]): { template: string; confidence: number; evidence: string } {
  const titled = facts.filter((f) => f.title !== undefined && f.title.trim() !== '');
  if (titled.length === 0) return { template: '{number}', confidence: 0, evidence: 'no titles' };
  const tokenized = titled.map((f) => tokenizeTitle((f.title as string).trim(), f.number));
  const counts = countBy(tokenized.map((t) => t.template));
  let template = topKey(counts) as string;
  const agree = tokenized.filter((t) => t.template === template);
  const padded = agree.filter((t) => t.padded === true).length;
  const unpadded = agree.filter((t) => t.padded === false).length;
  if (padded > 0 && unpadded === 0) template = template.replace('{day}', '{dd}');
  return { template, confidence: agree.length / facts.length, evidence: `${agree.length} of ${facts.length} titles read so; next: ${[...counts].sort((a, b) => b[1] - a[1]).slice(1, 3).map(([t, c]) => `${t} (${c})`).join(', ') || 'none'}` };
}

// ---------------------------------------------------------------------------------------------
// Bodies: headings, blocks, entries

interface Heading {
  readonly level: number;
  readonly text: string;
  readonly style: 'atx' | 'setext' | 'quoted';
  readonly line: number;
}

type BlockKind = 'paragraph' | 'link-lines' | 'list-lead' | 'list-inline' | 'list-plain' | 'other';

interface Block {
  readonly kind: BlockKind;
  readonly line: number;
  /** The primary URL, for link entries. */
  readonly url?: string;
  /** For list items: the bullet, the tag before the link, blank lines before it when it follows an item. */
  readonly bullet?: string;
  readonly tag?: string;
  readonly blankBefore?: number;
}

type BodyItem = { heading: Heading } | { block: Block };

const LINK_AT = /^\[((?:[^\]\\]|\\.)*)\](?:\(\s*<?([^)\s>]*)>?[^)]*\)|\[[^\]]*\])/;

function scanBody(raw: string): BodyItem[] {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const items: BodyItem[] = [];
  let fence: string | undefined;
  let comment = false;
  let paragraph: string[] = [];
  let paragraphLine = 0;
  let blank = 0;
  let lastWasItem = false;
  const flush = (): void => {
    if (paragraph.length === 0) return;
    const linkLines = paragraph.slice(1).some((l) => /^\s*(<br\s*\/?>)?\s*\[[^\]]*\]\([^)]*\)\s*$/i.test(l)) || paragraph.some((l) => /^\s*<br\s*\/?>\s*\[/i.test(l));
    const url = linkLines ? /\]\(\s*<?([^)\s>]+)/.exec(paragraph.find((l) => /^\s*(<br\s*\/?>)?\s*\[[^\]]*\]\(/i.test(l)) ?? '')?.[1] : undefined;
    items.push({ block: { kind: linkLines ? 'link-lines' : 'paragraph', line: paragraphLine, url } });
    paragraph = [];
    lastWasItem = false;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (comment) {
      if (line.includes('-->')) comment = false;
      continue;
    }
    const open = /^\s{0,3}(```+|~~~+)/.exec(line);
    if (open) {
      flush();
      fence = open[1];
      continue;
    }
    if (/^\s*<!--/.test(line) && !line.includes('-->')) {
      flush();
      comment = true;
      continue;
    }
    if (line.trim() === '') {
      flush();
      blank++;
      continue;
    }
    const blanks = blank;
    blank = 0;
    const atx = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line) ?? /^ {0,3}(#{1,6})[ \t]*$/.exec(line);
    if (atx) {
      flush();
      items.push({ heading: { level: atx[1].length, text: (atx[2] ?? '').trim(), style: 'atx', line: i } });
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && paragraph.length === 0 && !/^\s*([*+-]|\d+[.)])\s/.test(line)) {
      if (/^ {0,3}=+[ \t]*$/.test(next)) {
        const quoted = /^\s*>\s*(.*)$/.exec(line);
        items.push({ heading: { level: 1, text: (quoted ? quoted[1] : line).trim(), style: quoted ? 'quoted' : 'setext', line: i } });
        i++;
        continue;
      }
      if (/^ {0,3}-{2,}[ \t]*$/.test(next) && !/^\s*>/.test(line)) {
        items.push({ heading: { level: 2, text: line.trim(), style: 'setext', line: i } });
        i++;
        continue;
      }
    }
    const item = /^([*+-])[ \t]+(.*)$/.exec(line);
    if (item) {
      flush();
      const rest = item[2];
      const tagged = /^(?:\*\*)?\[([A-Za-z][\w -]{0,15})\](?:\*\*)?[ \t]+(?=\[)/.exec(rest);
      const afterTag = tagged ? rest.slice(tagged[0].length) : rest;
      const lead = LINK_AT.exec(afterTag.replace(/^\*\*|^_/, ''));
      const inline = /\]\(\s*<?([^)\s>]+)/.exec(rest) ?? /<(https?:[^>\s]+)>/.exec(rest);
      const kind: BlockKind = lead ? 'list-lead' : inline ? 'list-inline' : 'list-plain';
      items.push({ block: { kind, line: i, url: lead?.[2] || inline?.[1], bullet: item[1], tag: tagged?.[1].toLowerCase(), blankBefore: lastWasItem ? blanks : undefined } });
      lastWasItem = true;
      continue;
    }
    if (/^\s+\S/.test(line) && lastWasItem && paragraph.length === 0) continue; // an item's continuation
    if (/^\s*(\d+[.)]|[*+-])[ \t]/.test(line) || /^\s*\[[^\]]+\]:\s/.test(line)) {
      flush();
      items.push({ block: { kind: 'other', line: i } });
      lastWasItem = false;
      continue;
    }
    if (paragraph.length === 0) paragraphLine = i;
    paragraph.push(line);
  }
  flush();
  return items;
}

function isLinkHeading(text: string): boolean {
  return /^\[[^\]]+\]\([^)]+\)/.test(text.trim());
}

interface Structure {
  readonly levels: number[];
  readonly nested: boolean;
  readonly quoted: boolean;
  readonly setext: boolean;
  readonly confidence: number;
  readonly evidence: string;
}

function inferStructure(scans: readonly BodyItem[][]): Structure {
  const n = scans.length;
  const levelIssues = new Map<number, number>();
  let setextIssues = 0;
  let quotedIssues = 0;
  let nestedIssues = 0;
  for (const scan of scans) {
    const headings = scan.flatMap((item) => ('heading' in item ? [item.heading] : []));
    for (const level of new Set(headings.map((h) => h.level))) levelIssues.set(level, (levelIssues.get(level) ?? 0) + 1);
    if (headings.some((h) => h.style !== 'atx')) setextIssues++;
    if (headings.some((h) => h.style === 'quoted')) quotedIssues++;
    if (headings.some((h, i) => i > 0 && h.level > headings[i - 1].level)) nestedIssues++;
  }
  const levels = [...levelIssues].filter(([, count]) => count >= n * 0.05).map(([level]) => level);
  const setext = setextIssues >= n * 0.5;
  // Setext headings come in two levels (`===` and `---`): a setext archive has both.
  if (setext) for (const level of [1, 2]) if (!levels.includes(level)) levels.push(level);
  if (levels.length === 0) levels.push(2);
  levels.sort((a, b) => a - b);
  const nested = levels.length > 1 && nestedIssues >= n * 0.1;
  const withAll = scans.filter((scan) => scan.some((item) => 'heading' in item && levels.includes(item.heading.level))).length;
  return {
    levels,
    nested,
    quoted: quotedIssues > 0,
    setext,
    confidence: n > 0 ? withAll / n : 0,
    evidence: `headings by level (issues): ${[...levelIssues].sort((a, b) => a[0] - b[0]).map(([l, c]) => `${l}: ${c}`).join(', ')}; nested in ${nestedIssues}, setext in ${setextIssues}, quoted in ${quotedIssues}`,
  };
}

interface ScannedSection {
  readonly name: string;
  /** The heading as written. */
  readonly written: string;
  readonly level: number;
  readonly depth: number;
  readonly parent?: ScannedSection;
  readonly blocks: Block[];
  /** Link headings directly under it (deeper headings whose text is a link). */
  linkHeadings: number;
  linkHeadingUrls: string[];
}

function buildSections(scan: readonly BodyItem[], levels: readonly number[], nested: boolean): ScannedSection[] {
  const sections: ScannedSection[] = [];
  const open: ScannedSection[] = [];
  let current: ScannedSection | undefined;
  let inLinkHeading = false;
  for (const item of scan) {
    if ('heading' in item) {
      const h = item.heading;
      if (current && h.level > current.level && isLinkHeading(h.text)) {
        current.linkHeadings++;
        current.linkHeadingUrls.push(/\]\(\s*<?([^)\s>]+)/.exec(h.text)?.[1] ?? '');
        inLinkHeading = true;
        continue;
      }
      if (!levels.includes(h.level)) continue;
      while (open.length > 0 && (!nested || open[open.length - 1].level >= h.level)) open.pop();
      const parent = open[open.length - 1];
      current = { name: normalizeName(h.text), written: h.text.replace(/^>\s*/, '').trim(), level: h.level, depth: parent ? parent.depth + 1 : 0, parent, blocks: [], linkHeadings: 0, linkHeadingUrls: [] };
      sections.push(current);
      open.push(current);
      inLinkHeading = false;
      continue;
    }
    if (current && !inLinkHeading) current.blocks.push(item.block);
  }
  return sections;
}

/** As section rules see a heading: no `>`, spaces collapsed, no trailing `:`/`.`, lower case. */
function normalizeName(name: string): string {
  return name.trim().replace(/^>\s*/, '').replace(/\s+/g, ' ').replace(/[:.]$/, '').toLowerCase();
}

interface Entries {
  readonly shape: EntryShape;
  readonly linkPosition: 'lead' | 'inline';
  readonly bullet: '*' | '-' | '+';
  readonly blankLinesBetween: number;
  readonly tags: string[];
  readonly linkLines: boolean;
  readonly confidence: number;
  readonly evidence: string;
}

function shapeCounts(blocks: readonly Block[], linkHeadings: number): Record<EntryShape, number> {
  let paragraph = 0;
  let list = 0;
  for (const block of blocks) {
    if (block.kind === 'link-lines') paragraph++;
    else if (block.kind === 'list-lead' || block.kind === 'list-inline') list++;
  }
  return { paragraph, 'list-item': list, 'link-heading': linkHeadings };
}

function topShape(counts: Record<EntryShape, number>): EntryShape | undefined {
  const order: EntryShape[] = ['paragraph', 'list-item', 'link-heading'];
  const best = order.reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : undefined;
}

function inferEntries(trees: readonly ScannedSection[][]): Entries {
  const all = trees.flat();
  const blocks = all.flatMap((s) => s.blocks);
  const counts = shapeCounts(blocks, all.reduce((n, s) => n + s.linkHeadings, 0));
  // The profile's shape is the one most sections use (a section of link headings is the exception, not the rule).
  const perSection = countBy(all.map((s) => topShape(shapeCounts(s.blocks, s.linkHeadings))).filter((s): s is EntryShape => s !== undefined));
  const shape = topKey(perSection) ?? topShape(counts) ?? 'paragraph';
  const items = blocks.filter((b) => b.kind === 'list-lead' || b.kind === 'list-inline');
  const lead = items.filter((b) => b.kind === 'list-lead').length;
  const bullet = (topKey(countBy(items.map((b) => b.bullet as string))) ?? '*') as '*' | '-' | '+';
  const gaps = items.map((b) => b.blankBefore).filter((g): g is number => g !== undefined);
  const blankLinesBetween = shape === 'paragraph' ? 1 : gaps.length > 0 ? median(gaps) : 0;
  const tagCounts = countBy(items.map((b) => b.tag).filter((t): t is string => t !== undefined));
  const tags = [...tagCounts].filter(([, c]) => c >= 3).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([t]) => t);
  const total = counts.paragraph + counts['list-item'] + counts['link-heading'];
  return {
    shape,
    linkPosition: lead * 2 >= items.length ? 'lead' : 'inline',
    bullet,
    blankLinesBetween,
    tags,
    linkLines: counts.paragraph > 0,
    confidence: (perSection.get(shape) ?? 0) / Math.max(1, [...perSection.values()].reduce((a, b) => a + b, 0)),
    evidence: `link entries: ${counts.paragraph} paragraphs with link lines, ${counts['list-item']} list items (${lead} leading with their link), ${counts['link-heading']} link headings; of ${total}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Section rules

const VOCABULARY: readonly [RegExp, SectionKind][] = [
  [/sponsor/, 'sponsor'],
  [/\bevents?\b/, 'events'],
  [/\bjobs?\b/, 'jobs'],
  [/\bnews\b/, 'news'],
  [/\btools?\b/, 'tools'],
];

/** Kinds whose entries are announcements that come back week after week: never featured links. */
const NOT_FEATURED: ReadonlySet<SectionKind> = new Set(['sponsor', 'events', 'jobs']);

function vocabularyKind(name: string): SectionKind | undefined {
  return VOCABULARY.find(([pattern]) => pattern.test(name))?.[1];
}

function singular(name: string): string {
  return name.replace(/s$/, '');
}

interface SectionStats {
  name: string;
  issues: number;
  topLevelIssues: number;
  blocks: number;
  linkEntries: number;
  repeated: number;
  /** Link entries whose URL another top-level section of the same issue links to as well. */
  repeatedInIssue: number;
  shapes: Record<EntryShape, number>;
}

function inferSectionRules(
  trees: readonly ScannedSection[][],
  facts: readonly IssueFacts[],
  profileShape: EntryShape,
  templateNames: readonly string[] | undefined,
): { rules: SectionRule[]; frequentNames: string[]; summary: string; confidence: number; evidence: string } {
  // Issues in date order, so that "seen before" means an earlier issue.
  const order = facts.map((_, i) => i).sort((a, b) => {
    const da = facts[a].date;
    const db = facts[b].date;
    return da && db ? daysBetween(db, da) : 0;
  });
  const stats = new Map<string, SectionStats>();
  const seen = new Set<string>();
  const writtenNames = new Map<string, Map<string, number>>();
  const positions = new Map<string, number>();
  for (const i of order) {
    const sections = trees[i];
    const issueUrls: string[] = [];
    const namesHere = new Set<string>();
    // Where each URL of this issue stands: the top-level sections that link to it.
    const sectionsOf = new Map<string, Set<string>>();
    const urlsOfSection: [SectionStats, string[]][] = [];
    for (const section of sections) {
      const stat = stats.get(section.name) ?? { name: section.name, issues: 0, topLevelIssues: 0, blocks: 0, linkEntries: 0, repeated: 0, repeatedInIssue: 0, shapes: { paragraph: 0, 'list-item': 0, 'link-heading': 0 } };
      stats.set(section.name, stat);
      const written = writtenNames.get(section.name) ?? new Map<string, number>();
      written.set(section.written, (written.get(section.written) ?? 0) + 1);
      writtenNames.set(section.name, written);
      if (!namesHere.has(section.name)) {
        namesHere.add(section.name);
        stat.issues++;
        if (section.depth === 0) {
          stat.topLevelIssues++;
          const top = sections.filter((s) => s.depth === 0);
          positions.set(section.name, (positions.get(section.name) ?? 0) + top.indexOf(section) / Math.max(1, top.length - 1));
        }
      }
      const counts = shapeCounts(section.blocks, section.linkHeadings);
      for (const shape of Object.keys(counts) as EntryShape[]) stat.shapes[shape] += counts[shape];
      // Links and blocks of its whole subtree count for a top-level section.
      const subtree = [section, ...sections.filter((s) => isUnder(s, section))];
      if (section.depth === 0) {
        const here: string[] = [];
        urlsOfSection.push([stat, here]);
        for (const s of subtree) {
          const urls = [...s.blocks.filter((b) => b.kind !== 'paragraph' && b.kind !== 'other' && b.kind !== 'list-plain' && b.url).map((b) => b.url as string), ...s.linkHeadingUrls.filter((u) => u)];
          stat.blocks += s.blocks.filter((b) => b.kind !== 'other').length + s.linkHeadings;
          stat.linkEntries += urls.length;
          for (const url of urls) {
            const key = url.replace(/^https?:\/\/(www\.)?/i, '').replace(/(?<![/#])[/#]+$/, '');
            if (seen.has(key)) stat.repeated++;
            issueUrls.push(key);
            here.push(key);
            const at = sectionsOf.get(key) ?? new Set<string>();
            at.add(section.name);
            sectionsOf.set(key, at);
          }
        }
      }
    }
    for (const url of issueUrls) seen.add(url);
    for (const [stat, urls] of urlsOfSection) for (const url of urls) if ((sectionsOf.get(url)?.size ?? 0) > 1) stat.repeatedInIssue++;
  }
  const n = trees.length;
  const isFrequent = (stat: SectionStats): boolean => {
    if (templateNames) return templateNames.some((t) => t === stat.name || singular(t) === singular(stat.name));
    return stat.topLevelIssues >= n * 0.1;
  };
  const rules: SectionRule[] = [];
  const described: string[] = [];
  const frequent = [...stats.values()].filter((s) => s.topLevelIssues > 0 && isFrequent(s)).sort((a, b) => b.topLevelIssues - a.topLevelIssues);
  // Rules are exact names; names that differ only by a final `s` share one rule.
  const emitted = new Set<string>();
  const shares: string[] = [];
  for (const stat of [...stats.values()].sort((a, b) => b.issues - a.issues)) {
    const key = singular(stat.name);
    if (emitted.has(key)) continue;
    const vocab = vocabularyKind(stat.name);
    const topLevel = stat.topLevelIssues > 0;
    const frequentHere = topLevel && (isFrequent(stat) || frequent.some((f) => singular(f.name) === key));
    const linkShare = stat.blocks > 0 ? stat.linkEntries / stat.blocks : 0;
    const repeatShare = stat.linkEntries > 0 ? stat.repeated / stat.linkEntries : 1;
    const shape = topShape(stat.shapes);
    // Featured: a section of link entries whose links are new each week (what the seen-before check
    // is for), or one whose entries are headings that are links, the issue's headline items. A news
    // or tools section says by its name that it is editorial, and may repeat a link now and then
    // (up to 15%); a section with no such name must show it: at most 5% of its links seen before
    // (a digest of a project's tracker, whose items come back week after week, shows more).
    const maxRepeat = vocab === 'news' || vocab === 'tools' ? 0.15 : 0.05;
    const featured = frequentHere && !(vocab && NOT_FEATURED.has(vocab)) && ((linkShare >= 0.5 && repeatShare <= maxRepeat) || (shape === 'link-heading' && shape !== profileShape));
    const entryShape = frequentHere && shape && shape !== profileShape ? shape : undefined;
    // Announcements (sponsor, events, jobs) are what they say wherever they are; news and tools only
    // as the archive's regular sections (a subsection takes after its section, a one-off heading is other).
    const kind: SectionKind | undefined = vocab && (NOT_FEATURED.has(vocab) || frequentHere) ? vocab : featured ? 'links' : undefined;
    const inIssueShare = stat.linkEntries > 0 ? stat.repeatedInIssue / stat.linkEntries : 0;
    if (frequentHere) shares.push(`${stat.name}: ${Math.round(linkShare * 100)}% link entries, ${Math.round(repeatShare * 100)}% seen before, ${Math.round(inIssueShare * 100)}% also in another section`);
    if (!kind && !entryShape) continue;
    emitted.add(key);
    const variants = [...stats.keys()].filter((name) => singular(name) === key);
    const match = variants.length > 1 ? `^${escapeRegExp(key)}s?$` : `^${escapeRegExp(stat.name)}$`;
    rules.push({ match, kind: kind ?? 'other', ...(featured ? { featured: true } : {}), ...(entryShape ? { entryShape } : {}) });
    if (frequentHere) described.push(`${stat.name} (${kind ?? 'other'}${featured ? ', featured' : ''}${entryShape ? `, ${entryShape}` : ''})`);
  }
  // Sponsor rules first: a `Sponsored event` is a sponsor's.
  rules.sort((a, b) => Number(b.kind === 'sponsor') - Number(a.kind === 'sponsor'));
  const covered = trees.filter((sections) => sections.some((s) => s.depth === 0 && frequent.some((f) => f.name === s.name))).length;
  return {
    rules,
    // The skeleton: the sections most issues have, in the order they come.
    frequentNames: [...stats.values()]
      .filter((f) => f.topLevelIssues >= n * 0.5)
      .sort((a, b) => (positions.get(a.name) ?? 0) / a.topLevelIssues - (positions.get(b.name) ?? 0) / b.topLevelIssues)
      .map((f) => topKey(writtenNames.get(f.name) ?? new Map()) ?? f.name),
    summary: frequent.map((f) => f.name).join(', ') || 'none',
    confidence: n > 0 ? covered / n : 0,
    evidence: `rules: ${described.join('; ') || 'none'}${templateNames ? ' (names from the new-issue template)' : ''}; ${shares.join('; ')}`,
  };
}

function isUnder(section: ScannedSection, ancestor: ScannedSection): boolean {
  for (let p = section.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}


// ---------------------------------------------------------------------------------------------
// New-issue template

function sectionNamesOf(text: string, structure: Structure, asWritten = false): string[] {
  const header = readHeader(text);
  const sections = buildSections(scanBody(text.slice(header.bodyStart)), structure.levels, structure.nested);
  return sections.filter((s) => s.depth === 0).map((s) => (asWritten ? s.written : s.name));
}

/** The time of day (and offset) after the date in a template's date field: `POST_DATE 22:00:00 -0000`. */
function templateDateTime(text: string, dateField: string): string | undefined {
  const value = readHeader(text).fields.find(([key]) => key.toLowerCase() === dateField.toLowerCase())?.[1];
  const time = value ? /\s(\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)\s*$/.exec(value)?.[1] : undefined;
  return time;
}

/** A repository file that looks like an issue but is none: its header has the issues' kind and it has section headings. */
function findTemplate(markdown: readonly ArchiveFile[], others: readonly ArchiveFile[], issues: readonly ArchiveFile[], kind: HeaderKind): ArchiveFile | undefined {
  const issuePaths = new Set(issues.map((f) => f.path));
  const candidates = [...markdown.filter((f) => !issuePaths.has(f.path)), ...others].filter((f) => f.text.length < 200_000);
  const scored = candidates
    .map((file) => {
      const header = readHeader(file.text);
      const named = /(template|draft|archetype|skeleton|new)/i.test(file.path) ? 2 : 0;
      const headings = (file.text.match(/^#{1,6}[ \t]+\S/gm) ?? []).length;
      const score = (header.kind === kind && kind !== 'none' ? 2 : 0) + named + (headings >= 2 ? 1 : 0);
      return { file, score, ok: (header.kind === kind || kind === 'none') && headings >= 1 && named > 0 };
    })
    .filter((s) => s.ok)
    .sort((a, b) => b.score - a.score || a.file.path.length - b.file.path.length);
  return scored[0]?.file;
}

/**
 * The placeholders of a template, found by aligning its header values with the latest issue's: the
 * text that differs is a placeholder, and what the issue has there says what it stands for.
 */
function inferPlaceholders(templateText: string, latest: IssueFacts, titleTemplate: string, fields: Fields): Record<string, string> {
  const placeholders: Record<string, string> = {};
  const template = readHeader(templateText);
  const issue = readHeader(latest.file.text);
  const value = (header: Header, name: string): string | undefined => header.fields.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  for (const [key, wholeTemplateValue] of template.fields) {
    const wholeIssueValue = value(issue, key);
    if (wholeIssueValue === undefined || wholeIssueValue === wholeTemplateValue) continue;
    const isTitle = key.toLowerCase() === fields.title.toLowerCase();
    // Word by word where both have as many words (a time written in the template is no placeholder).
    const templateWords = wholeTemplateValue.split(/\s+/);
    const issueWords = wholeIssueValue.split(/\s+/);
    const pairs: [string, string][] = !isTitle && templateWords.length === issueWords.length
      ? templateWords.map((word, i) => [word, issueWords[i]] as [string, string]).filter(([a, b]) => a !== b && !/^[\d:+-]+$|^Z$/.test(a))
      : [[wholeTemplateValue, wholeIssueValue]];
    for (const [templateValue, issueValue] of pairs) {
    const reference = isTitle ? titleTemplate : issueValue;
    let start = 0;
    while (start < templateValue.length && start < reference.length && templateValue[start] === reference[start]) start++;
    let end = 0;
    while (end < templateValue.length - start && end < reference.length - start && templateValue[templateValue.length - 1 - end] === reference[reference.length - 1 - end]) end++;
    const placeholder = templateValue.slice(start, templateValue.length - end).trim();
    if (!placeholder || placeholders[placeholder] !== undefined) continue;
    if (isTitle) {
      let meaning = reference.slice(start, reference.length - end).trim();
      if (/\{day\}/.test(meaning) && /\bDD\b/.test(placeholder)) meaning = meaning.replace('{day}', '{dd}');
      placeholders[placeholder] = meaning;
      continue;
    }
    const differing = issueValue.slice(start, issueValue.length - end).trim();
    const meaning = describeValue(differing, latest);
    if (meaning) placeholders[placeholder] = meaning;
    }
  }
  return placeholders;
}

function describeValue(text: string, latest: IssueFacts): string | undefined {
  if (latest.number !== undefined && text === String(latest.number)) return '{number}';
  const date = isoDate(text);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(text)) return latest.date && formatIsoDay(latest.date) === text ? '{pubIso}' : '{iso}';
  const tokens = tokenizeTitle(text, latest.number).template;
  return tokens !== text ? tokens : undefined;
}

// ---------------------------------------------------------------------------------------------
// Renderer

function inferRenderer(others: readonly ArchiveFile[], markdown: readonly ArchiveFile[], kind: HeaderKind, pattern: string): { name: RendererName; kramdownInput?: 'kramdown' | 'GFM'; confidence: number; evidence: string } {
  const all = [...others, ...markdown];
  const find = (re: RegExp): ArchiveFile | undefined => all.filter((f) => re.test(baseName(f.path))).sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  const jekyll = find(/^_config\.ya?ml$/);
  if (jekyll) {
    const key = /^markdown:[ \t]*["']?([\w-]+)/m.exec(jekyll.text)?.[1]?.toLowerCase();
    if (key && /commonmark|gfm/.test(key)) return { name: 'commonmark', confidence: 1, evidence: `${jekyll.path}: markdown: ${key}` };
    // Jekyll runs kramdown with its GFM input parser unless `kramdown: input:` names another.
    const input = /^kramdown:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+input:[ \t]*["']?(\w+)/m.exec(jekyll.text)?.[1];
    const kramdownInput = input === undefined || input.toLowerCase() === 'gfm' ? 'GFM' : 'kramdown';
    return { name: 'kramdown', kramdownInput, confidence: 1, evidence: `${jekyll.path}: ${key ? `markdown: ${key}` : "no markdown: key (Jekyll's default, kramdown)"}, input ${input ?? "GFM (Jekyll's default)"}` };
  }
  const python = find(/^(pelicanconf\.py|mkdocs\.ya?ml)$/);
  if (python) return { name: 'python-markdown', confidence: 1, evidence: `${python.path}: a Python-Markdown site generator` };
  const hugo = find(/^(hugo\.(toml|ya?ml|json)|config\.toml)$/) ?? all.find((f) => f.path.startsWith('archetypes/'));
  if (hugo) return { name: 'commonmark', confidence: 1, evidence: `${hugo.path}: Hugo (goldmark, CommonMark)` };
  if (kind === 'yaml' && pattern.startsWith('{yyyy}-{mm}-{dd}-')) return { name: 'kramdown', confidence: 0.6, evidence: 'no site config; YAML front matter and Jekyll post names (kramdown)' };
  return { name: 'commonmark', confidence: 0.3, evidence: 'no site config found' };
}
