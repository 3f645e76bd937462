// The packaged run's entry: the extension comes from the .vsix installed into the offline editor
// (the extension under development is the empty vsix-host/), and the suites in this folder check it.
import { runFolder } from '../index';

export function run(): Promise<void> {
  return runFolder(__dirname);
}
