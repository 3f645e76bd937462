// Second load of the same workspace with the same user data (a window reload): the index comes
// from the workspace storage, no file is parsed again, and the Problems panel lists findings of an
// issue that was never opened in this window.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, archiveDiagnostics, waitFor, watchingEventLoop } from './helpers';

describe('Archive, after a reload: the index is loaded from storage', function () {
  this.timeout(600_000);

  it('loads every issue file from the store, parses none, and lists findings of an unopened issue', async () => {
    // How long the extension host's thread was held while the stored index was read.
    const { value: newsletter, summary } = await watchingEventLoop(async () => {
      const loaded = await api();
      await loaded.services.workspaceIndex.ready();
      return loaded;
    });
    const issues = newsletter.services.workspaceIndex.all().reduce((n, index) => n + index.size, 0);
    const { loadedFromStore, parsedAtStartup } = newsletter.index;
    console.log(`# after reload: ${issues} issue files, ${loadedFromStore} loaded from the stored index, ${parsedAtStartup} parsed`);
    console.log(`# after reload: the extension host while loading the index: ${summary}`);
    assert.equal(parsedAtStartup, 0, 'no file parsed again');
    assert.equal(loadedFromStore, issues, 'every issue file came from the store');
    const archived = await waitFor('findings of files not open', () => {
      const found = archiveDiagnostics();
      return found.length > 0 ? found : undefined;
    });
    const [uri, diagnostics] = archived[0];
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was never opened');
    assert.ok(newsletter.services.workspaceIndex.indexFor(uri)?.get(uri.toString()), 'an issue file of the index');
    console.log(`# after reload: ${archived.length} files not open have findings; e.g. ${vscode.workspace.asRelativePath(uri)}: ${diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)).join(', ')}`);
  });
});
