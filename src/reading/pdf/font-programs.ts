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
 *  - for a simple font, by the font's `cmap` when the font has no ToUnicode and is symbolic
 *    (`adjustTrueTypeToUnicode`), so a simple font must have a /ToUnicode and not be symbolic;
 *  - without the program, vertical text takes the vertical presentation forms (、 becomes ︑), so
 *    a composite font must be written with /Identity-H;
 *  - without the program, a font named as a standard font gets the standard font's program or
 *    glyph map, so the font's names must carry a subset tag (`ABCDEF+`), which no standard name has.
 * A font must also have a /ToUnicode of its own (the composite font's, or the simple font's): a
 * font without one keeps its program, as the brief of issue #19 asks.
 *
 * Only what the file writes in plain objects is read; a PDF with object streams (where a font
 * could be referenced from where this does not look) is given to pdf.js as it is. A descriptor is
 * left alone unless every font found that uses it qualifies.
 */

type Value = number | boolean | null | string | Name | Ref | Value[] | Dict;

class Name {
  constructor(
    readonly name: string,
    /** Where the name's `/` is in the file. */
    readonly at: number,
  ) {}
}

class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

class Dict {
  readonly values = new Map<string, Value>();
  /** Where each key's `/` is in the file. */
  readonly keyAt = new Map<string, number>();
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

interface PdfObject {
  key: string;
  dict: Dict;
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
        dict.values.set(key.name, this.value());
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

/** The file's plain objects that are dictionaries (and streams), in file order; undefined if unreadable. */
function plainObjects(text: string): PdfObject[] | undefined {
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
    if (endobj < after('stream', 'stream', body) && after('font', '/Font', body) > endobj) {
      header.lastIndex = endobj + 'endobj'.length;
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
    if (value instanceof Dict) {
      const object: PdfObject = { key, dict: value };
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

/** The file as Latin-1 text, one character a byte (Node's Buffer is ten times faster at it). */
function latin1(bytes: Uint8Array): string {
  const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'latin1'): string } } })
    .Buffer;
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : new TextDecoder('latin1').decode(bytes);
}

/** The first bytes of a stream's data, decoded (none: undefined, then the program is kept). */
async function streamHead(bytes: Uint8Array, object: PdfObject, n: number): Promise<Uint8Array | undefined> {
  const { stream, dict } = object;
  if (!stream || dict.get('DecodeParms') !== undefined || dict.get('DP') !== undefined) return undefined;
  const filter = dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  const data = bytes.subarray(stream.start, stream.end);
  if (filters.length === 0) return data.subarray(0, n);
  if (filters.length !== 1 || !(filters[0] instanceof Name) || filters[0].name !== 'FlateDecode') return undefined;
  if (typeof DecompressionStream === 'undefined') return undefined;
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

/** A TrueType program (not OpenType with CFF outlines, not a collection, not CFF or Type1). */
const isTrueType = (head: Uint8Array): boolean =>
  (head[0] === 0x00 && head[1] === 0x01 && head[2] === 0x00 && head[3] === 0x00) ||
  String.fromCharCode(head[0] ?? 0, head[1] ?? 0, head[2] ?? 0, head[3] ?? 0) === 'true';

/**
 * A copy of the PDF in which the TrueType programs that cannot change the reading (above) are
 * named under another key; undefined when there is none.
 */
export async function withoutFontPrograms(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const text = latin1(bytes);
  // Objects inside object streams are not read here: a font there could use a descriptor too.
  if (/\/ObjStm\b/.test(text)) return undefined;
  const objects = plainObjects(text);
  if (!objects) return undefined;
  const byKey = new Map<string, PdfObject[]>();
  for (const o of objects) {
    const versions = byKey.get(o.key);
    if (versions) versions.push(o);
    else byKey.set(o.key, [o]);
  }
  const dictsOf = (v: Value | undefined): Dict[] => (v instanceof Dict ? [v] : v instanceof Ref ? (byKey.get(v.key) ?? []).map((o) => o.dict) : []);

  /** Per descriptor: whether every font found that uses it qualifies. */
  const verdict = new Map<string, boolean>();
  const judge = (descriptor: Value | undefined, ok: boolean): void => {
    if (descriptor instanceof Ref) verdict.set(descriptor.key, (verdict.get(descriptor.key) ?? true) && ok);
  };
  const named = (...names: (string | undefined)[]): boolean => names.every((n) => n !== undefined && SUBSET.test(n));
  const hasToUnicode = (d: Dict): boolean => d.get('ToUnicode') instanceof Ref;
  /** The descendants that some Type0 font uses, and whether all those fonts qualify. */
  const descendantOk = new Map<Dict, boolean>();
  for (const { dict } of objects) {
    if (dict.name('Type') !== 'Font') continue;
    const subtype = dict.name('Subtype');
    if (subtype === 'Type0') {
      const descendants = dict.get('DescendantFonts');
      const list = Array.isArray(descendants) ? descendants : [descendants];
      const ok = dict.name('Encoding') === 'Identity-H' && hasToUnicode(dict) && dict.get('FontMatrix') === undefined;
      for (const item of list) {
        for (const d of dictsOf(item)) {
          const fine = ok && named(dict.name('BaseFont'), d.name('BaseFont')) && d.get('FontMatrix') === undefined;
          descendantOk.set(d, (descendantOk.get(d) ?? true) && fine);
        }
      }
    } else if (subtype === 'TrueType') {
      const descriptor = dict.get('FontDescriptor');
      const flags = dictsOf(descriptor)[0]?.get('Flags');
      // Bit 3, Symbolic.
      const symbolic = typeof flags !== 'number' || (flags & 4) !== 0;
      judge(descriptor, hasToUnicode(dict) && !symbolic && named(dict.name('BaseFont')) && dict.get('FontMatrix') === undefined);
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

  const edits: number[] = [];
  await Promise.all(
    [...verdict].map(async ([key, ok]) => {
      if (!ok) return;
      const versions = byKey.get(key) ?? [];
      const found: number[] = [];
      for (const { dict } of versions) {
        const file = dict.ref('FontFile2');
        const at = dict.keyAt.get('FontFile2');
        if (dict.name('Type') !== 'FontDescriptor' || !named(dict.name('FontName')) || !file || at === undefined) return;
        // The key as written, not with #-escapes: the same length is renamed below.
        if (text.slice(at, at + 10) !== '/FontFile2') return;
        const programs = byKey.get(file.key) ?? [];
        if (programs.length === 0) return;
        for (const program of programs) {
          const head = await streamHead(bytes, program, 4);
          if (!head || !isTrueType(head)) return;
        }
        found.push(at);
      }
      edits.push(...found);
    }),
  );
  if (edits.length === 0) return undefined;
  const copy = new Uint8Array(bytes);
  // "/FontFile2" becomes "/FontFileX": a key pdf.js does not read, of the same length.
  for (const at of edits) copy[at + 9] = 0x58;
  return copy;
}
