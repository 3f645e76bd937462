import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'util', 'crypto', 'stream', 'zlib', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', '.tmp-*/**', 'node_modules/**', '.vscode-test/**', '.tools/**', 'out/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The core is pure: no editor, no Node built-ins. What it needs from a host comes in through
    // small interfaces (HOUSE-STYLE.md, habit 1).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on the editor: put this in src/vscode/.' },
          ...NODE_BUILTINS.map((name) => ({ name, message: 'src/core runs in the browser too: take this from a host interface.' })),
        ],
        patterns: [{ group: ['node:*'], message: 'src/core runs in the browser too: take this from a host interface.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
