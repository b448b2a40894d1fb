// The public library API (src/index.ts): exactly what the README documents, so that nothing
// internal becomes a promise by accident.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as api from '../src/index.ts';

describe('the library entry', () => {
  it('exports the documented names and no others', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'builtinRules',
        'compareYears',
        'findingsOf',
        'statistics',
        'statisticsOf',
        'definePlugin',
        'defineRule',
        'digestText',
        'insertAt',
        'lintFiles',
        'lintFilesToArray',
        'lintText',
        'loadConfig',
        'replaceSpan',
        'resolveConfig',
        'RuleTester',
        'sampleReport',
        'z',
      ].sort(),
    );
  });

  it('has every name the README imports from it', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const imported = [...readme.matchAll(/import \{([^}]+)\} from 'xxgk-lint';/g)].flatMap((m) => (m[1] ?? '').split(',').map((n) => n.trim()));
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(Object.keys(api)).toContain(name);
  });
});
