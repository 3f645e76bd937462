import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './helpers/text';

/**
 * README promises the Node.js that package.json's `engines.node` names: every package the lockfile
 * installs (dev tools included, `npm ci` warns EBADENGINE for each) must accept the oldest Node
 * that range allows.
 */
type Version = [number, number, number];

function parse(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** One comparator of a semver range (`>=20.9.0`, `^20.19.0`, `~1.2`, `20`, `18.x`, `*`). */
function satisfiesComparator(version: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*v?(\d+|x|\*)?(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(comparator.trim());
  if (!m) throw new Error(`unsupported range comparator: ${comparator}`);
  const [, op = '', maj, min, pat] = m;
  if (maj === undefined || maj === 'x' || maj === '*') return true;
  const wild = (s: string | undefined) => s === undefined || s === 'x' || s === '*';
  const base: Version = [Number(maj), wild(min) ? 0 : Number(min), wild(pat) ? 0 : Number(pat)];
  const c = compare(version, base);
  switch (op) {
    case '>=': return c >= 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    case '<': return c < 0;
    case '^': return c >= 0 && (base[0] > 0 ? version[0] === base[0] : version[1] === base[1]);
    case '~': return c >= 0 && version[0] === base[0] && version[1] === base[1];
    default:
      // A bare (partial) version: that major (and minor) only.
      return version[0] === base[0] && (wild(min) || version[1] === base[1]) && (wild(pat) || version[2] === base[2]);
  }
}

function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alt) => alt.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean).every((c) => satisfiesComparator(version, c)));
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8'));

test('the range helper reads the ranges the lockfile uses', () => {
  assert.equal(satisfies([20, 0, 0], '>=22.12.0'), false);
  assert.equal(satisfies([22, 12, 0], '>=22.12.0'), true);
  assert.equal(satisfies([20, 18, 0], '^20.19.0 || >=22.12.0'), false);
  assert.equal(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0'), true);
  assert.equal(satisfies([20, 19, 0], '18 || 20 || >=22'), true);
  assert.equal(satisfies([21, 0, 0], '18 || 20 || >=22'), false);
});

// markdown-link-check is pinned to 3.14.2 (commander 14, chalk 5): its later versions need Node 22.
test("every locked package accepts the oldest Node that package.json's engines allow", () => {
  const ours = String(manifest.engines?.node ?? '');
  const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(ours.trim());
  assert.ok(m, `package.json engines.node should be a plain lower bound (>=X.Y.Z), got "${ours}"`);
  const oldest = parse(m[1]);
  const refused: string[] = [];
  for (const [path, info] of Object.entries<{ version?: string; engines?: { node?: string } | string[] }>(lock.packages ?? {})) {
    if (path === '' || !info.engines || Array.isArray(info.engines) || typeof info.engines.node !== 'string') continue;
    if (!satisfies(oldest, info.engines.node)) refused.push(`${path.replace(/^.*node_modules\//, '')}@${info.version} needs node ${info.engines.node}`);
  }
  assert.deepEqual(refused, [], `README and engines say Node ${m[1]}; these refuse it (npm ci warns EBADENGINE)`);
});
