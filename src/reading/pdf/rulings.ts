/**
 * The part of a page's operator list the ruling lines are read from (extract.ts `linesOf`: the
 * graphics state's saves, restores and transforms, form XObjects' matrices, and the paths painted),
 * read here from the page's content streams, so that pdf.js need not build the whole operator list
 * (a second parse of every content stream, every glyph of every `showText` built, a message per
 * chunk) for it. The same walk hands the text operators, the graphics state's saves, restores and
 * transforms and the forms to own-text.ts, which reads the page's text runs (and whose doubt leaves
 * only the text to pdf.js); `documentPages` lists the pages with their boxes from the page tree.
 *
 * The content is read as the PDF specification (ISO 32000-1) defines it: its tokens by §7.2 and
 * §7.3, its operators by §8.2 (where each may appear), §8.4 (q, Q, cm, gs), §8.5 (paths), §8.10
 * (form XObjects) and §9.4 (text objects), with each operator's operands as Annex A lists them.
 * Whatever the specification does not define plainly is not interpreted: the page's reading is
 * then undefined and the caller asks pdf.js for its operator list, which has its own ways of
 * recovering. That covers a malformed token (a number such as `--5`, `5-3` or `1.2.3`, a run of
 * regular characters that is neither a number nor a known operator, such as `m100`, a `#` in a name
 * not followed by two hex digits, an unterminated string, array or dictionary, a stray delimiter),
 * an operator with operands of the wrong number or types, an operator where §8.2 does not allow it
 * (a path operator inside a text object, a line without a current point, a path left unpainted,
 * `q` and `Q` unbalanced in a stream), a token split between two of a page's content streams.
 * It also covers what is read only partly here: object streams, encryption, an incremental
 * update, an object with more than one version, a stream filter other than FlateDecode (or deflated
 * data that does not inflate whole: by zlib, or in a browser by a DecompressionStream beforehand,
 * `inflateForReading`), an operator not read here (inline
 * images, shadings `sh`, Type3 glyph metrics `d0` `d1`, anything unknown), a colour space other than
 * a device one (`cs`, `CS`), an ExtGState with a soft mask, a form XObject with optional content or
 * nested too deep or drawing itself, and annotations other than links without an appearance.
 *
 * What comes out equals what pdf.js 5.6's `getOperatorList` gives for the same content, as far as
 * `linesOf` reads it (facts about its output, which the tests check page by page):
 *  - `save` and `restore` for q and Q, `transform` with cm's six numbers;
 *  - a painted path as one `constructPath` op: the painting op's id, the path's points packed in a
 *    Float32Array as move 0 x y, line 1 x y, curve 2 x1 y1 x2 y2 x3 y3, close 4, and
 *    null; a rectangle packed as a move, three lines and a close (a move, one line to the opposite
 *    corner and a close when it has no width or no height); `s`, `b` and `b*` adding a close before
 *    they paint; nothing merged (the OPLIST intent runs no optimizer);
 *  - a form XObject between `paintFormXObjectBegin` (its /Matrix as a Float32Array, null when it has
 *    none) and `paintFormXObjectEnd`, drawn with its own /Resources or, lacking them, its caller's;
 *  - numbers as the nearest double to the decimal written: pdf.js's arithmetic reaches the same one
 *    when the digits, read as one integer, are exact in a double and at most 22 follow the point
 *    (longer numbers are left to pdf.js);
 *  - `clip` and `eoClip` for W and W*, before the path's `constructPath`;
 *  - what pdf.js adds to the list without a path (text, colours, images, marked content,
 *    patterns, groups) is not read.
 */
import { Dict, inflateWhole, inflateWholeAsync, MAX_INFLATED, Name, type PdfFile, type PdfObject, Ref, storedData, type Value } from './font-programs.ts';
import { latin1, nodeZlib } from './inflation.ts';
import { type FontCache, type Objects, type OwnTextContent, TextReader } from './own-text.ts';

/** What `linesOf` reads of an operator list. */
export interface PathOps {
  fnArray: number[];
  argsArray: unknown[][];
}

/** pdf.js's operator ids (`OPS`), by name. */
export type OpIds = Readonly<Record<string, number>>;

class Uncertain extends Error {}

const uncertain = (why: string): never => {
  throw new Uncertain(why);
};

// ---------------------------------------------------------------------------------------------
// Tokens (§7.2, §7.3)

/** §7.2.2, §7.2.3: the class of each character, white space, delimiter or regular (the rest). */
const REGULAR = 0;
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of '\0\t\n\f\r ') CLASS[c.charCodeAt(0)] = WHITE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;
/** A character's class (above Latin-1, as a browser's decoder gives some bytes: regular). */
const classOf = (code: number): number => (code < 256 ? (CLASS[code] ?? REGULAR) : REGULAR);
/** §7.3.4.3: a hexadecimal string holds hex digits and white space only. */
const HEX_STRING = /<[0-9A-Fa-f\0\t\n\f\r ]*>/y;
/** §7.3.3: an integer or a real, with an optional sign, digits on at least one side of the point. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/**
 * Whether a number's value is the same double however it is computed from its digits: all of them,
 * leading zeros aside, an integer exact in a double (at most 15), divided by a power of ten that is
 * exact too (at most 22 digits after the point).
 */
function plainNumber(run: string): boolean {
  if (run.length <= 15) return true;
  const point = run.indexOf('.');
  const digits = run.replace(/[+.-]/g, '').replace(/^0+/, '');
  return digits.length <= 15 && (point < 0 || run.length - point - 1 <= 22);
}
/** The characters a literal string's end depends on. */
const STRING_MARKS = /[()\\]/g;

/** A string operand (§7.3.4): its bytes, one character each (Latin-1). */
export class PdfString {
  constructor(readonly bytes: string) {}
}

/** §7.3.4.2: a literal string's bytes, from its text between the parentheses. */
function literalBytes(raw: string): string {
  if (!/[\\\r]/.test(raw)) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\r') {
      // An end of line not preceded by a backslash reads as a line feed, whichever it is.
      out += '\n';
      if (raw[i + 1] === '\n') i++;
      continue;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3));
    if (octal) {
      out += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else if (e === '\r') {
      // A backslash at the end of a line: the string goes on, without the line end.
      if (raw[i + 1] === '\n') i++;
    } else if (e !== '\n') out += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  }
  return out;
}

/** §7.3.4.3: a hexadecimal string's bytes (a missing last digit is 0). */
function hexBytes(raw: string): string {
  const digits = raw.replace(/[\0\t\n\f\r ]/g, '');
  let out = '';
  for (let i = 0; i < digits.length; i += 2) out += String.fromCharCode(parseInt((digits.slice(i, i + 2) + '0').slice(0, 2), 16));
  return out;
}
/** A dictionary operand (the properties of marked content): its entries do not matter here. */
const DICTIONARY = Symbol('dictionary');
const END = Symbol('end');

type Operand = number | boolean | null | Name | PdfString | typeof DICTIONARY | Operand[];
/** An operand, an operator's name, a bracket (`[`, `]`, `<<`, `>>`), or the end of the content. */
type Token = Operand | string | typeof END;

/**
 * The tokens of `text` one by one. `seams` are the offsets where one content stream of a page ends
 * and the next begins: §7.8.2 has them fall between tokens, and a token across one is uncertain.
 */
function tokenizer(text: string, seams: readonly number[] = []): () => Token {
  let at = 0;
  let seam = 0;
  const span = (start: number, end: number): void => {
    while (seam < seams.length && (seams[seam] ?? 0) <= start) seam++;
    if (seam < seams.length && (seams[seam] ?? 0) < end) uncertain('a token across two content streams');
  };
  /** The end of the run of regular characters from `from`. */
  const regularEnd = (from: number): number => {
    let i = from;
    while (i < text.length && classOf(text.charCodeAt(i)) === REGULAR) i++;
    return i;
  };
  const literalString = (): void => {
    let depth = 0;
    STRING_MARKS.lastIndex = at;
    for (let m = STRING_MARKS.exec(text); m; m = STRING_MARKS.exec(text)) {
      const c = m[0];
      // A backslash takes the character after it out of the count (`\(`, `\)`, `\\`, an escaped
      // line end); the octal digits of `\ddd` hold no parenthesis.
      if (c === '\\') STRING_MARKS.lastIndex++;
      else if (c === '(') depth++;
      else if (--depth === 0) {
        at = STRING_MARKS.lastIndex;
        return;
      }
    }
    uncertain('an unterminated string');
  };
  return () => {
    // White space, and comments (§7.2.3: to the end of the line), between tokens.
    for (; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 0x25) {
        const start = at;
        while (at + 1 < text.length && text[at + 1] !== '\n' && text[at + 1] !== '\r') at++;
        span(start, at + 1);
      } else if (classOf(code) !== WHITE) break;
    }
    if (at >= text.length) return END;
    const start = at;
    const code = text.charCodeAt(at);
    let token: Token;
    if (classOf(code) === REGULAR) {
      at = regularEnd(at);
      const run = text.slice(start, at);
      // A run that starts as a number must be one whole (§7.3.3); any other is an operator's name
      // or a keyword (true, false, null).
      if ((code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e) {
        if (!NUMBER.test(run) || !plainNumber(run)) uncertain(`the number ${run}`);
        token = Number(run);
      } else if (run === 'true' || run === 'false') token = run === 'true';
      else if (run === 'null') token = null;
      else token = run;
    } else if (code === 0x28) {
      literalString();
      token = new PdfString(literalBytes(text.slice(start + 1, at - 1)));
    } else if (code === 0x2f) {
      at = regularEnd(at + 1);
      const raw = text.slice(start + 1, at);
      // §7.3.5: `#` and two hex digits write one byte; a `#` without them is not defined.
      if (raw.includes('#')) {
        if (/#(?![0-9A-Fa-f]{2})/.test(raw)) uncertain('a name with a bare #');
        token = new Name(
          raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          start,
        );
      } else token = new Name(raw, start);
    } else if (text.startsWith('<<', at) || text.startsWith('>>', at)) {
      at += 2;
      token = text.slice(start, at);
    } else if (code === 0x3c) {
      HEX_STRING.lastIndex = at;
      if (!HEX_STRING.test(text)) uncertain('a malformed hexadecimal string');
      at = HEX_STRING.lastIndex;
      token = new PdfString(hexBytes(text.slice(start + 1, at - 1)));
    } else if (code === 0x5b || code === 0x5d) {
      at++;
      token = code === 0x5b ? '[' : ']';
    } else {
      // `)`, `>`, `{`, `}` alone are no token of a content stream.
      return uncertain(`the delimiter ${text[at] ?? ''}`);
    }
    span(start, at);
    return token;
  };
}

const MAX_NESTING = 32;

/** The object a token starts (an array or a dictionary read to its end), or the operator it names. */
function object(first: Token, next: () => Token, nesting = 0): Operand | string {
  if (typeof first !== 'string') return first === END ? uncertain('the end') : first;
  if (first !== '[' && first !== '<<') return first;
  if (nesting >= MAX_NESTING) uncertain('nesting');
  const operand = (t: Token): Operand => {
    const o = object(t, next, nesting + 1);
    return typeof o === 'string' ? uncertain(`${o} inside an array or a dictionary`) : o;
  };
  if (first === '[') {
    const items: Operand[] = [];
    for (let t = next(); t !== ']'; t = next()) items.push(operand(t));
    return items;
  }
  // §7.3.7: pairs of a name and a value.
  for (let t = next(); t !== '>>'; t = next()) {
    if (!(t instanceof Name)) uncertain('a dictionary key that is not a name');
    operand(next());
  }
  return DICTIONARY;
}

/** One letter an operand's type: number, name, string, array, dictionary; anything else `?`. */
function typeLetter(o: Operand): string {
  if (typeof o === 'number') return 'n';
  if (o instanceof Name) return '/';
  if (o instanceof PdfString) return 's';
  if (o === DICTIONARY) return 'd';
  return Array.isArray(o) ? 'a' : '?';
}

// ---------------------------------------------------------------------------------------------
// Operators (§8.2, Annex A)

/**
 * What an operator does to the ops read here, by the kind of operator §8.2 (Figure 9) names, which
 * also says where it may appear.
 */
type Role =
  | 'state' // general graphics state, colour, text state, marked content, compatibility: anywhere but in a path
  | 'gs'
  | 'cs'
  | 'special' // q, Q, cm: at page level
  | 'Do' // at page level
  | 'BT'
  | 'ET'
  | 'text' // text positioning and showing: in a text object
  | 'start' // m, re: begin a path object or go on with one
  | 'segment' // l, c, v, y, h: in a path object
  | 'clip'
  | 'paint';

/** The operators read here: their operands (one letter each, see `typeLetter`) and role. */
const OPERATORS = new Map<string, { operands: string | RegExp; role: Role }>();
const define = (role: Role, operands: string | RegExp, names: string): void => {
  for (const name of names.split(' ')) OPERATORS.set(name, { operands, role });
};
define('state', 'n', 'w J j M i G g Tc Tw Tz TL Tr Ts');
define('state', 'an', 'd');
define('state', '/', 'ri MP BMC');
define('state', '', 'EMC BX EX');
define('state', /^\/[/d]$/, 'DP BDC');
define('state', 'nnn', 'RG rg');
define('state', 'nnnn', 'K k');
// With a device colour space (the only ones read here), one to four numbers.
define('state', /^n{1,4}$/, 'SC sc SCN scn');
define('state', '/n', 'Tf');
define('gs', '/', 'gs');
define('cs', '/', 'CS cs');
define('special', '', 'q Q');
define('special', 'nnnnnn', 'cm');
define('Do', '/', 'Do');
define('BT', '', 'BT');
define('ET', '', 'ET');
define('text', 'nn', 'Td TD');
define('text', 'nnnnnn', 'Tm');
define('text', '', 'T*');
define('text', 's', "Tj '");
define('text', 'nns', '"');
define('text', 'a', 'TJ');
define('start', 'nn', 'm');
define('start', 'nnnn', 're');
define('segment', 'nn', 'l');
define('segment', 'nnnnnn', 'c');
define('segment', 'nnnn', 'v y');
define('segment', '', 'h');
define('clip', '', 'W W*');
define('paint', '', 'S s f F f* B B* b b* n');

/** Where §8.2 (Figure 9) is in a content stream: at page level, in a text object, in a path object, after its clip. */
type Where = 'page' | 'text' | 'path' | 'clip';

/** Where the operators of each role may appear. */
const PLACES: Record<Role, readonly Where[]> = {
  state: ['page', 'text'],
  gs: ['page', 'text'],
  cs: ['page', 'text'],
  special: ['page'],
  Do: ['page'],
  BT: ['page'],
  ET: ['text'],
  text: ['text'],
  start: ['page', 'path'],
  segment: ['path'],
  clip: ['path'],
  paint: ['path', 'clip'],
};

/** An operator's role, when it is one read here, with the operands it takes, where it may appear. */
function admit(name: string, operands: Operand[], where: Where): Role {
  const operator = OPERATORS.get(name) ?? uncertain(`operator ${name}`);
  let types = '';
  for (const o of operands) types += typeLetter(o);
  if (typeof operator.operands === 'string' ? types !== operator.operands : !operator.operands.test(types)) uncertain(`operands of ${name}`);
  if (!PLACES[operator.role].includes(where)) uncertain(`${name} in a ${where} object`);
  return operator.role;
}

/** pdf.js's op for each painting operator, and whether its list closes the path first. */
const PAINTS: Record<string, { op: keyof typeof OPS; closes?: true }> = {
  S: { op: 'stroke' },
  s: { op: 'closeStroke', closes: true },
  f: { op: 'fill' },
  F: { op: 'fill' },
  'f*': { op: 'eoFill' },
  B: { op: 'fillStroke' },
  'B*': { op: 'eoFillStroke' },
  b: { op: 'closeFillStroke', closes: true },
  'b*': { op: 'closeEOFillStroke', closes: true },
  n: { op: 'endPath' },
};

const DEVICE = new Set(['DeviceGray', 'DeviceRGB', 'DeviceCMYK']);

/** The codes of a packed path. */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 4;

/** A path object under construction (§8.5.2): its packed data, its current point and the subpath's start. */
class PathBuilder {
  readonly data: number[] = [];
  private x = 0;
  private y = 0;
  private startX = 0;
  private startY = 0;

  private moveTo(x: number, y: number): void {
    this.data.push(MOVE, x, y);
    this.x = this.startX = x;
    this.y = this.startY = y;
  }

  private lineTo(x: number, y: number): void {
    this.data.push(LINE, x, y);
    this.x = x;
    this.y = y;
  }

  private curveTo(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): void {
    this.data.push(CURVE, x1, y1, x2, y2, x3, y3);
    this.x = x3;
    this.y = y3;
  }

  close(): void {
    this.data.push(CLOSE);
    this.x = this.startX;
    this.y = this.startY;
  }

  /** One path construction operator with its (checked) numbers. */
  add(operator: string, [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0]: number[]): void {
    switch (operator) {
      case 'm':
        return this.moveTo(a, b);
      case 'l':
        return this.lineTo(a, b);
      case 'c':
        return this.curveTo(a, b, c, d, e, f);
      // `v`: the first control point is the current point; `y`: the second is the end point.
      case 'v':
        return this.curveTo(this.x, this.y, a, b, c, d);
      case 'y':
        return this.curveTo(a, b, c, d, c, d);
      case 'h':
        return this.close();
      case 're':
        // A closed subpath around the rectangle from (a, b), c wide and d high.
        this.moveTo(a, b);
        if (c === 0 || d === 0) this.lineTo(a + c, b + d);
        else {
          this.lineTo(a + c, b);
          this.lineTo(a + c, b + d);
          this.lineTo(a, b + d);
        }
        return this.close();
    }
  }
}

/** pdf.js 5.6's ids (`OPS`) of the ops read here (test/pdf-rulings.test.ts holds them equal). */
export const OPS = {
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  clip: 29,
  eoClip: 30,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
} as const satisfies OpIds;

/** A page read from its content streams: the ruling lines' ops, and its text where that is certain (own-text.ts). */
export interface PageContent {
  ops: PathOps;
  text?: OwnTextContent;
}

/** A page of the document as the page tree has it (§7.7.3), in order. */
export interface PageEntry {
  ref: { num: number; gen: number };
  /** The page's box: the crop box within the media box (pdf.js's `view`), [x0, y0, x1, y1]. */
  view: [number, number, number, number];
  /** /Rotate, 0, 90, 180 or 270. */
  rotate: number;
}

/**
 * A reader of the file's pages, by the page object's reference (pdf.js's `page.ref`): undefined
 * for a page where the ruling lines are uncertain; its text only when that is certain too (and
 * asked for, with the page's box). The reader is undefined for a file with an incremental update
 * (an object could be freed, or the page read from another version) or encrypted.
 */
export function pathOpsReader(
  file: PdfFile,
): ((page: { num: number; gen: number }, text?: { view: readonly number[] }) => PageContent | undefined) | undefined {
  const { text } = file;
  if (text.indexOf('startxref') !== text.lastIndexOf('startxref') || /\/Encrypt\b/.test(text)) return undefined;
  const fonts: FontCache = new Map();
  return (page, withText) => {
    try {
      return new PageReader(file, withText?.view, fonts).page(`${page.num} ${page.gen}`);
    } catch {
      // Uncertain (or a fault here): pdf.js's operator list.
      return undefined;
    }
  };
}

/**
 * Where there is no zlib to inflate a stream when the reading comes to it (a browser): the file's
 * deflated streams inflated beforehand, through a DecompressionStream, into `file.decoded`, each
 * only when it is whole (`inflateWholeAsync`: then the bytes are those zlib gives), so that the
 * pages read here as they do with zlib. Streams the reading never reads are left alone: images,
 * font programs other than Type1 ones (/FontFile2, /FontFile3: only a Type1 program's clear text
 * is read), metadata, cross-reference and embedded-file streams. At most MAX_INFLATED bytes in
 * all, in file order; what is left, like a stream that does not inflate whole, is uncertain, and
 * pdf.js reads what needs it. Nothing is done where there is zlib (Node) or no DecompressionStream.
 */
export async function inflateForReading(file: PdfFile): Promise<void> {
  if (nodeZlib() || typeof DecompressionStream === 'undefined') return;
  const programs = new Set<string>();
  for (const { dict } of file.objects) {
    for (const key of ['FontFile2', 'FontFile3']) {
      const ref = dict.get(key);
      if (ref instanceof Ref) programs.add(ref.key);
    }
  }
  const reader = new PageReader(file, undefined);
  let left = MAX_INFLATED;
  for (const object of file.objects) {
    const { dict } = object;
    if (!object.stream || file.decoded.has(object) || programs.has(object.key)) continue;
    const subtype = dict.name('Subtype');
    if ((subtype !== undefined && subtype !== 'Form') || ['XRef', 'Metadata', 'EmbeddedFile', 'ObjStm'].includes(dict.name('Type') ?? '')) continue;
    let stored: { data: Uint8Array; deflated: boolean };
    try {
      stored = reader.stored(object);
    } catch {
      continue;
    }
    if (!stored.deflated) continue;
    const data = await inflateWholeAsync(stored.data, left);
    if (!data) continue;
    file.decoded.set(object, data);
    left -= data.length;
  }
}

/** A rectangle of four numbers, normalised (§7.9.5); undefined when it is not one. */
function rectangle(v: Value | undefined): [number, number, number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number')) return undefined;
  const [a, b, c, d] = v as number[] as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/**
 * The document's pages in order, from the catalog's page tree (§7.7.2, §7.7.3), each with its box
 * and /Rotate (inherited, §7.7.3.4); undefined when anything about them is uncertain (no single
 * catalog, a count that does not match, a box that is not four numbers, a crop box beyond the media
 * box, a /Rotate not a multiple of 90).
 */
export function documentPages(file: PdfFile): PageEntry[] | undefined {
  try {
    const reader = new PageReader(file, undefined);
    const catalogs = file.objects.filter((o) => o.dict.name('Type') === 'Catalog');
    if (catalogs.length !== 1) return undefined;
    const root = reader.dict((catalogs[0] as PdfObject).dict.get('Pages')) ?? uncertain('pages');
    const pages: PageEntry[] = [];
    const seen = new Set<Dict>();
    // Each object's key by its dictionary (a page's reference), for the objects with one version.
    const keys = new Map<Dict, string>();
    for (const [key, versions] of file.versions) if (versions.length === 1 && versions[0]) keys.set(versions[0].dict, key);
    const walk = (node: Dict, inherited: { media?: Value; crop?: Value; rotate?: Value }, depth: number): void => {
      if (seen.has(node) || depth > 64) uncertain('page tree');
      seen.add(node);
      const here = {
        media: node.get('MediaBox') ?? inherited.media,
        crop: node.get('CropBox') ?? inherited.crop,
        rotate: node.get('Rotate') ?? inherited.rotate,
      };
      const type = node.name('Type');
      if (type === 'Pages') {
        const kids = reader.resolve(node.get('Kids'));
        if (!Array.isArray(kids)) return uncertain('kids');
        for (const kid of kids) {
          if (!(kid instanceof Ref)) uncertain('kid');
          walk(reader.dict(kid) ?? uncertain('kid'), here, depth + 1);
        }
        const count = reader.resolve(node.get('Count'));
        return void count;
      }
      if (type !== 'Page') return uncertain('page type');
      const media = rectangle(reader.resolve(here.media)) ?? uncertain('media box');
      if (!(media[2] > media[0] && media[3] > media[1])) uncertain('empty media box');
      const cropValue = reader.resolve(here.crop);
      // The crop box within the media box (§14.11.2); a crop box outside it shows the media box.
      const crop = cropValue === undefined ? media : (rectangle(cropValue) ?? uncertain('crop box'));
      const within: [number, number, number, number] = [
        Math.max(media[0], crop[0]),
        Math.max(media[1], crop[1]),
        Math.min(media[2], crop[2]),
        Math.min(media[3], crop[3]),
      ];
      const view = within[2] > within[0] && within[3] > within[1] ? within : media;
      if (node.get('UserUnit') !== undefined) uncertain('user unit');
      const rotateValue = reader.resolve(here.rotate) ?? 0;
      if (!Number.isInteger(rotateValue) || (rotateValue as number) % 90 !== 0) uncertain('rotate');
      const rotate = ((((rotateValue as number) % 360) + 360) % 360) as number;
      const ref = keys.get(node) ?? uncertain('page ref');
      const [num = 0, gen = 0] = ref.split(' ').map(Number);
      pages.push({ ref: { num, gen }, view, rotate });
    };
    walk(root, {}, 0);
    const count = reader.resolve(root.get('Count'));
    return count === pages.length && pages.length > 0 ? pages : undefined;
  } catch {
    return undefined;
  }
}

const MAX_FORM_DEPTH = 12;

class PageReader implements Objects {
  readonly out: PathOps = { fnArray: [], argsArray: [] };
  /** The page's text, while it is certain. */
  private text: TextReader | undefined;
  constructor(
    private readonly file: PdfFile,
    view: readonly number[] | undefined,
    fonts?: FontCache,
  ) {
    if (view) this.text = new TextReader(this, view, fonts);
  }

  private op(name: keyof typeof OPS, args: unknown[]): void {
    this.out.fnArray.push(OPS[name]);
    this.out.argsArray.push(args);
  }

  /** Hands the text reader an operator; whatever it finds uncertain (or a fault) leaves the page's text to pdf.js. */
  private told(call: (text: TextReader) => void): void {
    if (!this.text) return;
    try {
      call(this.text);
    } catch {
      this.text = undefined;
    }
  }

  /** The one version of an object. */
  object(ref: Ref): PdfObject {
    const versions = this.file.versions.get(ref.key);
    const only = versions?.length === 1 ? versions[0] : undefined;
    return only ?? uncertain(`object ${ref.key}`);
  }

  /** A value, a reference followed to the object it names. */
  resolve(v: Value | undefined): Value | undefined {
    if (!(v instanceof Ref)) return v;
    const value = this.object(v).value;
    return value === undefined ? uncertain('unreadable object') : value;
  }

  dict(v: Value | undefined): Dict | undefined {
    const d = this.resolve(v);
    if (d !== undefined && !(d instanceof Dict)) uncertain('not a dictionary');
    return d as Dict | undefined;
  }

  streamData(v: Value | undefined): Uint8Array {
    const object = v instanceof Ref ? this.object(v) : uncertain('stream');
    return object.stream ? this.data(object) : uncertain('stream');
  }

  /** A stream's decoded data. */
  private data(object: PdfObject): Uint8Array {
    const decoded = this.file.decoded.get(object);
    if (decoded) return decoded;
    const stored = this.stored(object);
    return stored.deflated ? (inflateWhole(stored.data) ?? uncertain('inflate')) : stored.data;
  }

  /** A stream's data as the file holds it (to its /Length), and whether it is deflated. */
  stored(object: PdfObject): { data: Uint8Array; deflated: boolean } {
    const stored = storedData(this.file.bytes, object) ?? uncertain('filter');
    // An indirect /Length (the data was taken up to `endstream`): the length it gives, when only
    // white space follows it (pdf.js too then reads that many bytes).
    const length = object.dict.get('Length');
    if (length instanceof Ref) {
      const n = this.resolve(length);
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > stored.data.length) return uncertain('length');
      if (!stored.data.subarray(n).every((c) => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32)) uncertain('length');
      stored.data = stored.data.subarray(0, n);
    }
    return stored;
  }

  page(key: string): PageContent | undefined {
    const versions = this.file.versions.get(key);
    if (versions?.length !== 1) return uncertain('page');
    const page = versions[0]?.dict ?? uncertain('page');
    // Annotations: pdf.js adds what an appearance stream draws (or one it makes) to the list.
    const annots = this.resolve(page.get('Annots'));
    if (annots !== undefined) {
      if (!Array.isArray(annots)) uncertain('annotations');
      for (const a of annots as Value[]) {
        const annot = this.dict(a);
        if (!annot || annot.name('Subtype') !== 'Link' || annot.get('AP') !== undefined) uncertain('annotation');
      }
    }
    // §7.7.3.4: /Resources is inherited from the nearest node of the page tree that has it. (pdf.js
    // also merges in farther levels' entries: a name missing from the nearest one is uncertain here.)
    let resources: Dict | undefined;
    const seen = new Set<Dict>();
    for (let node: Dict | undefined = page; node && !seen.has(node); node = this.dict(node.get('Parent'))) {
      seen.add(node);
      if (node !== page && node.get('Annots') !== undefined) uncertain('inherited annotations');
      if (resources === undefined && node.get('Resources') !== undefined) resources = this.dict(node.get('Resources'));
    }
    // §7.7.3.3: /Contents is a stream or an array of streams, read as one.
    const contents = page.get('Contents');
    const resolved = this.resolve(contents);
    const parts: Uint8Array[] = [];
    if (resolved instanceof Dict) {
      const object = contents instanceof Ref ? this.object(contents) : uncertain('contents');
      if (!object.stream) uncertain('contents');
      const own = this.dict(resolved.get('Resources'));
      if (own && own.values.size > 0) uncertain('content stream resources');
      parts.push(this.data(object));
    } else if (Array.isArray(resolved)) {
      for (const item of resolved) {
        const object = item instanceof Ref ? this.object(item) : uncertain('contents item');
        parts.push(object.stream ? this.data(object) : uncertain('contents item'));
      }
    } else if (resolved !== undefined) uncertain('contents');
    const seams: number[] = [];
    let length = 0;
    for (const part of parts) seams.push((length += part.length));
    const content = parts.map(latin1).join('');
    this.run(content, seams, resources, 0, new Set());
    let text: OwnTextContent | undefined;
    this.told((reader) => (text = reader.finish()));
    return text ? { ops: this.out, text } : { ops: this.out };
  }

  /** One content stream (or a page's streams as one), its ops into `out`. */
  private run(text: string, seams: number[], resources: Dict | undefined, depth: number, forms: Set<string>): void {
    const next = tokenizer(text, seams);
    let where: Where = 'page';
    let path = new PathBuilder();
    let saves = 0;
    let operands: Operand[] = [];
    for (let t = next(); t !== END; t = next()) {
      const o = object(t, next);
      if (typeof o !== 'string') {
        operands.push(o);
        if (operands.length > 6) uncertain('too many operands');
        continue;
      }
      const role = admit(o, operands, where);
      switch (role) {
        case 'state':
          if (o === 'd' && !(operands[0] as Operand[]).every((x) => typeof x === 'number')) uncertain('dash array');
          if (o.startsWith('T')) this.told((text) => text.operator(o, operands, resources));
          break;
        case 'gs':
          this.gs(operands[0], resources);
          break;
        case 'cs': {
          const space = operands[0];
          if (!(space instanceof Name && DEVICE.has(space.name))) uncertain('colour space');
          break;
        }
        case 'special':
          if (o === 'q') {
            saves++;
            this.op('save', []);
            this.told((text) => text.save());
          } else if (o === 'Q') {
            // §8.4.2: q and Q are balanced within a stream.
            if (saves-- === 0) uncertain('Q without q');
            this.op('restore', []);
            this.told((text) => text.restore());
          } else {
            this.op('transform', operands.slice());
            this.told((text) => text.transform(operands as number[]));
          }
          break;
        case 'Do':
          this.paintXObject(operands[0], resources, depth, forms);
          break;
        case 'BT':
          where = 'text';
          this.told((text) => text.operator('BT', [], resources));
          break;
        case 'ET':
          where = 'page';
          break;
        case 'text':
          if (o === 'TJ' && !(operands[0] as Operand[]).every((x) => typeof x === 'number' || x instanceof PdfString)) uncertain('TJ operand');
          this.told((text) => text.operator(o, operands, resources));
          break;
        case 'start':
        case 'segment':
          where = 'path';
          path.add(o, operands as number[]);
          break;
        case 'clip':
          // The clip takes effect when the path is painted (§8.5.4), as in pdf.js's list: before it.
          this.op(o === 'W' ? 'clip' : 'eoClip', []);
          where = 'clip';
          break;
        case 'paint':
          this.paint(o, path, where === 'clip');
          path = new PathBuilder();
          where = 'page';
          break;
      }
      operands = [];
    }
    if (where !== 'page' || saves !== 0 || operands.length > 0) uncertain('an unfinished stream');
  }

  /** A painting operator: the path's op; after W or W*, the path is the clip from now on (§8.5.4), for the text too. */
  private paint(operator: string, path: PathBuilder, clips: boolean): void {
    const paint = PAINTS[operator] ?? uncertain(operator);
    if (paint.closes) path.close();
    this.op('constructPath', [OPS[paint.op], [new Float32Array(path.data)], null]);
    if (clips) this.told((text) => text.clip(path.data));
  }

  private gs(name: Operand | undefined, resources: Dict | undefined): void {
    if (!(name instanceof Name)) return uncertain('gs');
    const states = this.dict(resources?.get('ExtGState')) ?? uncertain('ExtGState');
    const state = this.dict(states.get(name.name)) ?? uncertain('ExtGState');
    // A soft mask: pdf.js draws the mask's form into the list.
    const smask = this.resolve(state.get('SMask'));
    if (smask !== undefined && !(smask instanceof Name && smask.name === 'None')) uncertain('soft mask');
    // A font set by the graphics state (§8.4.5 /Font): the text is left to pdf.js.
    if (state.get('Font') !== undefined) this.text = undefined;
  }

  /** §8.8 `Do`: an image or PostScript XObject draws no path; a form draws its content (§8.10). */
  private paintXObject(name: Operand | undefined, resources: Dict | undefined, depth: number, forms: Set<string>): void {
    if (!(name instanceof Name)) return uncertain('Do');
    this.told((text) => text.xobject());
    const xobjects = this.dict(resources?.get('XObject')) ?? uncertain('XObject');
    const ref = xobjects.get(name.name);
    if (!(ref instanceof Ref)) return uncertain('XObject');
    const object = this.object(ref);
    if (!object.stream) uncertain('XObject stream');
    const { dict } = object;
    const subtype = dict.name('Subtype');
    if (subtype === 'Image') this.told((text) => text.image());
    if (subtype === 'Image' || subtype === 'PS') return;
    if (subtype !== 'Form' || depth >= MAX_FORM_DEPTH || forms.has(ref.key) || dict.get('OC') !== undefined) uncertain('form');
    const group = this.resolve(dict.get('Group'));
    if (group !== undefined) {
      if (!(group instanceof Dict)) return uncertain('group');
      const cs = this.resolve(group.get('CS'));
      if (cs !== undefined && !(cs instanceof Name && DEVICE.has(cs.name))) uncertain('group colour space');
    }
    const matrix = this.resolve(dict.get('Matrix'));
    let f32: Float32Array | null = null;
    if (matrix !== undefined) {
      if (!Array.isArray(matrix) || matrix.length !== 6 || !matrix.every((x) => typeof x === 'number')) return uncertain('matrix');
      f32 = new Float32Array(matrix as number[]);
    }
    this.op('paintFormXObjectBegin', [f32, null]);
    this.told((text) => text.formBegin((matrix as number[] | undefined) ?? null));
    const own = this.resolve(dict.get('Resources'));
    const content = latin1(this.data(object));
    this.run(content, [], own instanceof Dict ? own : resources, depth + 1, new Set([...forms, ref.key]));
    this.op('paintFormXObjectEnd', []);
    this.told((text) => text.formEnd());
  }
}
