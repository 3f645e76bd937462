import type { FormatProfile } from './profile';
import { DEFAULT_PROFILE, PRESETS } from './presets';
import { PROFILE_SCHEMA, type SchemaNode } from './schema';

export interface ResolvedProfile {
  readonly profile: FormatProfile;
  /** One line per value that was ignored, saying why. */
  readonly problems: string[];
}

/**
 * The profile a project's `format` value names: a preset name, or an object with an optional
 * `preset` (default: the default profile) and the parts that differ. Parts are merged into the
 * preset object by object; a list or a plain value replaces the preset's. Every value is checked
 * against `PROFILE_SCHEMA`; a wrong one is reported and the preset's kept, never thrown.
 */
export function resolveProfile(value: unknown, base: FormatProfile = DEFAULT_PROFILE): ResolvedProfile {
  const problems: string[] = [];
  if (value === undefined || value === null) return { profile: base, problems };
  if (typeof value === 'string') {
    const preset = PRESETS[value];
    if (!preset) problems.push(`format: unknown preset "${value}" (known: ${Object.keys(PRESETS).join(', ')})`);
    return { profile: preset ?? base, problems };
  }
  const clean = sanitize(PROFILE_SCHEMA, value, 'format', problems);
  if (clean === undefined) return { profile: base, problems };
  const overrides = clean as Record<string, unknown>;
  let start = base;
  if (typeof overrides.preset === 'string') {
    const preset = PRESETS[overrides.preset];
    if (preset) start = preset;
    else problems.push(`format.preset: unknown preset "${overrides.preset}" (known: ${Object.keys(PRESETS).join(', ')})`);
  }
  const { preset: _preset, ...parts } = overrides;
  void _preset;
  const merged = merge(start, parts) as FormatProfile;
  for (const rule of merged.sections.rules) {
    if (!isValidRegExp(rule.match)) problems.push(`format.sections.rules: "${rule.match}" is not a valid regular expression`);
  }
  const profile: FormatProfile = {
    ...merged,
    sections: { ...merged.sections, rules: merged.sections.rules.filter((rule) => isValidRegExp(rule.match)) },
  };
  return { profile, problems };
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

/** Objects merge key by key; anything else (lists included) replaces. */
function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = key in result ? merge(result[key], value) : value;
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The part of `value` that fits `schema`: unknown keys and wrong values are dropped with a
 * problem line each. Returns undefined when nothing of `value` fits.
 */
export function sanitize(schema: SchemaNode, value: unknown, path: string, problems: string[]): unknown {
  const fail = (expected: string): undefined => {
    problems.push(`${path}: expected ${expected}`);
    return undefined;
  };
  if (schema.oneOf) {
    for (const option of schema.oneOf) {
      const quiet: string[] = [];
      const result = sanitize(option, value, path, quiet);
      if (result !== undefined && quiet.length === 0) return result;
    }
    return fail('one of the documented forms');
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return fail('a string');
      if (schema.enum && !schema.enum.includes(value)) return fail(`one of ${schema.enum.join(', ')}`);
      return value;
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (schema.type === 'integer' && !Number.isInteger(value))) {
        return fail(schema.type === 'integer' ? 'a whole number' : 'a number');
      }
      if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) {
        return fail(`a number from ${schema.minimum ?? '-∞'} to ${schema.maximum ?? '∞'}`);
      }
      return value;
    }
    case 'array': {
      if (!Array.isArray(value)) return fail('a list');
      const items: unknown[] = [];
      value.forEach((item, i) => {
        const clean = schema.items ? sanitize(schema.items, item, `${path}[${i}]`, problems) : item;
        if (clean !== undefined) items.push(clean);
      });
      if (schema.minItems !== undefined && items.length < schema.minItems) return fail(`at least ${schema.minItems} item(s)`);
      return items;
    }
    case 'object': {
      if (!isPlainObject(value)) return fail('an object');
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const property = schema.properties?.[key];
        const extra = schema.additionalProperties;
        const itemSchema = property ?? (typeof extra === 'object' ? extra : undefined);
        if (!itemSchema) {
          if (extra === false) problems.push(`${path}.${key}: unknown key`);
          else result[key] = item;
          continue;
        }
        const clean = sanitize(itemSchema, item, `${path}.${key}`, problems);
        if (clean !== undefined) result[key] = clean;
      }
      for (const key of schema.required ?? []) {
        if (!(key in result)) return fail(`a "${key}"`);
      }
      return result;
    }
    default:
      return value;
  }
}
