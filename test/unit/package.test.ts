import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { projectRoot } from './helpers/text';

/**
 * What `npm run package` puts in the .vsix: the file list comes from vsce itself (the same
 * `.vscodeignore` and manifest rules `vsce package --no-dependencies` applies), without building.
 * The bundles must exist: `npm test` builds them first (pretest).
 */
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));

let listing: Promise<string[]> | undefined;
/** vsce walks the whole folder (test/editor/node_modules too): list once for every test. */
function packagedFiles(): Promise<string[]> {
  listing ??= listFiles({ cwd: projectRoot, packageManager: PackageManager.None }).then((files) => files.map((f) => f.replace(/\\/g, '/')));
  return listing;
}

describe('the packaged extension (.vsix)', () => {
  test('holds the bundles, the icon, the manifest, README, CHANGELOG and LICENSE', async () => {
    const files = await packagedFiles();
    for (const needed of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'dist/web/extension.js',
      'dist/cli.js',
      manifest.icon,
    ]) {
      assert.ok(files.includes(needed), `${needed} is packaged (files: ${files.join(', ')})`);
    }
  });

  test('leaves out sources, tests, source maps, the corpus, dependencies and dev tooling', async () => {
    const files = await packagedFiles();
    const unwanted = files.filter(
      (f) =>
        /^(src|test|bench|examples|scripts|docs|node_modules|dist-test|\.vscode-test|test-results|\.ci|\.git)\//.test(f) ||
        /\.(ts|map|vsix|mjs)$/.test(f) ||
        /(^|\/)(corpus|shared)\//.test(f) ||
        /^(tsconfig\.json|esbuild\.mjs|eslint\.config\.mjs|package-lock\.json|\.gitignore|\.vscodeignore)$/.test(f) ||
        f === 'media/screenshot.png',
    );
    assert.deepEqual(unwanted, []);
  });

  test('ships every file the manifest points at', async () => {
    const files = new Set(await packagedFiles());
    const contributes = manifest.contributes ?? {};
    const pointed = [
      manifest.main,
      manifest.browser,
      ...Object.values(manifest.bin ?? {}),
      ...(contributes.jsonValidation ?? []).map((v: { url: string }) => v.url),
      ...(contributes.snippets ?? []).map((v: { path: string }) => v.path),
      ...(contributes.grammars ?? []).map((v: { path: string }) => v.path),
    ]
      .filter((p): p is string => typeof p === 'string')
      .map((p) => p.replace(/^\.\//, ''));
    for (const p of pointed) assert.ok(files.has(p), `${p} (from package.json) is packaged`);
  });

  test('has the listing fields a user sees: icon, categories, keywords, repository, licence', () => {
    assert.match(manifest.icon, /^media\/.+\.png$/);
    const icon = readFileSync(join(projectRoot, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG', 'the icon is a PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is at least 128x128 pixels');
    assert.ok(Array.isArray(manifest.categories) && manifest.categories.length > 0);
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length > 0 && manifest.keywords.length <= 30);
    assert.ok(manifest.repository?.url, 'repository.url is set');
    assert.ok(manifest.license, 'license is set');
    assert.ok(existsSync(join(projectRoot, 'LICENSE')));
    assert.ok(manifest.displayName && manifest.description && manifest.publisher);
  });

  test('keeps the .vsix small: the bundles stay under 2 MB each', async () => {
    for (const bundle of ['dist/extension.js', 'dist/web/extension.js', 'dist/cli.js']) {
      const bytes = statSync(join(projectRoot, bundle)).size;
      assert.ok(bytes < 2 * 1024 * 1024, `${bundle} is ${bytes} bytes`);
    }
  });
});
