// jest runs in native ESM mode (NODE_OPTIONS=--experimental-vm-modules, see package.json):
// unified, remark and their dependencies ship ESM only. @swc/jest strips the types; tsc checks them.
import { vendorModuleNameMapper } from './test/helpers/vendor.mjs';
/**
 * End-to-end suites: they run the built bundles or child processes (the Action against a fake
 * GitHub, worker threads, remark-cli, the packed package, chromium, the fuzz loop). `npm test` runs
 * the rest (the source: about 1½ minutes on 2 cores, see CONTRIBUTING.md); `npm run test:e2e` runs
 * these; CI runs both.
 */
const E2E = [
  '<rootDir>/test/action/',
  '<rootDir>/test/scale.test.ts',
  '<rootDir>/test/workers-config.test.ts',
  '<rootDir>/test/plugin-fujian.test.ts',
  '<rootDir>/test/remark-cli.test.ts',
  '<rootDir>/test/remark-agrees.test.ts',
  '<rootDir>/test/remark-lsp.test.ts',
  '<rootDir>/test/hostile.test.ts',
  '<rootDir>/test/package.e2e.test.ts',
  '<rootDir>/test/built.e2e.test.ts',
  '<rootDir>/test/main-thread-loads.test.ts',
  '<rootDir>/test/bench.e2e.test.ts',
  '<rootDir>/test/profile.e2e.test.ts',
  '<rootDir>/test/browser.test.ts',
  '<rootDir>/test/archive.browser.test.ts',
  '<rootDir>/test/pdf-print.test.ts',
];
const e2e = process.env.XXGK_SUITE === 'e2e';

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } }, module: { type: 'es6' } },
    ],
  },
  testMatch: e2e ? E2E.map((p) => (p.endsWith('/') ? `${p}**/*.test.ts` : p)) : ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: e2e ? ['/node_modules/'] : ['/node_modules/', ...E2E.map((p) => p.replace('<rootDir>', '<rootDir>'))],
  // `npm test` links the dependencies it imports most from one bundle (test/helpers/vendor.mjs).
  moduleNameMapper: e2e ? {} : vendorModuleNameMapper(),
  globalSetup: '<rootDir>/test/helpers/global-setup.mjs',
  // Jest's default on two cores is one worker: use both.
  maxWorkers: 2,
  // Jest's default of 5 s fails tests on a busy 2-core machine (parsing a .docx, say): no test
  // measures time, so a generous limit only catches a hang.
  testTimeout: 30_000,
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
