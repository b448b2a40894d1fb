/**
 * Why a file could not be read or decoded, as a finding's message id and data: the same words
 * wherever the bytes came from (the disk, standard input, a file dropped on the web page).
 */
import type { DecodeErrorKind } from './decode-bytes.ts';
import type { DocumentResult } from './document.ts';
import type { MessageId } from './messages.ts';

export type FileErrorKind =
  | DecodeErrorKind
  | 'tooLarge'
  | 'notFound'
  | 'isDirectory'
  | 'notRegular'
  | 'permissionDenied'
  | 'unreadable'
  | 'notDocx'
  | 'notPdf'
  | 'pdfEncrypted'
  | 'pdfScanned'
  | 'pdfUnmapped'
  | 'pdfTooLarge'
  | 'htmlTooDeep'
  | 'docxTooLarge';

export interface FileError {
  kind: FileErrorKind;
  /** Key into src/messages.ts. */
  messageId: MessageId;
  data: Record<string, string | number>;
}

const MESSAGE_IDS: Record<FileErrorKind, MessageId> = {
  empty: 'fileEmpty',
  binary: 'fileBinary',
  undecodable: 'fileUndecodable',
  tooLarge: 'fileTooLarge',
  notFound: 'fileNotFound',
  isDirectory: 'fileIsDirectory',
  notRegular: 'fileNotRegular',
  permissionDenied: 'filePermissionDenied',
  unreadable: 'fileUnreadable',
  notDocx: 'fileNotDocx',
  htmlTooDeep: 'fileHtmlTooDeep',
  docxTooLarge: 'fileDocxTooLarge',
  notPdf: 'fileNotPdf',
  pdfEncrypted: 'filePdfEncrypted',
  pdfScanned: 'filePdfScanned',
  pdfUnmapped: 'filePdfUnmapped',
  pdfTooLarge: 'filePdfTooLarge',
};

export function fileError(kind: FileErrorKind, data: Record<string, string | number> = {}): FileError {
  return { kind, messageId: MESSAGE_IDS[kind], data };
}

/** A document that could not be read (decodeDocument's error) as a file error. */
export function documentError(decoded: Extract<DocumentResult, { error: unknown }>): { error: FileError } {
  return { error: fileError(decoded.error, decoded.data ?? {}) };
}
