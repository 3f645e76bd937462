// Writes schemas/newsletter-desk.schema.json from CONFIG_FILE_SCHEMA (src/core/format/schema.ts),
// the one source of the profile's validation and of this file, which package.json contributes
// through `jsonValidation` so that VS Code completes and checks `.newsletter-desk.json`.
// Run by `npm run build` (esbuild.mjs); test/unit/schema.test.ts checks the committed file.
import * as esbuild from 'esbuild';
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';

export const SCHEMA_PATH = 'schemas/newsletter-desk.schema.json';

/** The schema file's text: the schema as JSON, two-space indented, with a final newline. */
export function schemaText(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export async function buildSchema() {
  const result = await esbuild.build({
    entryPoints: ['src/core/format/schema.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const source = result.outputFiles[0].text;
  const { CONFIG_FILE_SCHEMA } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  mkdirSync('schemas', { recursive: true });
  writeFileSync(SCHEMA_PATH, schemaText(CONFIG_FILE_SCHEMA));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildSchema();
