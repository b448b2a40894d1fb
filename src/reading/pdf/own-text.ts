/**
 * A page's text runs read from its content streams (rulings.ts walks them and hands the text
 * operators here), in the shape of pdf.js's `getTextContent` items (`str`, `transform`, `width`,
 * `fontName`) that extract.ts reads, so that pdf.js need not open the document at all when every
 * page reads here.
 *
 * The text is read as the PDF specification (ISO 32000-1) defines it: the text state (§9.3: Tc Tw
 * Tz TL Tf Ts; Tr changes no glyph's place and is read whatever it is, its invisible modes counted), text objects and their
 * positioning and showing operators (§9.4: BT Td TD Tm T* Tj TJ ' "), the glyphs' widths (§9.2.4,
 * §9.6.2 /FirstChar /Widths /MissingWidth, §9.7.4.3 /W /DW, and /DW2 and /W2 down a column),
 * composite fonts with the Identity-H and Identity-V CMaps (§9.7.5.2: two-byte codes, each its
 * CID), Type3 fonts (§9.6.5: their widths in glyph space, by their /FontMatrix), and each code's
 * Unicode from the font's ToUnicode CMap (§9.10.3: codespace ranges, bfchar, bfrange with a string
 * or an array). Marked content is read through: its /ActualText is not read, as pdf.js's text
 * content reads none (the glyphs' Unicode is the text). What the specification leaves to the
 * reader, or what is not read here, makes the page's text uncertain and the caller asks pdf.js: a
 * font without a ToUnicode map that maps each code shown, any other CMap, a font matrix other than
 * the usual one (a /FontMatrix that changes the widths, a CFF program, a Type1 program whose clear
 * text gives another; a Type3 font's that skews or turns, or at a font size of 1 or less, or with
 * a glyph box ten times the font's), a vertical font without its program (pdf.js then shows its
 * punctuation in vertical forms), a font set by an ExtGState, a text rise, text turned other than
 * by quarter turns, a Unicode that pdf.js would normalise, reorder or drop (ligatures,
 * right-to-left scripts, format marks, combining marks), word spacing on a two-byte code 32, a
 * glyph whose advance goes backwards.
 *
 * The glyphs are grouped into runs by runs.ts, on the page's geometry alone: each glyph drawn is
 * handed over with its text rendering matrix, where its advance ends, its font and size; a space
 * character only moves the pen. An XObject drawn ends the run; a form's text is read in runs of
 * its own. A glyph wholly outside the clip in force (the box of the clip paths, W and W*, that
 * rulings.ts hands on) shows nothing and is not read: a cell's text run on past the cell, which
 * LibreOffice clips to it. The runs are not pdf.js's items one for one (their lengths differ in
 * the last bits, pdf.js drops the end of some vertical columns and keeps text clipped away), but
 * the text read from them, with its tables, is the same (test/pdf-own-text.test.ts).
 */
import type { Dict, Name, Value } from './font-programs.ts';
import { latin1 } from './inflation.ts';
import { Runs, type TextRun } from './runs.ts';

export type Matrix = [number, number, number, number, number, number];

/** A run of text (runs.ts), in the shape of pdf.js's text content items that extract.ts reads. */
export type TextItem = TextRun;

/** A page's text content read here: its runs and each font's family (pdf.js's `styles`). */
export interface OwnTextContent {
  items: TextItem[];
  styles: Record<string, { fontFamily: string }>;
  /**
   * The glyphs read, and how many of them were drawn invisible (text rendering mode 3 or 7,
   * §9.3.6: neither filled nor stroked), and whether an image was drawn over most of the page (90 %
   * of its box): invisible text over a picture of the page is an OCR layer over a scan.
   */
  glyphs: number;
  invisible: number;
  pageImage: boolean;
}

export class TextUncertain extends Error {}

const uncertain = (why: string): never => {
  throw new TextUncertain(why);
};

/** What the text reader needs of the file's objects (rulings.ts's page reader). */
export interface Objects {
  resolve(v: Value | undefined): Value | undefined;
  dict(v: Value | undefined): Dict | undefined;
  /** The decoded data of the stream a reference names. */
  streamData(v: Value | undefined): Uint8Array;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2, both as [a b c d e f]. */
function transform(m1: Readonly<Matrix>, m2: Readonly<Matrix>): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [p, q, r, s, t, u] = m2;
  return [a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f];
}

// ---------------------------------------------------------------------------------------------
// Fonts

interface Font {
  /** The font's name as pdf.js names it: /BaseFont, when the descriptor's /FontName agrees. */
  name: string;
  /** Two-byte codes (Identity-H or Identity-V), else one byte. */
  twoByte: boolean;
  /** Written top to bottom (Identity-V), each glyph advancing by its `verticalAdvances` (w1y, §9.7.4.3). */
  vertical: boolean;
  verticalAdvances: Widths;
  widths: Widths;
  unicode: Map<number, string>;
  /** pdf.js's fallback family (its `styles[…].fontFamily`). */
  family: string;
  /** A Type3 font whose glyphs pdf.js places otherwise at a font size of 1 or less. */
  smallSizeUnsure?: boolean;
}

/** Characters pdf.js's text content changes (normalises, reorders or drops): read by pdf.js. */
const UNSURE_UNICODE = /[\u00b5\u037e\u0eb3\u2126\u0590-\u08ff\ufb00-\ufdff\ufe70-\ufeff\p{Mn}\p{Cf}]/u;

/**
 * More entries than two bytes have codes: a font's map or widths longer than that (ranges written
 * over and over, a hostile file's) are not read here.
 */
const MAX_CODES = 0x10000;

/** §9.10.3: a ToUnicode CMap's code → Unicode map (UTF-16BE destinations). */
function toUnicodeMap(text: string, twoByte: boolean): Map<number, string> {
  if (/\busecmap\b/.test(text)) uncertain('usecmap');
  const width = twoByte ? 2 : 1;
  const map = new Map<number, string>();
  let entries = 0;
  const codeOf = (hex: string): number => {
    const digits = hex.replace(/\s/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(digits) || digits.length !== width * 2) uncertain('code length');
    return parseInt(digits, 16);
  };
  const utf16 = (hex: string): string => {
    const digits = hex.replace(/\s/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(digits) || digits.length === 0 || digits.length % 4 !== 0) return uncertain('destination');
    const units: number[] = [];
    for (let i = 0; i < digits.length; i += 4) units.push(parseInt(digits.slice(i, i + 4), 16));
    const s = String.fromCharCode(...units);
    if (/\p{Cs}/u.test(s)) uncertain('destination');
    return s;
  };
  for (const space of text.matchAll(/begincodespacerange([\s\S]*?)endcodespacerange/g)) {
    for (const [, lo = ''] of (space[1] ?? '').matchAll(/<([^>]*)>\s*<[^>]*>/g)) codeOf(lo);
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    const body = (block[1] ?? '').trim();
    const pairs = [...body.matchAll(/<([^>]*)>\s*<([^>]*)>/g)];
    if (body.replace(/<[^>]*>\s*<[^>]*>/g, '').trim() !== '') uncertain('bfchar');
    for (const [, src = '', dst = ''] of pairs) map.set(codeOf(src), utf16(dst));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = (block[1] ?? '').trim();
    const entry = /<([^>]*)>\s*<([^>]*)>\s*(?:<([^>]*)>|\[((?:\s*<[^>]*>)*)\s*\])/g;
    if (body.replace(entry, '').trim() !== '') uncertain('bfrange');
    for (const [, lo = '', hi = '', dst, list] of body.matchAll(entry)) {
      const from = codeOf(lo);
      const to = codeOf(hi);
      if (to < from || to - from > 255 || from >> 8 !== to >> 8) uncertain('bfrange span');
      if (dst !== undefined) {
        // The destination's last byte counts up with the code (§9.10.3), within its byte.
        const first = utf16(dst);
        const last = first.charCodeAt(first.length - 1);
        if ((last & 0xff) + (to - from) > 0xff) uncertain('bfrange overflow');
        if ((entries += to - from + 1) > MAX_CODES) uncertain('too many codes');
        for (let c = from; c <= to; c++) map.set(c, first.slice(0, -1) + String.fromCharCode(last + (c - from)));
      } else {
        const dsts = [...(list ?? '').matchAll(/<([^>]*)>/g)];
        if (dsts.length !== to - from + 1) uncertain('bfrange array');
        dsts.forEach(([, d = ''], k) => map.set(from + k, utf16(d)));
      }
    }
  }
  return map;
}

const numberOf = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** Widths by code: runs of codes from `first`, each with its width, or all with one (`last`). */
type WidthEntry = { first: number; widths: number[] } | { first: number; last: number; width: number };

/** A code's width from the entries (the last that gives one wins, as written over), else the default. */
class Widths {
  private readonly memo = new Map<number, number>();
  constructor(
    readonly entries: WidthEntry[],
    readonly defaultWidth: number,
  ) {}

  of(code: number): number {
    let width = this.memo.get(code);
    if (width !== undefined) return width;
    width = this.defaultWidth;
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const e = this.entries[k] as WidthEntry;
      const found = 'widths' in e ? e.widths[code - e.first] : code >= e.first && code <= e.last ? e.width : undefined;
      if (found !== undefined) {
        width = found;
        break;
      }
    }
    this.memo.set(code, width);
    return width;
  }

  /** Every width given (for the family's fixed pitch). */
  *values(): Generator<number> {
    for (const e of this.entries) {
      if ('widths' in e) yield* e.widths;
      else yield e.width;
    }
  }
}

/** A horizontal font's vertical advances: none. */
const NO_ADVANCES = new Widths([], 0);

/**
 * §9.7.4.3: a CIDFont's /W (`per` 1: `c [w1 w2 …]` and `cfirst clast w`) or /W2 (`per` 3:
 * `c [w1y vx vy …]` and `cfirst clast w1y vx vy`), both forms, as each CID's first number (its
 * width, or its vertical advance w1y).
 */
function cidMetrics(w: Value | undefined, key: 'W' | 'W2', per: 1 | 3): WidthEntry[] {
  const entries: WidthEntry[] = [];
  if (w === undefined) return entries;
  if (!Array.isArray(w)) return uncertain(key);
  const numbers = (xs: Value[]): number[] => xs.map((x) => (typeof x === 'number' ? x : uncertain(key)));
  let count = 0;
  for (let i = 0; i < w.length;) {
    const first = w[i];
    const next = w[i + 1];
    if (!Number.isInteger(first)) uncertain(key);
    if (Array.isArray(next)) {
      const list = numbers(next);
      if (list.length % per !== 0) uncertain(key);
      entries.push({ first: first as number, widths: list.filter((_, k) => k % per === 0) });
      count += list.length / per;
      i += 2;
    } else {
      const [width] = numbers(w.slice(i + 2, i + 2 + per));
      if (!Number.isInteger(next) || w.length < i + 2 + per || width === undefined || (next as number) < (first as number)) uncertain(key);
      entries.push({ first: first as number, last: next as number, width: width as number });
      count += (next as number) - (first as number) + 1;
      i += 2 + per;
    }
    if (count > MAX_CODES) uncertain(`${key} too long`);
  }
  return entries;
}

/** pdf.js's font matrix for a font without one (a glyph space unit is a thousandth of an em). */
const USUAL_MATRIX: Matrix = [0.001, 0, 0, 0.001, 0, 0];

/** A /FontMatrix given (six numbers), else undefined; anything else is uncertain. */
function fontMatrix(objects: Objects, dict: Dict): Matrix | undefined {
  const m = objects.resolve(dict.get('FontMatrix'));
  if (m === undefined) return undefined;
  if (!Array.isArray(m) || m.length !== 6 || !m.every((x) => typeof x === 'number' && Number.isFinite(x))) return uncertain('font matrix');
  return m as Matrix;
}

/**
 * A /FontMatrix on a font other than a Type3 (where §9.2.4 defines none): read only when a glyph
 * space unit is still a thousandth of an em along the line (pdf.js then scales no width by it,
 * whether it reads the font's program or not, and never places a glyph by it).
 */
function usualMatrix(objects: Objects, dict: Dict): void {
  const m = fontMatrix(objects, dict);
  if (m && m[0] !== USUAL_MATRIX[0]) uncertain('font matrix');
}

/** A rectangle's four numbers in order (§7.9.5), else none. */
function normalRect(v: Value | undefined): [number, number, number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number')) return undefined;
  const [x0, y0, x1, y1] = v as number[] as [number, number, number, number];
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;
/** A glyph description's first operator (§9.6.5): `wx wy d0`, or `wx wy llx lly urx ury d1` with its box. */
const D0 = new RegExp(String.raw`^\s*${NUM}\s+${NUM}\s+d0\b`);
const D1 = new RegExp(String.raw`^\s*${NUM}\s+${NUM}\s+(${NUM})\s+(${NUM})\s+(${NUM})\s+(${NUM})\s+d1\b`);

/**
 * §9.6.5: a Type3 font, its glyphs drawn by content streams of its own, read when certain: each
 * code's Unicode from its ToUnicode map, its advance its /Widths entry (or the descriptor's
 * /MissingWidth) in glyph space, scaled by the /FontMatrix (not by a thousandth): w0 × a. A matrix
 * that skews or turns the advance, or moves it backwards, is not read here. pdf.js places a Type3
 * font's glyphs as any other font's (the matrix's height unused), except, for a matrix other than
 * a thousandth of an em, at a font size of 1 or less, or when a glyph's box (d1) is ten times the
 * font's /FontBBox or that box is empty: then it stretches the glyph's height by the box's.
 */
function loadType3(objects: Objects, dict: Dict): Font {
  const matrix = fontMatrix(objects, dict) ?? uncertain('Type3 without a font matrix');
  const [a, b, c, d] = matrix;
  if (!(a > 0) || b !== 0 || c !== 0 || d === 0) uncertain('Type3 font matrix');
  const toUnicode = dict.get('ToUnicode');
  if (toUnicode === undefined) uncertain('no ToUnicode');
  const first = objects.resolve(dict.get('FirstChar'));
  const list = objects.resolve(dict.get('Widths'));
  if (!Number.isInteger(first) || !Array.isArray(list)) return uncertain('widths');
  const scale = a * 1000;
  const widths = list.map((x) => (typeof x === 'number' ? x * scale : uncertain('widths')));
  const descriptor = dict.get('FontDescriptor') === undefined ? undefined : (objects.dict(dict.get('FontDescriptor')) ?? uncertain('descriptor'));
  const missing = objects.resolve(descriptor?.get('MissingWidth'));
  if (missing !== undefined && typeof missing !== 'number') uncertain('MissingWidth');
  const usual = matrix.every((x, k) => x === USUAL_MATRIX[k]);
  if (!usual) {
    const box = normalRect(objects.resolve(descriptor?.get('FontBBox'))) ?? normalRect(objects.resolve(dict.get('FontBBox'))) ?? [0, 0, 0, 0];
    const size = Math.hypot(box[2] - box[0], box[3] - box[1]);
    if (!(size > 0)) uncertain('Type3 font box');
    const procs = objects.dict(dict.get('CharProcs')) ?? uncertain('CharProcs');
    if (procs.values.size > 256) uncertain('CharProcs');
    for (const proc of procs.values.values()) {
      const head = latin1(objects.streamData(proc).subarray(0, 256));
      const d1 = D1.exec(head);
      if (d1) {
        const [x0, y0, x1, y1] = d1.slice(1, 5).map(Number) as [number, number, number, number];
        const w = Math.abs(x1 - x0);
        const h = Math.abs(y1 - y0);
        if (w !== 0 && h !== 0 && Math.round(Math.hypot(w, h) / size) >= 10) uncertain('Type3 glyph box');
      } else if (!D0.test(head)) uncertain('Type3 glyph');
    }
  }
  // pdf.js names the font by its descriptor's /FontName (a change of name begins a new run).
  if (descriptor?.get('FontName') !== undefined && descriptor.name('FontName') === undefined) uncertain('font name');
  const name = descriptor?.name('FontName') ?? 'Type3';
  const flags = numberOf(objects.resolve(descriptor?.get('Flags'))) ?? 0;
  const metrics = new Widths([{ first: first as number, widths }], numberOf(missing) === undefined ? 0 : (missing as number) * scale);
  return {
    name,
    twoByte: false,
    vertical: false,
    verticalAdvances: NO_ADVANCES,
    widths: metrics,
    unicode: toUnicodeMap(latin1(objects.streamData(toUnicode)), false),
    family: fallbackFamily(flags, metrics, name),
    smallSizeUnsure: !usual,
  };
}

function loadFont(objects: Objects, dict: Dict): Font {
  const subtype = dict.name('Subtype');
  if (subtype === 'Type3') return loadType3(objects, dict);
  if (subtype !== 'Type0' && subtype !== 'TrueType' && subtype !== 'Type1') uncertain(`font ${subtype ?? ''}`);
  usualMatrix(objects, dict);
  const toUnicode = dict.get('ToUnicode');
  if (toUnicode === undefined) uncertain('no ToUnicode');
  const cmapText = latin1(objects.streamData(toUnicode));
  let base: Dict;
  let twoByte: boolean;
  let entries: WidthEntry[];
  let defaultWidth: number;
  let vertical = false;
  let verticalAdvances = NO_ADVANCES;
  if (subtype === 'Type0') {
    const encoding = dict.name('Encoding');
    if (encoding !== 'Identity-H' && encoding !== 'Identity-V') uncertain('encoding');
    vertical = encoding === 'Identity-V';
    const descendants = objects.resolve(dict.get('DescendantFonts'));
    if (!Array.isArray(descendants) || descendants.length !== 1) return uncertain('descendants');
    base = objects.dict(descendants[0]) ?? uncertain('descendant');
    if (base.name('Subtype') !== 'CIDFontType2' && base.name('Subtype') !== 'CIDFontType0') uncertain('descendant');
    usualMatrix(objects, base);
    twoByte = true;
    const dw = objects.resolve(base.get('DW'));
    if (dw !== undefined && typeof dw !== 'number') uncertain('DW');
    defaultWidth = typeof dw === 'number' ? Math.ceil(dw) : 1000;
    if (vertical) {
      // §9.7.4.3: a glyph's vertical advance is its /W2 w1y, else /DW2's (880 −1000 by default);
      // the position vector (v) moves no pen, and pdf.js's text content places no glyph by it.
      const dw2 = objects.resolve(base.get('DW2'));
      if (dw2 !== undefined && !(Array.isArray(dw2) && dw2.length === 2 && dw2.every((x) => typeof x === 'number'))) uncertain('DW2');
      verticalAdvances = new Widths(cidMetrics(objects.resolve(base.get('W2')), 'W2', 3), Array.isArray(dw2) ? (dw2[1] as number) : -1000);
    }
    entries = cidMetrics(objects.resolve(base.get('W')), 'W', 1);
  } else if (subtype === 'TrueType' || subtype === 'Type1') {
    base = dict;
    twoByte = false;
    const first = objects.resolve(dict.get('FirstChar'));
    const list = objects.resolve(dict.get('Widths'));
    if (!Number.isInteger(first) || !Array.isArray(list)) return uncertain('widths');
    entries = [{ first: first as number, widths: list.map((x) => (typeof x === 'number' ? x : uncertain('widths'))) }];
    const descriptor = objects.dict(dict.get('FontDescriptor')) ?? uncertain('descriptor');
    const missing = objects.resolve(descriptor.get('MissingWidth'));
    if (missing !== undefined && typeof missing !== 'number') uncertain('MissingWidth');
    defaultWidth = numberOf(missing) ?? 0;
  } else return uncertain(`font ${subtype ?? ''}`);
  const descriptor = objects.dict(base.get('FontDescriptor')) ?? uncertain('descriptor');
  // A font's program could have its own matrix (§9.2.4): TrueType programs have none; a Type1
  // program's, in its clear text, must be the usual one; other programs are not read here.
  if (descriptor.get('FontFile3') !== undefined) uncertain('font program');
  if (descriptor.get('FontFile') !== undefined) {
    const program = latin1(objects.streamData(descriptor.get('FontFile')).subarray(0, 65536));
    const clear = program.slice(0, program.indexOf('eexec') >>> 0);
    if (
      !clear.startsWith('%!') ||
      !/\/FontMatrix\s*\[\s*0?\.001\s+0\s+0\s+0?\.001\s+0\s+0\s*\]/.test(clear) ||
      /\/FontMatrix/.test(clear.replace(/\/FontMatrix\s*\[[^\]]*\]/, ''))
    )
      uncertain('font matrix of the program');
  }
  // Without its program, pdf.js shows a vertical font's punctuation in its vertical forms (、 as ︑).
  if (vertical && descriptor.get('FontFile2') === undefined) uncertain('vertical font without its program');
  const baseFont = dict.name('BaseFont') ?? uncertain('BaseFont');
  const fontName = descriptor.name('FontName');
  if (fontName !== undefined && fontName !== baseFont && !baseFont.startsWith(fontName)) uncertain('font name');
  const flags = numberOf(objects.resolve(descriptor.get('Flags'))) ?? 0;
  const unicode = toUnicodeMap(cmapText, twoByte);
  const widths = new Widths(entries, defaultWidth);
  return { name: baseFont, twoByte, vertical, verticalAdvances, widths, unicode, family: fallbackFamily(flags, widths, baseFont) };
}

/**
 * pdf.js's fallback family for a font: monospace when every width given is one (or its fixed-pitch
 * flag, as pdf.js sets it from the widths), serif by the serif flag or name, else sans-serif. Only
 * `styles` carries it; the reading takes a font's boldness from it (never, for these names).
 */
function fallbackFamily(flags: number, widths: Widths, baseFont: string): string {
  let first = widths.defaultWidth;
  let mono = true;
  for (const w of widths.values()) {
    if (!w) continue;
    if (!first) first = w;
    else if (first !== w) {
      mono = false;
      break;
    }
  }
  if (mono) return 'monospace';
  return flags & 2 || /serif/i.test(baseFont.replace(/^[A-Z]{6}\+/, '').split('-', 1)[0] ?? '') ? 'serif' : 'sans-serif';
}

// ---------------------------------------------------------------------------------------------
// Text state (§9.3) and the graphics state parts it depends on (§8.4)

interface State {
  ctm: Matrix;
  font: Font | undefined;
  fontKey: string | undefined;
  fontResource: string | undefined;
  fontSize: number;
  textMatrix: Matrix;
  lineMatrix: Matrix;
  charSpacing: number;
  wordSpacing: number;
  leading: number;
  hScale: number;
  /** §9.3.6 Tr: 3 (and 7, clipping only) draw nothing. */
  renderMode: number;
  /** The box of the clip in force, in the page's user space: [x0, y0, x1, y1]; undefined where nothing is clipped. */
  clip: readonly [number, number, number, number] | undefined;
}

const copy = (s: State): State => ({ ...s, textMatrix: [...s.textMatrix], lineMatrix: [...s.lineMatrix] });

/** The box of a packed path's points (rulings.ts's codes: move 0 x y, line 1 x y, curve 2 and three points, close 4) through `m`. */
function pathBox(data: readonly number[], m: Matrix): [number, number, number, number] | undefined {
  let box: [number, number, number, number] | undefined;
  for (let k = 0; k < data.length;) {
    const op = data[k];
    const count = op === 0 || op === 1 ? 1 : op === 2 ? 3 : 0;
    for (let p = 0; p < count; p++) {
      const x = data[k + 1 + 2 * p] ?? 0;
      const y = data[k + 2 + 2 * p] ?? 0;
      const [px, py] = [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
      box = box ? [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)] : [px, py, px, py];
    }
    k += 1 + 2 * count;
  }
  return box;
}

/** §9.4.2: the text matrix moved by (x, y) in its own space. */
function translate(m: Matrix, x: number, y: number): void {
  m[4] = m[0] * x + m[2] * y + m[4];
  m[5] = m[1] * x + m[3] * y + m[5];
}

/** A file's fonts by their dictionaries, read once for all its pages (undefined: uncertain). */
export type FontCache = Map<Dict, { font: Font; key: string } | undefined>;

/** The page's text, read operator by operator (the hooks rulings.ts's page reader calls). */
export class TextReader {
  readonly items: TextItem[] = [];
  readonly styles: Record<string, { fontFamily: string }> = {};
  private state: State = {
    ctm: [...IDENTITY],
    font: undefined,
    fontKey: undefined,
    fontResource: undefined,
    fontSize: 0,
    textMatrix: [...IDENTITY],
    lineMatrix: [...IDENTITY],
    charSpacing: 0,
    wordSpacing: 0,
    leading: 0,
    hScale: 1,
    renderMode: 0,
    clip: undefined,
  };
  private readonly saved: State[] = [];
  private glyphs = 0;
  private invisible = 0;
  private pageImage = false;
  private runs = new Runs(this.items);
  private readonly outer: { runs: Runs; state: State; saved: number }[] = [];

  constructor(
    private readonly objects: Objects,
    /** The page's box (pdf.js's `view`): a glyph whose origin is outside it is not read. */
    private readonly view: readonly number[],
    /** The file's fonts read so far (undefined: uncertain), for every page of it. */
    private readonly fonts: FontCache = new Map(),
  ) {}

  save(): void {
    this.saved.push(copy(this.state));
  }

  restore(): void {
    this.state = this.saved.pop() ?? uncertain('restore');
  }

  /** `cm` with its six (checked) numbers. */
  transform(m: number[]): void {
    this.state.ctm = transform(this.state.ctm, m as Matrix);
  }

  /**
   * A path made the clip (W n, or W and a painting operator), its packed points: the clip in force
   * becomes the part of it inside the path's box. The box holds all the path lets show (exactly a
   * rectangle, `re W n`, as Word, WPS and LibreOffice clip a cell), never less.
   */
  clip(data: readonly number[]): void {
    const box = pathBox(data, this.state.ctm);
    if (!box) return;
    const c = this.state.clip;
    this.state.clip = c ? [Math.max(c[0], box[0]), Math.max(c[1], box[1]), Math.min(c[2], box[2]), Math.min(c[3], box[3])] : box;
  }

  /** Any XObject drawn ends the run; a form's text is read in its own runs, in a copy of the state. */
  xobject(): void {
    this.runs.end();
  }

  /** A form's content begins, with its /Matrix (six checked numbers) or none. */
  formBegin(matrix: number[] | null): void {
    this.outer.push({ runs: this.runs, state: this.state, saved: this.saved.length });
    this.state = copy(this.state);
    if (matrix) this.state.ctm = transform(this.state.ctm, matrix as Matrix);
    this.runs = new Runs(this.items);
  }

  formEnd(): void {
    this.runs.end();
    const outer = this.outer.pop() ?? uncertain('form');
    this.runs = outer.runs;
    this.state = outer.state;
    this.saved.length = outer.saved;
  }

  /** An image XObject drawn (after `xobject`): its unit square through the CTM (§8.9.4), over most of the page's box or not. */
  image(): void {
    const [a, b, c, d, e, f] = this.state.ctm;
    const xs = [e, a + e, c + e, a + c + e];
    const ys = [f, b + f, d + f, b + d + f];
    const [v0 = 0, v1 = 0, v2 = 0, v3 = 0] = this.view;
    const w = Math.min(Math.max(...xs), v2) - Math.max(Math.min(...xs), v0);
    const h = Math.min(Math.max(...ys), v3) - Math.max(Math.min(...ys), v1);
    if (w > 0 && h > 0 && w * h >= 0.9 * (v2 - v0) * (v3 - v1)) this.pageImage = true;
  }

  /** The end of the page. */
  finish(): OwnTextContent {
    this.runs.end();
    return { items: this.items, styles: this.styles, glyphs: this.glyphs, invisible: this.invisible, pageImage: this.pageImage };
  }

  /** §9.3, §9.4: a text state, positioning or showing operator with its (checked) operands. */
  operator(name: string, operands: unknown[], resources: Dict | undefined): void {
    const s = this.state;
    const n = (k: number): number => operands[k] as number;
    switch (name) {
      case 'Tc':
        s.charSpacing = n(0);
        return;
      case 'Tw':
        s.wordSpacing = n(0);
        return;
      case 'Tz':
        s.hScale = n(0) / 100;
        return;
      case 'TL':
        s.leading = n(0);
        return;
      case 'Ts':
        if (n(0) !== 0) uncertain('text rise');
        return;
      case 'Tr':
        s.renderMode = n(0);
        return;
      case 'Tf':
        return this.setFont(operands[0] as Name, n(1), resources);
      case 'BT':
        s.textMatrix = [...IDENTITY];
        s.lineMatrix = [...IDENTITY];
        return;
      case 'Td':
        translate(s.lineMatrix, n(0), n(1));
        s.textMatrix = [...s.lineMatrix];
        return;
      case 'TD':
        s.leading = -n(1);
        translate(s.lineMatrix, n(0), n(1));
        s.textMatrix = [...s.lineMatrix];
        return;
      case 'Tm':
        s.textMatrix = operands.slice(0, 6) as Matrix;
        s.lineMatrix = operands.slice(0, 6) as Matrix;
        return;
      case 'T*':
        this.nextLine();
        return;
      case 'Tj':
        return this.show((operands[0] as { bytes: string }).bytes, 0);
      case "'":
        this.nextLine();
        return this.show((operands[0] as { bytes: string }).bytes, 0);
      case '"':
        s.wordSpacing = n(0);
        s.charSpacing = n(1);
        this.nextLine();
        return this.show((operands[2] as { bytes: string }).bytes, 0);
      case 'TJ': {
        // §9.4.3: a number moves the next glyph back by its thousandths of text space.
        let pending: string[] = [];
        for (const part of operands[0] as unknown[]) {
          if (typeof part === 'number') {
            if (part === 0) continue;
            this.show(pending.join(''), part * (((s.font?.vertical ? 1 : -1) * s.fontSize) / 1000));
            pending = [];
          } else pending.push((part as { bytes: string }).bytes);
        }
        if (pending.length > 0) this.show(pending.join(''), 0);
        return;
      }
    }
    uncertain(name);
  }

  private nextLine(): void {
    const s = this.state;
    translate(s.lineMatrix, 0, -s.leading);
    s.textMatrix = [...s.lineMatrix];
  }

  private setFont(name: Name, size: number, resources: Dict | undefined): void {
    const s = this.state;
    if (s.font && name.name === s.fontResource && size === s.fontSize) return;
    if (!(size > 0)) uncertain('font size');
    const fonts = this.objects.dict(resources?.get('Font')) ?? uncertain('no fonts');
    const dict = this.objects.dict(fonts.get(name.name)) ?? uncertain('no font');
    let loaded = this.fonts.get(dict);
    if (loaded === undefined && !this.fonts.has(dict)) {
      this.fonts.set(dict, undefined);
      loaded = { font: loadFont(this.objects, dict), key: `own_f${this.fonts.size}` };
      this.fonts.set(dict, loaded);
    }
    if (!loaded) return uncertain('font');
    if (loaded.font.smallSizeUnsure && size <= 1) uncertain('a Type3 font at a size of 1 or less');
    this.styles[loaded.key] ??= { fontFamily: loaded.font.family };
    s.font = loaded.font;
    s.fontKey = loaded.key;
    s.fontResource = name.name;
    s.fontSize = size;
  }

  /** The glyphs of a string shown, the last moved on by `extra` (a TJ number). */
  private show(bytes: string, extra: number): void {
    const s = this.state;
    const font = s.font ?? uncertain('no font set');
    // §9.4.4: character spacing moves a vertical font's glyphs down the column (−Tc along y).
    const charSpacing = font.vertical ? -s.charSpacing : s.charSpacing;
    if (bytes.length === 0) {
      const move = charSpacing + extra;
      if (move) {
        if (font.vertical) translate(s.textMatrix, 0, -move);
        else translate(s.textMatrix, move * s.hScale, 0);
      }
      return;
    }
    if (font.twoByte && bytes.length % 2 !== 0) uncertain('odd bytes');
    const step = font.twoByte ? 2 : 1;
    const textTransform = (): Matrix => transform(s.ctm, transform(s.textMatrix, [s.fontSize * s.hScale, 0, 0, s.fontSize, 0, 0]));
    for (let i = 0; i < bytes.length; i += step) {
      const code = step === 2 ? (bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1) : bytes.charCodeAt(i);
      const unicode = font.unicode.get(code) ?? uncertain('unmapped code');
      if (UNSURE_UNICODE.test(unicode)) uncertain('unicode');
      let spacing = charSpacing + (i + step >= bytes.length ? extra : 0);
      if (code === 0x20) {
        if (font.twoByte && s.wordSpacing !== 0) uncertain('word spacing on a two-byte code');
        spacing += s.wordSpacing;
      }
      this.glyph(unicode, font.vertical ? font.verticalAdvances.of(code) : font.widths.of(code), spacing, charSpacing, textTransform);
    }
  }

  /** Whether a glyph drawn from `at` to `to` (its text rendering matrices) shows at all in the clip in force. */
  private inClip(at: Matrix, to: Matrix): boolean {
    const clip = this.state.clip;
    if (!clip) return true;
    // A vertical font's glyph: half an em either side of the pen's way; a horizontal one's: under and over the baseline.
    const across = (this.state.font as Font).vertical ? [-0.5, 0.5] : [-0.15, 0.85];
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const m of [at, to])
      for (const v of across) {
        const [px, py] = (this.state.font as Font).vertical ? [m[0] * v + m[4], m[1] * v + m[5]] : [m[2] * v + m[4], m[3] * v + m[5]];
        [x0, y0, x1, y1] = [Math.min(x0, px), Math.min(y0, py), Math.max(x1, px), Math.max(y1, py)];
      }
    return x1 >= clip[0] && x0 <= clip[2] && y1 >= clip[1] && y0 <= clip[3];
  }

  /** The character spacing's part of the pen's move after a glyph at `at`, on the page along its line or column. */
  private tracking(charSpacing: number, at: Matrix): number {
    const vertical = (this.state.font as Font).vertical;
    return (charSpacing / this.state.fontSize) * (vertical ? Math.hypot(at[2], at[3]) : Math.hypot(at[0], at[1]));
  }

  /**
   * One glyph of the current font (`width` its advance in thousandths of text space, `spacing`
   * the character and word spacing and a TJ number after it): handed to the runs unless it is a
   * space or off the page's box, and the text matrix moved past it (§9.4.4).
   */
  private glyph(unicode: string, width: number, spacing: number, charSpacing: number, textTransform: () => Matrix): void {
    const s = this.state;
    const font = s.font as Font;
    const vertical = font.vertical;
    // A vertical font advances by its vertical metric, down the column (§9.7.4.3: −1000 by default).
    const advance = width * (0.001 * s.fontSize);
    const move = (d: number): void => (vertical ? translate(s.textMatrix, 0, d) : translate(s.textMatrix, d * s.hScale, 0));
    if (/^\s/.test(unicode)) {
      this.runs.space(charSpacing ? this.tracking(charSpacing, textTransform()) : 0);
      move(vertical ? advance - spacing : advance + spacing);
      return;
    }
    if (vertical ? advance > 0 : advance * s.hScale < 0) uncertain('a glyph going backwards');
    const at = textTransform();
    // Turned by a quarter turn or not at all (the page's reading frame is found by quarters).
    if (!((at[1] === 0 && at[2] === 0) || (at[0] === 0 && at[3] === 0))) uncertain('turned text');
    const em = Math.hypot(at[0], at[1]) / Math.abs(s.hScale);
    if (!(em > 0 && Math.hypot(at[2], at[3]) > 0)) uncertain('a glyph of no size');
    move(advance);
    const to = textTransform();
    const [v0 = 0, v1 = 0, v2 = 0, v3 = 0] = this.view;
    const [x0, x1] = at[4] < to[4] ? [at[4], to[4]] : [to[4], at[4]];
    const [y0, y1] = at[5] < to[5] ? [at[5], to[5]] : [to[5], at[5]];
    // On the page when the pen's way across the glyph lies in the page's box (as a line of zero height),
    // and not clipped away: shown unless its box (from 0.15 em under the baseline to 0.85 em over it,
    // as extract.ts boxes a run) lies wholly outside the clip's.
    if (x1 >= v0 && x0 <= v2 && y1 >= v1 && y0 <= v3 && this.inClip(at, to)) {
      this.glyphs++;
      if (s.renderMode === 3 || s.renderMode === 7) this.invisible++;
      this.runs.add({
        unicode,
        at,
        end: [to[4], to[5]],
        tracking: this.tracking(charSpacing, at),
        em,
        size: s.fontSize,
        font: font.name,
        fontName: s.fontKey ?? '',
        vertical,
      });
    }
    if (spacing) move(vertical ? -spacing : spacing);
  }
}
