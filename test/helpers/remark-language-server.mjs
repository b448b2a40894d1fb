#!/usr/bin/env node
// remark-language-server, as its package (remarkjs/remark-language-server, index.js) starts it: the
// unified language server with remark's names (.remarkrc, remarkConfig, the `remark` settings
// section). That package is not on the registry this project installs from; its whole code is this
// call, so the tests run the same server (unified-language-server, which vscode-remark runs too).
import process from 'node:process';
import { remark } from 'remark';
import { createUnifiedLanguageServer } from 'unified-language-server';

process.title = 'remark-language-server';

createUnifiedLanguageServer({
  configurationSection: 'remark',
  defaultProcessor: remark,
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  processorName: 'remark',
  processorSpecifier: 'remark',
  rcName: '.remarkrc',
});
