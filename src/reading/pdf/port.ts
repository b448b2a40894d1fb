/**
 * The channel between pdf.js's API and its worker code when both run in this thread: what pdf.js's
 * own fake worker uses (`LoopbackPort`: one port that both sides listen on, each message delivered
 * after the current task, to every listener, which keeps those addressed to it), except for one
 * kind of message.
 *
 * pdf.js structured-clones every message, as a real worker's channel would. An operator list comes
 * in chunks of a thousand operations or so, each with its arguments: the glyphs of every text run
 * (objects of nine fields), the paths, matrices, colours. Cloning them was a tenth of reading a
 * WPS-made report, and the garbage it left more; a page's text content (chunks of ten runs or
 * more) a twentieth. Here such a chunk is handed over as it is, its arrays copied (the worker
 * empties an operator list's arrays once the chunk is sent); a message whose values are all
 * primitives (the streams' pulls and answers) is copied, which is what a structured clone of it
 * is; any other message is cloned as pdf.js clones it.
 *
 * Why sharing a chunk's contents is sound: what pdf.js transfers (the paths' and matrices' typed
 * arrays) it can never touch again, as a real worker's copy is detached once sent; the rest (the
 * operators' argument arrays, built for the operation, and the glyphs, which a font caches and
 * never changes) the worker does not change after the chunk is sent, and the API side only copies
 * the chunk's entries into the page's list (`_renderPageChunk`). A text content chunk's items and
 * styles are made for it (`runBidiTransform` makes each item, `Util.transform` its matrix) and the
 * worker starts new ones once it is sent. The reader only reads what it gets.
 * test/pdf-port.test.ts holds the reading through this port equal to the reading through pdf.js's
 * own, for every PDF the tests have.
 */

type Listener = (this: unknown, event: { data: unknown }) => void;

/** A chunk of an operator list, as the worker's `OperatorList.flush` sends it. */
function isOperatorListChunk(data: unknown): data is { chunk: { fnArray: unknown[]; argsArray: unknown[] } } {
  if (typeof data !== 'object' || data === null || !('chunk' in data)) return false;
  const { chunk } = data;
  return (
    typeof chunk === 'object' && chunk !== null && 'fnArray' in chunk && 'argsArray' in chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)
  );
}

/** A chunk of a page's text content, as the worker's `getTextContent` sends it. */
function isTextContentChunk(data: unknown): data is { chunk: { items: unknown[]; styles: object } } {
  if (typeof data !== 'object' || data === null || !('chunk' in data)) return false;
  const { chunk } = data;
  return typeof chunk === 'object' && chunk !== null && 'items' in chunk && 'styles' in chunk && Array.isArray(chunk.items) && typeof chunk.styles === 'object';
}

const isPlain = (o: object): boolean => Object.getPrototypeOf(o) === Object.prototype;

/** A plain object whose values are all primitives (its structured clone is a shallow copy). */
function isFlat(data: unknown): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null || !isPlain(data)) return false;
  for (const key in data) {
    const v = (data as Record<string, unknown>)[key];
    if (typeof v === 'object' ? v !== null : typeof v === 'function' || typeof v === 'symbol') return false;
  }
  return Object.getOwnPropertySymbols(data).length === 0;
}

/** What pdf.js transfers with a message: the buffers of typed arrays (a DOM `Transferable` in a browser). */
type Transfer = ArrayBuffer[];

/** What the receiving side gets of a message. */
export function handOver(data: unknown, transfer?: Transfer | null): unknown {
  if (isOperatorListChunk(data) && isPlain(data) && isPlain(data.chunk)) {
    return { ...data, chunk: { ...data.chunk, fnArray: data.chunk.fnArray.slice(), argsArray: data.chunk.argsArray.slice() } };
  }
  if (isTextContentChunk(data) && isPlain(data) && isPlain(data.chunk)) return { ...data, chunk: { ...data.chunk, items: data.chunk.items.slice() } };
  // The streams' small messages (pull, enqueue's answer, close) and the like.
  if (isFlat(data) && !transfer?.length) return { ...data };
  return structuredClone(data, transfer ? { transfer } : undefined);
}

/** pdf.js's `LoopbackPort`, with `handOver` instead of `structuredClone`. */
export class InThreadPort {
  #listeners = new Map<Listener, (() => void) | null>();
  #deferred = Promise.resolve();

  postMessage(data: unknown, transfer?: Transfer | null): void {
    const event = { data: handOver(data, transfer) };
    void this.#deferred.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(_name: string, listener: Listener, options: { signal?: AbortSignal } | null = null): void {
    let stopOnAbort: (() => void) | null = null;
    const signal = options?.signal;
    if (signal instanceof AbortSignal) {
      if (signal.aborted) return;
      const onAbort = (): void => this.removeEventListener(_name, listener);
      stopOnAbort = () => signal.removeEventListener('abort', onAbort);
      signal.addEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, stopOnAbort);
  }

  removeEventListener(_name: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const [, stopOnAbort] of this.#listeners) stopOnAbort?.();
    this.#listeners.clear();
  }
}
