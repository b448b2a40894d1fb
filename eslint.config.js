import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The layers' import direction (see the README in each folder); CI fails on a violation. */
const layer = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/**/node_modules/', 'site/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles in the sources: a cycle means two modules that are really one, or a piece
    // of one that belongs in a third (lint.ts ↔ set.ts was one). Imports name their .ts files, so
    // Node's resolution finds them.
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  layer(['src/model/**/*.ts'], ['*', '!zod', '!./*'], 'src/model/ holds the schema and the vocabulary: it imports nothing but zod.'),
  layer(
    ['src/reading/**/*.ts'],
    ['**/rules/**', '**/engine/**', '**/adapters/**', '**/testing/**', '**/rule.ts'],
    'src/reading/ turns text into the model: it never imports rules, the engine, the adapters or the testing helpers.',
  ),
  layer(
    ['rules/**/*.ts'],
    ['**/src/engine/**', '**/src/reading/**', '**/src/adapters/**', '**/src/testing/**', '**/src/index.ts', 'node:*'],
    'rules/ import only the rule API (src/rule.ts, src/types.ts), the model (src/model/) and their own helpers (rules/lib/).',
  ),
  layer(['src/engine/**/*.ts'], ['**/adapters/**', '**/testing/**'], 'src/engine/ never imports an adapter or the testing helpers.'),
  layer(
    ['src/rule.ts', 'src/types.ts'],
    ['**/engine/**', '**/reading/**', '**/adapters/**', '**/testing/**', '**/rules/**'],
    'The rule API depends only on the model.',
  ),
);
