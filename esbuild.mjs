// Builds every bundle from one source tree:
//   node esbuild.mjs            extension (desktop + web), webview script, CLI  -> dist/
//   node esbuild.mjs --tests    unit tests, integration suite, benchmarks       -> dist-test/
//   node esbuild.mjs --watch    the first set, rebuilt on change
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from './scripts/build-schema.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** gray-matter requires `fs` for a helper we never call; the web build gets an empty module. */
const stubNodeBuiltinsForWeb = {
  name: 'stub-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|path|os|child_process)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

/** @type {esbuild.BuildOptions[]} */
const appBuilds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.node.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/vscode/extension.web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    // The web extension host is a web worker: no `document`. Packages that ship a DOM variant for
    // `browser` (decode-named-character-reference) must resolve to their worker variant.
    conditions: ['worker'],
    // gray-matter keeps the original text as `Buffer.from(text)` (file.orig, never read by us);
    // a web worker has no Buffer, so every issue failed to parse in the web build. A stand-in:
    banner: { js: "'use strict';\nvar Buffer = globalThis.Buffer || { from: (s) => ({ toString: () => String(s) }), isBuffer: () => false };" },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    plugins: [stubNodeBuiltinsForWeb],
  },
  {
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(version) },
  },
  {
    // The parse worker thread (src/workers/parseWorkers.ts starts it from beside dist/cli.js).
    ...common,
    entryPoints: ['src/workers/parseWorker.ts'],
    outfile: 'dist/parseWorker.js',
    platform: 'node',
    format: 'cjs',
    define: { __VERSION__: JSON.stringify(version) },
  },
];
if (existsSync('src/webview/preview.ts')) {
  appBuilds.push({
    ...common,
    entryPoints: ['src/webview/preview.ts'],
    outfile: 'dist/webview/preview.js',
    platform: 'browser',
    format: 'iife',
  });
}

function filesUnder(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
}

/** @type {esbuild.BuildOptions[]} */
const testBuilds = [
  {
    ...common,
    sourcemap: 'inline',
    entryPoints: filesUnder('test/unit', /\.test\.ts$/),
    outdir: 'dist-test/unit',
    outbase: 'test/unit',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    packages: 'external',
  },
  {
    ...common,
    sourcemap: 'inline',
    entryPoints: filesUnder('bench', /\.ts$/).filter((f) => !f.includes('fixtures')),
    outdir: 'dist-test/bench',
    outbase: 'bench',
    platform: 'node',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  },
  {
    ...common,
    // web/ is the web worker run's entry: built below for the browser, not for Node.
    entryPoints: filesUnder('test/integration', /\.ts$/).filter((f) => !/^test[\\/]integration[\\/](web|workspace)[\\/]/.test(f)),
    outdir: 'dist-test/integration',
    outbase: 'test/integration',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
  },
];
if (existsSync('test/integration/web/index.ts')) {
  // The core integration cases for the browser bundle in a web worker extension host: one file
  // with mocha's browser build, `assert` replaced by a small shim (no Node there).
  testBuilds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: ['test/integration/web/index.ts'],
    outfile: 'dist-test/integration-web/index.js',
    platform: 'browser',
    // mocha's browser build (an ES module package) assigns `module.exports` itself: export last.
    format: 'iife',
    globalName: '__newsletterWebTests',
    footer: { js: 'module.exports = __newsletterWebTests;' },
    external: ['vscode'],
    alias: { assert: './test/integration/web/assert.ts' },
    define: { global: 'globalThis' },
  });
}

const builds = args.has('--tests') ? testBuilds : appBuilds;
const nonEmpty = builds.filter((b) => !Array.isArray(b.entryPoints) || b.entryPoints.length > 0);

if (args.has('--watch')) {
  for (const options of nonEmpty) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(nonEmpty.map((options) => esbuild.build(options)));
  // The JSON schema of .newsletter-desk.json, generated from the profile's schema (see the script).
  if (!args.has('--tests')) await buildSchema();
}
