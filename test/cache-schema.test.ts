// The check of the cache's records (src/engine/cache-schema.ts): a record of the shape the run
// reads is taken as it is; one of another shape (each field of the wrong type, in turn) is not.
import { describe, expect, it } from '@jest/globals';
import { parseCross, parseOutcome } from '../src/engine/cache-schema.ts';

const diagnostic = {
  ruleId: 'table-sums',
  messageId: 'sum',
  severity: 2,
  message: 'm',
  data: { a: 1 },
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 5,
  fix: { range: [10, 12], text: '0' },
  suggestions: [{ desc: 'd', fix: { range: [1, 1], text: '' } }],
};
const digest = {
  filePath: 'a.md',
  id: 'x',
  packed: '',
  agencyText: '某区人民政府',
  agency: '某区人民政府',
  year: 2024,
  identifiedBy: { agency: 'title', year: 'title' },
};
const outcome = {
  analysis: {
    filePath: 'a.md',
    messages: [diagnostic],
    directives: [{ kind: 'disable', ruleIds: ['x'], start: { line: 1, column: 1 }, end: { line: 1, column: 9 } }],
    digest,
    failed: { filePath: 'a.md', messages: [], errorCount: 0, warningCount: 0, fatal: { messageId: 'f', message: 'f' } },
    model: { title: null },
    extra: 'a newer tool’s key',
  },
  encoding: 'gb18030',
  input: { kind: 'docx', origins: [] },
};
const cross = {
  self: ['a.md', 'id'],
  rules: [
    [
      'carry-over',
      [
        ['p', 0, 'b.md', 'id2'],
        ['a', 0, null, null],
      ],
      [diagnostic],
    ],
  ],
};

/** The value with the field at `path` set to `value` (undefined: removed). */
function withField(value: unknown, path: Array<string | number>, to: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (to === undefined) delete at[last];
  else at[last] = to;
  return copy;
}

describe('a cached outcome', () => {
  it('of the shape the run reads is taken as it is', () => {
    expect(parseOutcome(JSON.stringify(outcome))).toEqual(outcome);
    expect(parseOutcome(JSON.stringify({ result: outcome.analysis.failed }))).toEqual({ result: outcome.analysis.failed });
    expect(parseOutcome(JSON.stringify(withField(outcome, ['analysis', 'digest'], null)))).toBeDefined();
    // A PDF's outcome: where each line shows on the pages (a warm run re-linted every PDF as corrupt before).
    const pdf = withField(outcome, ['input'], { kind: 'pdf', origins: [null], places: [{ page: 1 }] });
    expect(parseOutcome(JSON.stringify(pdf))).toEqual(pdf);
  });

  it.each<[string, Array<string | number>, unknown]>([
    ['a severity other than 1 or 2', ['analysis', 'messages', 0, 'severity'], 3],
    ['a negative line', ['analysis', 'messages', 0, 'line'], -1],
    ['a column that is not whole', ['analysis', 'messages', 0, 'column'], 1.5],
    ['data that is an array', ['analysis', 'messages', 0, 'data'], []],
    ['a fix range of three numbers', ['analysis', 'messages', 0, 'fix', 'range'], [1, 2, 3]],
    ['a suggestion without its fix', ['analysis', 'messages', 0, 'suggestions', 0, 'fix'], undefined],
    ['no digest key', ['analysis', 'digest'], undefined],
    ['a digest with its bytes inline', ['analysis', 'digest', 'packed'], 'abc'],
    ['a year as text', ['analysis', 'digest', 'year'], '2024'],
    ['bodyless other than true', ['analysis', 'digest', 'bodyless'], false],
    ['directives that are not an array', ['analysis', 'directives'], {}],
    ['a directive rule id that is a number', ['analysis', 'directives', 0, 'ruleIds', 0], 1],
    ['a failed result without counts', ['analysis', 'failed', 'errorCount'], undefined],
    ['a model that is a string', ['analysis', 'model'], 'm'],
    ['an input of another kind', ['input', 'kind'], 'odt'],
    ['PDF places that are not an array', ['input', 'places'], {}],
    ['an encoding that is a number', ['encoding'], 8],
  ])('with %s is of another shape', (_what, path, value) => {
    expect(parseOutcome(JSON.stringify(withField(outcome, path, value)))).toBeUndefined();
  });

  it('with neither a result nor an analysis, or not an object, or not JSON, is of another shape', () => {
    expect(parseOutcome('{}')).toBeUndefined();
    expect(parseOutcome('[]')).toBeUndefined();
    expect(parseOutcome('null')).toBeUndefined();
    expect(parseOutcome('{"result":')).toBeUndefined();
  });
});

describe('a cached cross-report record', () => {
  it('of the shape the run reads is taken as it is', () => {
    expect(parseCross(JSON.stringify(cross))).toEqual(cross);
  });

  it.each<[string, Array<string | number>, unknown]>([
    ['a self of one string', ['self'], ['a.md']],
    ['a look of another kind', ['rules', 0, 1, 0, 0], 'x'],
    ['a look with five fields', ['rules', 0, 1, 0], ['p', 0, null, null, null]],
    ['a look whose file is a number', ['rules', 0, 1, 0, 2], 3],
    ['a finding of another shape', ['rules', 0, 2, 0, 'message'], null],
    ['no rules', ['rules'], undefined],
  ])('with %s is of another shape', (_what, path, value) => {
    expect(parseCross(JSON.stringify(withField(cross, path, value)))).toBeUndefined();
  });
});
