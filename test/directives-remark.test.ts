// remark's comment syntax (<!-- lint disable … -->) in the CLI's engine (issue 12 item 5): a report
// annotated for remark-cli or an editor gives the same findings in the CLI and the Action.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';

const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');
const LINES = DEFECTS.split('\n');
const TOTAL = LINES.findIndex((l) => l.includes('（七）总计')) + 1;
const ids = (source: string, options = {}) => lintText(source, options).messages.map((m) => `${m.ruleId}/${m.messageId}`);
const BASE = ids(DEFECTS);
const insertBefore = (line: number, text: string): string => [...LINES.slice(0, line - 1), text, ...LINES.slice(line - 1)].join('\n');

describe('<!-- lint … --> comments', () => {
  it('lint disable <id> at the top suppresses that rule, as xxgk-lint-disable does', () => {
    const remark = ids(`<!-- lint disable table-sums -->\n${DEFECTS}`);
    expect(BASE.some((id) => id.startsWith('table-sums'))).toBe(true);
    expect(remark).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
    expect(remark).toEqual(ids(`<!-- xxgk-lint-disable table-sums -->\n${DEFECTS}`));
  });

  it('lint disable without ids suppresses everything; lint enable turns it back on', () => {
    expect(ids(`<!-- lint disable -->\n${DEFECTS}`)).toEqual([]);
    expect(ids(`<!-- lint disable -->\n<!-- lint enable -->\n${DEFECTS}`)).toEqual(BASE);
  });

  it('lint ignore <id> suppresses the next line only', () => {
    const source = insertBefore(TOTAL, '<!-- lint ignore table-sums -->');
    expect(ids(source)).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
  });

  it('an unused lint disable is reported under its own spelling with --report-unused-disable', () => {
    const result = lintText(`<!-- lint disable citations -->\n${DEFECTS}`, { reportUnusedDisable: true });
    const unused = result.messages.filter((m) => m.ruleId === 'unused-disable');
    expect(unused.map((m) => m.data.directive)).toEqual(['lint disable']);
  });

  it('other comments that start with "lint" are not directives', () => {
    expect(ids(`<!-- linting notes: disable nothing -->\n${DEFECTS}`)).toEqual(BASE);
  });
});
