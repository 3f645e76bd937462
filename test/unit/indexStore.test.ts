import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core/config';
import { ALL_RULES, allRuleCodes } from '../../src/core/rules/index';
import { runRules } from '../../src/core/rules/runner';
import { parseWithConfig } from '../../src/core/parse/parseIssue';
import { WorkspaceIndex } from '../../src/core/workspace';
import {
  JS_HASHER,
  findingsOfStored,
  loadIndexCache,
  loadIndexCacheInTurns,
  parseManyHere,
  parseManyOrElse,
  refreshIndex,
  serializeIndexCache,
  serializeIndexCacheInTurns,
  type ParseMany,
  type StoredFile,
} from '../../src/core/indexStore';
import { corpusDir } from './helpers/text';

function issue(number: number, isoDay: string, body: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const suffix = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return `---\ntitle: DEVOPS WEEKLY ISSUE \\#${number} - ${d}${suffix} ${months[m - 1]} ${y}\ndate: ${isoDay}T09:30:00+01:00\n---\n\nNews\n====\n\n${body}\n`;
}

const post = (url: string, words = 'A post.') => `${words}\n<br>[${url}](${url})\n`;

/** Issues with cross-issue findings: a URL seen before, a duplicate number, a skipped number, a late date; and a silenced one. */
const ARCHIVE: Record<string, string> = {
  '/a/_posts/2020-10-04-510.md': issue(510, '2020-10-04', post('https://example.org/a') + '\n' + post('https://example.org/b')),
  '/a/_posts/2020-10-11-511.md': issue(511, '2020-10-11', post('https://example.org/a/') + '\n' + post('https://example.org/c') + '\n' + post('https://example.org/c')),
  '/a/_posts/2020-10-18-511.md': issue(511, '2020-10-19', post('https://example.org/b')),
  '/a/_posts/2020-10-25-514.md': issue(514, '2020-10-25', '<!-- newsletter-disable-next-line link.seen-before -->\n' + post('https://example.org/c')),
};

const inputs = (files: Record<string, string>) => Object.entries(files).map(([id, text]) => ({ id, text }));

/** What `check` reported before the store: runRules over parsed documents with the index of them all. */
function fullRun(files: Record<string, string>, config = DEFAULT_CONFIG): Map<string, unknown> {
  const index = new WorkspaceIndex(config);
  const documents = Object.entries(files).map(([id, text]) => parseWithConfig(text, id, config));
  for (const document of documents) index.set(document);
  return new Map(documents.map((d) => [d.fileName as string, runRules(d, { config, workspace: index })]));
}

async function storedRun(files: Record<string, string>, options: Parameters<typeof refreshIndex>[1]) {
  const result = await refreshIndex(inputs(files), options);
  const findings = new Map(Object.entries(files).map(([id, text]) => [id, findingsOfStored(result.files.get(id)!, text, result.index, options.config)]));
  return { result, findings };
}

const KEY = { version: '1.2.3', config: DEFAULT_CONFIG };

describe('the index store', () => {
  test('every rule code says whether it depends on other issues, and only workspace rules have a workspace part', () => {
    const workspaceCodes = allRuleCodes().filter((c) => c.scope === 'workspace').map((c) => c.code).sort();
    assert.deepEqual(workspaceCodes, ['issue.number-duplicate', 'issue.number-sequence', 'link.seen-before']);
    for (const rule of ALL_RULES) {
      assert.equal(rule.checkWorkspace !== undefined, rule.codes.some((c) => c.scope === 'workspace'), rule.name);
    }
  });

  test('gives the same findings as runRules over the parsed archive, cross-issue ones included', async () => {
    const expected = fullRun(ARCHIVE);
    const codes = [...expected.values()].flat().map((f) => (f as { code: string }).code);
    for (const code of ['link.seen-before', 'issue.number-duplicate', 'issue.number-sequence', 'link.duplicate']) assert.ok(codes.includes(code), code);
    const { findings } = await storedRun(ARCHIVE, { config: DEFAULT_CONFIG });
    assert.deepEqual(findings, expected);
  });

  test('a stored index read back gives the same findings without parsing a file', async () => {
    const first = await refreshIndex(inputs(ARCHIVE), { config: DEFAULT_CONFIG });
    const loaded = loadIndexCache(serializeIndexCache(first.files.values(), KEY), KEY);
    assert.ok(loaded.ok);
    let parsed = 0;
    const counting: ParseMany = async (requests, config) => {
      parsed += requests.length;
      return parseManyHere(requests, config);
    };
    const { result, findings } = await storedRun(ARCHIVE, { config: DEFAULT_CONFIG, stored: loaded.files, parseMany: counting });
    assert.equal(parsed, 0);
    assert.equal(result.reused, 4);
    assert.deepEqual(findings, fullRun(ARCHIVE));
  });

  test('after one file changes only it is parsed, and the other issues\' cross-issue findings follow it', async () => {
    const first = await refreshIndex(inputs(ARCHIVE), { config: DEFAULT_CONFIG });
    const loaded = loadIndexCache(serializeIndexCache(first.files.values(), KEY), KEY);
    assert.ok(loaded.ok);
    // Issue 510 drops the URL that 511 and the late 511 featured again: their link.seen-before must go.
    const changed = { ...ARCHIVE, '/a/_posts/2020-10-04-510.md': issue(510, '2020-10-04', post('https://example.org/z')) };
    const { result, findings } = await storedRun(changed, { config: DEFAULT_CONFIG, stored: loaded.files });
    assert.deepEqual(result.parsed, ['/a/_posts/2020-10-04-510.md']);
    assert.equal(result.reused, 3);
    const expected = fullRun(changed);
    assert.deepEqual(findings, expected);
    assert.notDeepEqual(expected, fullRun(ARCHIVE));
  });

  test('a truncated, tampered, foreign or old cache is ignored with a one-line reason', async () => {
    const first = await refreshIndex(inputs(ARCHIVE), { config: DEFAULT_CONFIG });
    const text = serializeIndexCache(first.files.values(), KEY);
    const tampered = text.replace('This URL is already featured above', 'This URL is fine');
    assert.notEqual(tampered, text);
    const cases: Array<[string, string, Parameters<typeof loadIndexCache>[1]]> = [
      ['truncated', text.slice(0, Math.floor(text.length / 2)), KEY],
      ['tampered', tampered, KEY],
      ['foreign', JSON.stringify({ kind: 'eslint', files: [] }), KEY],
      ['old', text, { ...KEY, version: '1.2.4' }],
      ['another config', text, { ...KEY, config: resolveConfig({ format: 'this-week-in-rust' }).config }],
      ['other rule levels', text, { ...KEY, config: { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, 'link.duplicate': 'off' } } }],
      ['another hash', text, { ...KEY, hasher: { name: 'other', hash: JS_HASHER.hash } }],
      ['another layout', text.replace('"schema":2', '"schema":1'), KEY],
    ];
    for (const [label, cache, key] of cases) {
      const loaded = loadIndexCache(cache, key);
      assert.equal(loaded.ok, false, label);
      assert.ok(!loaded.ok && loaded.problem && !loaded.problem.includes('\n'), label);
    }
    assert.deepEqual(loadIndexCache(undefined, KEY), { ok: false });
  });

  test('a pool of threads that fails leaves the files to the fallback, which gives the same index', async () => {
    const failures: unknown[] = [];
    const fellBackOn: string[] = [];
    const failing: ParseMany = async () => {
      throw new Error('a parse worker stopped (exit code 1)');
    };
    const fallback: ParseMany = async (requests, config) => {
      fellBackOn.push(...requests.map((r) => r.id));
      return parseManyHere(requests, config);
    };
    const { findings } = await storedRun(ARCHIVE, { config: DEFAULT_CONFIG, parseMany: parseManyOrElse(failing, fallback, (error) => failures.push(error)) });
    assert.deepEqual(fellBackOn, Object.keys(ARCHIVE), 'every file parsed by the fallback');
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]), /exit code 1/);
    assert.deepEqual(findings, fullRun(ARCHIVE));
    // A pool that works: the fallback is never asked.
    fellBackOn.length = 0;
    await storedRun(ARCHIVE, { config: DEFAULT_CONFIG, parseMany: parseManyOrElse(async (r, c) => parseManyHere(r, c), fallback, (error) => failures.push(error)) });
    assert.deepEqual(fellBackOn, []);
    assert.equal(failures.length, 1);
  });

  test('a well-formed cache with an entry of the wrong shape is not trusted', () => {
    // Written as we write (header, checksum and all), but the entry is not one.
    const forged = serializeIndexCache([{ id: 'x', hash: 'y', issue: { id: 'x' }, findings: [] } as unknown as StoredFile], KEY);
    const loaded = loadIndexCache(forged, KEY);
    assert.equal(loaded.ok, false);
    assert.match(!loaded.ok ? loaded.problem ?? '' : '', /wrong shape/);
  });

  test('written and read in turns: the same text and files as at once, with pauses between files', async () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/a/_posts/2021-01-${String(i).padStart(2, '0')}-${600 + i}.md`, issue(600 + i, '2021-01-03', post(`https://example.org/${i}`))]));
    const first = await refreshIndex(inputs(many), { config: DEFAULT_CONFIG });
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    const text = await serializeIndexCacheInTurns(first.files.values(), KEY, pause);
    assert.equal(text, serializeIndexCache(first.files.values(), KEY));
    assert.ok(pauses >= 2, `paused while writing 60 files (${pauses})`);
    pauses = 0;
    const loaded = await loadIndexCacheInTurns(text, KEY, pause);
    assert.deepEqual(loaded, loadIndexCache(text, KEY));
    assert.ok(loaded.ok && loaded.files.size === 60);
    assert.ok(pauses >= 2, `paused while reading 60 files (${pauses})`);
  });

  test('a cache that lost whole lines at its end, or gained one, is not trusted', async () => {
    const first = await refreshIndex(inputs(ARCHIVE), { config: DEFAULT_CONFIG });
    const text = serializeIndexCache(first.files.values(), KEY);
    const lines = text.split('\n');
    const shortened = `${lines.slice(0, -2).join('\n')}\n`;
    const lengthened = `${text}${lines[1]}\n`;
    for (const [label, cache] of [['a line short', shortened], ['a line more', lengthened]] as const) {
      const loaded = loadIndexCache(cache, KEY);
      assert.equal(loaded.ok, false, label);
      assert.match(!loaded.ok ? loaded.problem ?? '' : '', /counts/, label);
    }
  });

  test('on the corpus, stored findings equal runRules for every issue of every format', { skip: corpusDir() ? false : 'corpus absent' }, async () => {
    const corpus = corpusDir() as string;
    for (const [folder, format] of [['posts', 'devops-weekly'], ['this-week-in-rust/content', 'this-week-in-rust'], ['lwkd/_posts', 'lwkd']] as const) {
      const dir = join(corpus, folder);
      const names = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort().slice(0, 120);
      const files = Object.fromEntries(names.map((n) => [join(dir, n), readFileSync(join(dir, n), 'utf8')]));
      const config = resolveConfig({ format }).config;
      const key = { version: 'x', config };
      const first = await refreshIndex(inputs(files), { config });
      const loaded = loadIndexCache(serializeIndexCache(first.files.values(), key), key);
      assert.ok(loaded.ok, folder);
      const { result, findings } = await storedRun(files, { config, stored: loaded.files });
      assert.equal(result.parsed.length, 0, folder);
      assert.deepEqual(findings, fullRun(files, config), folder);
    }
  });
});
