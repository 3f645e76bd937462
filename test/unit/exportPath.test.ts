import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config';
import { exportFolderFor, isInPublishedFolder } from '../../src/core/exportPath';

/** Issue 12.9: Export proposes a folder the site generator does not publish, and the last one used. */
const formats = [
  { name: 'DevOps Weekly', profile: resolveConfig({}).config.format, posts: '_posts' },
  { name: 'This Week in Rust', profile: resolveConfig({ format: 'this-week-in-rust' }).config.format, posts: 'content' },
  { name: 'LWKD', profile: resolveConfig({ format: 'lwkd' }).config.format, posts: '_posts' },
];

describe('the export folder (issue 12.9)', () => {
  for (const { name, profile, posts } of formats) {
    test(`${name}: not the posts folder, nor the profile's folder or globs; the last folder when it is none of them`, () => {
      const folder = exportFolderFor(profile);
      assert.ok(!isInPublishedFolder(folder, profile), folder);
      assert.ok(isInPublishedFolder(`${posts}/2026`, profile));
      assert.ok(isInPublishedFolder(profile.files.folder, profile));
      assert.equal(exportFolderFor(profile, 'mail/out'), 'mail/out');
      assert.equal(exportFolderFor(profile, posts), folder, 'a remembered posts folder is not proposed again');
      assert.equal(exportFolderFor(profile, `site/${posts === '_posts' ? '_posts' : 'content'}`) === folder, posts === '_posts', 'Jekyll reads every _posts folder');
    });
  }
});
