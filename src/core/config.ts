/**
 * Options shared by the extension and the CLI, with their defaults. The extension reads them from
 * VS Code settings (`newsletter.*`) layered over the project config file; the CLI reads the
 * project config file. Both go through `resolveConfig`, so both validate the same way.
 */

export type RuleLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

/** File name of the project config file, looked up at the workspace (or CLI working) folder. */
export const PROJECT_CONFIG_FILE = '.newsletter-desk.json';

export interface NewsletterConfig {
  /** Globs (relative to the workspace folder) that make a Markdown file an issue file. */
  readonly files: readonly string[];
  /**
   * The issue title, with placeholders `{number}`, `{day}`, `{ordinal}`, `{month}` and `{year}`.
   * Written as it stands in the front matter (so `\#` for a `#` that Jekyll must not take as a
   * comment).
   */
  readonly titleTemplate: string;
  /** Where `New Issue` puts new files, relative to the workspace folder. */
  readonly postsFolder: string;
  /** Days between two issues. */
  readonly publicationIntervalDays: number;
  /** Section headings that count as sponsor sections besides the built-in names. */
  readonly sponsorSections: readonly string[];
  /** Per-rule level overrides, by rule code. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** The paragraph that ends the plain-text email. */
  readonly emailFooter: string;
}

export const DEFAULT_CONFIG: NewsletterConfig = {
  files: ['**/_posts/**/*.{md,markdown}'],
  titleTemplate: 'DEVOPS WEEKLY ISSUE \\#{number} - {day}{ordinal} {month} {year}',
  postsFolder: '_posts',
  publicationIntervalDays: 7,
  sponsorSections: [],
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
 * values; a wrong value is reported and the default kept, never thrown.
 */
export function resolveConfig(...layers: readonly unknown[]): ResolvedConfig {
  const problems: string[] = [];
  const rules: Record<string, RuleLevel> = { ...DEFAULT_CONFIG.rules };
  const result: { -readonly [K in keyof NewsletterConfig]: NewsletterConfig[K] } = { ...DEFAULT_CONFIG, rules };
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (typeof layer !== 'object' || Array.isArray(layer)) {
      problems.push('configuration: expected an object');
      continue;
    }
    const values = layer as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      switch (key) {
        case 'files':
        case 'sponsorSections':
          if (Array.isArray(value) && value.every((v) => typeof v === 'string')) result[key] = value as string[];
          else problems.push(`${key}: expected a list of strings`);
          break;
        case 'titleTemplate':
          if (typeof value === 'string' && value.includes('{number}')) result.titleTemplate = value;
          else problems.push('titleTemplate: expected a string with a {number} placeholder');
          break;
        case 'postsFolder':
        case 'emailFooter':
          if (typeof value === 'string') result[key] = value;
          else problems.push(`${key}: expected a string`);
          break;
        case 'publicationIntervalDays':
          if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 366) result.publicationIntervalDays = value;
          else problems.push('publicationIntervalDays: expected a whole number of days from 1 to 366');
          break;
        case 'rules':
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            for (const [code, level] of Object.entries(value)) {
              if (RULE_LEVELS.includes(level as RuleLevel)) rules[code] = level as RuleLevel;
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
  return { config: result, problems };
}
