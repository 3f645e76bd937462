import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileReferenceMarkdown } from '../../src/core/format/reference';
import { projectRoot } from './helpers/text';

test('docs/format.md lists every key of the profile schema as the schema describes it', () => {
  const doc = readFileSync(join(projectRoot, 'docs', 'format.md'), 'utf8');
  const match = /<!-- profile-reference:start -->\n([\s\S]*?)\n<!-- profile-reference:end -->/.exec(doc);
  assert.ok(match, 'docs/format.md has the reference markers');
  assert.equal(match[1], profileReferenceMarkdown(), 'run node scripts/update-format-docs.mjs');
});
