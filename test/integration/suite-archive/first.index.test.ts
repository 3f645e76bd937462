// First load of a workspace of This Week in Rust's shared issues: the index is built (parsed, or
// loaded from a store an earlier run left) and stored in the workspace storage; the Problems panel
// gets the findings of issue files no one opened.
import * as assert from 'assert';
import { api, archiveDiagnostics, waitFor } from './helpers';

describe('Archive, first load: the index is built and stored', function () {
  this.timeout(600_000);

  it('indexes every issue file and publishes findings of files never opened', async () => {
    const newsletter = await api();
    await newsletter.services.workspaceIndex.ready();
    const issues = newsletter.services.workspaceIndex.all().reduce((n, index) => n + index.size, 0);
    const { loadedFromStore, parsedAtStartup } = newsletter.index;
    console.log(`# first load: ${issues} issue files, ${loadedFromStore} loaded from the stored index, ${parsedAtStartup} parsed`);
    assert.ok(issues > 100, `the index holds the corpus's issues (${issues})`);
    assert.equal(loadedFromStore + parsedAtStartup, issues);
    const archived = await waitFor('findings of files not open', () => {
      const found = archiveDiagnostics();
      return found.length > 0 ? found : undefined;
    });
    console.log(`# first load: ${archived.length} files not open have findings in the Problems panel`);
  });
});
