// First load of a workspace of This Week in Rust's shared issues: the index is built (parsed, or
// loaded from a store an earlier run left) and stored in the workspace storage; the Problems panel
// gets the findings of issue files no one opened.
import * as assert from 'assert';
import { api, archiveDiagnostics, issueFiles, waitFor } from './helpers';

describe('Archive, first load: the index is built and stored', function () {
  this.timeout(600_000);

  it('indexes every issue file and publishes findings of files never opened', async () => {
    const newsletter = await api();
    await newsletter.services.workspaceIndex.ready();
    const files = await issueFiles();
    const { loadedFromStore, parsedAtStartup } = newsletter.index;
    console.log(`# first load: ${files.length} issue files, ${loadedFromStore} loaded from the stored index, ${parsedAtStartup} parsed`);
    assert.ok(files.length > 100, `the workspace holds the corpus's issues (${files.length})`);
    assert.equal(loadedFromStore + parsedAtStartup, files.length);
    const archived = await waitFor('findings of files not open', () => {
      const found = archiveDiagnostics();
      return found.length > 0 ? found : undefined;
    });
    console.log(`# first load: ${archived.length} files not open have findings in the Problems panel`);
  });
});
