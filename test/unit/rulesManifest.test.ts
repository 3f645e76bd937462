import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, allRuleCodes, ruleDocAnchor } from '../../src/core/rules/index';
import { RULE_LEVELS } from '../../src/core/config';
import { LINK_CODES, NOT_REQUESTED_CODE } from '../../src/linkcheck/findings';
import { projectRoot } from './helpers/text';

/** Every diagnostic code has its setting and its documentation, with a bad and a good example. */
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const rulesSetting = manifest.contributes?.configuration?.properties?.['newsletter.rules'];
const docs = readFileSync(join(projectRoot, 'docs', 'rules.md'), 'utf8');
const codes = allRuleCodes();

/** The text of a code's section in docs/rules.md, from its anchor to the next `###`/`##` heading. */
function docSection(code: string): string | undefined {
  const anchor = `<a id="${ruleDocAnchor(code)}"></a>`;
  const start = docs.indexOf(anchor);
  if (start < 0) return undefined;
  const rest = docs.slice(start + anchor.length);
  const heading = /^### (.+)$/m.exec(rest);
  if (!heading || heading[1].trim() !== code) return undefined;
  const next = rest.slice(heading.index + heading[0].length).search(/^##/m);
  return next < 0 ? rest : rest.slice(0, heading.index + heading[0].length + next);
}

describe('the rule codes', () => {
  test('are unique, stable kebab-case strings grouped by topic', () => {
    const names = codes.map((c) => c.code);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z]+\.[a-z]+(?:-[a-z]+)*$/);
  });

  test('are each linked from the contents at the top of docs/rules.md', () => {
    const contents = docs.slice(0, docs.indexOf('\n## '));
    for (const { code } of codes) assert.ok(contents.includes(`[${code}](#${ruleDocAnchor(code)})`), `${code} is missing from the contents`);
  });

  test('come from rules that each say where they are documented', () => {
    for (const rule of ALL_RULES) assert.equal(rule.docs, 'docs/rules.md', rule.name);
  });

  test('each have a level setting with every level and a description', () => {
    assert.equal(rulesSetting?.type, 'object');
    assert.ok(rulesSetting?.markdownDescription);
    for (const { code, description } of codes) {
      const setting = rulesSetting?.properties?.[code];
      assert.ok(setting, `newsletter.rules has no property for ${code}`);
      assert.deepEqual(setting.enum, [...RULE_LEVELS], code);
      assert.ok(String(setting.markdownDescription).includes(description), `${code}: the setting does not carry the rule's description`);
    }
    const linkCodes = [...Object.values(LINK_CODES), NOT_REQUESTED_CODE].map((c) => c.code);
    for (const code of linkCodes) assert.deepEqual(rulesSetting?.properties?.[code]?.enum, [...RULE_LEVELS], `link checking's ${code}`);
    const extra = Object.keys(rulesSetting?.properties ?? {}).filter((code) => !codes.some((c) => c.code === code) && !linkCodes.includes(code));
    assert.deepEqual(extra, [], 'settings for codes nothing reports');
  });

  test('each have a section in docs/rules.md at the anchor diagnostics link to, with a bad and a good example', () => {
    for (const { code, defaultSeverity } of codes) {
      const section = docSection(code);
      assert.ok(section, `docs/rules.md has no section for ${code}`);
      assert.match(section, /\bBad\b/, `${code}: no bad example`);
      assert.match(section, /\bGood\b/, `${code}: no good example`);
      assert.match(section, new RegExp(`Default: ${defaultSeverity}\\.`), `${code}: the documented default level is not ${defaultSeverity}`);
    }
  });
});
