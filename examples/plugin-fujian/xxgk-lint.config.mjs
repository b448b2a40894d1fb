// The config a Fujian office would keep in its reports repository (here it uses the plugin from
// this folder; in a project of your own: `import fujian from 'xxgk-lint-plugin-fujian'`, or
// `plugins: ['xxgk-lint-plugin-fujian']`, in .xxgk-lint.json too).
import fujian from './index.js';

export default {
  plugins: [fujian],
  rules: {
    // A plugin rule is configured like a built-in one, under its prefixed id.
    'fujian/cite-provincial-measures': 'error',
  },
  // Not reports: what `xxgk-lint` without paths would otherwise pick up here.
  ignores: ['README.md', 'node_modules/'],
};
