import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inferProfile, type ArchiveFile } from '../../src/core/format/infer';
import { resolveProfile } from '../../src/core/format/validate';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { resolveConfig } from '../../src/core/config';
import { sectionTree } from '../../src/core/sectionTree';
import { widgetArchive } from './helpers/archive';

describe('inferProfile on an archive in a format no preset knows', () => {
  const archive = widgetArchive();
  const result = inferProfile(archive.files, archive.others);
  const { profile } = result;

  test('finds the issues by their numbered file names, in their folder, and no README or template', () => {
    assert.equal(result.issueCount, 8);
    assert.deepEqual(result.issues, [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `newsletter/issue-${n}.md`).sort());
    assert.equal(profile.files.name, 'issue-{number}.md');
    assert.equal(profile.files.folder, 'newsletter');
    assert.deepEqual(profile.files.globs, ['newsletter/**/*.{md,markdown}']);
  });

  test('reads the header kind and which field is the title, the date and the number by their values', () => {
    assert.deepEqual(profile.header, { kind: 'toml', titleField: 'title', dateField: 'date', numberField: 'issue' });
  });

  test('writes the parts of the title that vary as placeholders', () => {
    assert.equal(profile.title.template, 'Weekly Widgets #{number}: {month} {day}, {year}');
  });

  test('sections, entry shape, bullet, tags, interval, time of day and renderer', () => {
    assert.deepEqual(profile.sections.levels, [2]);
    assert.equal(profile.sections.nested, false);
    assert.equal(profile.sections.quotedHeadings, false);
    assert.equal(profile.entries.shape, 'list-item');
    assert.equal(profile.entries.linkPosition, 'lead');
    assert.equal(profile.entries.bullet, '-');
    assert.equal(profile.entries.blankLinesBetween, 0);
    assert.ok(profile.entries.tags.includes('video'));
    assert.equal(profile.newIssue.intervalDays, 14);
    assert.equal(profile.newIssue.time, '09:30:00Z');
    assert.equal(profile.renderer, 'commonmark');
    assert.equal(profile.email.layout, 'generic');
  });

  test('kinds from generic words, featured where new links are every issue, never the sponsor or events', () => {
    const config = resolveConfig({ format: profile }).config;
    const document = parseWithConfig(archive.files[2].text, archive.files[2].path, config);
    const byName = new Map(document.sections.map((s) => [s.name, s]));
    assert.equal(byName.get('Links')?.kind, 'links');
    assert.equal(byName.get('Links')?.featured, true);
    assert.equal(byName.get('Releases')?.featured, true);
    assert.equal(byName.get('Upcoming Events')?.kind, 'events');
    assert.equal(byName.get('Upcoming Events')?.featured, false);
    assert.equal(byName.get('Sponsor')?.kind, 'sponsor');
    assert.equal(byName.get('Sponsor')?.featured, false);
  });

  test('the profile validates and parses the issues: number, date and each entry with its link', () => {
    assert.deepEqual(resolveProfile(profile).problems, []);
    const config = resolveConfig({ format: profile }).config;
    const document = parseWithConfig(archive.files[2].text, archive.files[2].path, config);
    assert.equal(document.number?.value, 3);
    assert.deepEqual(document.publicationDate, { year: 2024, month: 2, day: 2 });
    const links = sectionTree(document).find((node) => node.section.name === 'Links');
    assert.deepEqual(links?.section.entries.map((e) => e.primaryLink?.target), ['https://sprockets.example/part-3', 'https://cogs.example/why/3', 'https://video.example/show-3']);
  });

  test('takes the archetype for the new-issue template and maps its placeholders from the latest issue', () => {
    assert.equal(profile.newIssue.template, 'archetypes/issue.md');
    assert.equal(profile.newIssue.placeholders.NUMBER, '{number}');
    assert.deepEqual(profile.newIssue.sections, ['Links', 'Releases', 'Upcoming Events', 'Sponsor']);
  });

  test('says how sure it is of each part', () => {
    const parts = new Map(result.parts.map((p) => [p.part, p]));
    for (const part of ['files', 'header', 'title', 'sections', 'entries', 'section names', 'interval', 'renderer']) {
      assert.ok(parts.has(part), part);
      const confidence = parts.get(part)?.confidence ?? -1;
      assert.ok(confidence >= 0 && confidence <= 1, part);
    }
    assert.equal(parts.get('title')?.confidence, 1);
  });
});

describe('inferProfile on other layouts', () => {
  test('a paragraph newsletter: setext sections, link lines, Jekyll names, a YAML date and an ordinal title', () => {
    const files: ArchiveFile[] = [];
    for (let n = 20; n < 25; n++) {
      const day = 3 + (n - 20) * 7; // 3rd, 10th, 17th, 24th, 31st
      const ordinal = day === 3 ? 'rd' : day === 31 ? 'st' : 'th';
      files.push({
        path: `site/_posts/2023-03-${String(day).padStart(2, '0')}-${n}.md`,
        text: `---\ntitle: Gear Notes No. ${n}, ${day}${ordinal} March 2023\ndate: 2023-03-${String(day).padStart(2, '0')}\n---\n\nNews\n====\n\nA piece about gears, number ${n}.\n<br>[https://gears.example/${n}](https://gears.example/${n})\n\nAnother piece.\n<br>[https://cogs.example/${n}](https://cogs.example/${n})\n\nJobs\n====\n\nHiring gear makers.\n<br>[https://jobs.example/](https://jobs.example/)\n`,
      });
    }
    const { profile } = inferProfile(files);
    assert.equal(profile.files.name, '{yyyy}-{mm}-{dd}-{number}.md');
    assert.deepEqual(profile.files.globs, ['site/_posts/**/*.{md,markdown}']);
    assert.equal(profile.header.kind, 'yaml');
    assert.equal(profile.header.numberField, undefined);
    assert.equal(profile.title.template, 'Gear Notes No. {number}, {day}{ordinal} {month} {year}');
    assert.deepEqual(profile.sections.levels, [1, 2]);
    assert.equal(profile.entries.shape, 'paragraph');
    assert.equal(profile.email.layout, 'devops-weekly');
    assert.equal(profile.renderer, 'kramdown');
    const config = resolveConfig({ format: profile }).config;
    const document = parseWithConfig(files[0].text, files[0].path, config);
    assert.equal(document.sections.find((s) => s.name === 'News')?.featured, true);
    assert.equal(document.sections.find((s) => s.name === 'Jobs')?.kind, 'jobs');
  });

  test('no header at all: the title is the first heading, the number the file name\'s', () => {
    const files: ArchiveFile[] = [3, 4, 5, 6].map((n) => ({
      path: `notes/friday-${n}.md`,
      text: `# Friday Notes ${n}\n\nShort intro.\n\n### Reading\n\n+ A piece on [sprockets](https://sprockets.example/${n}) worth a look.\n+ And one on [cogs](https://cogs.example/${n}).\n\n### Jobs\n\n+ [Gear maker](https://jobs.example/gears)\n`,
    }));
    const { profile } = inferProfile(files);
    assert.equal(profile.header.kind, 'none');
    assert.equal(profile.files.name, 'friday-{number}.md');
    assert.equal(profile.title.template, 'Friday Notes {number}');
    assert.deepEqual(profile.sections.levels, [3]);
    assert.equal(profile.sections.nested, false);
    assert.equal(profile.entries.shape, 'list-item');
    assert.equal(profile.entries.linkPosition, 'inline');
    assert.equal(profile.entries.bullet, '+');
    const config = resolveConfig({ format: profile }).config;
    const document = parseWithConfig(files[1].text, files[1].path, config);
    assert.equal(document.title?.text, 'Friday Notes 4');
    assert.equal(document.number?.value, 4);
    assert.deepEqual(document.sections.map((s) => [s.name, s.depth]), [['Reading', 0], ['Jobs', 0]]);
    assert.equal(document.sections.find((s) => s.name === 'Jobs')?.kind, 'jobs');
    assert.deepEqual(document.sections.find((s) => s.name === 'Reading')?.entries.map((e) => e.primaryLink?.target), ['https://sprockets.example/4', 'https://cogs.example/4']);
  });

  test('a Jekyll site config names the renderer', () => {
    const { files } = widgetArchive(4);
    assert.equal(inferProfile(files, [{ path: '_config.yml', text: 'title: x\nmarkdown: CommonMarkGhPages\n' }]).profile.renderer, 'commonmark');
    assert.equal(inferProfile(files, [{ path: '_config.yml', text: 'title: x\n' }]).profile.renderer, 'kramdown');
    assert.equal(inferProfile(files, [{ path: 'mkdocs.yml', text: 'site_name: x\n' }]).profile.renderer, 'python-markdown');
  });

  test('no file that looks like an issue is an error', () => {
    assert.throws(() => inferProfile([{ path: 'README.md', text: '# Read me\n' }, { path: 'notes.md', text: 'Some notes.\n' }]), /no Markdown file that looks like an issue/);
  });
});
