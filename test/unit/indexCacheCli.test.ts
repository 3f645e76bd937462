import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { checkArchive } from '../../src/cli/check';
import { readFoundFiles } from '../../src/cli/workspace';
import { expandPaths } from '../../src/cli/files';
import { splitCacheArgs } from '../../src/cli/checkCommand';
import { commandLineParseMany, workerParseMany } from '../../src/workers/parseWorkers';
import { parseManyHere, type ParseMany, type ParseRequest } from '../../src/core/indexStore';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { issueUrls, type IssueUrl } from '../../src/linkcheck/issueLinks';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core/config';
import { corpusDir, projectRoot } from './helpers/text';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Issue `n` of a DevOps Weekly-style archive of our own, weekly from 4 October 2020; every third one repeats a URL of the one before. */
function issue(n: number): { name: string; text: string } {
  const day = new Date(Date.UTC(2020, 9, 4) + (n - 500) * 7 * 86_400_000);
  const d = day.getUTCDate();
  const suffix = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  const iso = day.toISOString().slice(0, 10);
  const url = (k: number) => `https://example.org/post-${k}`;
  const again = n % 3 === 0 ? `\nThe same post, a week later.\n<br>[${url(n - 1)}](${url(n - 1)})\n` : '';
  const text = `---\ntitle: DEVOPS WEEKLY ISSUE \\#${n} - ${d}${suffix} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}\ndate: ${iso}T09:30:00+01:00\n---\n\nNews\n====\n\nA post featured for the first time.\n<br>[${url(n)}](${url(n)})\n${again}`;
  return { name: `${iso}-${n}.md`, text };
}

let folder: string;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: folder });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function counting(): { parseMany: ParseMany; parsed: string[] } {
  const parsed: string[] = [];
  return {
    parsed,
    parseMany: async (requests, config) => {
      parsed.push(...requests.map((r) => r.id));
      return parseManyHere(requests, config);
    },
  };
}

const cachePath = () => join(folder, '.newsletter-desk', 'index-cache.json');

async function checkCounted() {
  const read = readFoundFiles(expandPaths(['_posts'], folder), DEFAULT_CONFIG, folder);
  const count = counting();
  const notes: string[] = [];
  const run = await checkArchive(read, DEFAULT_CONFIG, { cachePath: cachePath(), parseMany: count.parseMany, err: (s) => notes.push(s) });
  return { run, parsed: count.parsed, notes };
}

describe('check --cache', () => {
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'nd-index-cache-'));
    mkdirSync(join(folder, '_posts'));
    writeFileSync(join(folder, '.newsletter-desk.json'), '{}\n');
    for (let n = 500; n < 512; n++) {
      const { name, text } = issue(n);
      writeFileSync(join(folder, '_posts', name), text);
    }
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test('stores the index in .newsletter-desk/ of the project folder, and a second run prints the same findings', async () => {
    mkdirSync(join(folder, 'sub'));
    const plain = await run('check', '--format', 'json');
    folder = join(folder, 'sub');
    const first = await run('check', '--cache', '--format', 'json');
    folder = join(folder, '..');
    assert.ok(existsSync(cachePath()));
    assert.equal(existsSync(join(folder, 'sub', '.newsletter-desk')), false);
    const second = await run('check', '--cache', '--format', 'json');
    assert.ok(plain.out.includes('link.seen-before'));
    assert.equal(second.code, plain.code);
    assert.equal(second.err, '');
    assert.deepEqual(JSON.parse(first.out.replaceAll('../', '')), JSON.parse(plain.out));
    assert.equal(second.out, plain.out);
  });

  test('a second run of the unchanged archive parses nothing; after one file changes only it is parsed', async () => {
    const cold = await checkCounted();
    assert.equal(cold.parsed.length, 12);
    const warm = await checkCounted();
    assert.deepEqual(warm.parsed, []);
    assert.equal(warm.run.reused, 12);
    assert.deepEqual(warm.run.reports, cold.run.reports);
    // Issue 502 now features the URL of 503's repeat: 503's link.seen-before must follow, unparsed.
    const changed = join(folder, '_posts', issue(502).name);
    writeFileSync(changed, issue(502).text.replace('post-502', 'post-501'));
    const after = await checkCounted();
    assert.deepEqual(after.parsed, [changed]);
    assert.equal(after.run.reused, 11);
    const uncached = await checkArchive(readFoundFiles(expandPaths(['_posts'], folder), DEFAULT_CONFIG, folder), DEFAULT_CONFIG, { parseMany: async (r, c) => parseManyHere(r, c) });
    assert.deepEqual(after.run.reports, uncached.reports);
    assert.notDeepEqual(after.run.reports, cold.run.reports);
  });

  for (const [label, damage] of [
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length * 0.6))],
    ['tampered', (text: string) => text.replace('"severity":"warning"', '"severity":"hint"').replace('"number":505', '"number":905')],
  ] as const) {
    test(`a ${label} cache file is ignored with a one-line note, and everything is parsed again`, async () => {
      await checkCounted();
      const text = readFileSync(cachePath(), 'utf8');
      assert.notEqual(damage(text), text);
      writeFileSync(cachePath(), damage(text));
      const again = await checkCounted();
      assert.equal(again.parsed.length, 12);
      assert.equal(again.notes.length, 1);
      assert.match(again.notes[0], /^newsletter-desk: the index cache .*ignored/);
      assert.ok(!again.notes[0].includes('\n'));
      const cli = await run('check', '--cache');
      assert.equal(cli.err, '', 'the cache was rewritten whole by the run before');
    });
  }

  test('--cache FILE with --links is still the link cache; --cache alone, last or before an option is the index cache', () => {
    assert.deepEqual(splitCacheArgs(['--links', '--cache', 'links.json', '_posts']), { args: ['--links', '_posts'], indexCache: false, linkCache: 'links.json' });
    assert.deepEqual(splitCacheArgs(['--links', '--cache=links.json']), { args: ['--links'], indexCache: false, linkCache: 'links.json' });
    assert.deepEqual(splitCacheArgs(['_posts', '--cache']), { args: ['_posts'], indexCache: true, linkCache: undefined });
    assert.deepEqual(splitCacheArgs(['--cache', '_posts']), { args: ['_posts'], indexCache: true, linkCache: undefined });
    assert.deepEqual(splitCacheArgs(['--links', '--cache', '--format', 'json']), { args: ['--links', '--format', 'json'], indexCache: true, linkCache: undefined });
  });

  test('--link-cache without --links is a usage error', async () => {
    const result = await run('check', '--link-cache', 'x.json');
    assert.equal(result.code, 2);
    assert.match(result.err, /--link-cache goes with --links/);
  });
});

describe('parsing on worker threads', () => {
  const script = join(projectRoot, 'dist', 'parseWorker.js');

  async function compare(label: string, requests: ParseRequest[], config = DEFAULT_CONFIG) {
    const here = parseManyHere(requests, config);
    // Workers alone (every answer copied back from a worker), then workers and the main thread sharing the files.
    const urlsHere = new Map(requests.map((r) => [r.id, issueUrls(parseWithConfig(r.text, r.id, config))]));
    for (const mainThreadParses of [false, true]) {
      let threads = -1;
      const urls = new Map<string, IssueUrl[]>();
      const viaWorkers = await workerParseMany({ threads: 2, script, mainThreadParses, onThreads: (n) => (threads = n), onUrls: (id, u) => urls.set(id, u) })(requests, config);
      const how = `${label}${mainThreadParses ? ', the main thread parsing too' : ''}`;
      assert.equal(threads, 2, `${label}: ran on two threads`);
      assert.deepEqual(viaWorkers, here, how);
      // check --links reads each file's URLs from the same parse.
      assert.deepEqual(urls, urlsHere, `${how}: the URLs`);
    }
  }

  test('gives what the main thread gives, in the same order', { skip: existsSync(script) ? false : 'dist/parseWorker.js not built (npm run build)' }, async () => {
    const own = Array.from({ length: 40 }, (_, i) => issue(500 + i)).map(({ name, text }) => ({ id: `/x/_posts/${name}`, text, hash: name }));
    await compare('our archive', own);
    const corpus = corpusDir();
    if (!corpus) return;
    for (const [dir, format] of [['posts', 'devops-weekly'], ['this-week-in-rust/content', 'this-week-in-rust'], ['lwkd/_posts', 'lwkd']] as const) {
      const base = join(corpus, dir);
      const names = readdirSync(base, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort().slice(-40);
      await compare(dir, names.map((n) => ({ id: join(base, n), text: readFileSync(join(base, n), 'utf8'), hash: n })), resolveConfig({ format }).config);
    }
  });

  test('few files stay on the main thread, parsed the way the host asks', async () => {
    let threads = -1;
    await workerParseMany({ threads: 2, script, onThreads: (n) => (threads = n) })([{ id: '/x/a.md', text: issue(500).text, hash: 'a' }], DEFAULT_CONFIG);
    assert.equal(threads, 0);
    const asked: string[] = [];
    const here: ParseMany = async (requests, config) => {
      asked.push(...requests.map((r) => r.id));
      return parseManyHere(requests, config);
    };
    const request = { id: '/x/b.md', text: issue(501).text, hash: 'b' };
    const answer = await workerParseMany({ threads: 2, script, here })([request], DEFAULT_CONFIG);
    assert.deepEqual(asked, ['/x/b.md']);
    assert.deepEqual(answer, parseManyHere([request], DEFAULT_CONFIG));
  });

  const archive = (count: number) => Array.from({ length: count }, (_, i) => issue(500 + i)).map(({ name, text }) => ({ id: `/x/_posts/${name}`, text, hash: name }));

  test('one worker alone (the extension host: its own thread parses nothing), with progress', { skip: existsSync(script) ? false : 'dist/parseWorker.js not built (npm run build)' }, async () => {
    const requests = archive(40);
    let threads = -1;
    const progress: number[] = [];
    const answer = await workerParseMany({ threads: 1, mainThreadParses: false, script, onThreads: (n) => (threads = n), onParsed: (done, total) => progress.push(done / total) })(requests, DEFAULT_CONFIG);
    assert.equal(threads, 1, 'one worker thread');
    assert.deepEqual(answer, parseManyHere(requests, DEFAULT_CONFIG));
    assert.ok(progress.length > 1, `progress after each batch (${progress.length} reports)`);
    assert.ok(progress.every((p, i) => i === 0 || p > progress[i - 1]), 'progress only goes forward');
    assert.equal(progress.at(-1), 1, 'the last report: all done');
  });

  test('the CLI\'s pool: --threads 2 parses on threads, with the same answers; --threads 1 on the main thread alone', { skip: existsSync(script) ? false : 'dist/parseWorker.js not built (npm run build)' }, async () => {
    const requests = archive(40);
    const here = parseManyHere(requests, DEFAULT_CONFIG);
    let threads = -1;
    let parsedHere = 0;
    const countingHere: ParseMany = async (r, config) => {
      parsedHere += r.length;
      return parseManyHere(r, config);
    };
    assert.deepEqual(await commandLineParseMany({ threads: 2, script, here: countingHere, onThreads: (n) => (threads = n) })(requests, DEFAULT_CONFIG), here);
    assert.equal(threads, 2, 'two worker threads');
    assert.equal(parsedHere, 0, 'the files went to the pool, not to the main-thread fallback');
    assert.deepEqual(await commandLineParseMany({ threads: 1, script, here: countingHere, onThreads: (n) => (threads = n) })(requests, DEFAULT_CONFIG), here);
    assert.equal(threads, 0, '--threads 1: no worker');
    assert.equal(parsedHere, requests.length, '--threads 1: the main thread parsed them all');
  });

  test('cancelled: no batch is sent after, the files parsed before come back in order', { skip: existsSync(script) ? false : 'dist/parseWorker.js not built (npm run build)' }, async () => {
    const requests = archive(60);
    let parsedBefore = 0;
    const answer = await workerParseMany({
      threads: 1,
      mainThreadParses: false,
      script,
      onParsed: (done) => (parsedBefore = done),
      cancelled: () => parsedBefore > 0,
    })(requests, DEFAULT_CONFIG);
    assert.ok(answer.length > 0 && answer.length < requests.length, `some files, not all (${answer.length} of ${requests.length})`);
    assert.ok(answer.every((file) => file !== undefined), 'no holes');
    const ids = requests.map((r) => r.id);
    const positions = answer.map((file) => ids.indexOf(file.id));
    assert.ok(positions.every((p, i) => i === 0 || p > positions[i - 1]), 'in the order asked');
    const byId = new Map(parseManyHere(requests, DEFAULT_CONFIG).map((file) => [file.id, file]));
    for (const file of answer) assert.deepEqual(file, byId.get(file.id));
  });
});
