import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { resolveConfig } from '../../src/core/config';
import { resolveProfile } from '../../src/core/format/validate';
import { DEVOPS_WEEKLY, LWKD, PRESETS, THIS_WEEK_IN_RUST } from '../../src/core/format/presets';
import type { FormatProfile } from '../../src/core/format/profile';
import { formatTitle, looksLikeIssueTitle } from '../../src/core/titleTemplate';
import { formatFileName, isoWeek, parseFileNameWith } from '../../src/core/parse/dates';
import { textAt } from './helpers/text';

describe('resolveProfile', () => {
  test('names a preset by its name', () => {
    assert.equal(resolveProfile('lwkd').profile, LWKD);
    assert.deepEqual(resolveProfile('lwkd').problems, []);
  });

  test('says which presets exist when the name is unknown, and keeps the base', () => {
    const { profile, problems } = resolveProfile('weekly-gazette');
    assert.equal(profile, DEVOPS_WEEKLY);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /unknown preset "weekly-gazette".*this-week-in-rust/);
  });

  test('merges overrides into the named preset object by object, lists replacing', () => {
    const { profile, problems } = resolveProfile({
      preset: 'this-week-in-rust',
      title: { template: 'Widget Weekly {number}' },
      entries: { tags: ['talk'] },
    });
    assert.deepEqual(problems, []);
    assert.equal(profile.title.template, 'Widget Weekly {number}');
    assert.deepEqual(profile.entries.tags, ['talk']);
    assert.equal(profile.entries.shape, THIS_WEEK_IN_RUST.entries.shape);
    assert.equal(profile.header.kind, 'pelican');
  });

  test('drops wrong values with a line each and keeps the preset\'s', () => {
    const { profile, problems } = resolveProfile({
      header: { kind: 'xml' },
      sections: { levels: [0, 9], rules: [{ match: '(', kind: 'links' }, { kind: 'links' }] },
      entries: { blankLinesBetween: 1.5 },
      colour: 'blue',
    });
    assert.equal(profile.header.kind, DEVOPS_WEEKLY.header.kind);
    assert.deepEqual(profile.sections.levels, DEVOPS_WEEKLY.sections.levels);
    assert.equal(profile.entries.blankLinesBetween, DEVOPS_WEEKLY.entries.blankLinesBetween);
    assert.deepEqual(profile.sections.rules, [], 'the invalid regular expression is dropped, the rule without match too');
    const joined = problems.join('\n');
    for (const part of ['format.header.kind', 'format.sections.levels[0]', 'format.sections.levels[1]', 'format.sections.rules[1]', 'not a valid regular expression', 'format.entries.blankLinesBetween', 'format.colour: unknown key']) {
      assert.ok(joined.includes(part), `${part} in:\n${joined}`);
    }
  });

  test('every preset validates against the schema unchanged', () => {
    for (const [name, preset] of Object.entries(PRESETS)) {
      const { preset: _unused, ...asObject } = { preset: name, ...preset };
      void _unused;
      const { profile, problems } = resolveProfile({ preset: name, ...asObject });
      assert.deepEqual(problems, [], name);
      assert.deepEqual(profile, preset, name);
    }
  });
});

describe('resolveConfig with a format', () => {
  test('reads the format from the project file and the old one-value keys as amendments', () => {
    const { config, problems } = resolveConfig({ format: 'this-week-in-rust', postsFolder: 'drafts', sponsorSections: ['Our Friends'] });
    assert.deepEqual(problems, []);
    assert.equal(config.format.header.kind, 'pelican');
    assert.equal(config.format.files.folder, 'drafts');
    assert.equal(config.format.sections.rules[0].kind, 'sponsor');
    assert.ok(new RegExp(config.format.sections.rules[0].match, 'i').test('our friends'));
  });

  test('takes the format\'s default rule levels, under the project\'s own', () => {
    const base: FormatProfile = { ...DEVOPS_WEEKLY, rules: { 'link.insecure': 'off', 'section.empty': 'hint' } };
    const layered = resolveConfig({ format: { rules: base.rules }, rules: { 'section.empty': 'error' } }).config;
    assert.deepEqual(layered.rules, { 'link.insecure': 'off', 'section.empty': 'error' });
  });
});

describe('title templates', () => {
  const day = { year: 2026, month: 3, day: 2 };

  test('write every placeholder', () => {
    assert.equal(
      formatTitle('{number}|{day}|{dd}|{ordinal}|{month}|{mon}|{mm}|{year}|{iso}|{week}', 12, day),
      '12|2|02|nd|March|Mar|03|2026|2026-03-02|10',
    );
  });

  test('recognise titles leniently: spaces, case, an escaped #', () => {
    assert.ok(looksLikeIssueTitle('week ending march  2, 2026', 'Week Ending {month} {day}, {year}'));
    assert.ok(looksLikeIssueTitle('Weekly #3', 'Weekly \\#{number}'));
    assert.ok(!looksLikeIssueTitle('Release notes', 'Weekly {number}'));
  });

  test('ISO weeks follow the Thursday rule at year ends', () => {
    assert.equal(isoWeek({ year: 2021, month: 1, day: 3 }), 53);
    assert.equal(isoWeek({ year: 2024, month: 12, day: 30 }), 1);
    assert.equal(isoWeek({ year: 2026, month: 7, day: 15 }), 29);
  });
});

describe('file-name patterns', () => {
  test('read the date and number back from a name, any extension', () => {
    assert.deepEqual(parseFileNameWith('x/2026-03-01-41.markdown', '{yyyy}-{mm}-{dd}-{number}.md'), {
      baseName: '2026-03-01-41.markdown', date: { year: 2026, month: 3, day: 1 }, number: 41,
    });
    assert.deepEqual(parseFileNameWith('issue-77.md', 'issue-{number}.md').number, 77);
  });

  test('fall back to a leading day when the name does not fit the pattern', () => {
    const info = parseFileNameWith('2013-07-05-the-state-of-things.markdown', '{yyyy}-{mm}-{dd}-this-week-in-rust.md');
    assert.deepEqual(info.date, { year: 2013, month: 7, day: 5 });
    assert.equal(info.number, undefined);
  });

  test('write names and read them back', () => {
    const name = formatFileName('{yyyy}-{mm}-{dd}-{number}.md', 9, { year: 2026, month: 1, day: 4 });
    assert.equal(name, '2026-01-04-9.md');
    assert.equal(parseFileNameWith(name, '{yyyy}-{mm}-{dd}-{number}.md').number, 9);
  });
});

describe('parseIssue with a format profile', () => {
  const pelican = [
    'Title: Widget Weekly 12',
    'Number: 12',
    'Date: 2026-03-04',
    '',
    'Intro text.',
    '',
    '# Community',
    '',
    '## Articles',
    '* [First article](https://a.example/1)',
    '* [video] [A talk](https://b.example/talk) with a note',
    '* See also [inline](https://c.example/) here',
    '',
    'A paragraph between lists.',
    '',
    '## Tools',
    '- [A tool](https://d.example/)',
    '',
    '# Events',
    '',
    '* 2026-03-10 | [Meetup](https://e.example/)',
  ].join('\n');
  const profile: FormatProfile = {
    ...THIS_WEEK_IN_RUST,
    title: { template: 'Widget Weekly {number}' },
    sections: {
      ...THIS_WEEK_IN_RUST.sections,
      levels: [1, 2],
      rules: [{ match: '^community$', kind: 'links', featured: true }, { match: 'events', kind: 'events' }],
    },
  };
  const doc = parseIssue(pelican, 'content/2026-03-04-widget-weekly.md', { profile });

  test('reads a Pelican header: title, number and date at their places', () => {
    assert.equal(doc.frontMatter?.kind, 'pelican');
    assert.equal(doc.title?.text, 'Widget Weekly 12');
    assert.equal(doc.number?.value, 12);
    assert.equal(textAt(doc, doc.number!.range), '12');
    assert.deepEqual(doc.publicationDate, { year: 2026, month: 3, day: 4 });
    assert.equal(doc.intro.length, 1);
  });

  test('nests sections by level, subsections taking after their parent', () => {
    assert.deepEqual(doc.sections.map((s) => [s.name, s.depth, s.parent, s.kind, s.featured]), [
      ['Community', 0, undefined, 'links', true],
      ['Articles', 1, 0, 'links', true],
      ['Tools', 1, 0, 'links', true],
      ['Events', 0, undefined, 'events', false],
    ]);
    const community = doc.sections[0];
    assert.ok(community.bodyRange.end.line >= doc.sections[2].bodyRange.end.line, 'the parent folds over its subsections');
  });

  test('makes each list item an entry with its primary link, after a tag or inline', () => {
    const articles = doc.sections[1].entries;
    assert.deepEqual(articles.map((e) => [e.shape, e.primaryLink?.target]), [
      ['list-item', 'https://a.example/1'],
      ['list-item', 'https://b.example/talk'],
      ['list-item', 'https://c.example/'],
      ['block', undefined],
    ]);
    assert.equal(articles[1].description, '[video] [A talk](https://b.example/talk) with a note');
    assert.equal(articles[0].range.start.line, 9);
  });

  test('reads TOML front matter and a heading-only title', () => {
    const toml = parseIssue('+++\ntitle = "Widget Weekly 3"\ndate = 2026-01-02\n+++\n\n# Links\n\n* [x](https://x.example/)\n', 'a.md', { profile });
    assert.equal(toml.frontMatter?.kind, 'toml');
    assert.equal(toml.title?.number?.value, 3);
    assert.equal(toml.date?.calendar?.day, 2);
    const none = parseIssue('# Widget Weekly 5\n\n## Links\n\n* [x](https://x.example/)\n', 'b.md', { profile: { ...profile, header: { ...profile.header, kind: 'none' } } });
    assert.equal(none.title?.number?.value, 5);
    assert.equal(textAt(none, none.title!.number!.range), '5');
  });

  test('reports a broken TOML header as a finding, not a crash', () => {
    const broken = parseIssue('+++\ntitle = "unclosed\n+++\n\ntext\n', 'c.md', { profile });
    assert.equal(broken.parseFindings[0]?.code, 'frontmatter.invalid');
    assert.match(broken.parseFindings[0].message, /TOML/);
  });

  test('makes a link heading and the paragraphs under it one entry where the section says so', () => {
    const text = [
      '---', 'title: Week Ending March 8, 2026', 'date: 2026-03-12 22:00:00 -0000', '---', '',
      '## Featured PRs', '', '### [12345: Faster widgets](https://pr.example/12345)', '', 'It is faster.', '', 'Really [much](https://m.example/).', '',
      '### [12346: Smaller widgets](https://pr.example/12346)', '', 'Smaller.', '',
      '## Other Merges', '', '* Widgets get [a flag](https://pr.example/1)', '',
    ].join('\n');
    const lwkd = parseIssue(text, '_posts/2026-03-08-update.md', { profile: LWKD });
    assert.deepEqual(lwkd.title && [lwkd.title.month?.value, lwkd.title.day?.value, lwkd.title.year?.value], [3, 8, 2026]);
    assert.deepEqual(lwkd.publicationDate, { year: 2026, month: 3, day: 12 });
    const [featured, merges] = lwkd.sections;
    assert.deepEqual(featured.entries.map((e) => [e.shape, e.primaryLink?.target, e.links.length, e.range.start.line, e.range.end.line]), [
      ['link-heading', 'https://pr.example/12345', 2, 7, 11],
      ['link-heading', 'https://pr.example/12346', 1, 13, 15],
    ]);
    assert.equal(featured.entries[0].description, 'It is faster.\n\nReally [much](https://m.example/).');
    assert.deepEqual(merges.entries.map((e) => [e.shape, e.primaryLink?.text]), [['list-item', 'a flag']]);
  });

  test('keeps DevOps Weekly\'s sections flat and its paragraphs whole', () => {
    const text = '---\ntitle: x\n---\n\nNews\n====\n\nA tool.\n<br>[https://a.example/](https://a.example/)\n\n## Aside\n\n* a list\n* stays one entry\n';
    const dw = parseIssue(text, '_posts/2026-01-04-9.md');
    assert.deepEqual(dw.sections.map((s) => [s.name, s.depth, s.level]), [['News', 0, 1], ['Aside', 0, 2]]);
    assert.equal(dw.sections[0].entries[0].primaryLink?.isLinkLine, true);
    assert.deepEqual(dw.sections[1].entries.map((e) => e.shape), ['paragraph']);
  });
});
