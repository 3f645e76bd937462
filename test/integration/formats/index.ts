// The `formats` phase's entry: runs the suite files of test/integration/suite-formats whose name
// starts with the workspace's suite name (NEWSLETTER_FORMATS_SUITE: `formats` on the list-style
// fixture workspace, `setup` on the workspace without config).
import * as path from 'path';
import { runFolder } from '../index';

export function run(): Promise<void> {
  const suite = process.env.NEWSLETTER_FORMATS_SUITE ?? 'formats';
  return runFolder(path.join(__dirname, '..', 'suite-formats'), (file) => file.startsWith(`${suite}.`));
}
