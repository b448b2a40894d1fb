/**
 * Writing a report back after `--fix`: in the encoding it was read from, with its byte order mark
 * if it had one. The text keeps its own line endings (fixes only replace what they cover). Node
 * has no GB18030 encoder, so such files are not rewritten (the CLI says so).
 */
import type { Encoding } from './decode.ts';

/** The bytes of `text` in `encoding`, or undefined when it cannot be written in that encoding. */
export function encodeText(text: string, encoding: Encoding, bom = false): Uint8Array | undefined {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
    case 'utf-16le':
      return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf16le');
    case 'utf-16be': {
      const le = Buffer.from(bom ? `\uFEFF${text}` : text, 'utf16le');
      return le.swap16();
    }
    case 'gb18030':
      return undefined;
  }
}

/** Whether --fix can write a file of this encoding back. */
export function canWrite(encoding: Encoding): boolean {
  return encoding !== 'gb18030';
}
