// First load of a workspace of This Week in Rust's shared issues: the index is built (parsed, or
// loaded from a store an earlier run left) and stored in the workspace storage; the Problems panel
// gets the findings of issue files no one opened.
import * as assert from 'assert';
import { api, archiveDiagnostics, waitFor, watchingEventLoop } from './helpers';
import { MIN_FILES_FOR_WORKERS } from '../../../src/workers/parseWorkers';

describe('Archive, first load: the index is built and stored', function () {
  this.timeout(600_000);

  it('indexes every issue file and publishes findings of files never opened', async () => {
    // How long the extension host's thread was held while the index was built.
    const { value: newsletter, summary } = await watchingEventLoop(async () => {
      const loaded = await api();
      await loaded.services.workspaceIndex.ready();
      return loaded;
    });
    const issues = newsletter.services.workspaceIndex.all().reduce((n, index) => n + index.size, 0);
    const { loadedFromStore, parsedAtStartup, workerThreads } = newsletter.index;
    console.log(`# first load: ${issues} issue files, ${loadedFromStore} loaded from the stored index, ${parsedAtStartup} parsed on ${workerThreads} worker thread(s)`);
    console.log(`# first load: the extension host while indexing: ${summary}`);
    assert.ok(issues > 100, `the index holds the corpus's issues (${issues})`);
    assert.equal(loadedFromStore + parsedAtStartup, issues);
    // The desktop build parses many files on worker threads, not on the extension host's thread.
    if (parsedAtStartup >= MIN_FILES_FOR_WORKERS) assert.ok(workerThreads >= 1, `parsed on worker threads (${workerThreads})`);
    const archived = await waitFor('findings of files not open', () => {
      const found = archiveDiagnostics();
      return found.length > 0 ? found : undefined;
    });
    console.log(`# first load: ${archived.length} files not open have findings in the Problems panel`);
  });
});
