import { PROFILE_SCHEMA, type SchemaNode } from './schema';

/**
 * The reference table of the profile's keys for docs/format.md, derived from the schema so that
 * the documentation cannot drift from what `resolveProfile` accepts (a unit test compares them).
 */
export function profileReferenceMarkdown(): string {
  const rows: string[] = ['| key | type | what it says |', '|---|---|---|'];
  const walk = (node: SchemaNode, prefix: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const type = child.enum ? child.enum.map((v) => `\`${v}\``).join(' \\| ') : child.type === 'array' ? `list of ${child.items?.type ?? 'values'}` : child.type ?? '';
      rows.push(`| \`${path}\` | ${type} | ${(child.description ?? '').replace(/\|/g, '\\|')} |`);
      if (child.type === 'object') walk(child, path);
      if (child.items?.type === 'object') walk(child.items, `${path}[]`);
    }
  };
  walk(PROFILE_SCHEMA, '');
  return rows.join('\n');
}
