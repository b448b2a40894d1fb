// Mutation fuzzing over the reports in test/fixtures: `npm run fuzz -- [--seconds N] [--seed S]
// [--batch K] [--max-ms MS] [--out DIR] [--dist DIR]`. Runs against the built bundles (dist/), which `npm run fuzz`
// builds first.
//
// Each round takes K fixture reports, mutates each with a seeded generator (line endings, hostile
// snippets, deep nesting, big numbers, control characters, cut/duplicated ranges, UTF-16, odd file
// names), writes them to a temporary folder and checks the invariants:
//   - lintText never throws, and takes at most --max-ms per file;
//   - every position lies inside the file, as an editor counts lines (\r\n, \r and \n);
//   - the CLI, run once per format on the round's files, exits with 0 or 1 and prints valid output:
//     json parses and has one result per file, sarif parses, github has a line per finding,
//     stylish is non-empty when there are findings.
// Then the surfaces of issue 17, in-process:
//   - fix round-trips on every input kind (the mutated reports, sample reports in every table form
//     with fixable defects, the same as .html): each fix alone changes nothing outside its range,
//     removes its finding and adds none (unless it also cleared another: a table found again);
//     an .html or .docx result never carries a fix;
//   - nested HTML (random tags up to thousands of levels) and .docx (random, inflating past the
//     limit, and with sizes the zip lies about): a clear result or a per-file error, never a throw;
//   - plugin rules reporting hostile positions (-5, NaN, 1.5, strings, huge): lintText never
//     throws and every position in its result is a whole number from 1.
// Every round prints nothing unless it fails; a failure prints the seed that reproduces it
// (`--seed S --rounds 1`) and keeps the inputs in --out. Exit code 1 when anything failed.
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { importTs } from './bundle-ts.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    rounds: { type: 'string' },
    batch: { type: 'string', default: '6' },
    'max-ms': { type: 'string', default: '15000' },
    out: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
  },
  strict: true,
});
const seconds = Number(values.seconds);
const batch = Number(values.batch);
const maxMs = Number(values['max-ms']);
const maxRounds = values.rounds === undefined ? Infinity : Number(values.rounds);
const firstSeed = values.seed === undefined ? (Date.now() ^ (process.pid << 8)) >>> 0 : Number(values.seed) >>> 0;
const outDir = values.out ?? path.join(os.tmpdir(), 'xxgk-fuzz-failures');

const dist = path.resolve(root, values.dist);
const { lintText, sampleReport, defineRule, z } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
// applyFixes, decodeDocument and placeFindings, which the library entry does not export: from the source.
const { applyFixes, decodeDocument, placeFindings } = await importTs(path.join(root, 'scripts/fuzz-internals.ts'));
const { zipSync, strToU8 } = await import('fflate');
const cli = path.join(dist, 'cli.js');

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

function fixtures() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|txt)$/.test(entry.name) && !/^(SOURCES|README)\.md$/.test(entry.name)) out.push(full);
    }
  };
  walk(path.join(root, 'test/fixtures'));
  for (const name of readdirSync(path.join(root, 'examples'))) if (name.endsWith('.md')) out.push(path.join(root, 'examples', name));
  return out.sort().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

const SNIPPETS = [
  '\0',
  '\r',
  '\r\n',
  '\n\n',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\u202e',
  '\x1b[31m',
  '\x07',
  '\ud800',
  '\udc00',
  '😀',
  '9007199254740992',
  '99999999999999999999',
  '18446744073709551616',
  '1e309',
  '-0',
  '０',
  '１２３',
  '4.',
  '.5',
  '1,000',
  '１，０００',
  '<!-- xxgk-lint-disable -->',
  '<!-- xxgk-lint-enable -->',
  '<!-- xxgk-lint-disable-next-line table-sums -->',
  '<!--',
  '-->',
  '<!-- lint disable -->',
  '|',
  '||',
  '| 1 | 2 |\n|---|---|\n| a | b |\n',
  '|---|',
  '```',
  '```\n',
  '~~~',
  '    ',
  '\t',
  '# ',
  '## ',
  '**',
  '__',
  '*',
  '_',
  '~~',
  '\\',
  '&#0;',
  '&#x110000;',
  '&amp;',
  '<br>',
  '<table><tr><td rowspan="999999">1</td></tr></table>',
  '<td colspan="100000">',
  '[x](y)',
  '![a](b)',
  '[',
  ']',
  '(',
  ')',
  '> ',
  '- ',
  '1. ',
  '* ',
  '+ ',
  '---\n',
  '***\n',
  '===\n',
  '$$',
  '^',
  '[^1]',
  '[^1]: x\n',
  'www.example.gov.cn',
  'http://x.y',
  '<http://x>',
  '\u3000',
  '（一）',
  '第一部分',
  '一、',
  '二、',
  '政府信息公开',
  '收到',
  '件',
  '万元',
  '合计',
  '总计',
  '2024年',
  '9999年',
  '0年',
  '第99999999999999999999号',
];

function bigNumber(r) {
  return r.pick([
    '9007199254740992',
    '9007199254740993',
    '99999999999999999999',
    '1' + '0'.repeat(r.int(400)),
    '0'.repeat(r.int(50)) + '7',
    '12345678901234567890.5',
  ]);
}

function mutate(text, r) {
  let s = text;
  const steps = 1 + r.int(6);
  for (let i = 0; i < steps; i++) {
    const at = r.int(s.length + 1);
    switch (r.int(12)) {
      case 0:
        s = s.slice(0, at) + r.pick(SNIPPETS) + s.slice(at);
        break;
      case 1: {
        const end = Math.min(s.length, at + r.int(400));
        s = s.slice(0, at) + s.slice(end);
        break;
      }
      case 2: {
        const end = Math.min(s.length, at + r.int(400));
        s = s.slice(0, end) + s.slice(at, end).repeat(1 + r.int(4)) + s.slice(end);
        break;
      }
      case 3:
        s = s.replace(/\d+/g, (m) => (r.chance(0.05) ? bigNumber(r) : m));
        break;
      case 4: {
        const k = r.pick([50, 500, 3000, 6000]);
        s = s.slice(0, at) + r.pick(['>', '- ', '* ', '1. ', '  ', '[', '*', '_', '*_', '![', '|x']).repeat(k) + ' x\n' + s.slice(at);
        break;
      }
      case 5:
        s = s.replace(/\r\n|\r|\n/g, () => r.pick(['\n', '\r\n', '\r']));
        break;
      case 6:
        s = s.replace(/\r\n|\n/g, r.pick(['\r', '\r\n']));
        break;
      case 7:
        s = s.slice(0, at);
        break;
      case 8: {
        const lines = s.split('\n');
        const a = r.int(lines.length);
        const b = r.int(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join('\n');
        break;
      }
      case 9:
        s = s.slice(0, at) + String.fromCharCode(r.int(32)) + s.slice(at);
        break;
      case 10:
        s = s.slice(0, at) + bigNumber(r) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(r.int(0x10000)) + s.slice(at);
        break;
    }
  }
  return s;
}

function encode(text, r) {
  switch (r.int(8)) {
    case 0:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 1:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 2:
      return Buffer.from(text, 'utf16le');
    default:
      return Buffer.from(text);
  }
}

const NAME_PARTS = ['a', '报告', ' ', '#', '%20', ',', ':', '\r', '\n', '\t', '[x]', '$(id)', '`', '|', '<img src=x>', '*', '-', '..'];
function fileName(r, i) {
  let name = `${i}-`;
  if (r.chance(0.5)) for (let k = r.int(4); k > 0; k--) name += r.pick(NAME_PARTS);
  return `${name.replace(/[/\\]/g, '_')}.md`;
}

/** Line lengths as an editor counts lines: \r\n, \r and \n each end one. */
function editorLines(text) {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function checkPositions(text, messages, problems, label) {
  const lines = editorLines(text.replace(/^\ufeff/, ''));
  for (const m of messages) {
    for (const [line, column] of [
      [m.line, m.column],
      [m.endLine, m.endColumn],
    ]) {
      const length = lines[line - 1];
      if (!Number.isInteger(line) || !Number.isInteger(column) || length === undefined || column < 1 || column > length + 1) {
        problems.push(
          `${label}: ${m.ruleId}/${m.messageId} at ${m.line}:${m.column}-${m.endLine}:${m.endColumn} is outside the file (${lines.length} lines, line length ${length})`,
        );
        break;
      }
    }
    if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) problems.push(`${label}: ${m.ruleId} ends before it starts`);
  }
}

function runCli(args, cwd) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, maxBuffer: 256 * 1024 * 1024, timeout: Math.max(60_000, maxMs * batch * 2), env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, killed: error?.killed ?? false });
      },
    );
  });
}

const FORMS = ['gfm', 'tsv', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'];
const PART_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

/** A sample report with fixable defects: blank zero cells, heading words, a header typo, the period. */
function defective(r) {
  const form = r.pick(FORMS);
  let text = sampleReport({ form });
  for (let k = 1 + r.int(3); k > 0; k--) {
    switch (r.int(5)) {
      case 0: {
        const zeros = [...text.matchAll(/(?<=\| |<td>|\t|\n)0(?= \||<\/td>|\t|\n| )/g)];
        const m = zeros.length > 0 ? r.pick(zeros) : undefined;
        if (m) text = text.slice(0, m.index) + text.slice(m.index + 1);
        break;
      }
      case 1: {
        const h = r.pick(PART_HEADINGS);
        const i = 2 + r.int(h.length - 2);
        const variants = [
          h.slice(0, i) + h.slice(i + 1),
          `${h.slice(0, i)}的${h.slice(i)}`,
          `${h.slice(0, i)}之${h.slice(i + 1)}`,
          h.slice(0, i + 1) + h.slice(i),
        ];
        text = text.replace(h, r.pick(variants));
        break;
      }
      case 2:
        text = text.replace(r.pick(PART_HEADINGS), (h) => `${r.pick(['一', '二', '三', '七', '九'])}${h.slice(1)}`);
        break;
      case 3:
        text = text.replace(r.pick(['本年废止件数', '本年制发件数', '现行有效件数']), (w) => `${w.slice(0, 2)}某${w.slice(3)}`);
        break;
      default:
        text = text.replace('2024年1月1日起至2024年12月31日止', `${2022 + r.int(4)}年${1 + r.int(12)}月1日起至${2022 + r.int(4)}年${1 + r.int(12)}月28日止`);
    }
  }
  return { text, form };
}

/** Each fix alone: nothing outside its range changes, its finding goes, no other comes (unless it cleared one). */
function checkFixes(text, label, problems) {
  let before;
  try {
    before = lintText(text, { filePath: 'fix.md' });
  } catch (error) {
    problems.push(`${label}: lintText threw ${String(error?.stack ?? error).slice(0, 300)}`);
    return;
  }
  const key = (m) => `${m.ruleId}:${m.messageId}`;
  const counts = (messages) => messages.reduce((map, m) => map.set(key(m), (map.get(key(m)) ?? 0) + 1), new Map());
  const was = counts(before.messages);
  for (const m of before.messages) {
    if (!m.fix) continue;
    const [start, end] = m.fix.range;
    const { output } = applyFixes(text, [m.fix]);
    if (output.slice(0, start) !== text.slice(0, start) || output.slice(start + m.fix.text.length) !== text.slice(end)) {
      problems.push(`${label}: the fix of ${key(m)} changed text outside its range`);
      continue;
    }
    const now = counts(lintText(output, { filePath: 'fix.md' }).messages);
    if ((now.get(key(m)) ?? 0) >= (was.get(key(m)) ?? 0)) problems.push(`${label}: ${key(m)} is still there after its fix ${JSON.stringify(m.fix)}`);
    const cleared = [...was].some(([k, n]) => k !== key(m) && (now.get(k) ?? 0) < n);
    for (const [k, n] of now)
      if (n > (was.get(k) ?? 0) && !cleared) problems.push(`${label}: the fix of ${key(m)} ${JSON.stringify(m.fix)} brought a new ${k}`);
  }
}

const TAGS = ['div', 'table', 'tr', 'td', 'span', 'ul', 'li', 'p', 'section', 'tbody', 'blockquote'];
function nestedHtml(r) {
  const depth = r.chance(0.5) ? r.int(600) : r.int(4000);
  const open = [];
  for (let i = 0; i < depth; i++) open.push(r.pick(TAGS));
  return `${open.map((t) => `<${t}>`).join('')}本年新收政府信息公开申请数量 1 2 3${
    r.chance(0.5)
      ? [...open]
          .reverse()
          .map((t) => `</${t}>`)
          .join('')
      : ''
  }`;
}

/** A .docx of `size` characters of paragraphs; with `lie`, the zip says every part holds 100 bytes. */
function docx(size, lie) {
  const para = '<w:p><w:r><w:t>报告 1 2 3</w:t></w:r></w:p>';
  const xml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${para.repeat(Math.max(1, Math.ceil(size / para.length)))}</w:body></w:document>`;
  const bytes = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) }, { level: 6 });
  if (lie) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 30 < bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 100, true);
      else if (sig === 0x02014b50) view.setUint32(i + 24, 100, true);
    }
  }
  return bytes;
}

const HOSTILE_POSITIONS = [-5, 0, Number.NaN, 1.5, Infinity, -Infinity, '3', null, undefined, 1e12, 2 ** 53, 1];
function hostileRule(r) {
  const value = () => r.pick(HOSTILE_POSITIONS);
  const at = r.chance(0.2)
    ? r.pick([null, undefined, {}, 'x', { start: null }])
    : { start: { line: value(), column: value() }, ...(r.chance(0.5) ? { end: { line: value(), column: value() } } : {}) };
  return defineRule({
    meta: {
      id: 'fuzz-positions',
      description: { 'zh-CN': '测试', en: 'test' },
      rationale: { 'zh-CN': '测试', en: 'test' },
      defaultSeverity: 'error',
      options: z.object({}).strict(),
      messages: { x: { 'zh-CN': '有 X', en: 'X found' } },
      examples: { valid: [], invalid: [] },
    },
    check: (c) => c.report({ messageId: 'x', at }),
  });
}

async function surfaces(r, inputs, problems) {
  // Fix round-trips: a mutated fixture, and a sample report with fixable defects.
  const mutated = mutate(r.pick(inputs).text, r);
  checkFixes(mutated.replace(/^\ufeff/, ''), 'fix round-trip (mutated fixture)', problems);
  const { text, form } = defective(r);
  checkFixes(text, `fix round-trip (sample, ${form})`, problems);
  // The same report as a page: read as Markdown text, its findings never carry a fix.
  const page = `<html><body>${text
    .split('\n\n')
    .map((block) => (block.startsWith('<table>') ? block : `<p>${block.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>`))
    .join('\n')}</body></html>`;
  try {
    const decoded = await decodeDocument(new Uint8Array(Buffer.from(page, 'utf8')), 'page.html');
    if (!('error' in decoded)) {
      const result = lintText(decoded.text, { filePath: 'page.html' });
      if (placeFindings(result, decoded.input, 'en').messages.some((m) => m.fix)) problems.push('page.html: a finding of an .html file carries a fix');
    }
  } catch (error) {
    problems.push(`page.html: threw ${String(error?.stack ?? error).slice(0, 300)}`);
  }
  // Nested HTML.
  const html = nestedHtml(r);
  try {
    const decoded = await decodeDocument(new Uint8Array(Buffer.from(html, 'utf8')), 'nested.html');
    if (!('error' in decoded)) lintText(decoded.text, { filePath: 'nested.html' });
  } catch (error) {
    problems.push(`nested.html (${html.length} characters): threw ${String(error?.stack ?? error).slice(0, 300)}`);
  }
  // .docx: ordinary, inflating past the limit (now and then: it takes a second), lying about it.
  const big = r.chance(0.1);
  const size = big ? 70 * 1024 * 1024 : r.int(200_000);
  const lie = r.chance(0.5);
  try {
    const decoded = await decodeDocument(docx(size, lie), 'draft.docx');
    if (big && !('error' in decoded && decoded.error === 'docxTooLarge'))
      problems.push(`draft.docx (${size} characters${lie ? ', sizes forged' : ''}): not refused as too large`);
    if (!big && 'error' in decoded && decoded.error === 'docxTooLarge') problems.push(`draft.docx (${size} characters): refused as too large`);
  } catch (error) {
    problems.push(`draft.docx: threw ${String(error?.stack ?? error).slice(0, 300)}`);
  }
  // A plugin rule's hostile positions.
  try {
    const result = lintText(r.pick(inputs).text, { filePath: 'p.md', rules: [hostileRule(r)], classify: 'report' });
    for (const m of result.messages)
      for (const n of [m.line, m.column, m.endLine, m.endColumn])
        if (!Number.isInteger(n) || n < 1) problems.push(`plugin positions: ${m.ruleId}/${m.messageId} at ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);
  } catch (error) {
    problems.push(`plugin positions: lintText threw ${String(error?.stack ?? error).slice(0, 300)}`);
  }
}

async function round(seed, inputs) {
  const r = rng(seed);
  const problems = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-fuzz-'));
  const files = [];
  let slowest = 0;
  try {
    for (let i = 0; i < batch; i++) {
      const source = r.pick(inputs);
      const text = mutate(source.text, r);
      const bytes = encode(text, r);
      const name = fileName(r, i);
      writeFileSync(path.join(dir, name), bytes);
      files.push(name);
      // In-process: no throw, bounded time, positions inside the text.
      const start = performance.now();
      let result;
      try {
        result = lintText(text.replace(/^\ufeff/, ''), { filePath: name, locale: r.chance(0.5) ? 'en' : 'zh-CN' });
      } catch (error) {
        problems.push(`${name} (from ${path.basename(source.file)}): lintText threw ${String(error?.stack ?? error).slice(0, 500)}`);
        continue;
      }
      const ms = performance.now() - start;
      slowest = Math.max(slowest, ms);
      if (ms > maxMs) problems.push(`${JSON.stringify(name)}: took ${Math.round(ms)} ms (budget ${maxMs} ms)`);
      if (result.fatal && /internal|内部错误/.test(result.fatal.message))
        problems.push(`${JSON.stringify(name)}: internal error: ${result.fatal.message.slice(0, 300)}`);
      for (const m of result.messages) if (m.messageId === 'ruleError') problems.push(`${JSON.stringify(name)}: ${m.message.slice(0, 300)}`);
      checkPositions(text, result.messages, problems, JSON.stringify(name));
    }
    await surfaces(r, inputs, problems);
    // The CLI over the round's files, in every format.
    const args = ['--', ...files];
    const json = await runCli(['-f', 'json', ...args], dir);
    let findings = 0;
    if (![0, 1].includes(json.code)) problems.push(`json: exit ${json.code}${json.killed ? ' (killed: too slow)' : ''}: ${json.stderr.slice(0, 500)}`);
    else {
      try {
        const results = JSON.parse(json.stdout);
        const names = results.map((x) => path.basename(x.filePath)).sort();
        if (JSON.stringify(names) !== JSON.stringify([...files].sort()))
          problems.push(`json: results for ${JSON.stringify(names)}, files ${JSON.stringify(files)}`);
        findings = results.reduce((n, x) => n + x.messages.length, 0);
      } catch (error) {
        problems.push(`json: invalid output (${String(error)}): ${json.stdout.slice(0, 200)}`);
      }
    }
    const sarif = await runCli(['-f', 'sarif', ...args], dir);
    if (![0, 1].includes(sarif.code)) problems.push(`sarif: exit ${sarif.code}: ${sarif.stderr.slice(0, 300)}`);
    else {
      try {
        const log = JSON.parse(sarif.stdout);
        if (log.version !== '2.1.0' || !Array.isArray(log.runs?.[0]?.results)) problems.push('sarif: not a SARIF 2.1.0 log');
      } catch (error) {
        problems.push(`sarif: invalid output (${String(error)})`);
      }
    }
    const stylish = await runCli(['-f', 'stylish', ...args], dir);
    if (![0, 1].includes(stylish.code)) problems.push(`stylish: exit ${stylish.code}: ${stylish.stderr.slice(0, 300)}`);
    else if (findings > 0 && stylish.stdout.trim() === '') problems.push('stylish: empty output with findings');
    else if (/[\r\0]/.test(stylish.stdout)) problems.push('stylish: raw control characters in the output');
    const github = await runCli(['-f', 'github', ...args], dir);
    if (![0, 1].includes(github.code)) problems.push(`github: exit ${github.code}: ${github.stderr.slice(0, 300)}`);
    else {
      const lines = github.stdout.split('\n').filter((l) => l !== '');
      if (lines.length < findings) problems.push(`github: ${lines.length} lines for ${findings} findings`);
      for (const line of lines)
        if (!/^::(error|warning|notice) /.test(line)) problems.push(`github: not a workflow command: ${JSON.stringify(line.slice(0, 120))}`);
    }
    if (problems.length > 0) {
      const keep = path.join(outDir, String(seed));
      mkdirSync(keep, { recursive: true });
      cpSync(dir, keep, { recursive: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { problems, slowest };
}

const inputs = fixtures();
const deadline = Date.now() + seconds * 1000;
let rounds = 0;
let failed = 0;
let slowest = 0;
let seed = firstSeed;
if (!values.quiet) console.log(`fuzz: first seed ${firstSeed}, ${inputs.length} fixtures, ${batch} files a round, ${seconds} s`);
while (Date.now() < deadline && rounds < maxRounds) {
  const result = await round(seed, inputs);
  rounds++;
  slowest = Math.max(slowest, result.slowest);
  if (result.problems.length > 0) {
    failed++;
    console.log(`FAIL seed ${seed} (rerun: npm run fuzz -- --seed ${seed} --rounds 1 --batch ${batch}); inputs kept in ${path.join(outDir, String(seed))}`);
    for (const problem of result.problems.slice(0, 20)) console.log(`  ${problem}`);
  }
  seed = (seed + 1) >>> 0;
}
console.log(
  `fuzz: ${rounds} rounds, ${rounds * batch} inputs, ${failed} failing rounds, slowest file ${Math.round(slowest)} ms, seeds ${firstSeed}..${(seed - 1) >>> 0}`,
);
process.exitCode = failed > 0 ? 1 : 0;
