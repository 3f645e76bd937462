import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ArchiveFile } from '../../../src/core/format/infer';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A small archive of our own in a format none of the presets has: Hugo-style TOML front matter
 * (`title`, `date` with a time, an `issue` number, a constant `draft`), `## ` sections, entries as
 * `- [Title](url) — text` items, files `newsletter/issue-{number}.md` every 14 days, a Hugo
 * `config.toml`, an archetype for new issues and a README that is no issue.
 */
export function widgetArchive(count = 8): { files: ArchiveFile[]; others: ArchiveFile[] } {
  const files: ArchiveFile[] = [];
  const start = Date.UTC(2024, 0, 5);
  for (let n = 1; n <= count; n++) {
    const day = new Date(start + (n - 1) * 14 * 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const title = `Weekly Widgets #${n}: ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()}`;
    files.push({
      path: `newsletter/issue-${n}.md`,
      text: [
        '+++',
        `title = "${title}"`,
        `date = ${iso}T09:30:00Z`,
        `issue = ${n}`,
        'draft = false',
        '+++',
        '',
        `Welcome to issue ${n} of the widget letter.`,
        '',
        '## Links',
        '',
        `- [Sprockets explained, part ${n}](https://sprockets.example/part-${n}) — a long read on gears`,
        `- [Why cogs turn](https://cogs.example/why/${n}) — a short one`,
        `- [video] [Widget show ${n}](https://video.example/show-${n}) — an hour of widgets`,
        '',
        '## Releases',
        '',
        `- [widgetkit 1.${n}](https://widgetkit.example/releases/1.${n}) — faster gears`,
        '',
        '## Upcoming Events',
        '',
        '- [Widget Camp](https://camp.example/) — every month, in Lyon',
        '',
        '## Sponsor',
        '',
        'This issue is brought to you by [Acme Gears](https://acme.example/), gears for everyone.',
        '',
      ].join('\n'),
    });
  }
  files.push({ path: 'README.md', text: '# The widget letter\n\nIssues live in `newsletter/`.\n' });
  files.push({
    path: 'archetypes/issue.md',
    text: ['+++', 'title = "Weekly Widgets #NUMBER: MONTH DAY, YEAR"', 'date = DATE', 'issue = NUMBER', 'draft = true', '+++', '', '## Links', '', '## Releases', '', '## Upcoming Events', '', '## Sponsor', ''].join('\n'),
  });
  const others: ArchiveFile[] = [{ path: 'config.toml', text: 'baseURL = "https://widgets.example/"\ntitle = "Weekly Widgets"\n' }];
  return { files, others };
}

/** Writes an archive's files under a folder. */
export function writeArchive(dir: string, archive: { files: readonly ArchiveFile[]; others: readonly ArchiveFile[] }): void {
  for (const file of [...archive.files, ...archive.others]) {
    const path = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
}
