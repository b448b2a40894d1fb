/**
 * Digests packed for the run: what a run keeps of every report between its two phases.
 *
 * A digest's tables and prose are some 60 KB of small objects per report (every cell with its
 * span); kept as such for a whole archive they cost gigabytes and make every garbage collection of
 * the main thread walk them. A packed digest keeps the identity (agency, year: what the index of
 * the run needs) as it is and the rest as one compressed string (about 9 KB per report, no
 * pointers for the collector to follow), cheap to send from a worker process and to store in the
 * cache. `unpackDigest` gives back a ReportDigest whose `tables` and `prose` are decoded when a
 * cross-report rule reads them; the last few decoded are kept (a report is read as `current` and
 * then as the `previousYear` of the next year's report).
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import type { PackedDigest } from './outcome.ts';
import type { DigestTable, ProseSegment, ReportDigest, ReportIdentity } from '../rule.ts';
import type { Cell, Row, Span } from '../model/schema.ts';

export type { PackedDigest } from './outcome.ts';

/** Where packed bytes that are not in memory can be read back (a DigestSpool, the cache file). */
export interface ByteSource {
  read(at: readonly [number, number]): Buffer;
  /** Bytes read from here are checked against the digest's id (the cache file: on disk between runs). */
  readonly verify?: boolean;
}

/** A digest whose bytes failed their check (a damaged cache file): the cross-report phase reads them again from the report. */
export class DamagedDigestError extends Error {
  constructor(readonly filePath: string) {
    super(`xxgk-lint: the cached digest of ${filePath} is damaged`);
  }
}

/** The file paths of the digests found damaged since the last call (see DamagedDigestError). */
const damaged = new Set<string>();
export function takeDamaged(): string[] {
  const out = [...damaged];
  damaged.clear();
  return out;
}

type SpanTuple = [number, number, number, number, number, number];
type CellTuple = [string, Cell['kind'], number | null, string, Cell['read'], SpanTuple];
type RowTuple = [string, string, [string, SpanTuple, boolean] | null, Row['status'], CellTuple[], number, Row['decoded']];
type TableTuple = [DigestTable['id'], boolean, DigestTable['template'], string[], RowTuple[]];
type ProseTuple = [string, number, number, number, number | null];
interface Body {
  t: [TableTuple, TableTuple, TableTuple];
  p: ProseTuple[];
}

const span = (s: Span): SpanTuple => [s.start.line, s.start.column, s.start.offset, s.end.line, s.end.column, s.end.offset];
const unspan = (s: SpanTuple): Span => ({ start: { line: s[0], column: s[1], offset: s[2] }, end: { line: s[3], column: s[4], offset: s[5] } });

function packTable(table: DigestTable): TableTuple {
  return [
    table.id,
    table.found,
    table.template,
    [...table.columns],
    table.rows.map((row) => [
      row.id,
      row.label,
      row.found ? [row.found.text, span(row.found.span), row.found.typo] : null,
      row.status,
      row.cells.map((c) => [c.column, c.kind, c.value, c.raw, c.read, span(c.span)]),
      row.valuesFound,
      row.decoded,
    ]),
  ];
}

function unpackTable(t: TableTuple): DigestTable {
  return {
    id: t[0],
    found: t[1],
    template: t[2],
    columns: t[3],
    rows: t[4].map((r) => ({
      id: r[0],
      label: r[1],
      found: r[2] ? { text: r[2][0], span: unspan(r[2][1]), typo: r[2][2] } : null,
      status: r[3],
      cells: r[4].map((c) => ({ column: c[0], kind: c[1], value: c[2], raw: c[3], read: c[4], span: unspan(c[5]) })),
      valuesFound: r[5],
      decoded: r[6],
    })),
  };
}

/**
 * Packs a digest; with `body: false` (no cross-report rule will read it) only the identity is
 * kept, which is all the run's results need (agency and year).
 */
export function packDigest(digest: ReportDigest, options: { body?: boolean } = {}): PackedDigest {
  const identity: ReportIdentity = { agencyText: digest.agencyText, agency: digest.agency, year: digest.year, identifiedBy: digest.identifiedBy };
  if (options.body === false) return { filePath: digest.filePath, ...identity, id: digestId(identity, Buffer.alloc(0)), packed: '', bodyless: true };
  const body: Body = {
    t: [packTable(digest.tables.t2), packTable(digest.tables.t3), packTable(digest.tables.t4)],
    p: digest.prose.map((s) => [s.text, s.line, s.column, s.offset, s.part]),
  };
  // Level 1: nearly the size of the default level at two thirds of the time.
  const bytes = deflateRawSync(JSON.stringify(body), { level: constants.Z_BEST_SPEED });
  return { filePath: digest.filePath, ...identity, id: digestId(identity, bytes), packed: bytes.toString('latin1') };
}

/** The id of a digest: its identity and packed bytes, hashed (see PackedDigest.id). */
export function digestId(identity: ReportIdentity, bytes: Uint8Array): string {
  const { agencyText, agency, year, identifiedBy } = identity;
  const head = JSON.stringify([agencyText, agency, year, identifiedBy.agency, identifiedBy.year]);
  return createHash('sha256').update(head).update('\0').update(bytes).digest('base64url');
}

interface Unpacked {
  tables: ReportDigest['tables'];
  prose: readonly ProseSegment[];
}

/**
 * The bodies decoded last, newest last. A small array, not a Map: a Map whose entries come and go
 * for every report made V8 keep each decoded body far longer than the map did (the main process
 * of a 10,000-report run grew by some 200 MB of such garbage in the cross-report phase).
 */
const recent: Array<[PackedDigest, Unpacked]> = [];
const RECENT = 8;

function body(p: PackedDigest): Unpacked {
  const at = recent.findIndex((entry) => entry[0] === p);
  if (at >= 0) {
    const entry = recent[at] as [PackedDigest, Unpacked];
    if (at !== recent.length - 1) {
      recent.splice(at, 1);
      recent.push(entry);
    }
    return entry[1];
  }
  decoded++;
  if (p.bodyless) throw new Error(`xxgk-lint: the digest of ${p.filePath} was packed without its tables and prose`);
  const b = JSON.parse(inflateRawSync(packedBytes(p)).toString('utf8')) as Body;
  const out: Unpacked = {
    tables: { t2: unpackTable(b.t[0]), t3: unpackTable(b.t[1]), t4: unpackTable(b.t[2]) },
    prose: b.p.map((s) => ({ text: s[0], line: s[1], column: s[2], offset: s[3], part: s[4] })),
  };
  recent.push([p, out]);
  if (recent.length > RECENT) recent.shift();
  return out;
}

/** The packed digest each unpacked one was read from (for its id). */
const sources = new WeakMap<ReportDigest, PackedDigest>();

/** How many packed bodies were decoded so far in this process (tests and the bench: a warm run decodes none). */
let decoded = 0;
export function decodedDigests(): number {
  return decoded;
}

/** A ReportDigest read from a packed one: identity at once, tables and prose when first read. */
export function unpackDigest(p: PackedDigest): ReportDigest {
  const digest = { filePath: p.filePath, agencyText: p.agencyText, agency: p.agency, year: p.year, identifiedBy: p.identifiedBy } as ReportDigest;
  Object.defineProperties(digest, {
    tables: { enumerable: true, get: () => body(p).tables },
    prose: { enumerable: true, get: () => body(p).prose },
  });
  sources.set(digest, p);
  return digest;
}

/** The id of an unpacked digest (undefined for one that was never packed: `related` of lintText). */
export function idOf(digest: ReportDigest): string | undefined {
  return sources.get(digest)?.id;
}

/** The spool (or cache file) each digest whose bytes are not in memory reads them from. */
const spools = new WeakMap<PackedDigest, ByteSource>();

/** The digest with its packed bytes at `at` in `source` (the cache file). */
export function placedDigest(p: Omit<PackedDigest, 'packed' | 'spooled'>, source: ByteSource, at: readonly [number, number]): PackedDigest {
  const placed: PackedDigest = { ...p, packed: '', spooled: at };
  spools.set(placed, source);
  return placed;
}

function packedBytes(p: PackedDigest): Buffer {
  const spool = p.spooled ? spools.get(p) : undefined;
  if (!spool || !p.spooled) return Buffer.from(p.packed, 'latin1');
  let bytes: Buffer | undefined;
  try {
    bytes = spool.read(p.spooled);
  } catch {
    bytes = undefined;
  }
  if (spool.verify && (!bytes || digestId(p, bytes) !== p.id)) {
    damaged.add(p.filePath);
    throw new DamagedDigestError(p.filePath);
  }
  if (!bytes) throw new Error(`xxgk-lint: the packed digest of ${p.filePath} cannot be read back`);
  return bytes;
}
