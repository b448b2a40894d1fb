// Writes the bench corpus (`npm run bench`): N synthetic reports laid out as an archive — most
// agencies recur over the years 2021–2024 (archive/agency-NNN/YEAR.md, so the cross-report rules
// carry-over, stock-continuity and similar-to-last-year find a previous year's report), the rest are
// agencies seen once (distinct/NNNNN.md). Every table form, a few defects, 5–40 KB each.
// Deterministic (a fixed seed), so runs compare. Usage (through run-ts, as bench.mjs does):
//   node scripts/run-ts.mjs scripts/bench-corpus.ts <folder> <count> [--small FILE] [--large FILE BYTES]
// --small writes one small report (no padding, the "one small file" case); --large one report grown
// to about BYTES (the memory case).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { consistentData, sampleReport } from '../src/testing/sample.ts';
import type { SampleOptions, TableForm } from '../src/testing/sample.ts';

const args = process.argv.slice(2);
const [dir, countText] = args;
if (!dir || !countText || !/^\d+$/.test(countText)) {
  console.error('usage: bench-corpus.ts <folder> <count> [--small FILE] [--large FILE BYTES]');
  process.exit(2);
}
const option = (name: string, n = 1): string[] | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.slice(i + 1, i + 1 + n);
};
const count = Number(countText);
const FORMS: TableForm[] = ['gfm', 'tsv', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'];
const YEARS = [2021, 2022, 2023, 2024];

let seed = 20240101;
const next = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const topics = ['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障', '政策解读', '回应关切', '基层政务公开'];
const verbs = ['持续深化', '扎实推进', '不断完善', '进一步规范', '着力加强', '全面落实'];
const objects = ['重点领域信息公开', '政策文件解读', '政务新媒体管理', '公开目录维护', '公文公开属性认定', '网站栏目更新'];
const paragraph = (): string =>
  Array.from(
    { length: 4 + next(4) },
    () =>
      `在${topics[next(topics.length)]}方面，${verbs[next(verbs.length)]}${objects[next(objects.length)]}工作，全年发布相关信息${1 + next(900)}条，组织专题培训${1 + next(9)}场，覆盖${10 + next(200)}个单位。`,
  ).join('');
const extraTable = (i: number): string =>
  [
    `**附表${i + 1}：重点工作推进情况统计**`,
    '',
    '| 工作事项 | 计划数 | 完成数 | 完成率 |',
    '|---|---|---|---|',
    ...Array.from({ length: 8 }, (_, r) => `| ${objects[(i + r) % objects.length]}（第${r + 1}项） | ${next(500)} | ${next(500)} | ${next(100)}% |`),
  ].join('\n');

/** Part 一 grown with prose and small tables until the report is about `bytes` long. */
function padded(report: string, bytes: number): string {
  const marker = '做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。';
  const pieces: string[] = [];
  let size = Buffer.byteLength(report);
  let tables = 0;
  while (size < bytes) {
    const piece = pieces.length % 5 === 4 ? extraTable(tables++) : paragraph();
    pieces.push(piece);
    size += Buffer.byteLength(piece) + 2;
  }
  return report.replace(marker, `${marker}\n\n${pieces.join('\n\n')}`);
}

/** One report; `carried` is last year's carry-over row (so R5 holds unless a defect breaks it). */
function report(i: number, agency: string, year: number, carried: number[]): { text: string; carryOver: number[] } {
  const carryOver = [next(3), 0, 0, 0, 0, 0];
  const options: SampleOptions = {
    form: FORMS[i % FORMS.length]!,
    year,
    data: consistentData(
      { 't3.open': [5 + next(40), next(5), 0, 0, 0, 0], 't3.partial': [next(9), 0, 0, 0, 0, 0], 't3.unable.1': [next(12), 0, 0, 0, 0, next(3)] },
      carried,
      carryOver,
    ),
    title: `示例市${agency}${year}年政府信息公开工作年度报告`,
  };
  // About one report in six has a defect: a wrong total, no signature, a missing fee sentence.
  const defect = i % 6 === 5 ? Math.floor(i / 6) % 3 : -1;
  if (defect === 0) options.override = { table: 't3', row: 2, column: 0, value: 999 };
  if (defect === 1) options.signature = null;
  if (defect === 2) options.part6 = '无。';
  return { text: padded(sampleReport(options), 5 * 1024 + next(35 * 1024)), carryOver };
}

mkdirSync(dir, { recursive: true });
let total = 0;
let written = 0;
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  total += Buffer.byteLength(text);
  written++;
};
// About 60 % of the reports belong to agencies that recur over the four years.
const recurring = Math.floor((count * 0.6) / YEARS.length);
for (let a = 0; a < recurring; a++) {
  let carried = [next(3), 0, 0, 0, 0, 0];
  for (const year of YEARS) {
    const r = report(written, `第${a + 1}局`, year, carried);
    carried = r.carryOver;
    write(path.join(dir, 'archive', `agency-${String(a).padStart(3, '0')}`, `${year}.md`), r.text);
  }
}
for (let d = 0; written < count; d++) {
  const r = report(written, `第${d + 1}办公室`, YEARS[d % YEARS.length]!, [next(3), 0, 0, 0, 0, 0]);
  write(path.join(dir, 'distinct', `${String(d).padStart(5, '0')}.md`), r.text);
}
const small = option('--small');
if (small?.[0]) writeFileSync(small[0], sampleReport({ form: 'gfm', year: 2024 }));
const large = option('--large', 2);
if (large?.[0] && large[1]) writeFileSync(large[0], padded(sampleReport({ form: 'gfm' }), Number(large[1])));
console.log(JSON.stringify({ files: written, bytes: total, recurringAgencies: recurring, distinctAgencies: written - recurring * YEARS.length }));
