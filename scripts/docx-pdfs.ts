/**
 * Reports written as Word documents (.docx made here, WordprocessingML by hand) and printed to PDF by
 * LibreOffice Writer, as agencies print theirs: the official template's tables with real cell
 * borders, merged cells, the group labels written vertically (text direction), header rows repeated
 * on each page (标题行重复), rows broken across pages inside a merged cell, table 三 alone in a
 * landscape section, three-line tables, tables with only an outer frame, double or thick borders,
 * shaded cells, tables floating in a frame or a text box, the body in 仿宋 with 1.5 line spacing,
 * footnotes and notes under the tables, “- N -” page numbers, the agency in the page header, table 二
 * with 信息内容 as a merged cell; and two wrong forms of table 三: a column left out, a 合计 column added.
 *
 *   node scripts/run-ts.mjs scripts/docx-pdfs.ts [NAME…]   # writes test/fixtures/pdf/docx/ (needs soffice)
 *
 * Each DOCX_LAYOUTS entry prints the random consistent report of its seed (layoutData) with one wrong
 * cell; NAME.md beside the PDF is that report in Markdown (what the PDF must read as), NAME.layout.txt
 * and NAME.plain.txt its pdftotext text.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parseMarkdown } from '../src/reading/parse.ts';
import { buildModel } from '../src/reading/build.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import { proseLines } from './corpus-pdfs.ts';

export interface DocxOptions {
  /** The group labels 三、本年度办理结果 and （三）不予公开… written vertically (the cell's text direction). */
  vertical?: boolean;
  /** Table 三's three header rows repeated at the top of each page (标题行重复). */
  repeatHeader?: boolean;
  /** Width (twips) of table 三's row label column (default 2300: longer labels wrap). */
  labelWidth?: number;
  /** Row height (twips) of table 三's rows: tall rows push the table over a page break. */
  rowHeight?: number;
  /** Table 三 alone in a landscape section. */
  landscapeT3?: boolean;
  /** The tables' rules: every cell (the default), only the outer frame, three lines, double, a thick outer frame, none. */
  borders?: 'all' | 'outer' | 'threeLine' | 'double' | 'thickOuter' | 'none';
  /** Header cells and every other row shaded. */
  shading?: boolean;
  /** Tables 二 and 四 floating (positioned: LibreOffice puts them in a frame). */
  floating?: boolean;
  /** Table 四 inside a text box. */
  textbox?: boolean;
  /** The body in 仿宋 三号 with 1.5 line spacing (the default: 宋体 小四, single). */
  fangsong?: boolean;
  /** A 注： paragraph under each table. */
  notes?: boolean;
  /** A footnote (a superscript number, its text at the page's foot) after each table's heading. */
  footnotes?: boolean;
  /** “- N -” in the footer. */
  pageNumbers?: boolean;
  /** The agency's name in the page header. */
  header?: boolean;
  /** Table 二 as one table, 信息内容 a cell merged over each part's two header rows. */
  t2Merged?: boolean;
  /** Table 三 printed without this value column (0–6). */
  dropColumn?: number;
  /** Table 三 with a 合计 column (the five 法人或其他组织 columns' sum) before 总计. */
  extraTotal?: boolean;
  /** One font for all text (a font name as fontconfig knows it): fixtures use a TrueType one, whose subsets are small. */
  font?: string;
  /** The font of the vertical cells (WenQuanYi's vertical glyphs come out of LibreOffice all at one place). */
  verticalFont?: string;
  /** One cell of table 三 printed this much off (a report's own content with one sum error). */
  wrong?: { row: string; column: number; delta: number };
  /** Character spacing (twips) widened on the digits of value cells (Word's 字符间距 加宽: “4 8 3” for 483). */
  letterSpacing?: number;
  /** The table's font size in half-points (default 21, 五号). */
  tableSize?: number;
  /** Page margins: Word's default (2.54 cm top and bottom, 3.17 cm left and right) or narrow (1.27 cm); the tables fill the text width. */
  margins?: 'word' | 'narrow';
  /** Values of 1000 and more written with thousands separators (1,234). */
  thousands?: boolean;
  /** The value cells' alignment (default centred). */
  valueAlign?: 'left' | 'right';
  /** The cells' vertical alignment (default centred). */
  vAlign?: 'top' | 'bottom';
  /** The table cells' line spacing exactly this many twips (240: 12 pt, which clips a 12 pt font). */
  exactLine?: number;
  /** Each table inside a 1×1 outer frame table. */
  frame?: boolean;
  /** Table 三 as two tables, the first with this many value columns, the second with the rest (each with the row labels). */
  splitT3?: number;
  /** Header and label cells distributed (分散对齐: the characters spread over the cell's width). */
  distribute?: boolean;
  /** Table 二's header rows repeated (标题行重复) and table 二 broken across pages by tall rows. */
  t2RowHeight?: number;
}

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const EDGE_ROWS = ['t3.new', 't3.carried', 't3.total', 't3.carryOver'];
const cellText = (c: Row['cells'][number]): string => (c.kind === 'blank' || c.kind === 'missing' ? '' : c.raw);
const cellsOf = (r: Row, n: number): string[] => (r.cells.length > 0 ? r.cells.map(cellText) : Array<string>(n).fill(''));

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"';

/** A run of text in the given font and size (half-points). */
function run(text: string, o: { font: string; size: number; bold?: boolean; spacing?: number }): string {
  return `<w:r><w:rPr><w:rFonts w:ascii="${o.font}" w:hAnsi="${o.font}" w:eastAsia="${o.font}"/>${o.bold === true ? '<w:b/>' : ''}${o.spacing === undefined ? '' : `<w:spacing w:val="${o.spacing}"/>`}<w:sz w:val="${o.size}"/><w:szCs w:val="${o.size}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

interface Para {
  jc?: 'left' | 'center' | 'right' | 'both' | 'distribute';
  indent?: boolean;
  line?: number;
  exact?: boolean;
  extra?: string;
}
const para = (runs: string, p: Para = {}): string =>
  `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="${p.line ?? 240}" w:lineRule="${p.exact === true ? 'exact' : 'auto'}"/>${p.indent === true ? '<w:ind w:firstLineChars="200" w:firstLine="640"/>' : ''}<w:jc w:val="${p.jc ?? 'left'}"/>${p.extra ?? ''}</w:pPr>${runs}</w:p>`;

interface Cell {
  text: string;
  span?: number;
  merge?: 'restart' | 'continue';
  vertical?: boolean;
  shade?: boolean;
  bottom?: string;
  jc?: Para['jc'];
  /** A value cell (aligned as valueAlign says). */
  value?: boolean;
}

class Doc {
  readonly o: DocxOptions;
  readonly font: string;
  readonly size: number;
  readonly tsize: number;
  readonly line: number;
  footnotes: string[] = [];
  constructor(o: DocxOptions) {
    this.o = o;
    this.font = o.font ?? (o.fangsong === true ? '仿宋' : '宋体');
    this.size = o.fangsong === true ? 32 : 24;
    this.tsize = o.tableSize ?? 21;
    this.line = o.fangsong === true ? 360 : 240;
  }
  text(s: string, p: Para = {}, bold = false): string {
    return para(run(s, { font: this.font, size: this.size, bold }), { line: this.line, jc: 'both', indent: true, ...p });
  }
  heading(s: string, note?: string): string {
    let runs = run(s, { font: this.o.font ?? '黑体', size: this.size });
    if (note !== undefined) {
      this.footnotes.push(note);
      runs += `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${this.footnotes.length}"/></w:r>`;
    }
    return para(runs, { line: this.line, indent: true });
  }
  borders(): string {
    const b = this.o.borders ?? 'all';
    const line = (v: string, sz = 4): string => `w:val="${v}" w:sz="${sz}" w:space="0" w:color="000000"`;
    const sides = (outer: string, inner: string): string =>
      `<w:tblBorders><w:top ${outer}/><w:left ${outer}/><w:bottom ${outer}/><w:right ${outer}/><w:insideH ${inner}/><w:insideV ${inner}/></w:tblBorders>`;
    const nil = 'w:val="nil"';
    switch (b) {
      case 'all':
        return sides(line('single'), line('single'));
      case 'outer':
        return sides(line('single', 8), nil);
      case 'double':
        return sides(line('double'), line('single'));
      case 'thickOuter':
        return sides(line('single', 18), line('single'));
      case 'none':
        return sides(nil, nil);
      case 'threeLine':
        return `<w:tblBorders><w:top ${line('single', 12)}/><w:left ${nil}/><w:bottom ${line('single', 12)}/><w:right ${nil}/><w:insideH ${nil}/><w:insideV ${nil}/></w:tblBorders>`;
    }
  }
  /** A table: its column widths (twips) and rows of cells; `header` rows repeat and carry the three-line rule under the last. */
  /** The text width (twips) of a portrait page's margins, as the tables are laid out for (9412 at the default margins). */
  scale(widths: number[], landscape = false): number[] {
    const m = this.o.margins;
    if (m === undefined) return widths;
    const page = landscape ? 16838 : 11906;
    const text = page - 2 * (m === 'word' ? 1800 : 720) - 60;
    const sum = widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => Math.floor((w * text) / sum));
  }
  table(widthsIn: number[], rows: Cell[][], o: { header?: number; repeat?: boolean; height?: number; floating?: boolean; landscape?: boolean } = {}): string {
    const widths = this.scale(widthsIn, o.landscape);
    const header = o.header ?? 0;
    const out = [
      `<w:tbl><w:tblPr>${o.floating === true ? '<w:tblpPr w:leftFromText="180" w:rightFromText="180" w:vertAnchor="text" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpY="120"/>' : ''}<w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/><w:jc w:val="center"/>${this.borders()}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`,
      `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    ];
    rows.forEach((cells, i) => {
      const trPr = [
        i < header && o.repeat === true ? '<w:tblHeader/>' : '',
        o.height !== undefined && i >= header ? `<w:trHeight w:val="${o.height}"/>` : '',
      ].join('');
      out.push(`<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}`);
      let col = 0;
      for (const c of cells) {
        const span = c.span ?? 1;
        const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        const shade = this.o.shading === true && (i < header || i % 2 === 1 || c.shade === true);
        const rule =
          this.o.borders === 'threeLine' && i === header - 1
            ? '<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>'
            : '';
        const tcPr = [
          `<w:tcW w:w="${w}" w:type="dxa"/>`,
          span > 1 ? `<w:gridSpan w:val="${span}"/>` : '',
          c.merge ? `<w:vMerge${c.merge === 'restart' ? ' w:val="restart"' : ''}/>` : '',
          rule,
          shade ? '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>' : '',
          c.vertical === true ? '<w:textDirection w:val="tbRlV"/>' : '',
          `<w:vAlign w:val="${this.o.vAlign ?? 'center'}"/>`,
        ].join('');
        const font = (c.vertical === true ? this.o.verticalFont : undefined) ?? this.o.font ?? '宋体';
        // Character spacing widened (字符间距 加宽) on a number cell's digits.
        const spacing = i >= header && /^\d{2,}$/.test(c.text) ? this.o.letterSpacing : undefined;
        const shown = this.o.thousands === true && /^\d{4,}(\.\d+)?$/.test(c.text) ? c.text.replace(/^\d+/, (d) => Number(d).toLocaleString('en-US')) : c.text;
        const text =
          c.merge === 'continue'
            ? ''
            : run(shown, { font, size: this.tsize, bold: i < header && this.o.font === undefined, ...(spacing === undefined ? {} : { spacing }) });
        const jc =
          c.value === true
            ? (this.o.valueAlign ?? c.jc ?? 'center')
            : this.o.distribute === true && c.text.length > 1 && c.vertical !== true
              ? 'distribute'
              : (c.jc ?? 'center');
        const cellPara = para(text, { jc, ...(this.o.exactLine === undefined ? {} : { line: this.o.exactLine, exact: true }) });
        out.push(`<w:tc><w:tcPr>${tcPr}</w:tcPr>${cellPara}</w:tc>`);
      }
      out.push('</w:tr>');
    });
    out.push('</w:tbl>');
    if (this.o.frame !== true) return out.join('');
    // A 1×1 outer table framing the table (a tc ends with a paragraph).
    const w = widths.reduce((a, b) => a + b, 0) + 300;
    const single = 'w:val="single" w:sz="8" w:space="0" w:color="000000"';
    return `<w:tbl><w:tblPr><w:tblW w:w="${w}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top ${single}/><w:left ${single}/><w:bottom ${single}/><w:right ${single}/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="${w}"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/></w:tcPr>${out.join('')}${para('')}</w:tc></w:tr></w:tbl>`;
  }
}

const T3_HEADS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** Table 二's template columns, part by part. */
const T2_COLUMNS = [['本年制发件数', '本年废止件数', '现行有效件数'], ['本年处理决定数量'], ['本年处理决定数量'], ['本年收费金额（单位：万元）']];

function table2(doc: Doc, model: ReportModel): string {
  const ITEMS = ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'];
  // 其他对外管理服务事项 (the 2019 form) stands under 第（五）项 beside 行政许可.
  const itemOf = (r: Row): number => (/许可|对外管理服务/.test(r.label) ? 1 : /处罚|强制/.test(r.label) ? 2 : /收费/.test(r.label) ? 3 : 0);
  const groups: Row[][] = [[], [], [], []];
  for (const r of model.tables.t2.rows) groups[itemOf(r)]?.push(r);
  const widths = [2600, 2100, 2100, 2100];
  const out: Cell[][] = [];
  const headerRows: number[] = [];
  groups.forEach((group, g) => {
    if (group.length === 0) return;
    // The columns of a row read (a row the Markdown could not read has no cells to name them: the 2021 form's then).
    const columns = group.find((r) => r.cells.length > 0)?.cells.map((c) => c.column) ?? (model.tables.t2.template === '2019' ? [] : (T2_COLUMNS[g] ?? []));
    const span = 3 / Math.max(1, columns.length);
    if (doc.o.t2Merged === true) {
      headerRows.push(out.length, out.length + 1);
      out.push([
        { text: '信息内容', merge: 'restart' },
        { text: ITEMS[g] ?? '', span: 3 },
      ]);
      out.push([{ text: '', merge: 'continue' }, ...columns.map((c) => ({ text: c, span }))]);
    } else {
      out.push([{ text: ITEMS[g] ?? '', span: 4, jc: 'left' }]);
      headerRows.push(out.length);
      out.push([{ text: '信息内容' }, ...columns.map((c) => ({ text: c, span }))]);
    }
    for (const r of group) out.push([{ text: r.label }, ...cellsOf(r, columns.length).map((v) => ({ text: v, span, value: true }))]);
  });
  return doc.table(widths, out, {
    floating: doc.o.floating,
    ...(doc.o.t2RowHeight === undefined ? {} : { height: doc.o.t2RowHeight, header: 1, repeat: true }),
  });
}

function table3(doc: Doc, model: ReportModel): string {
  const o = doc.o;
  const rows = model.tables.t3.rows;
  const outcomes = rows.filter((r) => !EDGE_ROWS.includes(r.id));
  const groupOf = (r: Row): string | null => (r.label.includes('·') ? (r.label.split('·')[0] ?? null) : null);
  let heads = [...T3_HEADS];
  const valuesOf = (r: Row): string[] => {
    let v = cellsOf(r, 7);
    if (o.wrong?.row === r.id) v = v.map((x, i) => (i === o.wrong?.column ? String((Number(x) || 0) + o.wrong.delta) : x));
    if (o.extraTotal === true) {
      const sum = v.slice(1, 6).reduce((s, x) => s + (Number(x) || 0), 0);
      v = [...v.slice(0, 6), String(sum), ...v.slice(6)];
    }
    if (o.dropColumn !== undefined) v = v.filter((_, i) => i !== o.dropColumn);
    return v;
  };
  if (o.extraTotal === true) heads = [...heads.slice(0, 6), '合计', ...heads.slice(6)];
  if (o.dropColumn !== undefined) heads = heads.filter((_, i) => i !== o.dropColumn);
  const vertical = o.vertical === true;
  // Table 三 over the value columns `pick` (all of them, or one of the two halves of a split table).
  const part = (pick: number[]): string => {
    const hs = pick.map((i) => heads[i] ?? '');
    const legal = hs.filter((h) => !['自然人', '总计'].includes(h));
    const n = hs.length;
    const total = o.landscapeT3 === true ? 14400 : 9000;
    const label = [520, 900, o.labelWidth ?? 2300];
    const value = Math.floor((total - label.reduce((a, b) => a + b, 0)) / (o.splitT3 === undefined ? n : heads.length - o.splitT3));
    const widths = [...label, ...Array<number>(n).fill(value)];
    const out: Cell[][] = [
      [
        { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', span: 3, merge: 'restart' },
        { text: '申请人情况', span: n },
      ],
      [
        { text: '', span: 3, merge: 'continue' },
        ...(hs[0] === '自然人' ? [{ text: '自然人', merge: 'restart' as const }] : []),
        ...(legal.length > 0 ? [{ text: '法人或其他组织', span: legal.length }] : []),
        ...(hs.at(-1) === '总计' ? [{ text: '总计', merge: 'restart' as const }] : []),
      ],
      [
        { text: '', span: 3, merge: 'continue' },
        ...(hs[0] === '自然人' ? [{ text: '', merge: 'continue' as const }] : []),
        ...legal.map((h) => ({ text: h })),
        ...(hs.at(-1) === '总计' ? [{ text: '', merge: 'continue' as const }] : []),
      ],
    ];
    for (const r of rows) {
      const labels: Cell[] = [];
      if (EDGE_ROWS.includes(r.id)) labels.push({ text: r.label, span: 3, jc: 'left' });
      else {
        labels.push(r === outcomes[0] ? { text: '三、本年度办理结果', merge: 'restart', vertical } : { text: '', merge: 'continue' });
        const group = groupOf(r);
        if (group) {
          const first = outcomes.find((x) => groupOf(x) === group) === r;
          labels.push(first ? { text: group, merge: 'restart', vertical } : { text: '', merge: 'continue' });
          labels.push({ text: r.label.split('·')[1] ?? r.label, jc: 'left' });
        } else labels.push({ text: r.label, span: 2, jc: 'left' });
      }
      const v = valuesOf(r);
      out.push([...labels, ...pick.map((i) => ({ text: v[i] ?? '', value: true }))]);
    }
    return doc.table(widths, out, { header: 3, repeat: o.repeatHeader, height: o.rowHeight, landscape: o.landscapeT3 });
  };
  const all = heads.map((_, i) => i);
  if (o.splitT3 === undefined) return part(all);
  // Two tables, a paragraph between them (Word joins two tables that touch).
  return `${part(all.slice(0, o.splitT3))}${para(run('（续表）', { font: doc.font, size: 21 }), { jc: 'right' })}${part(all.slice(o.splitT3))}`;
}

function table4(doc: Doc, model: ReportModel): string {
  const values = model.tables.t4.rows.flatMap((r) => cellsOf(r, 5));
  const columns = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const widths = Array<number>(15).fill(600);
  const rows: Cell[][] = [
    [
      { text: '行政复议', span: 5 },
      { text: '行政诉讼', span: 10 },
    ],
    [...columns.map((c) => ({ text: c, merge: 'restart' as const })), { text: '未经复议直接起诉', span: 5 }, { text: '复议后起诉', span: 5 }],
    [...columns.map(() => ({ text: '', merge: 'continue' as const })), ...[...columns, ...columns].map((c) => ({ text: c }))],
    values.map((v) => ({ text: v, value: true })),
  ];
  const table = doc.table(widths, rows, { header: 3, floating: doc.o.floating });
  if (doc.o.textbox !== true) return table;
  // A text box (VML, as Word writes one) holding the table.
  return `<w:p><w:r><w:pict><v:rect style="width:460pt;height:190pt;mso-position-horizontal:center" strokecolor="#000000"><v:textbox><w:txbxContent>${table}${para('')}</w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>`;
}

const SECTION = (landscape: boolean, o: DocxOptions): string => {
  const refs = `${o.header === true ? '<w:headerReference w:type="default" r:id="rIdH"/>' : ''}${o.pageNumbers === true ? '<w:footerReference w:type="default" r:id="rIdF"/>' : ''}`;
  const size = landscape ? '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' : '<w:pgSz w:w="11906" w:h="16838"/>';
  const [tb, lr] = o.margins === 'word' ? [1440, 1800] : o.margins === 'narrow' ? [720, 720] : [1440, 1247];
  return `<w:sectPr>${refs}${size}<w:pgMar w:top="${tb}" w:right="${lr}" w:bottom="${tb}" w:left="${lr}" w:header="851" w:footer="850" w:gutter="0"/></w:sectPr>`;
};

/** The report's text and tables as a .docx (its zip's bytes). */
export function reportDocx(text: string, o: DocxOptions = {}): Uint8Array {
  const model = buildModel(text, parseMarkdown(text));
  const part = (n: number) => model.parts.find((p) => p.part === n);
  const p2 = part(2);
  const p5 = part(5);
  if (!p2 || !p5) throw new Error('docx-pdfs: the report has no part 二 or 五');
  const doc = new Doc(o);
  const body: string[] = [];
  let agency = '';
  const prose = (from: number, to: number): void => {
    for (const line of proseLines(text, from, to)) {
      if (body.length === 0) {
        // The agency, from a title line (`<agency><year>年…报告`); a report without one has no page header.
        agency = /^(.{2,40}?)\s*\d{4}\s*年.*报告$/.exec(line)?.[1] ?? '';
        body.push(para(run(line, { font: o.font ?? '方正小标宋简体', size: 36 }), { jc: 'center', line: doc.line }));
      } else if (/^[一二三四五六七八九十]+、/.test(line)) body.push(doc.heading(line));
      else body.push(doc.text(line));
    }
  };
  prose(0, p2.span.start.offset);
  const heading = (n: number): void => {
    const p = part(n);
    if (p) body.push(doc.heading(`${p.numeral}、${p.text}`, o.footnotes === true ? `本表数据统计时限为${model.year ?? ''}年1月1日至12月31日。` : undefined));
  };
  const note = (s: string): void => {
    if (o.notes === true) body.push(para(run(s, { font: doc.font, size: 18 }), { line: 240 }));
  };
  heading(2);
  body.push(table2(doc, model));
  note('注：本表“本年收费金额”单位为万元。');
  if (o.landscapeT3 === true) body.push(para('', { extra: SECTION(false, o) }));
  heading(3);
  body.push(table3(doc, model));
  note('注：本表各项数据按申请人类型分别统计。');
  if (o.landscapeT3 === true) body.push(para('', { extra: SECTION(true, o) }));
  heading(4);
  body.push(table4(doc, model));
  note('注：本表数据含本机关作为被申请人、被告的案件。');
  prose(p5.span.start.offset, text.length);
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W_NS}><w:body>${body.join('')}${SECTION(false, o)}</w:body></w:document>`;
  const rels = [
    o.header === true ? '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>' : '',
    o.pageNumbers === true
      ? '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
      : '',
    doc.footnotes.length > 0
      ? '<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
      : '',
  ].join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    'word/document.xml': strToU8(document),
    'word/header1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W_NS}>${para(run(agency, { font: o.font ?? '宋体', size: 18 }), { jc: 'center', extra: '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' })}</w:hdr>`,
    ),
    'word/footer1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${W_NS}>${para(`${run('- ', { font: o.font ?? '宋体', size: 28 })}<w:fldSimple w:instr=" PAGE ">${run('1', { font: o.font ?? '宋体', size: 28 })}</w:fldSimple>${run(' -', { font: o.font ?? '宋体', size: 28 })}`, { jc: 'center' })}</w:ftr>`,
    ),
    'word/footnotes.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ${W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${doc.footnotes
        .map(
          (f, i) =>
            `<w:footnote w:id="${i + 1}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>${run(` ${f}`, { font: o.font ?? '宋体', size: 18 })}</w:p></w:footnote>`,
        )
        .join('')}</w:footnotes>`,
    ),
  };
  return zipSync(files);
}

/** A .docx → PDF with LibreOffice Writer. */
export function docxToPdf(docx: Uint8Array, soffice = process.env.SOFFICE ?? 'soffice'): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-docx-'));
  try {
    writeFileSync(path.join(dir, 'report.docx'), docx);
    const r = spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'pdf', 'report.docx'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    return new Uint8Array(readFileSync(path.join(dir, 'report.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both pdftotext texts of a PDF file beside it: NAME.layout.txt and NAME.plain.txt. */
export function pdfTexts(file: string): void {
  for (const mode of ['layout', 'plain']) {
    const r = spawnSync('pdftotext', [...(mode === 'layout' ? ['-layout'] : []), file, file.replace(/\.pdf$/, `.${mode}.txt`)]);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${String(r.stderr)}`);
  }
}

/** The Word layouts the fixtures print: each a random consistent report (its seed) with one wrong cell of table 三 (row, column as t3Rows counts). */
export const DOCX_LAYOUTS: {
  name: string;
  what: string;
  options: DocxOptions;
  seed: number;
  wrong: { row: number; column: number; delta: number };
  /** Table-structure findings the layout itself makes (a table off the template): one a cause. */
  structure?: number;
}[] = [
  {
    name: 'frame-textbox',
    what: 'tables drawn with only their outer frame (no inner rule), table 四 inside a text box',
    options: { borders: 'outer', textbox: true },
    seed: 41,
    wrong: { row: 5, column: 5, delta: 2 },
  },
  {
    name: 'vertical-split',
    what: 'the group labels written vertically (text direction top to bottom), tall rows: table 三 breaks across pages inside （三）不予公开, whose vertical label runs over two columns; the agency in the page header, “- N -” page numbers',
    options: { vertical: true, rowHeight: 700, header: true, pageNumbers: true },
    seed: 41,
    wrong: { row: 12, column: 0, delta: 1 },
  },
  {
    name: 'landscape-vertical',
    what: 'table 三 alone in a landscape section, its label column wide (one line a row), its group labels written vertically over two columns where their rows are few, its header repeated; table 四 split by a page break under its first header row; 注： notes under the tables, shaded cells, double borders, table 二 with 信息内容 merged over each part\u2019s two header rows',
    options: {
      landscapeT3: true,
      vertical: true,
      repeatHeader: true,
      labelWidth: 5600,
      notes: true,
      shading: true,
      borders: 'double',
      t2Merged: true,
      header: true,
      pageNumbers: true,
    },
    seed: 42,
    wrong: { row: 20, column: 1, delta: 3 },
  },
  {
    name: 'footnotes',
    what: 'a footnote after each table’s heading (a superscript mark; its text at the foot of the page, under the separator, between the two parts of table 三), “- N -” page numbers',
    options: { footnotes: true, pageNumbers: true },
    seed: 44,
    wrong: { row: 6, column: 1, delta: 1 },
  },
  {
    name: 'missing-column',
    what: 'table 三 printed without its 法律服务机构 column (header and values), one total cell wrong: the header names the column missing, its cells stay empty, the other columns’ relations find the wrong cell',
    options: { dropColumn: 4, pageNumbers: true },
    seed: 45,
    wrong: { row: 23, column: 1, delta: 5 },
    structure: 1,
  },
  {
    name: 'landscape-narrow',
    what: 'table 三 alone in a landscape section with a narrow label column and tall rows, its header repeated: the header\u2019s first cell wraps its consistency note past its foot, and LibreOffice clips the note\u2019s last line away (it stands, unseen, in the row below on each page)',
    options: { landscapeT3: true, vertical: true, labelWidth: 1200, rowHeight: 900, repeatHeader: true, pageNumbers: true },
    seed: 46,
    wrong: { row: 22, column: 2, delta: 1 },
  },
  {
    name: 'extra-total',
    what: 'table 三 with a 合计 column (the five 法人或其他组织 columns’ sum) before 总计: one value too many in every row, at one place',
    options: { extraTotal: true, header: true },
    seed: 43,
    wrong: { row: 9, column: 0, delta: 2 },
    structure: 1,
  },
];

/** The fixture's report in Markdown: its seed's data with its one wrong cell. */
export async function docxReport(layout: (typeof DOCX_LAYOUTS)[number]): Promise<string> {
  const { sampleReport, t3Rows } = await import('../src/testing/sample.ts');
  const { layoutData } = await import('./pdf-fixtures.ts');
  const data = await layoutData(layout.seed);
  const row = t3Rows(data)[layout.wrong.row];
  const value = (row?.values[layout.wrong.column] ?? 0) + layout.wrong.delta;
  return sampleReport({ form: 'htmlMerged', data, override: { table: 't3', row: layout.wrong.row, column: layout.wrong.column, value } });
}

async function main(): Promise<void> {
  const out = path.resolve('test/fixtures/pdf/docx');
  mkdirSync(out, { recursive: true });
  const only = process.argv.slice(2);
  for (const layout of DOCX_LAYOUTS) {
    if (only.length > 0 && !only.includes(layout.name)) continue;
    const file = path.join(out, `${layout.name}.pdf`);
    // WenQuanYi Zen Hei (TrueType): its subsets keep a fixture small.
    writeFileSync(file, docxToPdf(reportDocx(await docxReport(layout), { font: 'WenQuanYi Zen Hei', verticalFont: 'Noto Sans CJK SC', ...layout.options })));
    pdfTexts(file);
    console.log(`docx-pdfs: ${layout.name}.pdf`);
  }
}

if (process.argv[1]?.endsWith('docx-pdfs.ts')) await main();
