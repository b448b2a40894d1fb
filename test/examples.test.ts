// The example reports (examples/README.md describes them) keep showing what they are meant to:
// the clean one passes every rule, the other reports exactly its planted defects.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { main } from '../src/adapters/cli/main.ts';

const root = process.cwd();
const read = (name: string) => readFileSync(path.join(root, 'examples', name), 'utf8');

describe('examples/clean-2024.md', () => {
  it('has no findings from any rule, in either locale', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const result = lintText(read('clean-2024.md'), { filePath: 'clean-2024.md', locale });
      expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([]);
      expect(result.fatal).toBeUndefined();
    }
  });
});

describe('examples/defects-2024.md', () => {
  const source = read('defects-2024.md');
  const result = lintText(source, { filePath: 'defects-2024.md' });
  const lines = source.split('\n');

  it('reports the planted defects and nothing else', () => {
    expect(result.messages.map((m) => `${m.ruleId}/${m.messageId}`)).toEqual([
      'statistical-period/wrongYear',
      'table-structure/headerTypo',
      'table-structure/oldTemplate',
      'table-sums/several',
      'fee-statement/missing',
    ]);
    expect(new Set(result.messages.map((m) => m.ruleId))).toEqual(new Set(['statistical-period', 'table-structure', 'table-sums', 'fee-statement']));
  });

  it('points table-sums at the edited cell: （七）总计·商业企业, 11 instead of 10', () => {
    const line = lines.findIndex((l) => l.includes('（七）总计')) + 1;
    expect(line).toBeGreaterThan(0);
    const column = (lines[line - 1] ?? '').indexOf('| 11 |') + 3;
    // One wrong cell, one finding, naming the three relations it breaks.
    const sums = result.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums).toHaveLength(1);
    for (const m of sums) {
      expect({ line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }).toEqual({ line, column, endLine: line, endColumn: column + 2 });
      expect(m.data).toMatchObject({ actual: 11, expected: 10, count: 3 });
      expect(m.message).toContain('商业企业');
      expect(m.message).toMatch(/R1.*R2.*R3/);
    }
  });

  it('points the other findings at the lines with the defect', () => {
    const at = (ruleId: string, messageId: string) => result.messages.find((m) => m.ruleId === ruleId && m.messageId === messageId);
    expect(lines[(at('statistical-period', 'wrongYear')?.line ?? 0) - 1]).toContain('自2023年1月1日起至2023年12月31日止');
    expect(lines[(at('table-structure', 'headerTypo')?.line ?? 0) - 1]).toContain('本年度止件数');
    const fee = at('fee-statement', 'missing')?.line ?? 0;
    expect(lines[fee - 1]).toContain('六、其他需要报告的事项');
  });
});

describe('npx xxgk-lint examples/ (the README quick start)', () => {
  it('exits with 1 because of the defects file, and names only that file', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['examples/'], {
      stdout: { write: (s: string) => (stdout += s), isTTY: false },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: root,
      env: {},
    });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('examples/defects-2024.md');
    expect(stdout).not.toContain('clean-2024.md');
    // The repository's .xxgk-lint.json keeps examples/README.md out of folder runs.
    expect(stdout).not.toContain('README.md');
    expect(stdout).toContain('5 个问题（5 个错误，0 个警告）');
  });
});
