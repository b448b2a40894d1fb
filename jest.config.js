// jest runs in native ESM mode (NODE_OPTIONS=--experimental-vm-modules, see package.json):
// unified, remark and their dependencies ship ESM only. @swc/jest strips the types; tsc checks them.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } }, module: { type: 'es6' } },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.mjs',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
