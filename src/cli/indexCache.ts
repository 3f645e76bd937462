import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Hasher } from '../core/indexStore';

/** Where `check --cache` keeps the index, in the project folder (the one that holds .newsletter-desk.json). */
export const INDEX_CACHE_FILE = join('.newsletter-desk', 'index-cache.json');

declare const __VERSION__: string | undefined;

/** Our version, as stored in the cache (a cache of another version is not used). */
export const CLI_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** node's SHA-1: native, so hashing 15 MB of issues costs a few milliseconds. */
export const NODE_HASHER: Hasher = {
  name: 'sha1',
  hash: (text) => createHash('sha1').update(text).digest('hex'),
};

/** The cache file's text, or undefined when there is none (a file that cannot be read counts as none). */
export function readIndexCache(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes the cache through a temporary file, so an interrupted run never leaves half a cache. */
export function writeIndexCache(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
