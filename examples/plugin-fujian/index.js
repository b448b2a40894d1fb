// The plugin: a name (the prefix of its rule ids) and its rules. xxgk-lint loads it from a config's
// `plugins`, as an object (`import fujian from 'xxgk-lint-plugin-fujian'`) or by package name.
import { definePlugin } from 'xxgk-lint';
import citeProvincialMeasures from './rules/cite-provincial-measures.js';

export default definePlugin({
  // Rules are known as `fujian/<rule id>`: fujian/cite-provincial-measures.
  name: 'fujian',
  rules: [citeProvincialMeasures],
  url: 'https://github.com/xxgk-lint/xxgk-lint/blob/main/examples/plugin-fujian/README.md',
});
