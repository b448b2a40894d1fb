import { describe, expect, it } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeData, escapeProperty, github } from '../src/adapters/formatters/github.ts';
import { FORMAT_NAMES, formatResults, formatters, streamingFormatters } from '../src/adapters/formatters/index.ts';
import * as lazy from '../src/adapters/formatters/load.ts';
import { isStreamingFormat, isWholeFormat } from '../src/adapters/formatters/names.ts';
import { json } from '../src/adapters/formatters/json.ts';
import { artifactUri, FINGERPRINT_KEY, sarif } from '../src/adapters/formatters/sarif.ts';
import type { SarifLog } from '../src/adapters/formatters/sarif.ts';
import { displayWidth, MESSAGE_COLUMN_CAP, stylish } from '../src/adapters/formatters/stylish.ts';
import { lintText } from '../src/engine/lint.ts';
import type { Diagnostic, LintResult } from '../src/types.ts';
import { builtinRules } from '../rules/index.ts';
import { fakeRules } from './helpers/fake-rules.ts';
import { sarifSchemaErrors } from './helpers/sarif-schema.ts';

const cwd = path.resolve('/work/project');
const file = (name: string): string => path.join(cwd, ...name.split('/'));

function diagnostic(overrides: Partial<Diagnostic>): Diagnostic {
  return {
    ruleId: 'table-sums',
    messageId: 'mismatch',
    severity: 2,
    message: '合计为 10，各项之和为 9',
    data: { total: 10, sum: 9 },
    line: 12,
    column: 5,
    endLine: 12,
    endColumn: 9,
    ...overrides,
  };
}

const results: LintResult[] = [
  {
    filePath: file('reports/a.md'),
    messages: [
      diagnostic({}),
      diagnostic({
        ruleId: 'fee-statement',
        messageId: 'missing',
        severity: 1,
        message: '缺少收费说明',
        data: {},
        line: 30,
        column: 1,
        endLine: 30,
        endColumn: 7,
      }),
    ],
    errorCount: 1,
    warningCount: 1,
  },
  { filePath: file('reports/clean.md'), messages: [], errorCount: 0, warningCount: 0 },
  {
    filePath: file('reports/image.md'),
    messages: [],
    errorCount: 1,
    warningCount: 0,
    fatal: { messageId: 'fileBinary', message: '文件不是文本文件（含有二进制内容）' },
  },
];

const zh = { locale: 'zh-CN' as const, cwd, rules: fakeRules };
const en = { locale: 'en' as const, cwd, rules: fakeRules };

/** A workbook's entries, their text with the dates it was written left out. */
const workbookEntries = (zip: Uint8Array): Record<string, string> =>
  Object.fromEntries(
    Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, 'DATE')]),
  );

describe('formatter registry', () => {
  it('offers the formats', () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'summary', 'html', 'csv', 'json-archive', 'xlsx']);
    expect(formatters.json).toBe(json);
  });

  it('loads, name by name, the formatters the registry holds (the CLI loads only the one it uses)', async () => {
    for (const name of FORMAT_NAMES) {
      if (isWholeFormat(name)) expect(await lazy.loadWhole(name)).toBe(formatters[name]);
      if (isStreamingFormat(name)) expect(await lazy.loadStreaming(name)).toBe(streamingFormatters[name]);
      const output = await lazy.formatResults(name, results, en);
      const expected = await formatResults(name, results, en);
      expect(output.length).toBeGreaterThan(0);
      // The workbook (xlsx) is a zip stamped with the time it is written (the entries' times and the
      // document's created and modified dates, whose digits also change what the deflated size is):
      // the same entries, with the same contents but for those dates.
      if (typeof expected === 'string') expect(output).toBe(expected);
      else {
        expect(output).toBeInstanceOf(Uint8Array);
        expect(workbookEntries(output as Uint8Array)).toEqual(workbookEntries(expected));
      }
    }
  });
});

describe('stylish', () => {
  it('escapes control characters in file names and messages: one line each', () => {
    const odd: LintResult[] = [
      { filePath: file('a\rb\nc\u001b[2J.md'), messages: [], warningCount: 0, fatal: { messageId: 'x', message: 'bad\u001b[31m\rname' }, errorCount: 1 },
    ];
    const output = stylish(odd, en);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(output).not.toMatch(/[\r\u001b]/);
    expect(output).toContain('a\\rb\\nc\\u001b[2J.md\n');
    expect(output).toContain('bad\\u001b[31m\\rname');
  });

  it('groups by file with Chinese labels, aligned by display width', () => {
    expect(stylish(results, zh)).toBe(
      [
        '',
        'reports/a.md',
        '  12:5  错误  合计为 10，各项之和为 9  table-sums',
        '  30:1  警告  缺少收费说明             fee-statement',
        '',
        'reports/image.md',
        '  1:1  错误  文件不是文本文件（含有二进制内容）',
        '',
        '✖ 3 个问题（2 个错误，1 个警告）',
        '',
      ].join('\n'),
    );
  });

  it('uses English labels and plurals with locale en', () => {
    const output = stylish(results.slice(0, 1), en);
    expect(output).toContain('  12:5  error    合计为 10，各项之和为 9  table-sums');
    expect(output).toContain('  30:1  warning  缺少收费说明             fee-statement');
    expect(output).toContain('✖ 2 problems (1 error, 1 warning)');
    expect(stylish([results[2] as LintResult], en)).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('prints nothing when there are no problems', () => {
    expect(stylish([results[1] as LintResult], zh)).toBe('');
  });

  it('adds ANSI colours only when asked', () => {
    expect(stylish(results, zh)).not.toContain('\u001b[');
    const coloured = stylish(results, { ...zh, color: true });
    expect(coloured).toContain('\u001b[31m错误\u001b[39m');
    expect(coloured).toContain('\u001b[4mreports/a.md\u001b[24m');
  });

  it('pads messages only up to a cap: one long message does not push every rule id to the right', () => {
    const long = '（七）总计·商业企业为11，应为10：它使3条勾稽关系都不成立（R1：9 + 1 = 10 ≠ 11 + 0 = 11；R2：4 + 2 + 2 + 1 + 1 = 10 ≠ 11）';
    expect(displayWidth(long)).toBeGreaterThan(MESSAGE_COLUMN_CAP);
    const mixed: LintResult = {
      ...(results[0] as LintResult),
      messages: [
        diagnostic({ message: '短消息' }),
        diagnostic({ message: long, line: 13 }),
        diagnostic({ message: '稍长一点的消息', ruleId: 'fee-statement', line: 14 }),
      ],
    };
    const rows = stylish([mixed], zh)
      .split('\n')
      .filter((l) => /^\s+\d+:\d+/.test(l));
    // The short ones line up after the longest short one; the long one has its rule id right after it.
    expect(rows[0]).toBe('  12:5  错误  短消息          table-sums');
    expect(rows[2]).toBe('  14:5  错误  稍长一点的消息  fee-statement');
    expect(rows[1]).toBe(`  13:5  错误  ${long}  table-sums`);
    // Per file: another file's messages do not widen this one's column.
    const other: LintResult = {
      ...(results[0] as LintResult),
      filePath: file('reports/b.md'),
      messages: [diagnostic({ message: '很长很长很长很长很长很长很长很长很长很长的消息' })],
    };
    expect(stylish([mixed, other], zh)).toContain('  12:5  错误  短消息          table-sums');
    for (const line of stylish([mixed, other], zh).split('\n'))
      if (!line.includes(long)) expect(displayWidth(line)).toBeLessThanOrEqual(MESSAGE_COLUMN_CAP + 40);
  });

  it('keeps multi-line messages on one row', () => {
    const multi: LintResult = { ...(results[0] as LintResult), messages: [diagnostic({ message: 'a\nb' })] };
    expect(stylish([multi], en)).toContain('  12:5  error  a b  table-sums');
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('合计，')).toBe(6);
  });
});

describe('json', () => {
  const parsed = JSON.parse(json(results, zh)) as Record<string, unknown>[];

  it("has exactly ESLint's result keys, in ESLint's order", () => {
    expect(parsed).toHaveLength(3);
    for (const result of parsed) {
      expect(Object.keys(result)).toEqual([
        'filePath',
        'messages',
        'suppressedMessages',
        'errorCount',
        'fatalErrorCount',
        'warningCount',
        'fixableErrorCount',
        'fixableWarningCount',
        'usedDeprecatedRules',
      ]);
    }
  });

  it("turns diagnostics into ESLint's messages", () => {
    expect(parsed[0]).toEqual({
      filePath: file('reports/a.md'),
      messages: [
        {
          ruleId: 'table-sums',
          severity: 2,
          message: '合计为 10，各项之和为 9',
          line: 12,
          column: 5,
          nodeType: null,
          messageId: 'mismatch',
          endLine: 12,
          endColumn: 9,
        },
        expect.objectContaining({ ruleId: 'fee-statement', severity: 1, line: 30 }),
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
    const message = (parsed[0]?.messages as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(message)).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'nodeType', 'messageId', 'endLine', 'endColumn']);
  });

  it("reports a fatal file problem like ESLint's parse errors", () => {
    expect(parsed[2]).toMatchObject({
      messages: [{ ruleId: null, fatal: true, severity: 2, message: '文件不是文本文件（含有二进制内容）', line: 1, column: 1 }],
      errorCount: 1,
      fatalErrorCount: 1,
      warningCount: 0,
    });
  });

  it('lists clean files too, and is a single line', () => {
    expect(parsed[1]).toMatchObject({ messages: [], errorCount: 0 });
    expect(json(results, zh)).not.toContain('\n');
  });
});

describe('sarif', () => {
  const log = JSON.parse(sarif(results, zh)) as SarifLog;
  const run = log.runs[0];
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

  it('is a valid SARIF 2.1.0 log (the OASIS schema) with one run of xxgk-lint', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'xxgk-lint', version: pkg.version, informationUri: expect.stringMatching(/^https:\/\//) });
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(sarif(results, en)))).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(sarif([], en)))).toEqual([]);
    // The check can fail: a result without a message is refused.
    expect(sarifSchemaErrors({ ...log, runs: [{ ...run, results: [{ ruleId: 'x' }] }] })).not.toEqual([]);
  });

  it('describes every rule, in the locale, with help and the rule page', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['fee-statement', 'table-structure', 'table-sums', 'file/fileBinary']);
    const url = 'https://github.com/xxgk-lint/xxgk-lint/blob/main/docs/rules/table-sums.md';
    expect(run.tool.driver.rules[2]).toEqual({
      id: 'table-sums',
      shortDescription: { text: '表格合计应等于各项之和' },
      fullDescription: { text: 'rationale of table-sums' },
      helpUri: url,
      help: { text: `rationale of table-sums 规则说明: ${url}`, markdown: `rationale of table-sums\n\n[规则说明](${url})` },
      defaultConfiguration: { level: 'error' },
    });
    expect(run.tool.driver.rules[0]?.defaultConfiguration).toEqual({ level: 'warning' });
  });

  it('gives paths relative to %SRCROOT%, the working directory', () => {
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(cwd).href + '/' } });
    for (const result of run.results) expect(result.locations[0].physicalLocation.artifactLocation).toMatchObject({ uriBaseId: '%SRCROOT%' });
    const outside: LintResult = { ...(results[0] as LintResult), filePath: path.resolve('/elsewhere/a.md') };
    const { runs } = JSON.parse(sarif([outside], en)) as SarifLog;
    expect(runs[0].results[0]?.locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(path.resolve('/elsewhere/a.md')).href });
  });

  it('reports findings with rule index, level, message, a relative location and a fingerprint', () => {
    const findings = run.results.filter((r) => !r.ruleId.startsWith('file/'));
    expect(findings).toHaveLength(2);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(findings[0]).toEqual({
      ruleId: 'table-sums',
      ruleIndex: 2,
      level: 'error',
      message: { text: '合计为 10，各项之和为 9' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'reports/a.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 9 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{32}:1$/) },
    });
    expect(findings[1]?.level).toBe('warning');
  });

  it('keeps fingerprints when lines move, and tells findings apart by what they say, not where', () => {
    const fingerprints = (list: Diagnostic[], locale: typeof zh | typeof en = zh) =>
      (JSON.parse(sarif([{ ...(results[0] as LintResult), messages: list }], locale)) as SarifLog).runs[0].results.map(
        (r) => r.partialFingerprints[FINGERPRINT_KEY],
      );
    const a = diagnostic({ data: { cell: '（七）总计·商业企业', expected: 10 } });
    const b = diagnostic({ data: { cell: '（一）本年新收·自然人', expected: 3 } });
    const moved = (d: Diagnostic, by: number) => ({ ...d, line: d.line + by, endLine: d.endLine + by });
    const before = fingerprints([a, b]);
    expect(new Set(before).size).toBe(2);
    expect(fingerprints([moved(a, 7), moved(b, 40)])).toEqual(before);
    // Another locale, the same finding: the same fingerprint.
    expect(fingerprints([{ ...a, message: 'in English' }, b], en)).toEqual(before);
    // Two identical findings in one file: told apart by their order.
    const twice = fingerprints([a, moved(a, 3)]);
    expect(twice[0]).toBe(before[0]);
    expect(twice[1]).not.toBe(twice[0]);
    // A fixed value is another finding.
    expect(fingerprints([diagnostic({ data: { cell: '（七）总计·商业企业', expected: 11 } })])[0]).not.toBe(before[0]);
  });

  it('keeps every real finding’s fingerprint when lines are added above it (examples/defects-2024.md)', () => {
    const source = readFileSync(new URL('../examples/defects-2024.md', import.meta.url), 'utf8');
    const lintedAs = (text: string) => {
      const result = lintText(text, { filePath: file('reports/defects.md') });
      const out = JSON.parse(sarif([result], { ...zh, rules: builtinRules })) as SarifLog;
      expect(sarifSchemaErrors(out)).toEqual([]);
      return out.runs[0].results.map((r) => ({
        rule: r.ruleId,
        line: r.locations[0].physicalLocation.region?.startLine,
        fp: r.partialFingerprints[FINGERPRINT_KEY],
      }));
    };
    const before = lintedAs(source);
    const after = lintedAs(source.replace('\n', '\n\n<!-- 说明：本报告经办公室审定 -->\n\n'));
    expect(before.length).toBeGreaterThan(3);
    expect(after.map((r) => r.line)).toEqual(before.map((r) => (r.line ?? 0) + 3));
    expect(after.map((r) => [r.rule, r.fp])).toEqual(before.map((r) => [r.rule, r.fp]));
    expect(new Set(before.map((r) => r.fp)).size).toBe(before.length);
  });

  it('reports unreadable files as results (what code scanning shows) and as tool notifications', () => {
    const unreadable = run.results.filter((r) => r.ruleId.startsWith('file/'));
    expect(unreadable).toEqual([
      {
        ruleId: 'file/fileBinary',
        ruleIndex: 3,
        level: 'error',
        message: { text: '文件不是文本文件（含有二进制内容）' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'reports/image.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }],
        partialFingerprints: { [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{32}:1$/) },
      },
    ]);
    expect(run.tool.driver.rules[3]).toMatchObject({ id: 'file/fileBinary', shortDescription: { text: '文件无法读取' } });
    expect(run.invocations[0]?.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: '文件不是文本文件（含有二进制内容）' },
        descriptor: { id: 'fileBinary' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'reports/image.md', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('adds a descriptor for findings of rules it was not told about', () => {
    const custom: LintResult = { ...(results[0] as LintResult), messages: [diagnostic({ ruleId: 'my-rule' })] };
    const { runs } = JSON.parse(sarif([custom], en)) as SarifLog;
    expect(runs[0].results[0]?.ruleIndex).toBe(3);
    expect(runs[0].tool.driver.rules[3]).toEqual({ id: 'my-rule' });
  });

  it('percent-encodes URIs and uses file: URIs outside cwd', () => {
    expect(artifactUri(file('年报 2024/a#1.md'), cwd)).toBe('%E5%B9%B4%E6%8A%A5%202024/a%231.md');
    expect(artifactUri(path.resolve('/elsewhere/a.md'), cwd)).toMatch(/^file:\/\/.*\/elsewhere\/a\.md$/);
  });
});

describe('github', () => {
  it('writes one workflow command per finding', () => {
    expect(github(results, zh).split('\n')).toEqual([
      '::error file=reports/a.md,line=12,col=5,endLine=12,endColumn=9,title=table-sums::合计为 10，各项之和为 9',
      '::warning file=reports/a.md,line=30,col=1,endLine=30,endColumn=7,title=fee-statement::缺少收费说明',
      '::error file=reports/image.md,line=1,col=1,title=xxgk-lint::文件不是文本文件（含有二进制内容）',
    ]);
  });

  it("escapes data and properties as GitHub's toolkit does", () => {
    expect(escapeData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeProperty('100% a:b,c\r\nd')).toBe('100%25 a%3Ab%2Cc%0D%0Ad');
    const tricky: LintResult = {
      filePath: file('a,b:c.md'),
      messages: [diagnostic({ message: '50%\n第二行' })],
      errorCount: 1,
      warningCount: 0,
    };
    expect(github([tricky], en)).toBe('::error file=a%2Cb%3Ac.md,line=12,col=5,endLine=12,endColumn=9,title=table-sums::50%25%0A第二行');
  });

  it('prints nothing for clean files', () => {
    expect(github([results[1] as LintResult], zh)).toBe('');
  });
});
