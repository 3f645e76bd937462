import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_SCHEMA, type SchemaNode } from '../../src/core/format/schema';
import { PRESETS } from '../../src/core/format/presets';
import { projectRoot } from './helpers/text';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const committed = readFileSync(join(projectRoot, 'schemas', 'newsletter-desk.schema.json'), 'utf8');

/** The problems of a value against the subset of JSON Schema that the profile's schema uses (its own check, not validate.ts). */
function problems(value: unknown, schema: SchemaNode, path = '$'): string[] {
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((option) => problems(value, option, path).length === 0);
    return fits.length === 1 ? [] : [`${path}: fits ${fits.length} of the oneOf options`];
  }
  const out: string[] = [];
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (schema.type === 'integer' ? !Number.isInteger(value) : schema.type !== undefined && schema.type !== type) return [`${path}: expected ${schema.type}, got ${type}`];
  if (schema.enum && !schema.enum.includes(value as string)) out.push(`${path}: ${JSON.stringify(value)} not in the enum`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below the minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: above the maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${path}: too few items`);
    if (schema.items) value.forEach((item, i) => out.push(...problems(item, schema.items as SchemaNode, `${path}[${i}]`)));
  }
  if (type === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) out.push(`${path}: missing ${key}`);
    for (const [key, item] of Object.entries(record)) {
      const sub = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (sub) out.push(...problems(item, sub, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}: unknown property ${key}`);
    }
  }
  return out;
}

describe('the JSON schema of .newsletter-desk.json', () => {
  test('the committed file is the one generated from CONFIG_FILE_SCHEMA (run npm run build after changing the schema)', () => {
    assert.equal(committed, `${JSON.stringify(CONFIG_FILE_SCHEMA, null, 2)}\n`);
  });

  test('is contributed to VS Code for the project file', () => {
    const validations: { fileMatch: string | string[]; url: string }[] = manifest.contributes.jsonValidation ?? [];
    const ours = validations.find((v) => v.url === './schemas/newsletter-desk.schema.json');
    assert.ok(ours, 'a jsonValidation entry for the schema');
    assert.ok([ours.fileMatch].flat().includes('.newsletter-desk.json'));
  });

  test('accepts every preset, by name and as a whole profile', () => {
    const schema = JSON.parse(committed) as SchemaNode;
    for (const [name, profile] of Object.entries(PRESETS)) {
      assert.deepEqual(problems({ format: name }, schema), [], name);
      assert.deepEqual(problems({ format: profile, emailFooter: 'Bye.' }, schema), [], `${name} as a profile`);
    }
  });

  test('rejects what the validation rejects: an unknown preset, a wrong entry shape, a section rule without its kind', () => {
    const schema = JSON.parse(committed) as SchemaNode;
    assert.notDeepEqual(problems({ format: 'no-such-newsletter' }, schema), []);
    assert.notDeepEqual(problems({ format: { ...PRESETS.lwkd, entries: { ...PRESETS.lwkd.entries, shape: 'table' } } }, schema), []);
    assert.notDeepEqual(problems({ format: { ...PRESETS.lwkd, sections: { ...PRESETS.lwkd.sections, rules: [{ match: 'x' }] } } }, schema), []);
  });
});
