import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from './helpers/text';

/** The lint rule that keeps the core pure (HOUSE-STYLE.md, habit 1) must actually fire. */
describe('the core boundary lint rule', () => {
  const eslint = new ESLint({ cwd: projectRoot });
  const lint = async (code: string, file: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(projectRoot, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  test('rejects an import of vscode in src/core', async () => {
    const messages = await lint("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/core/example.ts');
    assert.equal(messages.length, 1);
    assert.match(messages[0], /src\/core must not depend on the editor/);
  });

  test('rejects Node built-ins in src/core, with or without the node: prefix', async () => {
    assert.equal((await lint("import { readFileSync } from 'fs';\nexport const r = readFileSync;\n", 'src/core/example.ts')).length, 1);
    assert.equal((await lint("import { join } from 'node:path';\nexport const j = join;\n", 'src/core/example.ts')).length, 1);
  });

  test('allows vscode in the adapters', async () => {
    assert.deepEqual(await lint("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/vscode/example.ts'), []);
  });
});
