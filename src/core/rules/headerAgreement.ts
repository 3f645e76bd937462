import { compareDays, formatIsoDay, isValidCalendarDate } from '../parse/dates';
import { headerField } from '../parse/parseIssue';
import type { CalendarDate, Finding } from '../model';
import type { Rule, RuleCode } from './rule';
import { fencedLines, finding, matchesOf, rangeOf, replace } from './helpers';
import { titleDay } from '../parse/title';

const SLUG: RuleCode = {
  code: 'header.slug-mismatch',
  defaultSeverity: 'warning',
  description: "The header's slug field names another day than the file name (a slug copied from an older issue).",
};
const LINK_NUMBER: RuleCode = {
  code: 'header.link-number',
  defaultSeverity: 'warning',
  description: "A link's address names the newsletter with another issue number than this issue's (a discussion link copied from an older issue).",
};
const TEXT_DATE: RuleCode = {
  code: 'date.impossible-in-text',
  defaultSeverity: 'warning',
  description: 'An ISO date in the text that no calendar has (`2014-25-12`, `2023-02-29`), or a date range that ends before it starts.',
};

const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;

function isoAt(match: RegExpExecArray): CalendarDate {
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * The newsletter's name as it appears in an address, from the title template's words before
 * `{number}`: `This Week in Rust {number}` gives `this[_-]week[_-]in[_-]rust[_-]`. Undefined when the
 * template has no number or fewer than two words before it (too generic to recognise).
 */
function nameInAddress(template: string): RegExp | undefined {
  const before = /^(.*?)\{number\}/.exec(template)?.[1];
  if (!before) return undefined;
  const words = before.replace(/\\#|#/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length < 2) return undefined;
  return new RegExp(`(?:^|[/_-])${words.map((w) => w.toLowerCase()).join('[_-]')}[_-](\\d+)(?=$|[/_.?#-])`, 'i');
}

/**
 * Header fields and addresses that must agree with the issue: the slug field's day with the file
 * name's (Jekyll publishes under the slug), an address that names the newsletter and an issue
 * number with this issue's number, and ISO dates in the text that must be real days.
 */
export const headerAgreementRule: Rule = {
  name: 'headerAgreement',
  codes: [SLUG, LINK_NUMBER, TEXT_DATE],
  docs: 'docs/rules.md',
  check: ({ document, config }) => {
    const profile = config.format;
    const findings: Finding[] = [];

    const slugField = profile.header.slugField && document.frontMatter ? headerField(document.frontMatter, profile.header.slugField) : undefined;
    const fileDay = document.fileNameInfo?.date;
    if (slugField && fileDay) {
      ISO.lastIndex = 0;
      const match = ISO.exec(slugField.rawValue);
      if (match && compareDays(isoAt(match), fileDay) !== 0) {
        const base = document.lines.offsetAt(slugField.valueRange.start) + match.index;
        const range = rangeOf(document, base, base + 10);
        const title = document.title ? titleDay(document.title) : undefined;
        // When the title names the slug's day, the file name is the odd one out: no edit of the slug then.
        const titleAgrees = title !== undefined && compareDays(title, isoAt(match)) === 0;
        findings.push(finding(SLUG, range, `The slug says ${match[0]} but the file name says ${formatIsoDay(fileDay)}${titleAgrees ? ' (the title agrees with the slug: rename the file?)' : ''}.`, {
          fixes: titleAgrees ? [] : [{ title: `Change the slug's day to ${formatIsoDay(fileDay)}`, edits: [replace(range, formatIsoDay(fileDay))], preferred: true }],
        }));
      }
    }

    const name = nameInAddress(profile.title.template);
    const number = document.number?.value;
    if (name && number !== undefined) {
      for (const entry of [...document.intro, ...document.sections.flatMap((s) => s.entries)]) {
        for (const link of entry.links) {
          const match = name.exec(link.target);
          if (!match || Number(match[1]) === number) continue;
          // The address must end at the issue's own page (a comment in last week's thread, quoted on
          // purpose, goes on), and the link must stand on a line of its own, as the template's
          // discussion link does (a sentence may well point back at an older issue).
          if (!/^[/]?(?:[?#].*)?$/.test(link.target.slice(match.index + match[0].length))) continue;
          const line = document.lines.lineText(link.range.start.line);
          const rest = line.slice(0, link.range.start.character) + line.slice(link.range.end.line === link.range.start.line ? link.range.end.character : line.length);
          if (rest.replace(/<\/?[a-z][^>]*>/gi, '').trim() !== '') continue;
          findings.push(finding(LINK_NUMBER, link.targetRange, `This address names issue ${match[1]}, but this is issue ${number}: is it left from an older issue?`));
        }
      }
    }

    // The dates of the whole text in one pass, not line by line: this rule runs on the whole
    // issue after every edit, and most lines hold no date. A date can not span lines (digits and
    // dashes), so the matches of one line are those of its text alone.
    const fenced = fencedLines(document);
    let line = -1;
    let dates: Array<{ day: CalendarDate; start: number; end: number }> = [];
    const rangesOf = () => {
      for (let i = 1; i < dates.length; i++) {
        const between = document.text.slice(dates[i - 1].end, dates[i].start);
        if (between !== '..' && !/^\s*(?:-|–|to)\s*$/.test(between)) continue;
        if (compareDays(dates[i - 1].day, dates[i].day) > 0) {
          findings.push(finding(TEXT_DATE, rangeOf(document, dates[i - 1].start, dates[i].end),
            `This range ends (${formatIsoDay(dates[i].day)}) before it starts (${formatIsoDay(dates[i - 1].day)}).`));
        }
      }
      dates = [];
    };
    for (const m of matchesOf(ISO, document.text)) {
      const at = document.lines.positionAt(m.index).line;
      if (at !== line) {
        rangesOf();
        line = at;
      }
      if (fenced(line)) continue;
      const day = isoAt(m);
      // Only what looks meant as a date: a plausible year and month position.
      if (day.year < 1990 || day.year > 2100) continue;
      // The date field that does not parse is `date.invalid`'s.
      const inDateField = document.date && !document.date.calendar && document.date.range.start.line === line;
      if (!isValidCalendarDate(day) && !inDateField) {
        findings.push(finding(TEXT_DATE, rangeOf(document, m.index, m.index + 10), `\`${m[0]}\` is not a date: ${day.month > 12 ? `there is no month ${day.month}` : `month ${day.month} of ${day.year} has no day ${day.day}`}.`));
        continue;
      }
      if (!isValidCalendarDate(day)) continue;
      dates.push({ day, start: m.index, end: m.index + 10 });
    }
    rangesOf();
    return findings;
  },
};
