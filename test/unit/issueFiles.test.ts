import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isIssueFile } from '../../src/core/issueFiles';
import { resolveConfig } from '../../src/core/config';
import { looksLikeIssueTitle, formatTitle } from '../../src/core/titleTemplate';

const config = resolveConfig().config;
const issueText = '---\ntitle: DEVOPS WEEKLY ISSUE \\#12 - 3rd June 2018\n---\n';

describe('isIssueFile', () => {
  test('takes any Markdown file under _posts', () => {
    assert.equal(isIssueFile('_posts/2018-06-03-12.md', '', config), true);
    assert.equal(isIssueFile('site/_posts/2018/x.markdown', '# anything', config), true);
  });

  test('never takes a README without an issue title, even beside the posts', () => {
    assert.equal(isIssueFile('README.md', '# Our newsletter\n', config), false);
    assert.equal(isIssueFile('docs/README.md', '---\ntitle: About\n---\n', config), false);
  });

  test('takes a Markdown file elsewhere when its front matter title reads like an issue title', () => {
    assert.equal(isIssueFile('drafts/next.md', issueText, config), true);
    assert.equal(isIssueFile('drafts/next.md', '\uFEFF' + issueText.replace(/\n/g, '\r\n'), config), true);
  });

  test('ignores files that are not Markdown', () => {
    assert.equal(isIssueFile('_posts/notes.txt', issueText, config), false);
  });

  test('follows the configured globs', () => {
    const custom = resolveConfig({ files: ['issues/*.md'] }).config;
    assert.equal(isIssueFile('issues/1.md', '', custom), true);
    assert.equal(isIssueFile('_posts/1.md', '', custom), false);
  });
});

describe('title template', () => {
  const template = config.format.title.template;

  test('recognises a title with doubled spaces or a missing backslash', () => {
    assert.equal(looksLikeIssueTitle('DEVOPS WEEKLY ISSUE \\#378 -  25th March 2018', template), true);
    assert.equal(looksLikeIssueTitle('DEVOPS WEEKLY ISSUE #378 - 25th March 2018', template), true);
    assert.equal(looksLikeIssueTitle('Release notes for March', template), false);
  });

  test('writes a title with the right ordinal', () => {
    assert.equal(formatTitle(template, 498, { year: 2020, month: 6, day: 21 }), 'DEVOPS WEEKLY ISSUE \\#498 - 21st June 2020');
    assert.equal(formatTitle(template, 499, { year: 2020, month: 6, day: 12 }), 'DEVOPS WEEKLY ISSUE \\#499 - 12th June 2020');
  });
});
