import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../src/core/rules/runner';
import type { Rule } from '../../src/core/rules/rule';
import { resolveConfig } from '../../src/core/config';
import { parseIssue } from '../../src/core/parse/parseIssue';
import type { Finding } from '../../src/core/model';

const at = (line: number): Finding['range'] => ({ start: { line, character: 0 }, end: { line, character: 1 } });
const fixed: Rule = {
  name: 'fixed',
  codes: [{ code: 'test.one', defaultSeverity: 'warning', description: '' }],
  check: () => [
    { code: 'test.two', severity: 'info', message: 'second', range: at(5) },
    { code: 'test.one', severity: 'warning', message: 'first', range: at(2) },
  ],
};
const throwing: Rule = { name: 'throwing', codes: [], check: () => { throw new Error('boom'); } };
const document = parseIssue('---\ntitle: x\n---\n');

describe('runRules', () => {
  test('returns the findings sorted by position', () => {
    const findings = runRules(document, { config: resolveConfig().config, rules: [fixed] });
    assert.deepEqual(findings.map((f) => f.message), ['first', 'second']);
  });

  test('applies the configured level of a code and drops codes turned off', () => {
    const { config } = resolveConfig({ rules: { 'test.one': 'off', 'test.two': 'error' } });
    const findings = runRules(document, { config, rules: [fixed] });
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['test.two', 'error']]);
  });

  test('reports a rule that throws as a finding and still runs the others', () => {
    const findings = runRules(document, { config: resolveConfig().config, rules: [throwing, fixed] });
    assert.deepEqual(findings.map((f) => f.code).sort(), ['rule.crashed', 'test.one', 'test.two']);
    assert.match(findings.find((f) => f.code === 'rule.crashed')?.message ?? '', /throwing.*boom/);
  });

  test('reports front matter that does not parse with the default rules', () => {
    const broken = parseIssue('---\ntitle: [x\n---\n');
    assert.ok(runRules(broken, { config: resolveConfig().config }).some((f) => f.code === 'frontmatter.invalid'));
  });
});

describe('resolveConfig', () => {
  test('keeps the defaults and says why when a value has the wrong type', () => {
    const { config, problems } = resolveConfig({ files: 'not a list', publicationIntervalDays: 0, rules: { 'x.y': 'loud' } });
    assert.deepEqual(config.format.files.globs, resolveConfig().config.format.files.globs);
    assert.equal(config.format.newIssue.intervalDays, 7);
    assert.deepEqual(config.rules, {});
    assert.equal(problems.length, 3);
  });

  test('lets a later layer win over an earlier one', () => {
    const { config } = resolveConfig({ postsFolder: 'a', rules: { 'x.y': 'off' } }, { postsFolder: 'b' });
    assert.equal(config.format.files.folder, 'b');
    assert.deepEqual(config.rules, { 'x.y': 'off' });
  });

  test('rejects a layer that is not an object', () => {
    assert.equal(resolveConfig([1, 2]).problems.length, 1);
  });
});
