/**
 * Options shared by the extension and the CLI, with their defaults. The extension reads them from
 * VS Code settings (`newsletter.*`) layered over the project config file; the CLI reads the
 * project config file. Both go through `resolveConfig`, so both validate the same way.
 */
import type { FormatProfile, SectionRule } from './format/profile';
import { DEFAULT_PROFILE } from './format/presets';
import { resolveProfile } from './format/validate';

export type RuleLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

/** File name of the project config file, looked up at the workspace (or CLI working) folder. */
export const PROJECT_CONFIG_FILE = '.newsletter-desk.json';

export interface NewsletterConfig {
  /** The newsletter's format: what every feature reads to know how issues are written. */
  readonly format: FormatProfile;
  /** Per-rule levels by rule code: the format's defaults, then the project's and the user's. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** The paragraph that ends the plain-text email. */
  readonly emailFooter: string;
}

export const DEFAULT_CONFIG: NewsletterConfig = {
  format: DEFAULT_PROFILE,
  rules: {},
  emailFooter: '',
};

export interface ResolvedConfig {
  readonly config: NewsletterConfig;
  /** One line per value that was ignored, saying why. */
  readonly problems: string[];
}

/**
 * Layers partial option objects (later ones win) over the defaults, keeping only well-typed
 * values; a wrong value is reported and the default kept, never thrown. A layer's `format` (a
 * preset name or a profile object) replaces or amends the format so far; the older one-value keys
 * (`files`, `titleTemplate`, `postsFolder`, `publicationIntervalDays`, `sponsorSections`) amend
 * the format too, so a project file or setting written before profiles keeps its meaning.
 */
export function resolveConfig(...layers: readonly unknown[]): ResolvedConfig {
  const problems: string[] = [];
  let format: FormatProfile = DEFAULT_CONFIG.format;
  const rules: Record<string, RuleLevel> = {};
  const projectRules: Record<string, RuleLevel> = {};
  let emailFooter = DEFAULT_CONFIG.emailFooter;
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (typeof layer !== 'object' || Array.isArray(layer)) {
      problems.push('configuration: expected an object');
      continue;
    }
    const values = layer as Record<string, unknown>;
    if (values.format !== undefined) {
      const resolved = resolveProfile(values.format, format);
      format = resolved.profile;
      problems.push(...resolved.problems);
    }
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      switch (key) {
        case 'files':
          if (isStringList(value)) format = { ...format, files: { ...format.files, globs: value } };
          else problems.push(`${key}: expected a list of strings`);
          break;
        case 'sponsorSections':
          if (isStringList(value)) format = withSponsorNames(format, value);
          else problems.push(`${key}: expected a list of strings`);
          break;
        case 'titleTemplate':
          if (typeof value === 'string' && value.trim() !== '') format = { ...format, title: { ...format.title, template: value } };
          else problems.push('titleTemplate: expected a non-empty string');
          break;
        case 'postsFolder':
          if (typeof value === 'string') format = { ...format, files: { ...format.files, folder: value } };
          else problems.push(`${key}: expected a string`);
          break;
        case 'emailFooter':
          if (typeof value === 'string') emailFooter = value;
          else problems.push(`${key}: expected a string`);
          break;
        case 'publicationIntervalDays':
          if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 366) {
            format = { ...format, newIssue: { ...format.newIssue, intervalDays: value } };
          } else {
            problems.push('publicationIntervalDays: expected a whole number of days from 1 to 366');
          }
          break;
        case 'rules':
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            for (const [code, level] of Object.entries(value)) {
              if (RULE_LEVELS.includes(level as RuleLevel)) projectRules[code] = level as RuleLevel;
              else problems.push(`rules.${code}: expected one of ${RULE_LEVELS.join(', ')}`);
            }
          } else {
            problems.push('rules: expected an object of rule code to level');
          }
          break;
        default:
          // Unknown keys belong to other layers (link checking, preview): not ours to reject.
          break;
      }
    }
  }
  Object.assign(rules, format.rules, projectRules);
  return { config: { format, rules, emailFooter }, problems };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The format with headings of these exact names counted as sponsor sections, before its own rules. */
function withSponsorNames(format: FormatProfile, names: readonly string[]): FormatProfile {
  const exact: SectionRule[] = names
    .filter((name) => name.trim() !== '')
    .map((name) => ({ match: `^${name.trim().replace(/\s+/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, kind: 'sponsor' }));
  return { ...format, sections: { ...format.sections, rules: [...exact, ...format.sections.rules] } };
}
