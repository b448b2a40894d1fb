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
  // Size budgets (issue 18): a file past them usually holds two jobs. Warnings, so that a file may
  // grow past one for a while; `npm run lint` allows no warnings, so the files still over a budget
  // are listed below, each to be split (not to be added to).
  {
    files: ['rules/*.ts'],
    rules: { 'max-lines': ['warn', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/engine/**/*.ts', 'src/adapters/**/*.ts'],
    rules: { 'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    rules: { 'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // Over a budget today, to be split (measured without blank lines and comments):
    // reading/tables/rows.ts readRows 121;
    // reading/tables/t2.ts readLoneValues 112.
    files: ['src/reading/tables/rows.ts', 'src/reading/tables/t2.ts'],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
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
    ['src/rule.ts', 'src/define-rule.ts', 'src/types.ts', 'src/i18n.ts'],
    ['**/engine/**', '**/reading/**', '**/adapters/**', '**/testing/**', '**/rules/**'],
    'The rule API depends only on the model.',
  ),
);
