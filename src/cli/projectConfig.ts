import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PROJECT_CONFIG_FILE, resolveConfig, type ResolvedConfig } from '../core/config';
import { UsageError } from './usage';

export interface ProjectConfig extends ResolvedConfig {
  /** The config file read, if any. */
  readonly path?: string;
  readonly raw: unknown;
  /**
   * The project folder: the one that holds the config file, else the working folder. The
   * profile's `files` globs and folders are relative to it.
   */
  readonly root: string;
}

/** The nearest `.newsletter-desk.json` in `cwd` or a folder above it. */
export function findProjectConfig(cwd: string): string | undefined {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const path = resolve(folder, PROJECT_CONFIG_FILE);
    if (existsSync(path)) return path;
    if (dirname(folder) === folder) return undefined;
  }
}

/** Reads the project config file: the explicit one, else the nearest `.newsletter-desk.json` from `cwd` up. */
export function loadProjectConfig(cwd: string, explicitPath?: string): ProjectConfig {
  const path = explicitPath ? resolve(cwd, explicitPath) : findProjectConfig(cwd);
  if (path === undefined || !existsSync(path)) {
    if (explicitPath) throw new UsageError(`cannot read config file ${explicitPath}`);
    return { ...resolveConfig(), raw: {}, root: resolve(cwd) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  // An explicit config file elsewhere (`--config /tmp/x.json`) says how issues are written, not where: the project stays the working folder.
  const root = explicitPath ? resolve(cwd) : dirname(path);
  return { ...resolveConfig(raw), path, raw, root };
}
