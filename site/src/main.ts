/**
 * The web page: the linter running in the browser, nothing uploaded. Paste Markdown or drop a
 * .md/.txt/.html/.docx file; the findings and the marked tables are drawn by the same code as
 * `--format html`. Built into one self-contained file by scripts/build-site.mjs.
 */
import { builtinRules } from '../../rules/index.ts';
import { documentKind } from '../../src/engine/document.ts';
import { lintFiles, type WebFile, type WebOptions } from '../../src/engine/web.ts';
import { reportHtml } from '../../src/adapters/formatters/html.ts';
import { HTML_CSS } from '../../src/adapters/formatters/html-css.ts';
import { wrongFindingUrl } from '../../src/rule.ts';
import type { LintResult, Locale } from '../../src/types.ts';
import { messageTable, parseLocale, type MessageTable } from '../../src/i18n.ts';

const UI = {
  title: { 'zh-CN': '政府信息公开年度报告检查', en: 'Annual report checker' },
  language: { 'zh-CN': '语言', en: 'Language' },
  lead: {
    'zh-CN': '粘贴报告文本，或拖入 .md、.txt、.html、.docx、.pdf 文件。检查在本机浏览器中完成，文件不会上传。',
    en: 'Paste the report text, or drop a .md, .txt, .html, .docx or .pdf file. Everything runs in this browser: nothing is uploaded.',
  },
  choose: { 'zh-CN': '选择文件', en: 'Choose a file' },
  check: { 'zh-CN': '检查', en: 'Check' },
  copyFixed: { 'zh-CN': '复制修正后的文本', en: 'Copy the fixed text' },
  copied: { 'zh-CN': '已复制', en: 'Copied' },
  placeholder: { 'zh-CN': '在此粘贴年度报告（Markdown 或纯文本）……', en: 'Paste the annual report here (Markdown or plain text)…' },
  readFrom: { 'zh-CN': '已读取：{name}（编辑文本后按文本检查）', en: 'Read from {name} (edit the text to check the text instead)' },
  cannotRead: { 'zh-CN': '{name}：{reason}', en: '{name}: {reason}' },
  empty: { 'zh-CN': '请先粘贴报告文本或选择文件。', en: 'Paste a report or choose a file first.' },
  failed: { 'zh-CN': '检查 {name} 时出错：{reason}', en: 'Checking {name} failed: {reason}' },
  pasted: { 'zh-CN': '粘贴的文本', en: 'Pasted text' },
  wrongFindings: { 'zh-CN': '检查结果有误？报告给我们', en: 'A wrong finding? Tell us' },
  wrongFindingsLead: {
    'zh-CN': '每个链接打开一个预先填好规则、结果和原文的 GitHub issue（提交前可以删改原文）。漏报的问题也可以在那里报告。',
    en: 'Each link opens a GitHub issue prefilled with the rule, the finding and the text (edit the text before you submit). Report a missed problem there too.',
  },
  wrongFinding: { 'zh-CN': '报告这条结果有误', en: 'report this one as wrong' },
} as const satisfies MessageTable;

type Key = keyof typeof UI;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el;
}

const input = $('input') as HTMLTextAreaElement;
const fileInput = $('file') as HTMLInputElement;
const localeSelect = $('locale') as HTMLSelectElement;
const results = $('results');
const status = $('status');
const source = $('source');
const copyFixed = $('copy-fixed') as HTMLButtonElement;

/** A file chosen or dropped (until its text is edited by hand): its name and bytes. */
interface Loaded {
  name: string;
  bytes: Uint8Array;
  /** A .html, .docx or .pdf file: read as a document (its findings are placed in it, never fixed). */
  document: boolean;
}

let locale: Locale = 'zh-CN';
let loaded: Loaded | undefined;

const ui = messageTable(UI);
function t(key: Key, data: Record<string, string> = {}): string {
  return ui(key, locale, data);
}

function applyLocale(): void {
  document.documentElement.lang = locale;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset['i18n'] as Key);
  input.placeholder = t('placeholder');
  localeSelect.value = locale;
  if (loaded) source.textContent = t('readFrom', { name: loaded.name });
}

/** The page's one file through the engine's pipeline (the same `lintFiles` as the CLI's and the Action's). */
async function lintOne(file: WebFile, options: Pick<WebOptions, 'keepModel' | 'fix' | 'onRead'> = {}): Promise<LintResult> {
  for await (const result of lintFiles([file], { locale, ...options })) return result;
  throw new Error(`no result for ${file.filePath}`);
}

/**
 * The text with every certain fix applied (in passes until none is left), when there is any:
 * what the copy button copies. Suggestions a person must confirm are not applied.
 */
async function fixedText(file: WebFile, result: LintResult): Promise<string | undefined> {
  if (!result.messages.some((m) => m.fix)) return undefined;
  return (await lintOne(file, { fix: 'dry-run' })).output;
}

/** Each check gets a number: a check overtaken by a later one (another file, another language) draws nothing. */
let checks = 0;

async function run(): Promise<void> {
  const check = ++checks;
  status.textContent = '';
  if (!loaded && input.value.trim() === '') {
    results.innerHTML = '';
    status.textContent = t('empty');
    copyFixed.hidden = true;
    return;
  }
  const name = loaded?.name ?? t('pasted');
  const file: WebFile = { filePath: name, bytes: loaded?.bytes ?? new TextEncoder().encode(input.value) };
  // The text the engine read (a document's Markdown): shown, editable, and quoted in the issue links.
  let text: string | undefined;
  const result = await lintOne(file, { keepModel: true, onRead: (_file, read) => (text = read) });
  if (check !== checks) return;
  if (text === undefined) {
    // Not readable (empty, not a .docx, a scanned PDF…): the engine's words for why, no findings.
    loaded = undefined;
    results.innerHTML = '';
    copyFixed.hidden = true;
    source.textContent = t('cannotRead', { name, reason: result.fatal?.message ?? '' });
    return;
  }
  if (loaded) input.value = text;
  const fixed = loaded?.document ? undefined : await fixedText(file, result);
  if (check !== checks) return;
  results.innerHTML = reportHtml(result, { locale, rules: builtinRules, name, idPrefix: 'r1' });
  results.append(wrongFindingLinks(text, result));
  copyFixed.hidden = fixed === undefined;
  copyFixed.onclick = fixed === undefined ? null : () => void navigator.clipboard.writeText(fixed).then(() => (status.textContent = t('copied')));
}

/**
 * "Report a wrong finding": one link per finding, to the issue form prefilled with its rule, its
 * message and the lines it is about (and one without a finding, for a missed problem).
 */
function wrongFindingLinks(text: string, result: LintResult): HTMLElement {
  const lines = text.split(/\r\n|\r|\n/);
  const details = document.createElement('details');
  details.className = 'wrong-findings';
  const summary = document.createElement('summary');
  summary.textContent = t('wrongFindings');
  const lead = document.createElement('p');
  lead.textContent = t('wrongFindingsLead');
  const list = document.createElement('ul');
  for (const m of result.messages) {
    const where = m.place ?? `${m.line}:${m.column}`;
    const snippet = lines
      .slice(m.line - 1, Math.min(m.endLine, m.line + 19))
      .map((line, i) => `${m.line + i} | ${line}`)
      .join('\n');
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = wrongFindingUrl({ ruleId: m.ruleId, message: `${where} ${m.message}`, snippet: `\`\`\`text\n${snippet}\n\`\`\`` });
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = t('wrongFinding');
    item.append(`${where} ${m.ruleId} — `, link);
    list.append(item);
  }
  const missed = document.createElement('li');
  const link = document.createElement('a');
  link.href = wrongFindingUrl({});
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'GitHub issue';
  missed.append(link);
  list.append(missed);
  details.append(summary, lead, list);
  return details;
}

/** Whatever goes wrong, the page shows it and never the previous report's findings. */
function showFailure(name: string, err: unknown): void {
  loaded = undefined;
  results.innerHTML = '';
  copyFixed.hidden = true;
  status.textContent = t('failed', { name, reason: err instanceof Error ? err.message : String(err) });
}

async function runSafely(): Promise<void> {
  try {
    await run();
  } catch (err) {
    showFailure(loaded?.name ?? t('pasted'), err);
  }
}

async function readFile(file: File): Promise<void> {
  try {
    await readFileUnguarded(file);
  } catch (err) {
    showFailure(file.name, err);
  }
}

async function readFileUnguarded(file: File): Promise<void> {
  // The previous report's findings go at once: they are not this file's.
  results.innerHTML = '';
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Read once, by the engine's pipeline as it lints: run() shows the text it read.
  loaded = { name: file.name, bytes, document: documentKind(file.name) !== 'markdown' };
  source.textContent = t('readFrom', { name: file.name });
  await run();
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void readFile(file);
});
input.addEventListener('input', () => {
  // Edited by hand: from now on the text is what is checked.
  if (loaded) {
    loaded = undefined;
    source.textContent = '';
  }
});
$('check').addEventListener('click', () => void runSafely());
localeSelect.addEventListener('change', () => {
  locale = parseLocale(localeSelect.value) ?? 'zh-CN';
  applyLocale();
  if (results.innerHTML !== '') void runSafely();
});
const drop = document.body;
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
drop.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void readFile(file);
});

const style = document.createElement('style');
style.textContent = HTML_CSS;
document.head.prepend(style);
const params = new URLSearchParams(location.search);
locale = parseLocale(params.get('lang')) ?? 'zh-CN';
applyLocale();
