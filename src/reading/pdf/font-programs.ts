/**
 * The embedded TrueType programs pdf.js need not parse. Reading a PDF needs of a font only the
 * Unicode of each code, the widths and the font matrix; pdf.js parses and repairs every embedded
 * font program all the same (`new Font` → `checkAndRepair`, 20–55 ms for the subset CJK fonts of a
 * WPS-made report), to render its glyphs. For a font whose program cannot change what pdf.js's text
 * content says, the copy of the PDF pdf.js reads names the program under another key (of the same
 * length, so that no offset moves), and pdf.js reads the font as not embedded.
 *
 * Which fonts, from what pdf.js 5.6 does with a font (src/core/fonts.js, evaluator.js), with and
 * without its program: the text content takes each glyph's Unicode from the font's `toUnicode` and
 * its width from /W or /Widths, scaled by the font matrix. The program can change them only
 *  - by its own font matrix (CFF and Type1 programs: widths rescaled), so only /FontFile2 holding a
 *    TrueType program (its first bytes say so) qualifies, and the font has no /FontMatrix;
 *  - for a simple font, by the font's `cmap` when the font is symbolic and its ToUnicode maps no
 *    code (`adjustTrueTypeToUnicode`), so a symbolic simple font's /ToUnicode must map one (a
 *    `bfchar` or `bfrange` entry, read here; LibreOffice writes its fonts so);
 *  - without the program, vertical text takes the vertical presentation forms (、 becomes ︑), so
 *    a composite font must be written with /Identity-H;
 *  - without the program, a font named as a standard font gets the standard font's program or
 *    glyph map, so the font's names must carry a subset tag (`ABCDEF+`), which no standard name has.
 * A font must also have a /ToUnicode of its own (the composite font's, or the simple font's): a
 * font without one keeps its program, as the brief of issue #19 asks.
 *
 * Only what the file writes in plain objects is read; a PDF with object streams (where a font
 * could be referenced from where this does not look) is given to pdf.js as it is. A descriptor is
 * renamed in place only when every font found that uses it qualifies. When a descendant font serves
 * a qualifying Type0 font and one that does not (WPS writes 宋体 with /Identity-H and, for a
 * table's vertical label, the same descendant with /Identity-V), an incremental update appended to
 * the copy gives the qualifying Type0 font a copy of the descendant and of its descriptor without
 * the program; the other keeps the original.
 *
 * The same copy also holds, in that update, the page contents and ToUnicode maps decoded
 * (`inflatable`): pdf.js inflates a page's content once for its text and again for its operator
 * list, each time through a DecompressionStream; here each is inflated once, synchronously.
 */
import { latin1, nodeZlib } from './inflation.ts';

export type Value = number | boolean | null | string | Name | Ref | Value[] | Dict;

export class Name {
  constructor(
    readonly name: string,
    /** Where the name's `/` is in the file. */
    readonly at: number,
  ) {}
}

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class Dict {
  readonly values = new Map<string, Value>();
  /** Where each key's `/` is in the file. */
  readonly keyAt = new Map<string, number>();
  /** Where each value is written in the file (from the end of its key). */
  readonly span = new Map<string, [number, number]>();
  get(key: string): Value | undefined {
    return this.values.get(key);
  }
  name(key: string): string | undefined {
    const v = this.values.get(key);
    return v instanceof Name ? v.name : undefined;
  }
  ref(key: string): Ref | undefined {
    const v = this.values.get(key);
    return v instanceof Ref ? v : undefined;
  }
}

export interface PdfObject {
  key: string;
  /** The object's value: its dictionary for a dictionary or a stream (then also `dict`); undefined when it does not parse. */
  value: Value | undefined;
  /** The dictionary (an empty one for any other value). */
  dict: Dict;
  /**
   * Whether the object is one the font programs' reading looks at: a dictionary with a stream or
   * with `/Font` in it (the others are read only for `openPdf`'s callers).
   */
  fontWise: boolean;
  /** Where the dictionary is written in the file. */
  at: [number, number];
  /** The stream's data (start and end offsets in the file), for a stream object. */
  stream?: { start: number; end: number };
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** A tokenizer of the object syntax over the file as Latin-1 text (one character a byte). */
class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  private skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (WHITE.has(c)) this.pos++;
      else if (c === 0x25) {
        // A comment runs to the end of the line.
        while (this.pos < t.length && t[this.pos] !== '\n' && t[this.pos] !== '\r') this.pos++;
      } else return;
    }
  }

  private regular(): string {
    const t = this.text;
    const start = this.pos;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (WHITE.has(c) || DELIMITER.has(c)) break;
      this.pos++;
    }
    return t.slice(start, this.pos);
  }

  /** The digits from `at` on: their end, or `at` when there are none. */
  private digits(at: number): number {
    const t = this.text;
    while (at < t.length) {
      const c = t.charCodeAt(at);
      if (c < 0x30 || c > 0x39) break;
      at++;
    }
    return at;
  }

  private spaces(at: number): number {
    while (WHITE.has(this.text.charCodeAt(at))) at++;
    return at;
  }

  /** Past a hex or literal string (their text is not needed). */
  private string(): string {
    const t = this.text;
    if (t.charCodeAt(this.pos) === 0x3c) {
      const end = t.indexOf('>', this.pos);
      if (end < 0) throw new Error('hex string');
      this.pos = end + 1;
      return '';
    }
    // A literal string, with balanced parentheses and escapes.
    let depth = 0;
    for (; this.pos < t.length; this.pos++) {
      const ch = t.charCodeAt(this.pos);
      if (ch === 0x5c) this.pos++;
      else if (ch === 0x28) depth++;
      else if (ch === 0x29 && --depth === 0) {
        this.pos++;
        return '';
      }
    }
    throw new Error('string');
  }

  /** The next value; throws on what is not the object syntax (the caller then leaves the file alone). */
  value(): Value {
    this.skipSpace();
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (Number.isNaN(c)) throw new Error('end of file');
    if (c === 0x2f) {
      // A name.
      const at = this.pos++;
      const raw = this.regular();
      return new Name(raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw, at);
    }
    if (c === 0x3c && t.charCodeAt(this.pos + 1) === 0x3c) {
      this.pos += 2;
      const dict = new Dict();
      for (;;) {
        this.skipSpace();
        if (t.charCodeAt(this.pos) === 0x3e && t.charCodeAt(this.pos + 1) === 0x3e) {
          this.pos += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof Name)) throw new Error('dictionary key');
        dict.keyAt.set(key.name, key.at);
        const from = this.pos;
        dict.values.set(key.name, this.value());
        dict.span.set(key.name, [from, this.pos]);
      }
    }
    if (c === 0x3c || c === 0x28) return this.string();
    if (c === 0x5b) {
      this.pos++;
      const items: Value[] = [];
      for (;;) {
        this.skipSpace();
        if (t.charCodeAt(this.pos) === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.value());
      }
    }
    const start = this.pos;
    const end = this.digits(start);
    if (end > start && (WHITE.has(t.charCodeAt(end)) || DELIMITER.has(t.charCodeAt(end)) || end === t.length)) {
      // An integer, or an indirect reference: two integers and R.
      this.pos = end;
      const n = Number(t.slice(start, end));
      const genStart = this.spaces(end);
      const genEnd = this.digits(genStart);
      if (genStart > end && genEnd > genStart) {
        const r = this.spaces(genEnd);
        const after = t.charCodeAt(r + 1);
        if (r > genEnd && t.charCodeAt(r) === 0x52 && (Number.isNaN(after) || WHITE.has(after) || DELIMITER.has(after))) {
          this.pos = r + 1;
          return new Ref(n, Number(t.slice(genStart, genEnd)));
        }
      }
      return n;
    }
    const word = this.regular();
    if (word === '') throw new Error(`unexpected ${t[this.pos] ?? ''}`);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const n = Number(word);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || !Number.isFinite(n)) throw new Error(`unexpected ${word}`);
    return n;
  }
}

/**
 * The file's plain objects that are dictionaries (and streams), in file order; undefined if
 * unreadable. With `every`, every other object too (not `fontWise`; one that does not parse has the
 * value undefined), found and parsed the same way.
 */
function plainObjects(text: string, every = false): PdfObject[] | undefined {
  const objects: PdfObject[] = [];
  const header = /(\d+)\s+(\d+)\s+obj\b/g;
  const parser = new Parser(text);
  // Where the next `stream`, `endobj` and `/Font` are: an object without a stream and without
  // `/Font` in it is neither a font, a descriptor nor a font program, and is not parsed.
  const next = { stream: -1, endobj: -1, font: -1 };
  const after = (word: keyof typeof next, pattern: string, from: number): number => {
    if (next[word] !== Infinity && next[word] < from) {
      const at = text.indexOf(pattern, from);
      next[word] = at < 0 ? Infinity : at;
    }
    return next[word];
  };
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const key = `${match[1]} ${match[2]}`;
    const body = header.lastIndex;
    const endobj = after('endobj', 'endobj', body);
    const skipped = endobj < after('stream', 'stream', body) && after('font', '/Font', body) > endobj;
    if (skipped) {
      header.lastIndex = endobj + 'endobj'.length;
      if (!every) continue;
      parser.pos = body;
      let value: Value | undefined;
      try {
        value = parser.value();
      } catch {
        value = undefined;
      }
      objects.push({ key, value, dict: value instanceof Dict ? value : new Dict(), fontWise: false, at: [body, endobj] });
      continue;
    }
    parser.pos = body;
    let value: Value;
    try {
      value = parser.value();
    } catch {
      return undefined;
    }
    let resume = parser.pos;
    if (!(value instanceof Dict) && every) objects.push({ key, value, dict: new Dict(), fontWise: false, at: [body, parser.pos] });
    if (value instanceof Dict) {
      const object: PdfObject = { key, value, dict: value, fontWise: true, at: [text.indexOf('<<', body), parser.pos] };
      const after = /^\s*stream(\r\n|\n|\r)/.exec(text.slice(parser.pos, parser.pos + 16));
      if (after) {
        const start = parser.pos + after[0].length;
        const length = value.get('Length');
        // The data ends where /Length says when endstream follows there; else at endstream.
        let end = typeof length === 'number' && /^\s*endstream/.test(text.slice(start + length, start + length + 16)) ? start + length : -1;
        if (end < 0) {
          end = text.indexOf('endstream', start);
          if (end < 0) return undefined;
        }
        object.stream = { start, end };
        resume = end + 'endstream'.length;
      }
      objects.push(object);
    }
    header.lastIndex = resume;
  }
  return objects;
}

const SUBSET = /^[A-Z]{6}\+/;
const named = (...names: (string | undefined)[]): boolean => names.every((n) => n !== undefined && SUBSET.test(n));

/** The one plain object a reference names, if there is exactly one. */
function onlyVersion(byKey: Map<string, PdfObject[]>, v: Value | undefined): PdfObject | undefined {
  const versions = v instanceof Ref ? byKey.get(v.key) : undefined;
  return versions?.length === 1 ? versions[0] : undefined;
}

/**
 * A stream's data as the file holds it, and whether it is deflated: only unfiltered or /FlateDecode
 * data without parameters is read here (undefined otherwise, or for deflated data where there is no
 * DecompressionStream).
 */
export function storedData(bytes: Uint8Array, object: PdfObject): { data: Uint8Array; deflated: boolean } | undefined {
  const { stream, dict } = object;
  if (!stream || dict.get('DecodeParms') !== undefined || dict.get('DP') !== undefined) return undefined;
  const filter = dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  const data = bytes.subarray(stream.start, stream.end);
  if (filters.length === 0) return { data, deflated: false };
  if (filters.length !== 1 || !(filters[0] instanceof Name) || filters[0].name !== 'FlateDecode') return undefined;
  return typeof DecompressionStream === 'undefined' ? undefined : { data, deflated: true };
}

/** The first bytes of a stream's data, decoded (none: undefined, then the program is kept). */
async function streamHead(bytes: Uint8Array, object: PdfObject, n: number): Promise<Uint8Array | undefined> {
  const stored = storedData(bytes, object);
  if (!stored) return undefined;
  const { data } = stored;
  if (!stored.deflated) return data.subarray(0, n);
  try {
    const inflate = new DecompressionStream('deflate');
    const writer = inflate.writable.getWriter();
    const reader = inflate.readable.getReader();
    // The head of the data gives the head of the program (the rest is never inflated).
    writer.write(data.slice(0, 2048)).catch(() => undefined);
    const head = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const { value, done } = await reader.read();
      if (done || !value) break;
      const take = value.subarray(0, n - got);
      head.set(take, got);
      got += take.length;
    }
    reader.cancel().catch(() => undefined);
    writer.abort().catch(() => undefined);
    return got === n ? head : undefined;
  } catch {
    return undefined;
  }
}

/** A stream's whole data, decoded (a ToUnicode CMap, a few KB); undefined when it cannot be. */
async function streamAll(bytes: Uint8Array, object: PdfObject): Promise<Uint8Array | undefined> {
  const stored = storedData(bytes, object);
  if (!stored) return undefined;
  // A copy, backed by an ArrayBuffer of its own (what Blob takes), as before.
  const data = stored.data.slice();
  if (!stored.deflated) return data;
  try {
    return new Uint8Array(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
  } catch {
    return undefined;
  }
}

/** Whether a ToUnicode CMap maps some code: a `bfchar` pair, or a `bfrange` of one code or more. */
function mapsACode(cmap: string): boolean {
  if (/beginbfchar\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>/.test(cmap)) return true;
  const range = /beginbfrange\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>/.exec(cmap);
  return range !== null && parseInt(range[1] ?? '', 16) <= parseInt(range[2] ?? '', 16);
}

/** A TrueType program (not OpenType with CFF outlines, not a collection, not CFF or Type1). */
const isTrueType = (head: Uint8Array): boolean =>
  (head[0] === 0x00 && head[1] === 0x01 && head[2] === 0x00 && head[3] === 0x00) ||
  String.fromCharCode(head[0] ?? 0, head[1] ?? 0, head[2] ?? 0, head[3] ?? 0) === 'true';

/** The `startxref` of the file's last section, and its trailer (or xref stream) dictionary. */
function lastTrailer(text: string, parser: Parser): { prev: number; dict: Dict } | undefined {
  const m = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(text.slice(-64));
  if (!m) return undefined;
  const prev = Number(m[1]);
  try {
    const table = /^\s*xref\b/.exec(text.slice(prev, prev + 16));
    if (table) {
      const at = text.indexOf('trailer', prev);
      if (at < 0) return undefined;
      parser.pos = at + 'trailer'.length;
    } else {
      const header = /^\s*\d+\s+\d+\s+obj\b/.exec(text.slice(prev, prev + 32));
      if (!header) return undefined;
      parser.pos = prev + header[0].length;
    }
    const dict = parser.value();
    return dict instanceof Dict ? { prev, dict } : undefined;
  } catch {
    return undefined;
  }
}

/** A stream given to pdf.js decoded: the object's one version, and its data inflated. */
interface Inflated {
  object: PdfObject;
  data: Uint8Array;
}

/** Deflated data as Node's zlib inflates it whole (the checksum right, every byte used), at most `max` bytes; undefined otherwise, or without zlib. */
export function inflateWhole(data: Uint8Array, max: number = MAX_INFLATED): Uint8Array | undefined {
  const z = nodeZlib();
  if (!z) return undefined;
  try {
    // Never more than `max`: a small stream may inflate to gigabytes.
    const { buffer, engine } = z.inflateSync(data, { info: true, maxOutputLength: max });
    return engine.bytesWritten === data.length ? buffer : undefined;
  } catch {
    return undefined;
  }
}

/** At most this much decoded data is added to pdf.js's copy (a long report's pages stay compressed past it). */
export const MAX_INFLATED = 64 * 1024 * 1024;

/**
 * What a DecompressionStream (zlib format) makes of `data`, at most `max` bytes; undefined when it
 * fails (damaged or cut-short data, a wrong checksum) or would give more.
 */
async function decompressed(data: Uint8Array, max: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Written straight to the stream (through a Blob and a Response, a small stream costs several
  // times as much: a Type3 font's glyph procedures are hundreds of them); a failure shows in `read`.
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  writer.write(data.slice()).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Whether this platform's DecompressionStream refuses data after the end of the deflated data (as
 * Chromium's does; Node's ignores it). Where it does not, `inflateWholeAsync` checks it itself.
 */
let refusesTrailing: Promise<boolean> | undefined;
function trailingRefused(): Promise<boolean> {
  // "x", deflated (zlib format), and a byte after it.
  refusesTrailing ??= decompressed(new Uint8Array([0x78, 0x9c, 0xab, 0x00, 0x00, 0x00, 0x79, 0x00, 0x79, 0x0a]), 16).then((d) => d === undefined);
  return refusesTrailing;
}

/**
 * Deflated data inflated as `inflateWhole` inflates it, where there is no zlib (a browser): through
 * a DecompressionStream, only when the data is whole (the checksum right, every byte used: for such
 * data every inflater gives the same bytes), at most `max` bytes; undefined otherwise, or without
 * DecompressionStream. Every byte is used when the data less its last byte does not inflate (it
 * would, with bytes after the end) — checked where the platform does not refuse such bytes itself.
 */
export async function inflateWholeAsync(data: Uint8Array, max: number = MAX_INFLATED): Promise<Uint8Array | undefined> {
  if (typeof DecompressionStream === 'undefined' || data.length === 0) return undefined;
  const out = await decompressed(data, max);
  if (!out) return undefined;
  if (!(await trailingRefused()) && (await decompressed(data.subarray(0, data.length - 1), max)) !== undefined) return undefined;
  return out;
}

/**
 * The streams pdf.js would inflate once per pass over a page (the text content, then the operator
 * list), each through a DecompressionStream: page contents and ToUnicode maps, i.e. the streams
 * whose dictionary holds /Length and /Filter /FlateDecode and nothing else (no parameters, no
 * type: no image, font program, metadata or cross-reference stream). Given to pdf.js decoded, in
 * an incremental update, they are inflated once, here. Only data zlib inflates whole (the checksum
 * right, every byte of the stream used: for such data every inflater gives the same bytes) is
 * replaced; anything else pdf.js decodes as before, with its own recovery.
 */
function inflatable(bytes: Uint8Array, objects: PdfObject[], byKey: Map<string, PdfObject[]>): Inflated[] {
  if (!nodeZlib()) return [];
  const found: Inflated[] = [];
  let total = 0;
  for (const object of objects) {
    const { dict, stream } = object;
    if (!stream || byKey.get(object.key)?.length !== 1 || dict.values.size !== 2 || typeof dict.get('Length') !== 'number') continue;
    const filter = dict.get('Filter');
    const only = Array.isArray(filter) && filter.length === 1 ? filter[0] : filter;
    if (!(only instanceof Name) || only.name !== 'FlateDecode') continue;
    // Damaged data, or more than what is left of the allowance (undefined): pdf.js reads it, as before.
    const buffer = inflateWhole(bytes.subarray(stream.start, stream.end), MAX_INFLATED - total);
    if (!buffer) continue;
    total += buffer.length;
    found.push({ object, data: buffer });
    if (total >= MAX_INFLATED) break;
  }
  return found;
}

/** A horizontal Type0 font that qualifies, whose descendant also serves fonts that do not. */
interface Split {
  type0: PdfObject;
  descendant: PdfObject;
  descriptor: PdfObject;
}

/**
 * The file with an incremental update (ISO 32000 7.5.6) after it: for each descendant in `splits`,
 * a copy of it and of its descriptor without the program, and new versions of the qualifying Type0
 * fonts that use the copy. The fonts that do not qualify keep the descendant with its program.
 */
function withUpdate(bytes: Uint8Array, text: string, splits: Split[], streams: Inflated[], trailer: { prev: number; dict: Dict }): Uint8Array | undefined {
  const size = trailer.dict.get('Size');
  if (typeof size !== 'number' || trailer.dict.get('Encrypt') !== undefined || !trailer.dict.span.has('Root')) return undefined;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [bytes, encoder.encode('\n')];
  let offset = bytes.length + 1;
  const entries: [number, number, number][] = [];
  const raw = (from: number, to: number): string => text.slice(from, to);
  /** An object from the file's bytes, with some of its spans replaced. */
  const write = (num: number, gen: number, object: PdfObject, replace: [number, number, string][]): void => {
    const pieces: Uint8Array[] = [encoder.encode(`${num} ${gen} obj\n`)];
    let at = object.at[0];
    for (const [from, to, by] of [...replace].sort((a, b) => a[0] - b[0])) {
      pieces.push(bytes.subarray(at, from), encoder.encode(by));
      at = to;
    }
    pieces.push(bytes.subarray(at, object.at[1]), encoder.encode('\nendobj\n'));
    entries.push([num, gen, offset]);
    for (const piece of pieces) {
      parts.push(piece);
      offset += piece.length;
    }
  };
  for (const { object, data } of streams) {
    const [num, gen] = object.key.split(' ').map(Number) as [number, number];
    const pieces = [encoder.encode(`${num} ${gen} obj\n<< /Length ${data.length} >>\nstream\n`), data, encoder.encode('\nendstream\nendobj\n')];
    entries.push([num, gen, offset]);
    for (const piece of pieces) {
      parts.push(piece);
      offset += piece.length;
    }
  }
  let next = size;
  const copies = new Map<PdfObject, number>();
  for (const { type0, descendant, descriptor } of splits) {
    let copy = copies.get(descendant);
    if (copy === undefined) {
      const descriptorCopy = next++;
      copy = next++;
      const fontFile = descriptor.dict.keyAt.get('FontFile2') ?? -1;
      write(descriptorCopy, 0, descriptor, [[fontFile, fontFile + 10, '/FontFileX']]);
      const span = descendant.dict.span.get('FontDescriptor');
      if (!span) return undefined;
      write(copy, 0, descendant, [[span[0], span[1], ` ${descriptorCopy} 0 R`]]);
      copies.set(descendant, copy);
    }
    const span = type0.dict.span.get('DescendantFonts');
    const [num, gen] = type0.key.split(' ').map(Number) as [number, number];
    if (!span) return undefined;
    write(num, gen, type0, [[span[0], span[1], ` [${copy} 0 R]`]]);
  }
  const kept = ['Root', 'Info', 'ID']
    .map((key) => [key, trailer.dict.span.get(key)] as const)
    .filter((e): e is readonly [string, [number, number]] => e[1] !== undefined)
    .map(([key, [from, to]]) => `/${key}${raw(from, to)}`);
  const table = entries
    .sort((a, b) => a[0] - b[0])
    .map(([num, gen, at]) => `${num} 1\n${String(at).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`)
    .join('');
  parts.push(
    encoder.encode(
      `xref\n0 1\n0000000000 65535 f\r\n${table}trailer\n<< /Size ${next} ${kept.join(' ')} /Prev ${trailer.prev} >>\nstartxref\n${offset}\n%%EOF\n`,
    ),
  );
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Per descriptor: whether every font found that uses it qualifies; and the qualifying Type0 fonts,
 * each with its one descendant (which other fonts may share).
 */
function classify(
  objects: PdfObject[],
  byKey: Map<string, PdfObject[]>,
): {
  verdict: Map<string, boolean>;
  candidates: { type0: PdfObject; descendant: PdfObject }[];
  /** Per descriptor, the ToUnicode maps that must map a code (those of its symbolic simple fonts). */
  mustMap: Map<string, Ref[]>;
} {
  const mustMap = new Map<string, Ref[]>();
  const dictsOf = (v: Value | undefined): Dict[] => (v instanceof Dict ? [v] : v instanceof Ref ? (byKey.get(v.key) ?? []).map((o) => o.dict) : []);
  const verdict = new Map<string, boolean>();
  const judge = (descriptor: Value | undefined, ok: boolean): void => {
    if (descriptor instanceof Ref) verdict.set(descriptor.key, (verdict.get(descriptor.key) ?? true) && ok);
  };
  const hasToUnicode = (d: Dict): boolean => d.get('ToUnicode') instanceof Ref;
  /** The descendants that some Type0 font uses, and whether all those fonts qualify. */
  const descendantOk = new Map<Dict, boolean>();
  const candidates: { type0: PdfObject; descendant: PdfObject }[] = [];
  for (const object of objects) {
    const { dict } = object;
    if (dict.name('Type') !== 'Font') continue;
    const subtype = dict.name('Subtype');
    if (subtype === 'Type0') {
      const descendants = dict.get('DescendantFonts');
      const list = Array.isArray(descendants) ? descendants : [descendants];
      const ok = dict.name('Encoding') === 'Identity-H' && hasToUnicode(dict) && dict.get('FontMatrix') === undefined;
      let fits = true;
      for (const item of list) {
        for (const d of dictsOf(item)) {
          const fine = ok && named(dict.name('BaseFont'), d.name('BaseFont')) && d.get('FontMatrix') === undefined;
          descendantOk.set(d, (descendantOk.get(d) ?? true) && fine);
          fits &&= fine;
        }
      }
      const descendant = list.length === 1 ? onlyVersion(byKey, list[0]) : undefined;
      if (fits && descendant && byKey.get(object.key)?.length === 1) candidates.push({ type0: object, descendant });
    } else if (subtype === 'TrueType') {
      const descriptor = dict.get('FontDescriptor');
      // Bit 3 of /Flags, Symbolic (in any version of the descriptor).
      const symbolic = dictsOf(descriptor).some((d) => {
        const flags = d.get('Flags');
        return typeof flags !== 'number' || (flags & 4) !== 0;
      });
      const toUnicode = dict.ref('ToUnicode');
      if (symbolic && toUnicode && descriptor instanceof Ref) mustMap.set(descriptor.key, [...(mustMap.get(descriptor.key) ?? []), toUnicode]);
      judge(descriptor, toUnicode !== undefined && named(dict.name('BaseFont')) && dict.get('FontMatrix') === undefined);
    } else {
      // Any other font (a CIDFont, a Type1, a Type3) that names a descriptor keeps it whole, unless
      // it is a CIDFontType2 descendant, judged with its Type0 font below.
      if (subtype !== 'CIDFontType2') judge(dict.get('FontDescriptor'), false);
    }
  }
  for (const { dict } of objects) {
    if (dict.name('Type') !== 'Font' || dict.name('Subtype') !== 'CIDFontType2') continue;
    // A descendant no Type0 font was found to use is not judged fit.
    judge(dict.get('FontDescriptor'), descendantOk.get(dict) ?? false);
  }

  return { verdict, candidates, mustMap };
}

/**
 * A copy of the PDF in which the TrueType programs that cannot change the reading (above) are
 * named under another key; undefined when there is none. A descendant font that serves both fonts
 * that qualify and fonts that do not (WPS writes 宋体 horizontally and, for a table's vertical
 * label, vertically) is copied without its program for the ones that qualify.
 */
export async function withoutFontPrograms(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  return forPdfjs(bytes, { inflate: false });
}

/** A PDF's plain objects, read once for pdf.js's copy (`forPdfjs`) and for the ruling lines (rulings.ts). */
export interface PdfFile {
  bytes: Uint8Array;
  /** The file as Latin-1 text. */
  text: string;
  /** Every plain object, in file order. */
  objects: PdfObject[];
  /** Each object's versions (more than one: an incremental update). */
  versions: Map<string, PdfObject[]>;
  /** The streams `forPdfjs` inflated (`inflatable`), for whoever reads them after it. */
  decoded: Map<PdfObject, Uint8Array>;
}

/**
 * The PDF's plain objects; undefined when it has object streams (objects inside them are not read
 * here: a font there could use a descriptor too) or an object with a stream or a font does not parse.
 */
export function openPdf(bytes: Uint8Array, text: string = latin1(bytes)): PdfFile | undefined {
  if (/\/ObjStm\b/.test(text)) return undefined;
  const objects = plainObjects(text, true);
  if (!objects) return undefined;
  const versions = new Map<string, PdfObject[]>();
  for (const o of objects) {
    const list = versions.get(o.key);
    if (list) list.push(o);
    else versions.set(o.key, [o]);
  }
  return { bytes, text, objects, versions, decoded: new Map() };
}

/**
 * The copy of the PDF pdf.js is given: without the font programs it need not parse (unless
 * `fontPrograms` is false), and with its page contents and ToUnicode maps decoded (unless `inflate`
 * is false; see `inflatable`, whose streams `file` keeps); undefined when it would be the PDF as it is.
 */
export async function forPdfjs(bytes: Uint8Array, { fontPrograms = true, inflate = true } = {}, file = openPdf(bytes)): Promise<Uint8Array | undefined> {
  if (!file) return undefined;
  const { text } = file;
  const objects = file.objects.filter((o) => o.fontWise);
  const byKey = new Map<string, PdfObject[]>();
  for (const o of objects) {
    const versions = byKey.get(o.key);
    if (versions) versions.push(o);
    else byKey.set(o.key, [o]);
  }
  const only = (v: Value | undefined): PdfObject | undefined => onlyVersion(byKey, v);

  const { verdict, candidates, mustMap } = fontPrograms
    ? classify(objects, byKey)
    : { verdict: new Map<string, boolean>(), candidates: [], mustMap: new Map<string, Ref[]>() };
  /** Whether every version of each ToUnicode map a descriptor's symbolic fonts use maps a code. */
  const mapped = async (key: string): Promise<boolean> => {
    for (const ref of mustMap.get(key) ?? []) {
      const versions = byKey.get(ref.key) ?? [];
      if (versions.length === 0) return false;
      for (const version of versions) {
        const cmap = await streamAll(bytes, version);
        if (!cmap || !mapsACode(latin1(cmap))) return false;
      }
    }
    return true;
  };

  /** Where each version of a descriptor names its program, if the descriptor and program qualify. */
  const programKeys = async (key: string): Promise<number[] | undefined> => {
    const found: number[] = [];
    for (const { dict } of byKey.get(key) ?? []) {
      const file = dict.ref('FontFile2');
      const at = dict.keyAt.get('FontFile2');
      if (dict.name('Type') !== 'FontDescriptor' || !named(dict.name('FontName')) || !file || at === undefined) return undefined;
      // The key as written, not with #-escapes: the same length is renamed below.
      if (text.slice(at, at + 10) !== '/FontFile2') return undefined;
      const programs = byKey.get(file.key) ?? [];
      if (programs.length === 0) return undefined;
      for (const program of programs) {
        const head = await streamHead(bytes, program, 4);
        if (!head || !isTrueType(head)) return undefined;
      }
      found.push(at);
    }
    return found.length > 0 ? found : undefined;
  };
  const edits: number[] = [];
  const splits: Split[] = [];
  await Promise.all(
    [...verdict].map(async ([key, ok]) => {
      if (ok) {
        if (await mapped(key)) edits.push(...((await programKeys(key)) ?? []));
        return;
      }
      const shared = candidates.filter((c) => c.descendant.dict.ref('FontDescriptor')?.key === key);
      const descriptor = only(shared[0]?.descendant.dict.get('FontDescriptor'));
      if (!descriptor || shared.length === 0 || !(await programKeys(key))) return;
      for (const c of shared) splits.push({ ...c, descriptor });
    }),
  );
  const streams = inflate ? inflatable(bytes, objects, byKey) : [];
  for (const { object, data } of streams) file.decoded.set(object, data);
  if (edits.length === 0 && splits.length === 0 && streams.length === 0) return undefined;
  const copy = new Uint8Array(bytes);
  // "/FontFile2" becomes "/FontFileX": a key pdf.js does not read, of the same length.
  for (const at of edits) copy[at + 9] = 0x58;
  if (splits.length === 0 && streams.length === 0) return copy;
  const trailer = lastTrailer(text, new Parser(text));
  return (trailer && withUpdate(copy, text, splits, streams, trailer)) ?? (edits.length > 0 ? copy : undefined);
}
