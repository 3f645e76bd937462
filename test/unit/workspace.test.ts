import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { InMemoryWorkspaceHost, WorkspaceIndex, buildWorkspaceIndex, type WorkspaceHost } from '../../src/core/workspace';

function issue(number: number, isoDay: string, body = ''): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const suffix = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return `---\ntitle: DEVOPS WEEKLY ISSUE \\#${number} - ${d}${suffix} ${months[m - 1]} ${y}\ndate: ${isoDay}T09:30:00+01:00\n---\n\nNews\n====\n\n${body}\n`;
}

const entry = (url: string) => `A post.\n<br>[${url}](${url})\n`;

describe('the workspace index', () => {
  test('indexes the issue files a host lists and leaves other Markdown out', async () => {
    const host = new InMemoryWorkspaceHost({
      '_posts/2020-10-11-511.md': issue(511, '2020-10-11', entry('https://example.org/a')),
      '_posts/2020-10-18-512.md': issue(512, '2020-10-18', entry('https://example.org/b')),
      'README.md': '# About this newsletter\n\nSee https://example.org/a\n',
      'drafts/next.md': issue(513, '2020-10-25'),
    });
    const index = await buildWorkspaceIndex(host, DEFAULT_CONFIG);
    assert.deepEqual(index.issues().map((i) => i.id), ['_posts/2020-10-11-511.md', '_posts/2020-10-18-512.md', 'drafts/next.md']);
    assert.equal(index.get('README.md'), undefined);
    assert.deepEqual(index.issues().map((i) => i.number), [511, 512, 513]);
  });

  test('finds where a URL was featured by its normalised form', async () => {
    const index = await buildWorkspaceIndex(new InMemoryWorkspaceHost({
      '_posts/2020-10-11-511.md': issue(511, '2020-10-11', entry('http://www.example.org/a/?utm_source=mail')),
    }), DEFAULT_CONFIG);
    const found = index.occurrencesOf('https://example.org/a');
    assert.equal(found.length, 1);
    assert.equal(found[0].issue.number, 511);
    assert.deepEqual(found[0].url.range.start, { line: 9, character: 48 });
    assert.equal(found[0].url.editorial, true);
  });

  test('keeps itself current on change, delete and rename, and says so', () => {
    const index = new WorkspaceIndex(DEFAULT_CONFIG);
    let changes = 0;
    const stop = index.onDidChange(() => changes++);
    const file = { id: '_posts/2020-10-11-511.md', relativePath: '_posts/2020-10-11-511.md' };
    index.update(file, issue(511, '2020-10-11', entry('https://example.org/a')));
    index.update(file, issue(511, '2020-10-11', entry('https://example.org/b')));
    assert.equal(index.occurrencesOf('https://example.org/a').length, 0);
    assert.equal(index.occurrencesOf('https://example.org/b').length, 1);

    index.rename(file.id, '_posts/2020-10-11-600.md');
    assert.equal(index.get(file.id), undefined);
    const renamed = index.get('_posts/2020-10-11-600.md');
    assert.equal(renamed?.baseName, '2020-10-11-600.md');
    assert.equal(renamed?.fileNameInfo.number, 600);
    assert.equal(renamed?.number, 511, 'the title number still wins over the file name');
    assert.equal(index.occurrencesOf('https://example.org/b')[0].issue.id, '_posts/2020-10-11-600.md');

    index.delete('_posts/2020-10-11-600.md');
    assert.equal(index.size, 0);
    assert.equal(index.occurrencesOf('https://example.org/b').length, 0);
    assert.equal(changes, 4);
    stop();
    index.update(file, issue(511, '2020-10-11'));
    assert.equal(changes, 4);
  });

  test('drops a file whose edit makes it stop being an issue', () => {
    const index = new WorkspaceIndex(DEFAULT_CONFIG);
    const file = { id: 'notes/x.md', relativePath: 'notes/x.md' };
    index.update(file, issue(511, '2020-10-11'));
    assert.equal(index.size, 1);
    index.update(file, '# Just notes\n');
    assert.equal(index.size, 0);
  });

  test('orders issues by date, then number, and finds the previous one and the next free number', () => {
    const index = new WorkspaceIndex(DEFAULT_CONFIG);
    const add = (id: string, n: number, day: string) => index.update({ id, relativePath: `_posts/${id}` }, issue(n, day));
    add('c.md', 469, '2019-12-22');
    add('a.md', 467, '2019-12-08');
    add('b.md', 468, '2019-12-22');
    assert.deepEqual(index.issues().map((i) => i.number), [467, 468, 469]);
    assert.equal(index.previousOf(index.get('c.md')!)?.number, 468);
    assert.equal(index.previousOf(index.get('a.md')!), undefined);
    assert.equal(index.nextFreeNumber(), 470);
    assert.deepEqual(index.withNumber(468, 'b.md'), []);
  });

  test('reports progress, stops when cancelled, and skips files it cannot read', async () => {
    const files: Record<string, string> = {};
    for (let n = 1; n <= 30; n++) files[`_posts/2020-01-${String(n).padStart(2, '0')}-${n}.md`] = issue(n, `2020-01-${String(n).padStart(2, '0')}`);
    const progress: Array<[number, number]> = [];
    const cancelled = await buildWorkspaceIndex(new InMemoryWorkspaceHost(files), DEFAULT_CONFIG, {
      onProgress: (done, total) => progress.push([done, total]),
      isCancelled: () => progress.length >= 10,
    });
    assert.equal(cancelled.size, 10);
    assert.deepEqual(progress[0], [1, 30]);

    const failing: WorkspaceHost = {
      listFiles: async () => [{ id: 'a', relativePath: '_posts/2020-01-01-1.md' }, { id: 'b', relativePath: '_posts/2020-01-08-2.md' }],
      readFile: async (id) => {
        if (id === 'a') throw new Error('permission denied');
        return issue(2, '2020-01-08');
      },
    };
    const index = await buildWorkspaceIndex(failing, DEFAULT_CONFIG);
    assert.deepEqual(index.issues().map((i) => i.id), ['b']);
  });
});
