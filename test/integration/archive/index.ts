// The `archive` phase's entry: runs test/integration/suite-archive's files whose name starts with
// the step (NEWSLETTER_ARCHIVE_STEP: `first` on the first page load of the workspace of This Week
// in Rust's issues, `reload` on the second load of the same workspace, same user data).
import * as path from 'path';
import { runFolder } from '../index';

export function run(): Promise<void> {
  const step = process.env.NEWSLETTER_ARCHIVE_STEP ?? 'first';
  return runFolder(path.join(__dirname, '..', 'suite-archive'), (file) => file.startsWith(`${step}.`));
}
