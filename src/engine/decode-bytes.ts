/**
 * Decoding the bytes of a report: pure (no I/O, no `node:` modules), shared by readReport
 * (decode.ts) and the web page. Besides UTF-8 we meet UTF-16 (Word's "Unicode text") and
 * GB18030/GBK (Windows Notepad on Chinese systems, portal pages in GB2312).
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type DecodeErrorKind = 'empty' | 'binary' | 'undecodable';
/** `bom`: the bytes began with a byte order mark (stripped from `text`; `--fix` writes it back). */
export type DecodeResult = { text: string; encoding: Encoding; bom?: true } | { error: DecodeErrorKind };

/** Decodes the bytes of a report. Pure: no I/O, so every branch is easy to test. */
export function decodeBuffer(buf: Uint8Array): DecodeResult {
  const bom = detectBom(buf);
  if (bom) {
    const text = tryDecode(bom.encoding, buf.subarray(bom.length));
    if (text === undefined) return { error: 'undecodable' };
    const done = finish(text, bom.encoding);
    return 'error' in done ? done : { ...done, bom: true };
  }
  if (!buf.includes(0)) {
    const utf8 = tryDecode('utf-8', buf);
    if (utf8 !== undefined) return finish(utf8, 'utf-8');
    const gb = tryDecode('gb18030', buf);
    // gb18030 accepts most byte soups; only trust it when the result reads as Chinese.
    if (gb !== undefined && looksChinese(gb)) return finish(gb, 'gb18030');
    return { error: 'undecodable' };
  }
  // NUL bytes never occur in UTF-8 or GB18030 text, but do in BOM-less UTF-16.
  const utf16 = sniffUtf16(buf);
  if (utf16) {
    const text = tryDecode(utf16, buf);
    if (text !== undefined) return finish(text, utf16);
  }
  return { error: 'binary' };
}

function finish(text: string, encoding: Encoding): DecodeResult {
  if (text.includes('\0')) return { error: 'binary' };
  if (text.trim() === '') return { error: 'empty' };
  return { text, encoding };
}

function detectBom(buf: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

export function tryDecode(encoding: Encoding, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: the BOM has already been stripped (or was absent); a second one is content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Guesses BOM-less UTF-16 from where the NUL bytes fall. ASCII characters (digits, `|`, `#`,
 * newlines — plentiful in Markdown) have a zero high byte, so in UTF-16LE NULs sit at odd offsets
 * and in UTF-16BE at even ones. CJK characters rarely have a zero byte, so a few strays on the other
 * side are tolerated.
 */
/** Below this many code units, a file's NULs must be in at least half of them to read as UTF-16. */
const SHORT_UNITS = 64;

export function sniffUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (buf.length < 2 || buf.length % 2 !== 0) return undefined;
  const sample = Math.min(buf.length, 64 * 1024);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample; i++) {
    if (buf[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const units = sample / 2;
  const major = Math.max(even, odd);
  const minor = Math.min(even, odd);
  if (major < Math.max(1, units * 0.05) || minor * 10 > major) return undefined;
  // In a tiny file one stray NUL is not a pattern: `# t\n\0\n` is binary, not UTF-16. Short
  // UTF-16 text is mostly ASCII (a NUL in most code units), or has no NUL and is not sniffed.
  if (units < SHORT_UNITS && major * 2 < units) return undefined;
  return odd > even ? 'utf-16le' : 'utf-16be';
}

// CJK punctuation, kana, ideographs (incl. extension A and compatibility), fullwidth forms.
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** Most non-ASCII characters must be CJK: mis-decoded Latin-1 rarely manages that. */
function looksChinese(text: string): boolean {
  let cjk = 0;
  let nonAscii = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (CJK.test(ch)) cjk++;
  }
  return cjk > 0 && cjk * 2 >= nonAscii;
}
