/**
 * What a PDF shows, page by page, through pdf.js: each run of text with its box and font size, and
 * the ruling lines the page draws (stroked lines and rectangles, and thin filled rectangles, which
 * WPS and Word draw table borders as). Coordinates are PDF points with the origin at the top left
 * of the page as read, y growing downwards: the page turned so that most of its text runs left to
 * right, whatever its /Rotate (a page shown sideways reads as the upright page; a landscape page
 * drawn turned on a portrait sheet reads as landscape).
 *
 * The pages are read from the content streams here where that is certain (rulings.ts for the
 * ruling lines, own-text.ts and runs.ts for the text, in the shapes pdf.js gives them); when every
 * page of a file reads so, pdf.js is not even loaded. Otherwise pdf.js reads what is not certain: it runs in
 * this thread (no worker), and the CMaps and standard fonts it asks for come from `loadData`, which
 * the caller reads from the pdfjs-dist package on disk (never from a URL).
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { forPdfjs, openPdf } from './font-programs.ts';
import { inflatesBeyond, latin1 } from './inflation.ts';
import { InThreadPort } from './port.ts';
import type { OwnTextContent, TextItem } from './own-text.ts';
import { documentPages, inflateForReading, OPS, type PageContent, type PageEntry, type PathOps, pathOpsReader } from './rulings.ts';

export interface PdfText {
  str: string;
  /** Left, top, right and bottom of the run's box. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Font size (points). */
  size: number;
  /** Bold by font name (…Bold, …Heavy, 黑体). */
  bold: boolean;
}

/** A horizontal (y0 === y1) or vertical (x0 === x1) ruling line. */
export interface PdfLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  texts: PdfText[];
  lines: PdfLine[];
  /**
   * The page's text is an OCR layer: nearly all of it (90 %) drawn invisible over an image that
   * covers the page (a scan with its recognised text); known only where the text was read from the
   * content streams (own-text.ts), not from pdf.js.
   */
  ocr?: true;
}

export type PdfDataKind = 'cmap' | 'standardFont';

export interface ExtractOptions {
  /** Reads a file of the pdfjs-dist package: `cmaps/NAME` or `standard_fonts/NAME`. */
  loadData?: (kind: PdfDataKind, name: string) => Promise<Uint8Array>;
  /**
   * Have pdf.js parse every embedded font program, even those that cannot change the reading
   * (font-programs.ts); the same pages either way, slower. For tests that hold the two equal.
   */
  keepFontPrograms?: boolean;
  /**
   * Give pdf.js the page contents and ToUnicode maps compressed, as the file has them (by default
   * they are inflated once, here, instead of once per pass: font-programs.ts `inflatable`); the
   * same pages either way, slower. For tests.
   */
  keepStreamsCompressed?: boolean;
  /**
   * Run pdf.js through its own fake worker, which structured-clones every message (port.ts hands
   * the operator lists over as they are); the same pages either way, slower. For tests.
   */
  pdfjsLoopback?: boolean;
  /**
   * Read the ruling lines from pdf.js's operator list on every page, even where they are read here
   * from the content streams (rulings.ts); the same pages either way, slower. For tests.
   */
  operatorList?: boolean;
  /**
   * Read the text with pdf.js's text content on every page, even where it is read here from the
   * content streams (own-text.ts, runs.ts); the same text and tables read either way (but where
   * pdf.js's text content drops glyphs or spaces letters set apart by Tc), slower. For tests.
   */
  pdfjsText?: boolean;
  /**
   * For tests: counts the pages whose ruling lines were read here (rulings.ts), not by pdf.js, the
   * pages whose text was, and the files read without pdf.js.
   */
  counts?: { ownRulings: number; ownText?: number; withoutPdfjs?: number };
}

export type PdfErrorKind = 'pdfEncrypted' | 'notPdf' | 'pdfTooLarge';
export type ExtractResult = { pages: PdfPage[] } | { error: PdfErrorKind };

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Thicker than this, a filled rectangle is a shading, not a line. */
const THIN = 2.5;
/**
 * Word's thickest border (6 pt): a filled rectangle up to this thick is a border too when it is
 * long for its thickness (a 3 pt outer frame drawn as a fill); a shading is as tall as a row of text.
 */
const BORDER = 6;
/** As long as this many times its thickness, a fill up to BORDER thick is a border, alone or with the pieces it continues. */
const LONG = 8;
const longThin = (thick: number, long: number): boolean => (thick <= THIN && long > thick) || (thick <= BORDER && long >= LONG * thick);

/** Farther than this from both axes (the sine of 5°), a run is turned across the page. */
const SLANT = Math.sin(Math.PI / 36);

type PdfJs = typeof PdfJsModule;
/** pdf.js's worker code: what `pdf.worker.mjs` exports. */
interface PdfJsWorker {
  WorkerMessageHandler: { initializeFromPort(port: InThreadPort): void };
}
let loaded: Promise<{ lib: PdfJs; worker: PdfJsWorker }> | undefined;

/** An identity matrix: what pdf.js's display layer builds when it loads (it renders nothing here). */
class StandInMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
}

/**
 * The built-ins that pdf.js's legacy build (core-js, bundled) may replace when it loads. core-js
 * replaces some that Node has natively, for corner cases of the specification that pdf.js does not
 * meet, with slower JavaScript: on Node 20 `Array.prototype.push` (≈ 9 % of reading a PDF, and every
 * push of the whole process after it, the linter's too) and `JSON.parse`.
 */
function builtInHolders(): object[] {
  const typedArray = Object.getPrototypeOf(Uint8Array) as object & { prototype: object };
  const iterator = Object.getPrototypeOf(Object.getPrototypeOf([].values())) as object;
  return [
    globalThis,
    Object,
    Array,
    Array.prototype,
    Map,
    Map.prototype,
    Set.prototype,
    WeakMap.prototype,
    Promise,
    Math,
    JSON,
    URL,
    URLSearchParams.prototype,
    ArrayBuffer.prototype,
    typedArray,
    typedArray.prototype,
    Uint8Array,
    Uint8Array.prototype,
    iterator,
  ];
}

type Snapshot = Map<object, Map<PropertyKey, PropertyDescriptor>>;

function snapshotBuiltIns(): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const holder of builtInHolders()) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(holder)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
      if (descriptor) own.set(key, descriptor);
    }
    snapshot.set(holder, own);
  }
  return snapshot;
}

/** Puts back what was there before; what was missing (and pdf.js needs) stays polyfilled. */
function restoreBuiltIns(snapshot: Snapshot): void {
  for (const [holder, own] of snapshot) {
    for (const [key, before] of own) {
      const now = Reflect.getOwnPropertyDescriptor(holder, key);
      if (now && Object.is(now.value, before.value) && now.get === before.get && now.set === before.set) continue;
      if (before.configurable || now === undefined) Reflect.defineProperty(holder, key, before);
    }
  }
}

/**
 * pdf.js base64-encodes every font it hands its display layer (for the CSS rule, `toBase64`). Where
 * the platform has no `Uint8Array.prototype.toBase64` (Node before 25), core-js's polyfill does it
 * in JavaScript: 60–100 ms for the 1.3–1.8 MB of fonts of a WPS-made report, a third of the
 * reading. In Node, a plain call on a Uint8Array goes to Node's encoder (the same text); any other
 * call (options, a detached or foreign array) stays with the polyfill.
 */
function fastToBase64(): void {
  const proto = Uint8Array.prototype as Uint8Array & { toBase64?: (this: Uint8Array, options?: unknown) => string };
  const polyfill = proto.toBase64;
  const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string } } })
    .Buffer;
  const descriptor = Reflect.getOwnPropertyDescriptor(proto, 'toBase64');
  if (!polyfill || !NodeBuffer || !descriptor?.configurable) return;
  Reflect.defineProperty(proto, 'toBase64', {
    ...descriptor,
    value: function toBase64(this: Uint8Array, options?: unknown): string {
      if (options === undefined && this instanceof Uint8Array && this.byteLength > 0)
        return NodeBuffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
      return polyfill.call(this, options);
    },
  });
}

/** pdf.js with its worker code in this thread (pdf.js looks for `globalThis.pdfjsWorker`). */
async function pdfjs(): Promise<{ lib: PdfJs; worker: PdfJsWorker }> {
  loaded ??= (async () => {
    // In Node, pdf.js's display layer wants DOMMatrix, ImageData and Path2D when it loads (from the
    // optional @napi-rs/canvas, for rendering). Reading text and lines needs none of them: stand-ins
    // let it load, and its warnings about the missing canvas are not the user's concern.
    const g = globalThis as Record<string, unknown>;
    g['DOMMatrix'] ??= StandInMatrix;
    g['ImageData'] ??= class ImageData {};
    g['Path2D'] ??= class Path2D {};
    const warn = console.warn;
    console.warn = () => undefined;
    const builtIns = snapshotBuiltIns();
    const hadToBase64 = 'toBase64' in Uint8Array.prototype;
    try {
      // @ts-expect-error -- pdf.js ships no declarations for its worker module.
      const worker = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as PdfJsWorker;
      g['pdfjsWorker'] = worker;
      return { lib: await import('pdfjs-dist/legacy/build/pdf.mjs'), worker };
    } finally {
      restoreBuiltIns(builtIns);
      if (!hadToBase64) fastToBase64();
      console.warn = warn;
    }
  })();
  return loaded;
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  // "%PDF-" within the first KB (some writers put junk before it).
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');
}

/**
 * Where pdf.js's display layer puts the fonts it gets, in Node (no document): it adds each font as
 * a CSS rule, and nothing is drawn here, so the rule goes nowhere. Without a document to put it in,
 * pdf.js would fall back to building the outline of every glyph shown (a sixth of the reading).
 * In a browser pdf.js gets `disableFontFace` instead, which keeps the report's fonts out of the page.
 */
const nowhere = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/** The CMaps and standard fonts read so far, by loader: the same few files serve every PDF of a run. */
const dataCache = new WeakMap<Loader, Map<string, Promise<Uint8Array>>>();

type Loader = NonNullable<ExtractOptions['loadData']>;

function cachedLoad(loadData: Loader): Loader {
  let cache = dataCache.get(loadData);
  if (!cache) dataCache.set(loadData, (cache = new Map()));
  const read = cache;
  return (kind, name) => {
    const key = `${kind}/${name}`;
    let data = read.get(key);
    if (!data) {
      data = loadData(kind, name);
      read.set(key, data);
      data.catch(() => read.delete(key));
    }
    return data;
  };
}

export async function extractPdf(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractResult> {
  if (!looksLikePdf(bytes)) return { error: 'notPdf' };
  // The file as Latin-1 text, once: for the bomb check and for its plain objects.
  const text = latin1(bytes);
  if (await inflatesBeyond(bytes, { text })) return { error: 'pdfTooLarge' };
  // The file's plain objects, read once: for the pages read here and for pdf.js's copy.
  const file = openPdf(bytes, text);
  const reader = file ? once(pathOpsReader(file)) : undefined;
  // In a browser (no zlib), the streams the reader reads are inflated first, asynchronously.
  if (file && reader) await inflateForReading(file);
  // Every page's text and ruling lines read with certainty here: pdf.js is not even loaded.
  const own = file && reader && !options.operatorList && !options.pdfjsText ? ownPages(file, reader, options.counts) : undefined;
  if (own) return { pages: own };
  const { lib, worker } = await pdfjs();
  const loadData = options.loadData && cachedLoad(options.loadData);
  class DataFactory {
    async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
      if (!loadData) throw new Error(`no ${kind} data`);
      // A copy: pdf.js may transfer (detach) what it gets, and the cache keeps the original.
      return new Uint8Array(await loadData(kind === 'cMapUrl' ? 'cmap' : 'standardFont', filename));
    }
  }
  const inBrowser = 'document' in globalThis;
  // pdf.js's worker code in this thread, as its fake worker runs it, through a port that does not
  // clone the operator lists (port.ts).
  let port: InThreadPort | undefined;
  let pdfWorker: InstanceType<PdfJs['PDFWorker']> | undefined;
  if (!options.pdfjsLoopback) {
    port = new InThreadPort();
    worker.WorkerMessageHandler.initializeFromPort(port);
    // The declared type says no port (a JSDoc default); the parameters it documents take one.
    pdfWorker = new lib.PDFWorker({ port, verbosity: 0 } as unknown as ConstructorParameters<PdfJs['PDFWorker']>[0]);
  }
  const close = async (): Promise<void> => {
    await task.destroy().catch(() => undefined);
    pdfWorker?.destroy();
    port?.terminate();
  };
  const task = lib.getDocument({
    // pdf.js may transfer (detach) the buffer it gets: give it a copy, without the font programs
    // it need not parse and with the streams it would inflate twice inflated (font-programs.ts).
    data: (await forPdfjs(bytes, { fontPrograms: !options.keepFontPrograms, inflate: !options.keepStreamsCompressed }, file)) ?? new Uint8Array(bytes),
    BinaryDataFactory: DataFactory,
    cMapUrl: 'cmaps/',
    cMapPacked: true,
    standardFontDataUrl: 'standard_fonts/',
    useWorkerFetch: false,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: inBrowser,
    ...(inBrowser ? {} : { ownerDocument: nowhere }),
    stopAtErrors: false,
    verbosity: 0,
    // No image is decoded: text and lines are all that is read (a seal or a scan costs nothing).
    maxImageSize: 0,
    ...(pdfWorker ? { worker: pdfWorker } : {}),
  } as Parameters<PdfJs['getDocument']>[0]);
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await close();
    const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
    return { error: name === 'PasswordException' ? 'pdfEncrypted' : 'notPdf' };
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      // What of the page reads here: its ruling lines' ops, and its text unless pdf.js is asked for it.
      const wanted = !options.operatorList || !options.pdfjsText;
      const own: PageContent | undefined = reader && wanted && page.ref ? reader(page.ref, options.pdfjsText ? undefined : { view: page.view }) : undefined;
      const ops = options.operatorList ? undefined : own?.ops;
      if (ops && options.counts) options.counts.ownRulings++;
      if (own?.text && options.counts) options.counts.ownText = (options.counts.ownText ?? 0) + 1;
      pages.push(await readPage(page, n, ops, own?.text));
    }
    return { pages };
  } catch {
    return { error: 'notPdf' };
  } finally {
    await close();
  }
}

/** The reader, each page read once (the pages read before pdf.js is asked are not read again for it). */
function once(reader: ReturnType<typeof pathOpsReader>): ReturnType<typeof pathOpsReader> {
  if (!reader) return undefined;
  const read = new Map<string, PageContent | undefined>();
  return (page, text) => {
    const key = `${page.num} ${page.gen} ${text ? text.view.join(' ') : '-'}`;
    if (!read.has(key)) read.set(key, reader(page, text));
    return read.get(key);
  };
}

/** The pages, when every one reads here with certainty (text and ruling lines); else undefined. */
function ownPages(
  file: NonNullable<ReturnType<typeof openPdf>>,
  reader: NonNullable<ReturnType<typeof pathOpsReader>>,
  counts: ExtractOptions['counts'],
): PdfPage[] | undefined {
  const entries = documentPages(file);
  if (!entries) return undefined;
  const pages: PdfPage[] = [];
  try {
    for (const [k, entry] of entries.entries()) {
      const own = reader(entry.ref, { view: entry.view });
      if (!own?.text) return undefined;
      const viewport = viewportOf(entry, uprightRotation(own.text) ?? entry.rotate);
      pages.push(pageOf(k + 1, viewport, own.text, own.ops));
    }
  } catch {
    // A fault here: pdf.js reads the file.
    return undefined;
  }
  if (counts) {
    counts.ownRulings += pages.length;
    counts.ownText = (counts.ownText ?? 0) + pages.length;
    counts.withoutPdfjs = (counts.withoutPdfjs ?? 0) + 1;
  }
  return pages;
}

/**
 * The page seen upright (`rotation`, clockwise): its size and the transform from its user space
 * to the page as read (origin at the top left, y down), turned about the box's centre.
 */
function viewportOf(entry: PageEntry, rotation: number): { width: number; height: number; transform: Matrix } {
  const [x0, y0, x1, y1] = entry.view;
  const cx = (x1 + x0) / 2;
  const cy = (y1 + y0) / 2;
  // The turn's matrix, with y flipped: 0 → (x, −y), 90 → (y, x), 180 → (−x, y), 270 → (−y, −x).
  const [a, b, c, d] = ({ 0: [1, 0, 0, -1], 90: [0, 1, 1, 0], 180: [-1, 0, 0, 1], 270: [0, -1, -1, 0] } as Record<number, number[]>)[rotation] ?? [1, 0, 0, -1];
  const sideways = a === 0;
  const offsetX = sideways ? Math.abs(cy - y0) : Math.abs(cx - x0);
  const offsetY = sideways ? Math.abs(cx - x0) : Math.abs(cy - y0);
  return {
    width: sideways ? y1 - y0 : x1 - x0,
    height: sideways ? x1 - x0 : y1 - y0,
    transform: [
      a as number,
      b as number,
      c as number,
      d as number,
      offsetX - (a as number) * cx - (c as number) * cy,
      offsetY - (b as number) * cx - (d as number) * cy,
    ],
  };
}

type Page = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

async function readPage(page: Page, number: number, ownOps: PathOps | undefined, ownText: OwnTextContent | undefined): Promise<PdfPage> {
  const content: TextContentLike = ownText ?? (await page.getTextContent());
  const viewport = page.getViewport({ scale: 1, rotation: uprightRotation(content) ?? page.rotate });
  // The operator list only where the ruling lines' ops were not read here (rulings.ts).
  const ops = ownOps ?? (await page.getOperatorList());
  page.cleanup();
  return pageOf(number, { width: viewport.width, height: viewport.height, transform: viewport.transform as Matrix }, content, ops);
}

/** What a page's text content gives (pdf.js's, or own-text.ts's in its shape). */
interface TextContentLike {
  items: (TextItem | object)[];
  styles: Record<string, { fontFamily: string }>;
}

function pageOf(
  number: number,
  viewport: { width: number; height: number; transform: Matrix },
  content: TextContentLike,
  ops: Pick<PathOps, 'fnArray' | 'argsArray'> | { fnArray: number[]; argsArray: unknown[] },
): PdfPage {
  const view = viewport.transform;
  // A number the paper's edge cuts (a table wider than the page: “1,560,035” shows as “1,560”) is
  // not legible whole: left out, its cell reads as empty (a finding), never as the part that shows.
  const texts = textsOf(content, view).filter((t) => !(/\d/.test(t.str) && (t.x0 < -0.5 || t.x1 > viewport.width + 0.5)));
  const lines = linesOf(ops, view);
  const own = 'pageImage' in content ? (content as OwnTextContent) : undefined;
  const ocr = own?.pageImage === true && own.glyphs > 0 && own.invisible >= 0.9 * own.glyphs;
  return { number, width: viewport.width, height: viewport.height, texts, lines, ...(ocr ? { ocr } : {}) };
}

/**
 * The page's reading frame: the turn (0, 90, 180 or 270, clockwise, as /Rotate counts) that makes
 * most of its text run left to right, whatever the page's /Rotate says; undefined when no direction
 * holds more than half the characters (the page is then shown as its /Rotate says).
 */
function uprightRotation(content: TextContentLike): number | undefined {
  const chars = [0, 0, 0, 0];
  let total = 0;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const n = item.str.trim().length;
    const [a, b] = item.transform as Matrix;
    if (n === 0 || (a === 0 && b === 0)) continue;
    // User space counts angles anticlockwise; /Rotate turns the page clockwise by as much.
    const quarter = ((Math.round(Math.atan2(b, a) / (Math.PI / 2)) % 4) + 4) % 4;
    chars[quarter] = (chars[quarter] ?? 0) + n;
    total += n;
  }
  const best = chars.indexOf(Math.max(...chars));
  return total > 0 && (chars[best] ?? 0) * 2 > total ? best * 90 : undefined;
}

function textsOf(content: TextContentLike, view: Matrix): PdfText[] {
  const texts: PdfText[] = [];
  const fonts = new Map<string, boolean>();
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const m = multiply(view, item.transform as Matrix);
    const size = Math.hypot(m[2], m[3]);
    if (size <= 0) continue;
    // Text direction on the page as read (the matrix's first column).
    const len = Math.hypot(m[0], m[1]);
    const dx = len > 0 ? m[0] / len : 1;
    const dy = len > 0 ? m[1] / len : 0;
    // A run turned across the page, neither along nor down it (a watermark, a seal's arc), is no
    // paragraph's or cell's text.
    if (Math.abs(dx) > SLANT && Math.abs(dy) > SLANT) continue;
    const ex = m[4] + dx * item.width;
    const ey = m[5] + dy * item.width;
    let bold = fonts.get(item.fontName);
    if (bold === undefined) {
      const style = content.styles[item.fontName];
      const family = style?.fontFamily ?? '';
      bold = /bold|heavy|black|黑体|hei/i.test(`${item.fontName} ${family}`);
      fonts.set(item.fontName, bold);
    }
    texts.push({
      str: item.str,
      x0: Math.min(m[4], ex),
      x1: Math.max(m[4], ex, m[4] + (Math.abs(dx) < 0.5 ? size : 0)),
      y0: Math.min(m[5], ey) - size * 0.85,
      y1: Math.max(m[5], ey) + size * 0.15,
      size,
      bold,
    });
  }
  return texts;
}

/**
 * How far (points) a ruling line's middle may lie outside the clip and still show: half the
 * thickest border (a stroke's width is not read here; a fill's line is its rectangle's middle).
 */
const CLIP_SLACK = BORDER / 2;

/** The region a clip leaves (page as read): [x0, y0, x1, y1], or undefined where nothing is clipped. */
type Clip = readonly [number, number, number, number] | undefined;

/** Whether a line shows at all under the clip: not when it lies wholly outside the clip's box. */
function shows(line: PdfLine, clip: Clip): boolean {
  if (!clip) return true;
  const [x0, y0, x1, y1] = clip;
  return line.x1 >= x0 - CLIP_SLACK && line.x0 <= x1 + CLIP_SLACK && line.y1 >= y0 - CLIP_SLACK && line.y0 <= y1 + CLIP_SLACK;
}

/** The box of a path's points (its curves' control points too, which hold the curve), on the page. */
function pathBox(data: Float32Array, toPage: Matrix): [number, number, number, number] | undefined {
  let box: [number, number, number, number] | undefined;
  for (let k = 0; k < data.length;) {
    const op = data[k];
    const count = op === 0 || op === 1 ? 1 : op === 2 ? 3 : op === 3 ? 2 : 0;
    for (let p = 0; p < count; p++) {
      const [x, y] = apply(toPage, data[k + 1 + 2 * p] ?? 0, data[k + 2 + 2 * p] ?? 0);
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    }
    k += 1 + 2 * count;
  }
  return box;
}

/**
 * The ruling lines of the operator list: stroked straight segments and thin filled rectangles,
 * those wholly outside the clip in force left out (a line drawn and clipped away shows nothing).
 * The clip is kept as the box of its paths, which holds all it lets show: a rectangle (`re W n`,
 * as Word and WPS clip) exactly, any other path as more than it lets show, never less.
 */
function linesOf(ops: Pick<PathOps, 'fnArray' | 'argsArray'> | { fnArray: number[]; argsArray: unknown[] }, view: Matrix): PdfLine[] {
  const lines: PdfLine[] = [];
  const fills = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const strokes = new Set<number>([OPS.stroke, OPS.closeStroke]);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let clip: Clip;
  /** A clip operator seen: the next path painted (or ended) narrows the clip, after it is painted (§8.5.4). */
  let pendingClip = false;
  const stack: { ctm: Matrix; clip: Clip }[] = [];
  const bands: Band[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push({ ctm, clip });
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ({ ctm, clip } = stack.pop() ?? { ctm, clip });
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.clip || fn === OPS.eoClip) pendingClip = true;
    else if (fn === OPS.paintFormXObjectBegin) {
      // A form XObject draws in its own space: its /Matrix, within the graphics state it saves.
      stack.push({ ctm, clip });
      const matrix = args[0] as ArrayLike<number> | null;
      if (matrix) ctm = multiply(ctm, Array.from(matrix) as Matrix);
    } else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as (Float32Array | null)[] | undefined)?.[0];
      const toPage = multiply(view, ctm);
      if (data && (strokes.has(paint) || fills.has(paint))) {
        const drawn: PdfLine[] = [];
        const pieces: Band[] = [];
        for (const points of straightSubpaths(data, toPage)) subpathLines(points, strokes.has(paint), drawn, pieces);
        for (const line of drawn) if (shows(line, clip)) lines.push(line);
        for (const band of pieces) if (shows(band.line, clip)) bands.push(band);
      }
      if (pendingClip && data) {
        const box = pathBox(data, toPage);
        if (box) clip = clip ? [Math.max(clip[0], box[0]), Math.max(clip[1], box[1]), Math.min(clip[2], box[2]), Math.min(clip[3], box[3])] : box;
      }
      pendingClip = false;
    }
  }
  return [...lines, ...thickBorders(bands)];
}

/** The subpaths of a path (pdf.js's packed form) that are made of straight segments only. */
function straightSubpaths(data: Float32Array, toPage: Matrix): [number, number][][] {
  const subpaths: [number, number][][] = [];
  let points: [number, number][] = [];
  let curved = false;
  const flush = (): void => {
    if (points.length >= 2 && !curved) subpaths.push(points);
    points = [];
    curved = false;
  };
  for (let k = 0; k < data.length;) {
    const op = data[k];
    if (op === 0) {
      // moveTo
      flush();
      points.push(apply(toPage, data[k + 1] ?? 0, data[k + 2] ?? 0));
      k += 3;
    } else if (op === 1) {
      // lineTo
      points.push(apply(toPage, data[k + 1] ?? 0, data[k + 2] ?? 0));
      k += 3;
    } else if (op === 2 || op === 3) {
      // curveTo, quadraticCurveTo
      curved = true;
      k += op === 2 ? 7 : 5;
    } else {
      // closePath
      const first = points[0];
      if (first && points.length > 2) points.push(first);
      k += 1;
    }
  }
  flush();
  return subpaths;
}

/**
 * A filled rectangle thicker than THIN (up to BORDER) and longer than thick: a piece of a thick
 * border, or a shading, told apart with the other such pieces (`thickBorders`).
 */
interface Band {
  line: PdfLine;
  thick: number;
}

function subpathLines(points: [number, number][], stroke: boolean, lines: PdfLine[], bands: Band[]): void {
  if (stroke) {
    for (let k = 1; k < points.length; k++) addLine(points[k - 1] as [number, number], points[k] as [number, number], lines);
    return;
  }
  // A filled shape: a thin one is a line; a large one is a shading (a cell's background).
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const w = x1 - x0;
  const h = y1 - y0;
  const horizontal = h <= BORDER && w > h;
  if (!horizontal && !(w <= BORDER && h > w)) return;
  const thick = horizontal ? h : w;
  const out: PdfLine[] = [];
  if (horizontal) addLine([x0, (y0 + y1) / 2], [x1, (y0 + y1) / 2], out);
  else addLine([(x0 + x1) / 2, y0], [(x0 + x1) / 2, y1], out);
  const line = out[0];
  if (!line) return;
  if (thick > THIN) bands.push({ line, thick });
  else if (longThin(thick, horizontal ? w : h)) lines.push(line);
}

const isAlong = (l: PdfLine): boolean => l.y0 === l.y1;
/** Where a line is across its direction, and where it starts and ends along it. */
const across = (l: PdfLine): number => (isAlong(l) ? l.y0 : l.x0);
const from = (l: PdfLine): number => (isAlong(l) ? l.x0 : l.y0);
const to = (l: PdfLine): number => (isAlong(l) ? l.x1 : l.y1);

/**
 * The thick borders among the bands (`Band`): a band long for its thickness (LONG times), and the
 * bands that, with others as thick on the same line each touching the next, make a run that long.
 * Word draws a thick frame a cell's side at a time, each piece as long as its row is tall (a 4.5 pt
 * frame's sides on rows 30 pt tall are pieces 35 pt long); a shading as thin as a border holds no
 * row of text, and its pieces make no such run. Where a run ends, its fill may reach half its
 * thickness past the line it draws (over the corner square where it meets another border): an end
 * within a crossing border's thickness is put on that border's middle, where the frame's line is,
 * and an end that meets none (a frame's side cut by the page's foot) is taken in by half the
 * thickness (else the sides stand out past the table's edges, a sliver of a row).
 */
function thickBorders(bands: Band[]): PdfLine[] {
  const sorted = [...bands].sort((a, b) => Number(isAlong(a.line)) - Number(isAlong(b.line)) || across(a.line) - across(b.line) || from(a.line) - from(b.line));
  const used = new Set<Band>();
  const runs: Band[][] = [];
  for (const first of sorted) {
    if (used.has(first)) continue;
    // The run from `first`: bands as thick on its line, each starting where the run so far ends.
    const run = [first];
    let end = to(first.line);
    for (const b of sorted) {
      if (used.has(b) || b === first || isAlong(b.line) !== isAlong(first.line)) continue;
      if (Math.abs(across(b.line) - across(first.line)) > 0.5 || Math.abs(b.thick - first.thick) > 0.5) continue;
      if (from(b.line) > end + 1 || from(b.line) < from(first.line) - 1) continue;
      run.push(b);
      end = Math.max(end, to(b.line));
    }
    for (const b of run) used.add(b);
    if (end - from(first.line) >= LONG * first.thick) runs.push(run);
    else runs.push(...run.filter((b) => longThin(b.thick, to(b.line) - from(b.line))).map((b) => [b]));
  }
  const borders = runs.flat();
  const out: PdfLine[] = [];
  for (const run of runs) {
    const start = Math.min(...run.map((b) => from(b.line)));
    const end = Math.max(...run.map((b) => to(b.line)));
    for (const { line, thick } of run) {
      const along = isAlong(line);
      const moved = { ...line };
      for (const [key, at, inward] of [
        [along ? 'x0' : 'y0', from(line), 1],
        [along ? 'x1' : 'y1', to(line), -1],
      ] as const) {
        if (at !== (inward > 0 ? start : end)) continue;
        const crossing = borders.find(
          (c) =>
            isAlong(c.line) !== along &&
            Math.abs(across(c.line) - at) <= c.thick / 2 + 0.5 &&
            from(c.line) - 0.5 <= across(line) &&
            across(line) <= to(c.line) + 0.5,
        );
        moved[key] = crossing ? across(crossing.line) : at + (inward * thick) / 2;
      }
      out.push(moved);
    }
  }
  return out;
}

function addLine([x0, y0]: [number, number], [x1, y1]: [number, number], lines: PdfLine[]): void {
  if (Math.abs(y0 - y1) < 0.8 && Math.abs(x0 - x1) >= 1) {
    const y = (y0 + y1) / 2;
    lines.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: y, y1: y });
  } else if (Math.abs(x0 - x1) < 0.8 && Math.abs(y0 - y1) >= 1) {
    const x = (x0 + x1) / 2;
    lines.push({ x0: x, x1: x, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  }
}
