/** Where the CLI's output goes: standard output (waiting for a full pipe) or a file put in place whole. */
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './main.ts';
import { UsageError } from './options.ts';
import type { OutputChunk } from '../formatters/types.ts';

export async function writeOutput(output: OutputChunk, outputFile: string | undefined, io: CliIo): Promise<void> {
  const sink = await openOutput(outputFile, io);
  try {
    await sink.write(output);
    await sink.close();
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

/** Where the output goes, written piece by piece: standard output, or a file replaced at the end. */
interface OutputSink {
  write(chunk: OutputChunk): Promise<void>;
  /** Ends the output with a newline (when there is any) and, for a file, puts it in place. */
  close(): Promise<void>;
  /** Gives up: a file being written is removed, an earlier complete one stays as it was. */
  abort(): Promise<void>;
}

/** Pieces are gathered to this many characters before they are written. */
const OUTPUT_CHUNK = 1 << 16;

/** Where the gathered output goes: how to write a piece, and how to end (or give up) the output. */
interface Target {
  flush(chunk: OutputChunk): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

function stdoutTarget(io: CliIo): Target {
  const stdout = io.stdout as CliIo['stdout'] & { once?: (event: 'drain', listener: () => void) => unknown };
  return {
    flush: async (text) => {
      // A pipe that is full says so: wait for it to drain rather than buffer the whole output.
      if (stdout.write(text) === false && typeof stdout.once === 'function') await new Promise<void>((resolve) => stdout.once?.('drain', resolve));
    },
    finish: async () => undefined,
    abort: async () => undefined,
  };
}

async function fileTarget(outputFile: string, io: CliIo): Promise<Target> {
  const target = path.resolve(io.cwd, outputFile);
  const failed = (err: unknown): UsageError => {
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    return new UsageError('outputWriteFailed', { file: outputFile, detail }, false);
  };
  // Written next to the target, then renamed over it: a failed write (a full disk) leaves no
  // truncated file behind, and an earlier complete one stays as it was. A device or a pipe
  // (/dev/stdout, a FIFO) is written to, never replaced.
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let handle: FileHandle;
  let direct = false;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const existing = await stat(target).catch(() => undefined);
    direct = existing !== undefined && !existing.isFile() && !existing.isDirectory();
    handle = await open(direct ? target : temporary, 'w');
  } catch (err) {
    throw failed(err);
  }
  return {
    flush: async (text) => {
      try {
        await handle.writeFile(text);
      } catch (err) {
        throw failed(err);
      }
    },
    finish: async () => {
      try {
        await handle.close();
        if (!direct) await rename(temporary, target);
      } catch (err) {
        if (!direct) await rm(temporary, { force: true }).catch(() => undefined);
        throw failed(err);
      }
    },
    abort: async () => {
      await handle.close().catch(() => undefined);
      if (!direct) await rm(temporary, { force: true }).catch(() => undefined);
    },
  };
}

export async function openOutput(outputFile: string | undefined, io: CliIo): Promise<OutputSink> {
  let pending: string[] = [];
  let size = 0;
  let last = '';
  const { flush, finish, abort } = outputFile === undefined ? stdoutTarget(io) : await fileTarget(outputFile, io);
  const drain = async (): Promise<void> => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    await flush(text);
  };
  return {
    write: async (text) => {
      if (typeof text !== 'string') {
        // Bytes (xlsx) go out as they are, after the text gathered so far, and get no newline.
        if (text.length === 0) return;
        await drain();
        last = '\n';
        await flush(text);
        return;
      }
      if (text === '') return;
      pending.push(text);
      size += text.length;
      last = text;
      if (size >= OUTPUT_CHUNK) await drain();
    },
    close: async () => {
      if (last !== '' && !last.endsWith('\n')) pending.push('\n');
      await drain();
      await finish();
    },
    abort: async () => {
      pending = [];
      await abort();
    },
  };
}
