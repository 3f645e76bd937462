import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LINK_CACHE } from '../../src/cli/links';
import { projectRoot } from './helpers/text';

const WORKFLOW = 'docs/github-actions/newsletter-check.yml';
const text = readFileSync(join(projectRoot, WORKFLOW), 'utf8');

describe('the GitHub Actions example', () => {
  test('is referenced from README and docs/link-checking.md', () => {
    assert.ok(readFileSync(join(projectRoot, 'README.md'), 'utf8').includes(`](${WORKFLOW})`));
    assert.ok(readFileSync(join(projectRoot, 'docs/link-checking.md'), 'utf8').includes('](github-actions/newsletter-check.yml)'));
  });

  test('checks pull requests with --changed-since and enough history for it', () => {
    assert.match(text, /^on:\n {2}pull_request:/m);
    assert.match(text, /check _posts --links --changed-since HEAD\^1$/m);
    assert.match(text, /fetch-depth: 2/);
  });

  test('keeps the link cache between runs, saving it even when the check fails', () => {
    const paths = [...text.matchAll(/^ +path: (.+)$/gm)].map((m) => m[1]).filter((p) => p.includes('link-cache'));
    assert.deepEqual(paths, [DEFAULT_LINK_CACHE, DEFAULT_LINK_CACHE]);
    assert.match(text, /uses: actions\/cache\/restore@v4/);
    assert.match(text, /if: always\(\)\n\s+uses: actions\/cache\/save@v4/);
  });

  test('uses no tabs (YAML forbids them for indentation)', () => {
    assert.equal(text.includes('\t'), false);
  });
});
