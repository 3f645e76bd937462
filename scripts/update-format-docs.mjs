// Rewrites the reference table of docs/format.md (between its markers) from the profile's schema,
// through src/core/format/reference.ts. test/unit/formatDocs.test.ts fails until this has run
// after a change to src/core/format/schema.ts.
import { buildSync } from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const out = join(mkdtempSync(join(tmpdir(), 'format-docs-')), 'reference.cjs');
buildSync({ entryPoints: ['src/core/format/reference.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
const { profileReferenceMarkdown } = createRequire(import.meta.url)(out);
const path = 'docs/format.md';
const doc = readFileSync(path, 'utf8');
const next = doc.replace(/(<!-- profile-reference:start -->\n)[\s\S]*?(\n<!-- profile-reference:end -->)/, `$1${profileReferenceMarkdown()}$2`);
writeFileSync(path, next);
console.log(next === doc ? 'docs/format.md: up to date' : 'docs/format.md: reference table rewritten');
