/** The opening facts: title (agency, year), statistical period and contact details (docs/format.md §7). */
import type { Contact, Period, Title } from '../model/schema.ts';
import { unwrapLines, withoutMatches, type LineIndex } from './text.ts';

const YEAR = '((?:19|20)\\d{2})';
const TITLE_SUFFIX =
  '(政府信息公开(?:工作)?年度报告|政务公开工作年度报告|政务信息公开(?:工作)?年度报告|信息公开(?:工作)?年度报告|政府信息公开工作年报|(?:工作)?年度报告)';
const AGENCY = '([^\\s，。,:：；;“”"《》()（）]{0,40}?)';
// With a year ("…局2024年度政府信息公开工作年度报告", "2024年上海市科委政府信息…"), else without.
const TITLES = [
  new RegExp(`^(?:标题[:：]\\s*)?${AGENCY}\\s*${YEAR}\\s*年度?\\s*([^\\s，。,:：；;]{0,40}?)\\s*${TITLE_SUFFIX}`),
  new RegExp(`^(?:标题[:：]\\s*)?${AGENCY}()()\\s*${TITLE_SUFFIX}`),
];
const BODY_START = /^(?:根据|依据|按照|本报告|为|现)/;

/** The standard wording broken at the line's end (“…工作年度报” + “告”, a centred title wrapped in PDF text). */
function splitsWording(line: string, next: string): boolean {
  for (const words of ['政府信息公开工作年度报告', '政府信息公开年度报告']) {
    for (let k = 1; k < words.length; k++) if (line.endsWith(words.slice(0, k)) && next.startsWith(words.slice(k))) return true;
  }
  return false;
}

/** The title: the first line of the preamble that reads as one (it may wrap onto a second line). */
export function findTitle(source: string, preambleEnd: number, lines: LineIndex): Title | null {
  const end = Math.min(preambleEnd, source.length);
  const rows: Array<{ text: string; start: number }> = [];
  let pos = 0;
  while (pos < end && rows.length < 40) {
    let lineEnd = source.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const raw = source.slice(pos, lineEnd);
    const marker = /^[\s>#*]*/.exec(raw)?.[0].length ?? 0;
    const text = raw.slice(marker).replace(/\*+$/, '').trimEnd();
    if (text !== '') rows.push({ text, start: pos + marker });
    pos = lineEnd + 1;
  }
  // A line of body text (“本报告依据…”) and the lines it wraps onto (PDF text) until its sentence
  // ends are no title, whatever they hold (“…关于印发<…政府信息公开工作年度报告格式>…”).
  let inParagraph = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    if (inParagraph || BODY_START.test(row.text)) {
      inParagraph = !/[。！？!?]$/.test(row.text);
      continue;
    }
    const next = rows[i + 1];
    const candidates = [row.text];
    if (next && !/报告/.test(row.text) && (/^(?:工作)?年度报告/.test(next.text) || splitsWording(row.text, next.text)))
      candidates.unshift(row.text + next.text);
    for (const text of candidates) {
      const m = TITLES.map((re) => re.exec(text)).find((x) => x !== null);
      if (!m) continue;
      const year = m[2] ? Number(m[2]) : null;
      const suffix = m[4] ?? '';
      if (year === null && (m[1] || m[3] || '') === '') continue;
      // "淮安市人民政府" on one line, "2024 年政府信息公开工作年度报告" on the next.
      const prev = rows[i - 1];
      let agencyText = (m[1] || m[3] || '').replace(/^[“"《]|[”"》]$/g, '');
      let titleStart = row.start;
      if (agencyText === '' && prev && /^[\u4e00-\u9fff（）()]{2,30}$/.test(prev.text)) {
        agencyText = prev.text;
        titleStart = prev.start;
      }
      const wrapped = text !== row.text;
      const titleEnd = wrapped && next ? next.start + (m[0].length - row.text.length) : row.start + m[0].length;
      return {
        text: (titleStart === row.start ? '' : `${agencyText} `) + m[0].replace(/^标题[:：]\s*/, ''),
        agency: /[\u4e00-\u9fff]{2,}/.test(agencyText) ? agencyText : null,
        year,
        standardWording: /^政府信息公开(?:工作)?年度报告$/.test(suffix),
        span: lines.span(titleStart, titleEnd),
      };
    }
  }
  return null;
}

const PERIOD_KEY = /统计(?:时限|期限|时间段|时段|周期|时间|区间|范围|年度)|起止时间|统计数据|数据统计|所列数据/g;
const DATE_RANGE = new RegExp(
  `${YEAR}\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*起?\\s*(?:至|到|—|-|－|~|～)\\s*(?:${YEAR}\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*止?`,
);

/** The statistical period: a date range shortly after 统计时限/统计期限/起止时间… */
export function findPeriod(source: string, preambleEnd: number, lines: LineIndex): Period | null {
  const search = (from: number, to: number): Period | null => {
    // Line breaks and the indentation around them not counted, nor the spaces of a justified line
    // spread apart (PDF text keeps the page's lines: “统计时限为 2024 年 1 月 1 日至” / “2024 年 12 月
    // 31 日”, “…数据的统计” / “期限自…”, “起 止 时 间 自 2020 年…”).
    const { words: text, at } = unwrapLines(source.slice(from, to), true);
    for (const k of text.matchAll(PERIOD_KEY)) {
      const windowStart = k.index + k[0].length;
      // Within 40 characters.
      const window = text.slice(windowStart, windowStart + 40);
      const m = DATE_RANGE.exec(window);
      if (!m) continue;
      const start = from + (at[windowStart + m.index] ?? 0);
      const end = from + (at[windowStart + m.index + m[0].length - 1] ?? 0) + 1;
      return {
        text: source.slice(start, end),
        start: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
        end: { year: m[4] ? Number(m[4]) : null, month: Number(m[5]), day: Number(m[6]) },
        span: lines.span(start, end),
      };
    }
    return null;
  };
  return search(0, Math.max(preambleEnd, Math.min(source.length, 3000))) ?? search(0, source.length);
}

const PHONE_KEY = /(?:联系)?(?:电话|传真|热线|联系方式|咨询电话)/g;
const PHONE = /(?<![\d-])(?:(?:\(?0\d{2,3}\)?\s*[-－—]?\s*)?\d{7,8}|1[3-9]\d{9}|12345)(?!\d)/g;
// The look-behind keeps this linear on long runs of letters or digits (no restart mid-run).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const POSTCODE = /(?:邮编|邮政编码)\s*[:：]?\s*([0-9０-９]+)/g;

/** A line break (blank lines too) right after an area code's hyphen and before digits. */
const CUT_AFTER_AREA_CODE = /(?<=\d[-－—])[ \t]*(?:\r?\n[ \t]*)+(?=\d)/g;
/** A single space between ideographs or full-width marks: a justified line spread apart (“电 话 ： 0591-”). */
const SPREAD = /(?<=[\u3400-\u9fff\uff00-\uffef]) (?=[\u3400-\u9fff\uff00-\uffef])/g;

export function findContact(written: string, lines: LineIndex): Contact {
  const phones: Contact['phones'] = [];
  const seen = new Set<number>();
  // A justified line's characters spread apart (PDF text in the page's lines) are read together.
  const { words: source, at: inWritten } = withoutMatches(written, SPREAD);
  const place = (i: number): number => inWritten[i] ?? written.length;
  for (const k of source.matchAll(PHONE_KEY)) {
    const from = k.index + k[0].length;
    // A number cut after its area code's hyphen at a line's end (“0591-” / “28922299”) is one.
    const { words: window, at } = withoutMatches(source.slice(from, from + 80), CUT_AFTER_AREA_CODE);
    // Numbers joined by 、 or / after one key ("0591-83368798、83379395") all count.
    const stop = window.search(/[，。；;\n）)]|邮编|地址|邮箱/);
    const part = stop < 0 ? window : window.slice(0, stop);
    for (const m of part.matchAll(PHONE)) {
      const start = place(from + (at[m.index] ?? 0));
      if (seen.has(start)) continue;
      seen.add(start);
      const text = m[0];
      phones.push({
        text,
        hasAreaCode: /^\(?0\d{2,3}/.test(text) || /^1[3-9]\d{9}$/.test(text) || text === '12345',
        span: lines.span(start, place(from + (at[m.index + text.length - 1] ?? 0)) + 1),
      });
    }
  }
  const emails = [...written.matchAll(EMAIL)].map((m) => ({ text: m[0], span: lines.span(m.index, m.index + m[0].length) }));
  const postcodes = [...source.matchAll(POSTCODE)].map((m) => {
    const digits = (m[1] ?? '').normalize('NFKC');
    const start = m.index + m[0].length - (m[1] ?? '').length;
    return { text: m[0], digits, span: lines.span(place(start), place(start + (m[1] ?? '').length - 1) + 1) };
  });
  phones.sort((a, b) => a.span.start.offset - b.span.start.offset);
  return { phones, emails, postcodes };
}

const DATE_LINE = /^[(（]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?$/;

/** The signature: a date line among the last lines (after part 六), with the agency line above it. */
export function findSignature(
  source: string,
  from: number,
  lines: LineIndex,
): { agency: string | null; date: { year: number; month: number; day: number }; span: ReturnType<LineIndex['span']> } | null {
  const tail: Array<{ text: string; start: number }> = [];
  let pos = source.length;
  while (pos > from && tail.length < 8) {
    const lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    const text = source.slice(lineStart, pos).replace(/[*#>]/g, '').trim();
    if (text !== '') tail.unshift({ text, start: Math.max(lineStart, from) });
    pos = lineStart - 1;
  }
  for (let i = tail.length - 1; i >= 0; i--) {
    const row = tail[i];
    const m = row ? DATE_LINE.exec(row.text) : null;
    if (!row || !m) continue;
    const above = tail[i - 1];
    const agency = above && /^[\u4e00-\u9fff（）()]{2,40}$/.test(above.text) ? above.text : null;
    const start = agency && above ? above.start : row.start;
    return { agency, date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, span: lines.span(start, row.start + row.text.length) };
  }
  return null;
}
