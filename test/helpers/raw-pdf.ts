/**
 * PDFs written object by object, to read what producers other than our fixtures' (Chromium,
 * LibreOffice, WPS) write: Word's own export, Adobe's printers, Foxit, OFD converters, scanners with
 * a text layer. A page is given as what it shows (text runs at their baselines and ruling lines, in
 * points from the top left of the upright page: `RawPage`), and `rawPdf` writes it the way the
 * options say: boxes away from the origin, /Rotate, /UserUnit, borders as strokes, thin filled
 * rectangles, duplicated or per cell, hairlines, dashes, in form XObjects, under clips; text with one
 * Tj a run, Word's size-1 matrices, Tz, Tc or the same spacing as TJ numbers, kerned TJ arrays, whole rows in one TJ, a Td or a Tm a
 * glyph, in a form XObject, invisible over a scan; fonts as Type0 Identity-H with ToUnicode (CIDs
 * numbered as a subset numbers them, so only the ToUnicode map says what they are), digits in a
 * simple TrueType font, or Adobe-GB1 with the predefined UniGB-UCS2-H and no ToUnicode; contents as
 * one stream or split anywhere, in or out of reading order; files with a classic cross-reference
 * table, object and cross-reference streams (PDF 1.5), an incremental update, linearized, or with
 * offsets that are wrong. No font program is embedded: readers use the ToUnicode maps and widths.
 */
import { deflateSync } from 'node:zlib';

/** A run of text: its baseline's left end, in points from the top left of the page as shown. */
export interface RawText {
  str: string;
  x: number;
  y: number;
  size: number;
  /** Degrees, anticlockwise as the page shows it (-90: reads downwards, glyphs turned). */
  angle?: number;
  /** Written in vertical mode (an Identity-V font): x is the glyphs' middle, y the first one's top. */
  vertical?: boolean;
}

export interface RawLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RawPage {
  width: number;
  height: number;
  texts: RawText[];
  lines: RawLine[];
}

/** Pages as test/fixtures/pdf/raw/*.pages.json hold them (texts as [str, x, baseline y, size, width]). */
export function pagesFromJson(json: string): RawPage[] {
  const pages = JSON.parse(json) as { width: number; height: number; texts: [string, number, number, number, number][]; lines: number[][] }[];
  return pages.map((p) => ({
    width: p.width,
    height: p.height,
    texts: p.texts.map(([str, x, y, size]) => ({ str, x, y, size })),
    lines: p.lines.map(([x0 = 0, y0 = 0, x1 = 0, y1 = 0]) => ({ x0, y0, x1, y1 })),
  }));
}

export interface RawOptions {
  /** Where the page's MediaBox starts (its lower left corner); the page is as large as shown. */
  origin?: [number, number];
  /** A CropBox inside the MediaBox: the MediaBox grows by this margin on every side. */
  cropMargin?: number;
  /** The page's /Rotate: the content is drawn turned so that the page shows upright. */
  rotate?: 0 | 90 | 180 | 270;
  /** Drawn turned a quarter on a sheet of the other orientation, with no /Rotate (a landscape page printed sideways). */
  sideways?: boolean;
  /** /UserUnit: the content drawn that much smaller, in units that many points large. */
  userUnit?: number;
  borders?: 'stroke' | 'fill' | 'duplicated' | 'double' | 'hairline' | 'dashed' | 'cells' | 'form' | 'none';
  /** Each item drawn inside a clip around it (as Word clips each cell), or an extra line drawn and clipped away. */
  clip?: 'each' | 'hidden-line';
  /** Each table's outer borders this thick (points), as filled rectangles (Word's 外侧框线 2¼–6 pt). */
  outerBorder?: number;
  /**
   * Runs drawn under a clip that leaves them out (by page index; the clip a rectangle in points
   * from the top left of the page as shown, x0 y0 x1 y1): text run on past its cell, which the
   * cell's clip hides (LibreOffice clips each cell's text to the cell). Nothing of them shows.
   */
  clippedTexts?: Record<number, { text: RawText; clip: [number, number, number, number] }[]>;
  /** Lines stroked in white (by page index, as shown): on white paper, nothing shows. */
  whiteLines?: Record<number, RawLine[]>;
  /** Bold faked as printers and WPS fake it: each run drawn twice, the second 0.3 pt to the right; or filled and stroked (2 Tr). */
  fakeBold?: 'twice' | 'stroke';
  /** A light grey watermark across each page, turned 30°. */
  watermark?: string;
  /** A seal on the last page: its text set round a circle (each glyph turned), over the last run's end. */
  seal?: string;
  /** The page (0-based) the seal is on. */
  sealPage?: number;
  /** Word's tagged PDF: text in marked content with MCIDs, page numbers as /Artifact. */
  tagged?: boolean;
  /**
   * Character spacing for `text: 'tc'` (points; 0.6 unless given), the glyphs made smaller to keep each
   * run's length; for `text: 'tj-spaced'` the same spacing written as a TJ number after every glyph.
   */
  tc?: number;
  text?: 'tj' | 'size1' | 'tz' | 'tc' | 'tj-spaced' | 'kern' | 'row-tj' | 'glyph-td' | 'glyph-tm' | 'form' | 'invisible';
  font?: 'type0' | 'no-unicode' | 'latin-truetype' | 'ucs2' | 'type3' | 'type3-no-unicode';
  order?: 'stream' | 'shuffled' | 'reversed';
  /** The page's content as an array of streams, cut every so many bytes (in the middle of anything). */
  splitContents?: number;
  compress?: boolean;
  file?: 'classic' | 'xref-stream' | 'incremental' | 'linearized' | 'bad-offsets';
  /**
   * For `file: 'incremental'`: the pages as first written; the update replaces their contents with
   * those of the pages given (what the file shows).
   */
  before?: RawPage[];
}

type Matrix = [number, number, number, number, number, number];

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};
const mat = (m: readonly number[]): string => m.map(num).join(' ');

/** Advance widths (thousandths of the size) as the fonts written here declare them. */
function advance(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x20) return 250;
  return code < 0x2000 ? 500 : 1000;
}

interface Glyph {
  font: string;
  hex: string;
  width: number;
}

/** How the characters are coded: by font resource name, each character's code. */
class Fonts {
  private readonly cids = new Map<string, number>();
  private usedVertical = false;

  /** The same glyphs in the vertical font (Identity-V over the same CIDs and ToUnicode map). */
  vertical(str: string): Glyph[] {
    this.usedVertical = true;
    return this.glyphs(str).map((g) => ({ ...g, font: g.font === 'F1' ? 'F3' : g.font }));
  }
  constructor(readonly kind: NonNullable<RawOptions['font']>) {}

  glyphs(str: string): Glyph[] {
    return [...str].map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (this.kind === 'latin-truetype' && code >= 0x20 && code < 0x7f) return { font: 'F2', hex: code.toString(16).padStart(2, '0'), width: advance(ch) };
      if (this.kind === 'ucs2') return { font: 'F1', hex: utf16(ch), width: advance(ch) };
      let cid = this.cids.get(ch);
      if (cid === undefined) {
        cid = this.cids.size + 1;
        this.cids.set(ch, cid);
      }
      if (this.kind.startsWith('type3'))
        return { font: `T${Math.floor((cid - 1) / 250)}`, hex: (((cid - 1) % 250) + 1).toString(16).padStart(2, '0'), width: advance(ch) };
      return { font: 'F1', hex: cid.toString(16).padStart(4, '0'), width: advance(ch) };
    });
  }

  /**
   * Type3 fonts as virtual printers (Ghostscript) write them: 250 glyphs a font, one byte a code,
   * glyphs named /g1…, a FontMatrix of 0.01 (widths in hundredths), each glyph a filled box.
   */
  private type3(doc: Doc): Record<string, number> {
    const box = doc.stream('<<', '0 0 0 0 80 80 d1 5 -10 70 80 re f');
    const chars = [...this.cids.keys()];
    const fonts: Record<string, number> = {};
    chunks(chars, 250).forEach((part, k) => {
      const names = part.map((_, i) => `/g${k * 250 + i + 1}`);
      const map = part.map((ch, i) => `<${(i + 1).toString(16).padStart(2, '0')}> <${utf16(ch)}>`).join('\n');
      const cmap = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /T3-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n${part.length} beginbfchar\n${map}\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
      const unicode = this.kind === 'type3' ? ` /ToUnicode ${doc.stream('<<', cmap)} 0 R` : '';
      fonts[`T${k}`] = doc.add(
        `<< /Type /Font /Subtype /Type3 /FontBBox [0 -10 100 90] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << ${names.map((n) => `${n} ${box} 0 R`).join(' ')} >> /Encoding << /Type /Encoding /Differences [1 ${names.join(' ')}] >> /FirstChar 1 /LastChar ${part.length} /Widths [${part.map((ch) => advance(ch) / 10).join(' ')}] /Resources << >>${unicode} >>`,
      );
    });
    return fonts;
  }

  /** The font dictionaries, once every glyph has been coded. */
  write(doc: Doc): Record<string, number> {
    if (this.kind.startsWith('type3')) return this.type3(doc);
    if (this.kind === 'ucs2') {
      const descriptor = doc.add(
        '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
      );
      const cidFont = doc.add(
        `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 [250] 2 95 500] >>`,
      );
      return { F1: doc.add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`) };
    }
    const chars = [...this.cids.keys()];
    const map = chunks(chars, 100)
      .map(
        (part, k) =>
          `${part.length} beginbfchar\n${part.map((ch, i) => `<${(k * 100 + i + 1).toString(16).padStart(4, '0')}> <${utf16(ch)}>`).join('\n')}\nendbfchar`,
      )
      .join('\n');
    const cmap = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${map}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
    const toUnicode = doc.stream('<<', cmap);
    const descriptor = doc.add(
      '<< /Type /FontDescriptor /FontName /KQZBAA+SimSun /Flags 6 /FontBBox [-8 -145 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>',
    );
    const widths = chars.length > 0 ? `/W [1 [${chars.map(advance).join(' ')}]]` : '';
    const cidFont = doc.add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KQZBAA+SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 ${widths} /CIDToGIDMap /Identity >>`,
    );
    // No ToUnicode (and no font program to read a map from): the codes are glyph numbers, nothing more.
    const unicode = this.kind === 'no-unicode' ? '' : ` /ToUnicode ${toUnicode} 0 R`;
    const fonts: Record<string, number> = {
      F1: doc.add(`<< /Type /Font /Subtype /Type0 /BaseFont /KQZBAA+SimSun /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R]${unicode} >>`),
    };
    if (this.usedVertical)
      fonts['F3'] = doc.add(`<< /Type /Font /Subtype /Type0 /BaseFont /KQZBAA+SimSun /Encoding /Identity-V /DescendantFonts [${cidFont} 0 R]${unicode} >>`);
    if (this.kind === 'latin-truetype') {
      const latin = doc.add(
        '<< /Type /FontDescriptor /FontName /TimesNewRomanPSMT /Flags 34 /FontBBox [-568 -216 2046 693] /ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 82 >>',
      );
      const widths95 = Array.from({ length: 95 }, (_, i) => advance(String.fromCharCode(32 + i))).join(' ');
      fonts['F2'] = doc.add(
        `<< /Type /Font /Subtype /TrueType /BaseFont /TimesNewRomanPSMT /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [${widths95}] /FontDescriptor ${latin} 0 R >>`,
      );
    }
    return fonts;
  }
}

const utf16 = (ch: string): string => [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()).join('');

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The objects of a file, numbered from 1; a stream is its dictionary's entries and its data. */
class Doc {
  readonly objects: ({ dict: string; data: Uint8Array } | string)[] = [];
  constructor(private readonly compress: boolean) {}

  add(body: string): number {
    this.objects.push(body);
    return this.objects.length;
  }

  stream(entries: string, data: string | Uint8Array, compress = this.compress): number {
    this.objects.push(streamObject(entries, data, compress));
    return this.objects.length;
  }

  set(n: number, body: string | { dict: string; data: Uint8Array }): void {
    this.objects[n - 1] = body;
  }
}

function streamObject(entries: string, data: string | Uint8Array, compress: boolean): { dict: string; data: Uint8Array } {
  const bytes = typeof data === 'string' ? latin1Bytes(data) : data;
  const out = compress ? new Uint8Array(deflateSync(bytes)) : bytes;
  return { dict: `${entries}${compress ? ' /Filter /FlateDecode' : ''} /Length ${out.length}`, data: out };
}

const latin1Bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** The matrix from the page as shown (points, y up from the bottom left) to its user space. */
function pageMatrix(page: RawPage, o: RawOptions): { matrix: Matrix; box: [number, number]; rotate: number } {
  const { width: W, height: H } = page;
  const unit = 1 / (o.userUnit ?? 1);
  const rotate = o.rotate ?? 0;
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  let box: [number, number] = [W, H];
  if (rotate === 90)
    [m, box] = [
      [0, 1, -1, 0, H, 0],
      [H, W],
    ];
  else if (rotate === 180) m = [-1, 0, 0, -1, W, H];
  else if (rotate === 270)
    [m, box] = [
      [0, -1, 1, 0, 0, W],
      [H, W],
    ];
  else if (o.sideways)
    [m, box] = [
      [0, 1, -1, 0, H, 0],
      [H, W],
    ];
  const margin = o.cropMargin ?? 0;
  const [ox, oy] = o.origin ?? [0, 0];
  m = [m[0] * unit, m[1] * unit, m[2] * unit, m[3] * unit, (m[4] + margin) * unit + ox, (m[5] + margin) * unit + oy];
  return { matrix: m, box: [box[0] * unit, box[1] * unit], rotate };
}

/** One drawing on the page as content-stream operators. */
interface Item {
  ops: string;
  kind: 'text' | 'line';
  /** Where it is (page as shown, y up): for clips. */
  box: [number, number, number, number];
}

function lineItems(page: RawPage, o: RawOptions): Item[] {
  const H = page.height;
  const style = o.borders ?? 'stroke';
  if (style === 'none') return [];
  const items: Item[] = [];
  const box = (l: RawLine): Item['box'] => [Math.min(l.x0, l.x1), H - Math.max(l.y0, l.y1), Math.max(l.x0, l.x1), H - Math.min(l.y0, l.y1)];
  if (style === 'cells') return cellItems(page);
  const outer = o.outerBorder ? outerLines(page.lines) : new Set<RawLine>();
  for (const l of page.lines) {
    if (outer.has(l)) {
      const t = o.outerBorder ?? 0;
      const [bx0, by0, bx1, by1] = box(l);
      items.push({
        kind: 'line',
        box: box(l),
        ops:
          l.y0 === l.y1
            ? `${num(bx0 - t / 2)} ${num(by0 - t / 2)} ${num(bx1 - bx0 + t)} ${num(t)} re f`
            : `${num(bx0 - t / 2)} ${num(by0 - t / 2)} ${num(t)} ${num(by1 - by0 + t)} re f`,
      });
      continue;
    }
    const [x0, y0, x1, y1] = [l.x0, H - l.y0, l.x1, H - l.y1];
    const b = box(l);
    if (style === 'stroke' || style === 'form') items.push({ kind: 'line', box: b, ops: `0.5 w ${num(x0)} ${num(y0)} m ${num(x1)} ${num(y1)} l S` });
    else if (style === 'double') {
      // Word's double border: two thin lines a point and a half apart, about where the single one was.
      const [dx, dy] = y0 === y1 ? [0, 0.75] : [0.75, 0];
      for (const k of [-1, 1])
        items.push({ kind: 'line', box: b, ops: `0.4 w ${num(x0 + k * dx)} ${num(y0 + k * dy)} m ${num(x1 + k * dx)} ${num(y1 + k * dy)} l S` });
    } else if (style === 'hairline') items.push({ kind: 'line', box: b, ops: `0 w ${num(x0)} ${num(y0)} m ${num(x1)} ${num(y1)} l S` });
    else if (style === 'dashed') items.push({ kind: 'line', box: b, ops: `0.5 w [2 1.5] 0 d ${num(x0)} ${num(y0)} m ${num(x1)} ${num(y1)} l S [] 0 d` });
    else {
      // A thin filled rectangle, as Word draws a cell's side; duplicated: once for each cell it bounds, shifted a little.
      const rect = (dx: number): string =>
        y0 === y1
          ? `${num(Math.min(x0, x1) - 0.25)} ${num(y0 - 0.25 + dx)} ${num(Math.abs(x1 - x0) + 0.5)} 0.5 re f`
          : `${num(x0 - 0.25 + dx)} ${num(Math.min(y0, y1) - 0.25)} 0.5 ${num(Math.abs(y1 - y0) + 0.5)} re f`;
      items.push({ kind: 'line', box: b, ops: rect(0) });
      if (style === 'duplicated') items.push({ kind: 'line', box: b, ops: rect(0.12) });
    }
  }
  return items;
}

/** The lines that bound a table (lines that touch, transitively): its top, bottom, left and right ones. */
function outerLines(lines: RawLine[]): Set<RawLine> {
  const parent = lines.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const touch = (a: RawLine, b: RawLine): boolean =>
    Math.min(a.x0, a.x1) <= Math.max(b.x0, b.x1) + 1 &&
    Math.min(b.x0, b.x1) <= Math.max(a.x0, a.x1) + 1 &&
    Math.min(a.y0, a.y1) <= Math.max(b.y0, b.y1) + 1 &&
    Math.min(b.y0, b.y1) <= Math.max(a.y0, a.y1) + 1;
  lines.forEach((a, i) => lines.forEach((b, j) => j > i && touch(a, b) && (parent[find(i)] = find(j))));
  const groups = new Map<number, RawLine[]>();
  lines.forEach((l, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), l]));
  const out = new Set<RawLine>();
  for (const group of groups.values()) {
    const xs = group.flatMap((l) => [l.x0, l.x1]);
    const ys = group.flatMap((l) => [l.y0, l.y1]);
    const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const l of group) {
      const across = Math.abs(l.y0 - l.y1) < 0.6;
      if (across ? Math.abs(l.y0 - top) < 0.6 || Math.abs(l.y0 - bottom) < 0.6 : Math.abs(l.x0 - left) < 0.6 || Math.abs(l.x0 - right) < 0.6) out.add(l);
    }
  }
  return out;
}

/**
 * The table's cells as rectangles stroked with `re S`, each cell's own: for each stretch of a
 * horizontal line between two crossings, the nearest line below it that closes a box with vertical
 * lines at both ends. Stretches that close no box (and the vertical lines of none) stay lines.
 */
function cellItems(page: RawPage): Item[] {
  const H = page.height;
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.6;
  const hs = page.lines.filter((l) => near(l.y0, l.y1));
  const vs = page.lines.filter((l) => near(l.x0, l.x1));
  const covers = (
    lines: RawLine[],
    at: (l: RawLine) => number,
    from: (l: RawLine) => number,
    to: (l: RawLine) => number,
    pos: number,
    a: number,
    b: number,
  ): boolean => {
    const spans = lines.filter((l) => near(at(l), pos)).map((l) => [from(l), to(l)] as const);
    spans.sort((p, q) => p[0] - q[0]);
    let reach = a;
    for (const [s, e] of spans) if (s <= reach + 0.6) reach = Math.max(reach, e);
    return reach >= b - 0.6;
  };
  const hCovers = (y: number, a: number, b: number): boolean =>
    covers(
      hs,
      (l) => l.y0,
      (l) => Math.min(l.x0, l.x1),
      (l) => Math.max(l.x0, l.x1),
      y,
      a,
      b,
    );
  const vCovers = (x: number, a: number, b: number): boolean =>
    covers(
      vs,
      (l) => l.x0,
      (l) => Math.min(l.y0, l.y1),
      (l) => Math.max(l.y0, l.y1),
      x,
      a,
      b,
    );
  const xs = [...new Set(vs.map((l) => Math.round(l.x0 * 10) / 10))].sort((a, b) => a - b);
  const ys = [...new Set(hs.map((l) => Math.round(l.y0 * 10) / 10))].sort((a, b) => a - b);
  const items: Item[] = [];
  const drawn = new Set<string>();
  for (const h of hs) {
    const [hx0, hx1] = [Math.min(h.x0, h.x1), Math.max(h.x0, h.x1)];
    const cuts = xs.filter((x) => x >= hx0 - 0.6 && x <= hx1 + 0.6);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [a, b] = [cuts[i] as number, cuts[i + 1] as number];
      const below = ys.find((y) => y > h.y0 + 0.6 && vCovers(a, h.y0, y) && vCovers(b, h.y0, y) && hCovers(y, a, b));
      if (below === undefined || !vCovers(a, h.y0, below) || !vCovers(b, h.y0, below)) continue;
      const key = `${a},${h.y0},${b},${below}`;
      if (drawn.has(key)) continue;
      drawn.add(key);
      items.push({ kind: 'line', box: [a, H - below, b, H - h.y0], ops: `0.5 w ${num(a)} ${num(H - below)} ${num(b - a)} ${num(below - h.y0)} re S` });
    }
  }
  // Whatever no cell draws (a line under a merged cell's stretch, a lone rule) as itself.
  const inCells = (l: RawLine): boolean =>
    items.some(
      (c) =>
        l.x0 >= c.box[0] - 0.6 &&
        l.x1 <= c.box[2] + 0.6 &&
        H - l.y1 >= c.box[1] - 0.6 &&
        H - l.y0 <= c.box[3] + 0.6 &&
        (near(l.x0, l.x1) ? near(l.x0, c.box[0]) || near(l.x0, c.box[2]) : near(H - l.y0, c.box[1]) || near(H - l.y0, c.box[3])),
    );
  for (const l of page.lines) {
    if (inCells(l)) continue;
    items.push({ kind: 'line', box: [l.x0, H - l.y1, l.x1, H - l.y0], ops: `0.5 w ${num(l.x0)} ${num(H - l.y0)} m ${num(l.x1)} ${num(H - l.y1)} l S` });
  }
  return items;
}

function textItems(page: RawPage, o: RawOptions, fonts: Fonts): Item[] {
  const H = page.height;
  const style = o.text ?? 'tj';
  const items: Item[] = [];
  const runs = style === 'row-tj' ? rowsInOne(page.texts) : page.texts.map((t) => [t]);
  for (const run of runs) {
    const first = run[0] as RawText;
    const { size } = first;
    const [u, v] = [first.x, H - first.y];
    const angle = ((first.angle ?? 0) * Math.PI) / 180;
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    const glyphs = run.flatMap((t) => (t.vertical ? fonts.vertical(t.str) : fonts.glyphs(t.str)));
    const width = (glyphs.reduce((w, g) => w + g.width, 0) * size) / 1000;
    const box: Item['box'] = [u, v - size * 0.2, u + width, v + size];
    const tm = (x: number, y: number, scale = 1): string => `${mat([c * scale, s * scale, -s * scale, c * scale, x, y])} Tm`;
    const shows = (list: Glyph[], tf: number, kern?: (i: number) => number): string => {
      const out: string[] = [];
      let font = '';
      let shown = '';
      const flush = (): void => {
        // Glyphs with nothing between them in one string: <0001><0002> is <00010002>.
        shown = shown.replace(/></g, '');
        if (shown) out.push(kern ? `[${shown}] TJ` : `${shown} Tj`);
        shown = '';
      };
      list.forEach((g, i) => {
        if (g.font !== font) {
          flush();
          font = g.font;
          out.push(`/${font} ${num(tf)} Tf`);
        }
        shown += `<${g.hex}>`;
        const k = kern?.(i);
        if (k !== undefined && !Number.isNaN(k) && list[i + 1]?.font === font) shown += ` ${num(k)} `;
      });
      flush();
      return `${out.join(' ')} `;
    };
    let ops: string;
    if (style === 'size1') ops = `BT ${tm(u, v, size)} ${shows(glyphs, 1)}ET`;
    else if (style === 'tz') ops = `BT 90 Tz ${tm(u, v)} ${shows(glyphs, size)}100 Tz ET`;
    else if (style === 'tc' || style === 'tj-spaced') {
      // Spaced-out glyphs (Word's 字符间距 加宽) that keep the run's length: smaller glyphs, the spacing
      // between, as character spacing or as a TJ number after each glyph (in thousandths of the size).
      const tc = o.tc ?? 0.6;
      const units = glyphs.reduce((sum, g) => sum + g.width, 0);
      const smaller = units > 0 ? Math.max(1, size - (glyphs.length * tc * 1000) / units) : size;
      if (style === 'tc') ops = `BT ${num(tc)} Tc ${tm(u, v)} ${shows(glyphs, smaller)}0 Tc ET`;
      else ops = `BT ${tm(u, v)} ${shows(glyphs, smaller, () => -(tc * 1000) / smaller)}ET`;
    } else if (style === 'kern') ops = `BT ${tm(u, v)} ${shows(glyphs, size, (i) => (i % 2 === 0 ? -60 : 60))}ET`;
    else if (style === 'row-tj') {
      // A row's values in one TJ, the gaps between cells as kerning (thousandths of the size, negative: right).
      const gaps: number[] = [];
      run.forEach((t, i) => {
        const next = run[i + 1];
        const w = fonts.glyphs(t.str).reduce((sum, g) => sum + g.width, 0);
        for (let k = 1; k < [...t.str].length; k++) gaps.push(Number.NaN);
        if (next) gaps.push(-((next.x - t.x) * 1000) / size + w);
      });
      ops = `BT ${tm(u, v)} ${shows(glyphs, size, (i) => gaps[i] ?? Number.NaN)}ET`;
    } else if (style === 'glyph-td' || style === 'glyph-tm') {
      let x = 0;
      let body = `BT ${tm(u, v)} `;
      let font = '';
      glyphs.forEach((g, i) => {
        if (g.font !== font) body += `/${(font = g.font)} ${num(size)} Tf `;
        if (style === 'glyph-tm') body += `${tm(u + c * x, v + s * x)} `;
        else if (i > 0) body += `${num((glyphs[i - 1]?.width ?? 0) * size * 0.001)} 0 Td `;
        body += `<${g.hex}> Tj `;
        x += (g.width * size) / 1000;
      });
      ops = `${body}ET`;
    } else ops = `BT ${style === 'invisible' ? '3 Tr ' : ''}${tm(u, v)} ${shows(glyphs, size)}ET`;
    items.push({ kind: 'text', box, ops });
  }
  return items;
}

/** Runs on one baseline, left to right, that are numbers: one TJ each; every other run alone. */
function rowsInOne(texts: RawText[]): RawText[][] {
  const rows = new Map<string, RawText[]>();
  const out: RawText[][] = [];
  for (const t of texts) {
    if (!/^[\d,.]+$/.test(t.str) || t.angle) {
      out.push([t]);
      continue;
    }
    const key = `${Math.round(t.y * 4)}:${t.size}`;
    const row = rows.get(key);
    if (row) row.push(t);
    else {
      const fresh = [t];
      rows.set(key, fresh);
      out.push(fresh);
    }
  }
  for (const row of rows.values()) row.sort((a, b) => a.x - b.x);
  return out;
}

/** A deterministic shuffle (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface PageObjects {
  contents: string[];
  resources: string;
}

function pageContent(page: RawPage, index: number, o: RawOptions, fonts: Fonts, doc: Doc): PageObjects {
  const { matrix } = pageMatrix(page, o);
  const xobjects: string[] = [];
  let lines = lineItems(page, o);
  let texts = textItems(page, o, fonts);
  if (o.borders === 'form' && lines.length > 0) {
    // The table's borders in a form XObject whose /Matrix moves them into place.
    const body = lines.map((l) => l.ops).join('\n');
    const form = doc.stream(
      `<< /Type /XObject /Subtype /Form /BBox [-20 -30 ${num(page.width)} ${num(page.height)}] /Matrix [1 0 0 1 20 30] /Resources << >>`,
      `q 1 0 0 1 -20 -30 cm\n${body}\nQ`,
    );
    xobjects.push(`/Fm${index}b ${form} 0 R`);
    lines = [{ kind: 'line', box: [0, 0, page.width, page.height], ops: `/Fm${index}b Do` }];
  }
  if (o.text === 'form' && texts.length > 0) {
    const body = texts.map((t) => t.ops).join('\n');
    const form = doc.stream(`<< /Type /XObject /Subtype /Form /BBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources << /Font << FONTS >> >>`, body);
    xobjects.push(`/Fm${index}t ${form} 0 R`);
    texts = [{ kind: 'text', box: [0, 0, page.width, page.height], ops: `/Fm${index}t Do` }];
  }
  let items = [...lines, ...texts];
  if (o.text === 'invisible') {
    // A scan: a picture of the page under an invisible (OCR) text layer, and no lines drawn.
    const image = doc.stream('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', '\u00f0\u00e0\u00e0\u00f0');
    xobjects.push(`/Im${index} ${image} 0 R`);
    items = [{ kind: 'line', box: [0, 0, page.width, page.height], ops: `q ${num(page.width)} 0 0 ${num(page.height)} 0 0 cm /Im${index} Do Q` }, ...texts];
  }
  if (o.clip === 'each')
    items = items.map((it) => ({
      ...it,
      ops: `q ${num(it.box[0] - 2)} ${num(it.box[1] - 2)} ${num(it.box[2] - it.box[0] + 4)} ${num(it.box[3] - it.box[1] + 4)} re W n\n${it.ops}\nQ`,
    }));
  for (const { text, clip } of o.clippedTexts?.[index] ?? []) {
    const H = page.height;
    const [x0, y0, x1, y1] = clip;
    const [run] = textItems({ ...page, texts: [text] }, o, fonts);
    if (run) items.push({ ...run, ops: `q ${num(x0)} ${num(H - y1)} ${num(x1 - x0)} ${num(y1 - y0)} re W n\n${run.ops}\nQ` });
  }
  for (const l of o.whiteLines?.[index] ?? []) {
    const H = page.height;
    items.push({
      kind: 'line',
      box: [l.x0, H - l.y1, l.x1, H - l.y0],
      ops: `q 1 1 1 RG 0.5 w ${num(l.x0)} ${num(H - l.y0)} m ${num(l.x1)} ${num(H - l.y1)} l S Q`,
    });
  }
  if (o.fakeBold === 'twice') items = items.flatMap((it) => (it.kind === 'text' ? [it, { ...it, ops: `q 1 0 0 1 0.3 0 cm\n${it.ops}\nQ` }] : [it]));
  if (o.fakeBold === 'stroke') items = items.map((it) => (it.kind === 'text' ? { ...it, ops: `q 2 Tr 0.3 w\n${it.ops}\nQ` } : it));
  if (o.watermark) {
    const hex = fonts
      .glyphs(o.watermark)
      .map((g) => g.hex)
      .join('');
    const [c, s30] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    items.push({
      kind: 'text',
      box: [0, 0, 0, 0],
      ops: `q 0.85 g BT /F1 48 Tf ${mat([c, s30, -s30, c, page.width * 0.15, page.height * 0.35])} Tm <${hex}> Tj ET Q`,
    });
  }
  if (o.seal && index === o.sealPage) {
    const last = page.texts[page.texts.length - 1];
    if (last) {
      const glyphs = fonts.glyphs(o.seal);
      const [cx, cy, r] = [last.x + last.size * [...last.str].length, page.height - last.y + 10, 45];
      let ops = 'q 0.9 0 0 rg 0.9 0 0 RG 2 w ';
      ops += `${num(cx + r + 6)} ${num(cy)} m ${num(cx)} ${num(cy + r + 6)} ${num(cx - r - 6)} ${num(cy)} ${num(cx)} ${num(cy - r - 6)} c S `;
      glyphs.forEach((g, k) => {
        // From the left round the top to the right, each glyph upright to the circle.
        const a = Math.PI * (0.9 - (0.8 * k) / Math.max(1, glyphs.length - 1));
        const [x, y] = [cx + r * 0.8 * Math.cos(a), cy + r * 0.8 * Math.sin(a)];
        const turn = a - Math.PI / 2;
        ops += `BT /${g.font} 11 Tf ${mat([Math.cos(turn), Math.sin(turn), -Math.sin(turn), Math.cos(turn), x, y])} Tm <${g.hex}> Tj ET `;
      });
      items.push({ kind: 'text', box: [0, 0, 0, 0], ops: `${ops}Q` });
    }
  }
  if (o.tagged) {
    let mcid = 0;
    items = items.map((it) => {
      if (it.kind !== 'text') return { ...it, ops: `/Artifact BMC\n${it.ops}\nEMC` };
      const pageNumber = it.box[1] < 60;
      return {
        ...it,
        ops: pageNumber ? `/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n${it.ops}\nEMC` : `/P << /MCID ${mcid++} >> BDC\n${it.ops}\nEMC`,
      };
    });
  }
  if (o.clip === 'hidden-line') {
    // A vertical line across the whole page, clipped away: nothing of it shows.
    items.push({ kind: 'line', box: [0, 0, 0, 0], ops: `q 0 0 1 1 re W n 0.5 w ${num(page.width / 3)} 0 m ${num(page.width / 3)} ${num(page.height)} l S Q` });
  }
  if (o.order === 'shuffled') items = shuffled(items, 19 + index);
  else if (o.order === 'reversed') items = [...items].reverse();
  const content = `q ${mat(matrix)} cm\n0 g 0 G\n${items.map((it) => it.ops).join('\n')}\nQ\n`;
  const parts = o.splitContents ? cut(content, o.splitContents) : [content];
  const resources = `<< /Font << FONTS >> ${xobjects.length > 0 ? `/XObject << ${xobjects.join(' ')} >>` : ''} >>`;
  return { contents: parts, resources };
}

function cut(s: string, every: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += every) {
    // A cut never splits a token: content streams join as if separated by white space.
    let end = Math.min(s.length, i + every);
    while (end < s.length && /\S/.test(s[end - 1] ?? '') && /\S/.test(s[end] ?? '')) end++;
    out.push(s.slice(i, end));
    i = end - every;
  }
  return out;
}

/** The file: its pages as shown, written as the options say. */
export function rawPdf(pages: RawPage[], o: RawOptions = {}): Uint8Array {
  const doc = new Doc(o.compress ?? false);
  const fonts = new Fonts(o.font ?? 'type0');
  const catalog = doc.add('');
  const tree = doc.add('');
  const written = (o.file === 'incremental' && o.before ? o.before : pages).map((p, i) => pageContent(p, i, o, fonts, doc));
  // The update's contents are coded now, so that the fonts know every glyph.
  const updated = o.file === 'incremental' ? pages.map((p, i) => pageContent(p, i + 100, o, fonts, doc)) : [];
  const fontRefs = fonts.write(doc);
  const fontDict = Object.entries(fontRefs)
    .map(([name, ref]) => `/${name} ${ref} 0 R`)
    .join(' ');
  const fill = (s: string): string => s.replace('FONTS', fontDict);
  for (const body of doc.objects) if (typeof body !== 'string') body.dict = fill(body.dict);
  const pageRefs: number[] = [];
  const contentRefs: number[][] = [];
  const pageDict = (i: number, w: PageObjects, contents: string): string => {
    const { box, rotate } = pageMatrix(pages[i] as RawPage, o);
    const [ox, oy] = o.origin ?? [0, 0];
    const margin = (o.cropMargin ?? 0) / (o.userUnit ?? 1);
    const media = [ox, oy, ox + box[0] + 2 * margin, oy + box[1] + 2 * margin];
    const crop = margin > 0 ? ` /CropBox [${mat([ox + margin, oy + margin, ox + margin + box[0], oy + margin + box[1]])}]` : '';
    const turn = rotate ? ` /Rotate ${rotate}` : '';
    const unit = o.userUnit ? ` /UserUnit ${num(o.userUnit)}` : '';
    return `<< /Type /Page /Parent ${tree} 0 R /MediaBox [${mat(media)}]${crop}${turn}${unit} /Resources ${fill(w.resources)} /Contents ${contents} >>`;
  };
  written.forEach((w, i) => {
    const refs = w.contents.map((c) => doc.stream('<<', c));
    contentRefs.push(refs);
    const contents = refs.length === 1 && !o.splitContents ? `${refs[0]} 0 R` : `[${refs.map((r) => `${r} 0 R`).join(' ')}]`;
    pageRefs.push(doc.add(pageDict(i, w, contents)));
  });
  doc.set(catalog, `<< /Type /Catalog /Pages ${tree} 0 R >>`);
  doc.set(tree, `<< /Type /Pages /Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`);
  if (o.file === 'xref-stream') return withXrefStream(doc, catalog);
  if (o.file === 'linearized') return linearized(doc, catalog, pageRefs[0] ?? 0, pageRefs.length);
  const base = classic(doc, catalog, o.file === 'bad-offsets' ? 7 : 0);
  if (o.file !== 'incremental') return base;
  // The update: each page's content streams replaced (same object numbers: the first holds it
  // all, the others are emptied), its resources too, in a new section pointing back with /Prev.
  const changes = new Map<number, { dict: string; data: Uint8Array } | string>();
  updated.forEach((u, i) => {
    const refs = contentRefs[i] ?? [];
    refs.forEach((r, k) => changes.set(r, streamObject('<<', k === 0 ? u.contents.join('') : '', o.compress ?? false)));
    const contents = `[${refs.map((r) => `${r} 0 R`).join(' ')}]`;
    changes.set(pageRefs[i] as number, pageDict(i, u, contents));
  });
  return appendUpdate(base, doc, catalog, changes);
}

function join(parts: (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === 'string' ? latin1Bytes(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function objectBytes(n: number, body: { dict: string; data: Uint8Array } | string): (string | Uint8Array)[] {
  if (typeof body === 'string') return [`${n} 0 obj\n${body}\nendobj\n`];
  return [`${n} 0 obj\n${body.dict} >>\nstream\n`, body.data, '\nendstream\nendobj\n'];
}

const size = (parts: (string | Uint8Array)[]): number => parts.reduce((s, p) => s + p.length, 0);

/** A classic file: objects, a cross-reference table (its offsets `skew` bytes off when asked), a trailer. */
function classic(doc: Doc, root: number, skew = 0): Uint8Array {
  const parts: (string | Uint8Array)[] = ['%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'];
  const offsets: number[] = [];
  doc.objects.forEach((body, i) => {
    offsets.push(size(parts) + skew);
    parts.push(...objectBytes(i + 1, body));
  });
  const xref = size(parts);
  parts.push(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  parts.push(`trailer\n<< /Size ${offsets.length + 1} /Root ${root} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return join(parts);
}

function appendUpdate(base: Uint8Array, doc: Doc, root: number, changes: Map<number, { dict: string; data: Uint8Array } | string>): Uint8Array {
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(new TextDecoder('latin1').decode(base.subarray(base.length - 40)))?.[1]);
  const parts: (string | Uint8Array)[] = [base];
  const entries: [number, number][] = [];
  for (const [n, body] of [...changes].sort((a, b) => a[0] - b[0])) {
    entries.push([n, size(parts)]);
    parts.push(...objectBytes(n, body));
  }
  const xref = size(parts);
  parts.push(`xref\n0 1\n0000000000 65535 f \n${entries.map(([n, off]) => `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`).join('')}`);
  parts.push(`trailer\n<< /Size ${doc.objects.length + 1} /Root ${root} 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`);
  return join(parts);
}

/** PDF 1.5 as Word writes it: the plain objects in an object stream, a cross-reference stream. */
function withXrefStream(doc: Doc, root: number): Uint8Array {
  const plain = doc.objects.map((b, i) => [i + 1, b] as const).filter((e): e is readonly [number, string] => typeof e[1] === 'string');
  let header = '';
  let body = '';
  for (const [n, text] of plain) {
    header += `${n} ${body.length} `;
    body += `${text}\n`;
  }
  const objStm = doc.objects.length + 1;
  const entries = new Map<number, [number, number, number]>();
  plain.forEach(([n], k) => entries.set(n, [2, objStm, k]));
  const parts: (string | Uint8Array)[] = ['%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n'];
  doc.objects.forEach((b, i) => {
    if (typeof b === 'string') return;
    entries.set(i + 1, [1, size(parts), 0]);
    parts.push(...objectBytes(i + 1, b));
  });
  entries.set(objStm, [1, size(parts), 0]);
  parts.push(...objectBytes(objStm, streamObject(`<< /Type /ObjStm /N ${plain.length} /First ${header.length}`, header + body, true)));
  const xrefNum = objStm + 1;
  entries.set(xrefNum, [1, size(parts), 0]);
  const rows = new Uint8Array((xrefNum + 1) * 7);
  for (let n = 0; n <= xrefNum; n++) {
    const [type, a, b] = entries.get(n) ?? [0, 0, 65535];
    rows.set([type, (a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, (b >>> 8) & 255, b & 255], n * 7);
  }
  const xref = size(parts);
  parts.push(...objectBytes(xrefNum, streamObject(`<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 2] /Root ${root} 0 R`, rows, true)));
  parts.push(`startxref\n${xref}\n%%EOF\n`);
  return join(parts);
}

/**
 * A linearized file (PDF 1.4 Annex F's layout): the linearization dictionary first, then the
 * first page's cross-reference section and its objects, the rest after, the main section last;
 * the file's last startxref points to the first section, whose trailer points on with /Prev.
 */
function linearized(doc: Doc, root: number, firstPage: number, pageCount: number): Uint8Array {
  const total = doc.objects.length;
  // New numbers: the linearization dictionary and the hint stream, then the others.
  const lin = total + 1;
  const hint = total + 2;
  const first = new Set<number>([root, firstPage, lin, hint]);
  const pageBody = doc.objects[firstPage - 1] as string;
  for (const m of pageBody.matchAll(/(\d+) 0 R/g)) first.add(Number(m[1]));
  const all = [...doc.objects.map((b, i) => [i + 1, b] as const), [hint, streamObject('<< /S 0', '\u0000'.repeat(16), false)] as const];
  const build = (fileLength: number, mainXref: number, endFirst: number): { bytes: Uint8Array; mainXref: number; endFirst: number } => {
    const offsets = new Map<number, number>();
    const parts: (string | Uint8Array)[] = ['%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'];
    offsets.set(lin, size(parts));
    parts.push(
      `${lin} 0 obj\n<< /Linearized 1 /L ${String(fileLength).padStart(10, '0')} /H [ ${String(0).padStart(10, '0')} 20 ] /O ${firstPage} /E ${String(endFirst).padStart(10, '0')} /N ${pageCount} /T ${String(mainXref).padStart(10, '0')} >>\nendobj\n`,
    );
    const firstNums = [...first].filter((n) => n !== lin).sort((a, b) => a - b);
    const firstXref = size(parts);
    // The first-page section lists its objects; written after them would be simpler, but Annex F puts it here.
    const placeholder = (nums: number[]): string =>
      `xref\n${nums.map((n) => `${n} 1\n${'0'.repeat(10)} 00000 n \n`).join('')}trailer\n<< /Size ${hint + 1} /Root ${root} 0 R /Prev ${String(mainXref).padStart(10, '0')} >>\nstartxref\n0\n%%EOF\n`;
    const firstSection = [lin, ...firstNums];
    parts.push(placeholder(firstSection));
    for (const n of firstNums) {
      offsets.set(n, size(parts));
      parts.push(...objectBytes(n, all.find(([k]) => k === n)?.[1] ?? ''));
    }
    const end = size(parts);
    for (const [n, body] of all) {
      if (first.has(n)) continue;
      offsets.set(n, size(parts));
      parts.push(...objectBytes(n, body));
    }
    const main = size(parts);
    const rest = all.map(([n]) => n).filter((n) => !first.has(n));
    parts.push(
      `xref\n0 1\n0000000000 65535 f \n${rest.map((n) => `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${hint + 1} /Root ${root} 0 R >>\nstartxref\n${firstXref}\n%%EOF\n`,
    );
    // The first section's offsets, now known (same length as the placeholder's).
    const firstText = `xref\n${firstSection.map((n) => `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${hint + 1} /Root ${root} 0 R /Prev ${String(main).padStart(10, '0')} >>\nstartxref\n0\n%%EOF\n`;
    const index = parts.indexOf(placeholder(firstSection));
    parts[index] = firstText;
    return { bytes: join(parts), mainXref: main, endFirst: end };
  };
  let out = build(0, 0, 0);
  out = build(out.bytes.length, out.mainXref, out.endFirst);
  return build(out.bytes.length, out.mainXref, out.endFirst).bytes;
}
