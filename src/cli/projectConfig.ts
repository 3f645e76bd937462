import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_CONFIG_FILE, resolveConfig, type ResolvedConfig } from '../core/config';
import { UsageError } from './usage';

/** Reads the project config file (explicit, or `.newsletter-desk.json` in `cwd` when present). */
export function loadProjectConfig(cwd: string, explicitPath?: string): ResolvedConfig & { path?: string; raw: unknown } {
  const path = explicitPath ? resolve(cwd, explicitPath) : resolve(cwd, PROJECT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicitPath) throw new UsageError(`cannot read config file ${explicitPath}`);
    return { ...resolveConfig(), raw: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ...resolveConfig(raw), path, raw };
}
