/**
 * The renderers over the This Week in Rust and LWKD archives (`../shared/corpus`, skipped when
 * absent), each with its preset: every issue renders to web HTML and to the generic plain-text
 * mail without throwing, every entry's primary link URL is in the mail, and every section name
 * (subsections included) is in both.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../src/core/config';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { IssueHtmlRenderer, allSections, layoutIssue, renderPlainText } from '../../src/core/render';
import { CORPUS_MISSING, corpusDir } from './helpers/text';

const corpus = corpusDir();

const ARCHIVES = [
  { preset: 'this-week-in-rust', folder: ['this-week-in-rust', 'content'], issues: 477 },
  { preset: 'lwkd', folder: ['lwkd', '_posts'], issues: 262 },
] as const;

/**
 * A section name (the heading's source text) as the mail shows it: links as their text, Markdown
 * emphasis, code marks and escapes dropped.
 */
function shown(name: string): string {
  return name.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\(.)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

function flat(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ');
}

for (const archive of ARCHIVES) {
  const dir = corpus ? join(corpus, ...archive.folder) : undefined;
  const skip = !dir || !existsSync(dir) ? CORPUS_MISSING : false;
  describe(`rendering the ${archive.preset} archive`, { skip }, () => {
    test('every issue renders; every primary link and every section name is in the output', () => {
      const { config, problems } = resolveConfig({ format: archive.preset });
      assert.deepEqual(problems, []);
      const files = readdirSync(dir as string).filter((f) => /\.(md|markdown)$/.test(f)).sort();
      assert.equal(files.length, archive.issues);
      const renderer = new IssueHtmlRenderer({ profile: config.format });
      const missing: string[] = [];
      let links = 0;
      let sections = 0;
      for (const file of files) {
        const document = parseWithConfig(readFileSync(join(dir as string, file), 'utf8'), file, config);
        const rendered = renderer.render(document);
        const html = layoutIssue(rendered);
        const mail = renderPlainText(document, { profile: config.format, footer: config.emailFooter });
        assert.ok(html.startsWith('<article'), `${file}: web HTML`);
        const mailText = flat(mail);
        for (const entry of [...document.intro, ...document.sections.flatMap((s) => s.entries)]) {
          const url = entry.primaryLink?.target;
          if (!url) continue;
          links++;
          if (!mail.includes(url)) missing.push(`${file}:${entry.range.start.line + 1}: URL ${url}`);
        }
        const names = allSections(rendered.sections).map((s) => s.name);
        assert.deepEqual(names, document.sections.map((s) => s.name), `${file}: the page has every section, in order`);
        for (const name of names) {
          sections++;
          if (!mailText.includes(shown(name))) missing.push(`${file}: section "${name}"`);
        }
      }
      console.log(`${archive.preset}: ${files.length} issues rendered; ${links} primary links and ${sections} section names, ${missing.length} missing from the mail`);
      assert.deepEqual(missing, []);
    });
  });
}
