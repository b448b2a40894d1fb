/** The package version, for --version and SARIF. esbuild inlines package.json into the bundle. */
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
