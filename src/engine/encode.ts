/**
 * Writing a report back after `--fix`: in the encoding it was read from, with its byte order mark
 * if it had one. The text keeps its own line endings (fixes only replace what they cover). Neither
 * Node nor a browser has a GB18030 encoder, so such files are not rewritten (the CLI says so).
 * No Buffer: the web page fixes text with the same code.
 */
import type { Encoding } from './decode-bytes.ts';

/** The bytes of `text` in `encoding`, or undefined when it cannot be written in that encoding. */
export function encodeText(text: string, encoding: Encoding, bom = false): Uint8Array | undefined {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
    case 'utf-16le':
    case 'utf-16be':
      return utf16(bom ? `\uFEFF${text}` : text, encoding === 'utf-16le');
    case 'gb18030':
      return undefined;
  }
}

/** The UTF-16 code units of `text`, each as two bytes in the given order (lone surrogates kept as they are, as Node's encoder does). */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

/** Whether --fix can write a file of this encoding back. */
export function canWrite(encoding: Encoding): boolean {
  return encoding !== 'gb18030';
}
