import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseWithConfig } from '../core/parse/parseIssue';
import { renderExportHtml, renderPlainText } from '../core/render';
import { loadProjectConfig } from './projectConfig';
import { UsageError } from './usage';
import { formatOption, parseCommandArgs } from './args';

/**
 * `newsletter-desk render --format html|text FILE`: the issue as the exported HTML file or the
 * plain-text mail (footer from `emailFooter` in the project config file), to stdout.
 */
export function runRender(args: readonly string[], io: { out: (s: string) => void; cwd: string }): number {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', default: 'html' }, config: { type: 'string' } } as const);
  const format = formatOption(values.format, ['html', 'text'] as const);
  if (positionals.length !== 1) throw new UsageError('render takes exactly one issue file');
  const path = resolve(io.cwd, positionals[0]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { config } = loadProjectConfig(io.cwd, typeof values.config === 'string' ? values.config : undefined);
  const document = parseWithConfig(text, path, config);
  const output = format === 'html'
    ? renderExportHtml(document, { footer: config.emailFooter, profile: config.format })
    : renderPlainText(document, { footer: config.emailFooter, profile: config.format });
  // io.out adds the final line break.
  io.out(output.replace(/\n$/, ''));
  return 0;
}
