import type { ActualRecord, ActualSource, DedupeKind, Measure, RejectedRow } from '../actual-record';
import { fail, ok, type Result } from '../../result';
import { checkDay } from './bucket-format';
import { BucketTable } from './bucket-table';
import { DimensionInterner } from './dimension-interner';
import {
  type ImportMeta,
  type ImportPreview,
  MAX_IMPORT_DAYS,
  PREVIEW_EXAMPLES,
  type ReadSummary,
} from './import-types';
import { finishImport } from './finish-import';
import { requestHolders } from './ledger-index';
import type { ActualsLedger, StoredBatch } from './ledger-schema';
import { ID_WORDS, IdHashMap, IdList, IdSet, hashRequestId } from './request-ids';
import type { PriceBook } from '../../pricing/price-book';

/** The measure a source's amounts are in. A csv mapping profile may say another. */
export function defaultMeasure(source: ActualSource): Measure {
  switch (source) {
    case 'openai-costs':
    case 'openai-costs-api':
    case 'csv':
      return 'billed';
    case 'litellm':
    case 'litellm-daily':
    case 'jsonl':
      return 'metered';
    case 'openai-images-usage':
    case 'openai-completions-usage':
      return 'usage';
  }
}

/** Per-request logs deduplicate by request id; everything aggregated is keyed by day and dimensions. */
export function defaultDedupe(source: ActualSource): DedupeKind {
  return source === 'litellm' || source === 'jsonl' ? 'per-request' : 'keyed';
}

const MAX_DAYS = MAX_IMPORT_DAYS;

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Why a record cannot be counted (the reader validates; this keeps the ledger safe from any caller). */
function countProblem(r: ActualRecord): string | null {
  const t = r.tokens;
  if (
    isCount(r.images) &&
    isCount(r.requests) &&
    isCount(r.failedRequests) &&
    isCount(t.textIn) &&
    isCount(t.textCachedIn) &&
    isCount(t.imageIn) &&
    isCount(t.imageCachedIn) &&
    isCount(t.audioIn) &&
    isCount(t.textOut) &&
    isCount(t.imageOut) &&
    isCount(t.audioOut)
  )
    return null;
  const named: [string, number][] = [
    ['images', r.images],
    ['requests', r.requests],
    ['failed requests', r.failedRequests],
    ...Object.entries(t as unknown as Record<string, number>).map(([k, v]): [string, number] => [`${k} tokens`, v]),
  ];
  const [name, value] = named.find(([, v]) => !isCount(v)) ?? ['a count', NaN];
  return `${name} must be a whole number from 0, found ${value}`;
}

/** What finishImport needs of an accumulator's state (read-only from there). */
export interface AccumulatedImport {
  readonly ledger: ActualsLedger;
  readonly meta: ImportMeta;
  readonly measure: Measure;
  readonly dedupe: DedupeKind;
  readonly sameFile: StoredBatch | null;
  readonly dims: DimensionInterner;
  readonly days: readonly string[];
  readonly buckets: BucketTable;
  /** Keyed: the next lines (after BucketSum.firstLine) of buckets with several rows. */
  readonly lines: ReadonlyMap<number, number[]>;
  /** Per-request: the distinct request ids of the file (empty for other imports). */
  readonly fileIds: IdSet;
  readonly heldBack: HeldBackColumns;
  readonly heldByBatch: ReadonlyMap<number, number>;
  readonly inFileDuplicates: number;
  readonly inFileExamples: readonly { readonly line: number; readonly requestId: string }[];
  readonly rejected: readonly RejectedRow[];
  readonly rowsWithoutAmount: number;
  readonly negativeAmounts: number;
  readonly futureDates: number;
  readonly amountsIgnored: number;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

/** Requests an earlier batch holds, in columns (a large overlapping log can have a million of them). */
export class HeldBackColumns {
  readonly ids = new IdList();
  readonly dims: number[] = [];
  readonly days: number[] = [];
  readonly records: ActualRecord[] = [];
  get length(): number {
    return this.records.length;
  }
}

/**
 * Streams one file's records into buckets, deduplicating as it goes: feed records in chunks of any size
 * (`add`, `addAll`), then `finish` gives the preview. Records are never kept (held-back requests keep
 * their record until finish), so a million-row file costs its buckets and its request id hashes.
 */
export class ImportAccumulator implements AccumulatedImport {
  readonly measure: Measure;
  readonly dedupe: DedupeKind;
  /** An earlier batch with the same content hash: this import adds nothing. */
  sameFile: StoredBatch | null;
  readonly dims = new DimensionInterner();
  readonly days: string[] = [];
  readonly buckets = new BucketTable();
  readonly lines = new Map<number, number[]>();
  readonly fileIds = new IdSet();
  readonly heldBack = new HeldBackColumns();
  readonly heldByBatch = new Map<number, number>();
  readonly inFileExamples: { line: number; requestId: string }[] = [];
  readonly rejected: RejectedRow[] = [];
  inFileDuplicates = 0;
  rowsWithoutAmount = 0;
  negativeAmounts = 0;
  futureDates = 0;
  amountsIgnored = 0;
  firstDay: string | null = null;
  lastDay: string | null = null;
  private readonly dayIds = new Map<string, number>();
  private readonly withAmount: boolean;
  private readonly holders: IdHashMap | null;
  private finished = false;
  private readonly hash = new Uint32Array(ID_WORDS);

  constructor(
    readonly ledger: ActualsLedger,
    public meta: ImportMeta,
  ) {
    this.measure = meta.measure ?? defaultMeasure(meta.source);
    this.dedupe = meta.dedupe ?? defaultDedupe(meta.source);
    this.sameFile = meta.sha256 === '' ? null : (ledger.batches.find((b) => b.sha256 === meta.sha256) ?? null);
    this.withAmount = this.measure !== 'usage';
    const perRequest = this.dedupe === 'per-request';
    this.holders = perRequest ? requestHolders(ledger.batches, this.measure) : null;
  }

  addAll(records: Iterable<ActualRecord>): void {
    for (const r of records) this.add(r);
  }

  add(r: ActualRecord): void {
    if (this.sameFile) return; // the same file again adds nothing: no need to look at it
    const day = this.dayId(r);
    if (day < 0) return;
    const problem = countProblem(r);
    if (problem !== null) {
      this.reject(r, null, problem);
      return;
    }
    if (r.flags.length > 0) {
      if (r.flags.includes('negative-amount')) this.negativeAmounts += 1;
      if (r.flags.includes('future-date')) this.futureDates += 1;
    }
    if (r.amountUsd === null) {
      if (this.withAmount) this.rowsWithoutAmount += 1;
    } else if (!this.withAmount) this.amountsIgnored += 1;
    const dim = this.dims.id(r.dims);
    const perRequest = this.dedupe === 'per-request';
    if (perRequest && r.requestId !== null && !this.admitRequest(r, r.requestId, dim, day)) return;
    const key = dim * MAX_DAYS + day;
    const fresh = this.buckets.add(key, r, this.withAmount);
    if (!fresh && this.dedupe === 'keyed') this.noteSummedLine(key, r.line);
  }

  /** Per-request: false when the request is a duplicate or held back (an earlier batch holds it). */
  private admitRequest(r: ActualRecord, requestId: string, dim: number, day: number): boolean {
    const h = this.hash;
    hashRequestId(requestId, h, 0);
    if (!this.fileIds.add(h, 0)) {
      this.inFileDuplicates += 1;
      if (this.inFileExamples.length < PREVIEW_EXAMPLES) this.inFileExamples.push({ line: r.line, requestId });
      return false;
    }
    const holders = this.holders;
    const holder = holders === null || holders.size === 0 ? -1 : holders.get(h, 0);
    if (holder < 0) return true;
    this.heldByBatch.set(holder, (this.heldByBatch.get(holder) ?? 0) + 1);
    const held = this.heldBack;
    held.ids.push(h, 0);
    held.dims.push(dim);
    held.days.push(day);
    held.records.push(r);
    return false;
  }

  /** Keyed: the first lines of a key that several rows share (the preview shows them). */
  private noteSummedLine(key: number, line: number): void {
    let lines = this.lines.get(key);
    if (lines === undefined) {
      if (this.lines.size >= PREVIEW_EXAMPLES * 50) return;
      lines = [];
      this.lines.set(key, lines);
    }
    if (lines.length < 3) lines.push(line);
  }

  private dayId(r: ActualRecord): number {
    const known = this.dayIds.get(r.day);
    if (known !== undefined) return known;
    if (checkDay(r.day) === null) {
      this.reject(r, 'day', `"${r.day}" is not a UTC day written YYYY-MM-DD`);
      return -1;
    }
    if (this.days.length >= MAX_DAYS) {
      this.reject(r, 'day', `one import can cover at most ${MAX_DAYS} different days`);
      return -1;
    }
    const id = this.days.length;
    this.days.push(r.day);
    this.dayIds.set(r.day, id);
    if (this.firstDay === null || r.day < this.firstDay) this.firstDay = r.day;
    if (this.lastDay === null || r.day > this.lastDay) this.lastDay = r.day;
    return id;
  }

  private reject(r: ActualRecord, column: string | null, reason: string): void {
    this.rejected.push({ file: this.meta.fileName, line: r.line, column, reason });
  }

  /**
   * Names the file's content hash when it is known only once the file was read (hashed in the same pass as
   * the records): a file imported before is then recognised, and finish adds nothing.
   */
  identify(sha256: string): Result<void> {
    if (!SHA256.test(sha256)) return fail(`sha256: expected 64 lowercase hex digits, found "${sha256}"`);
    this.meta = { ...this.meta, sha256 };
    this.sameFile = this.ledger.batches.find((b) => b.sha256 === sha256) ?? null;
    return ok(undefined);
  }

  /**
   * The preview of this import against the ledger it started from; with `book` (the plan's price book), it
   * names the file's usage that book cannot price.
   */
  finish(read: ReadSummary, book: PriceBook | null = null): ImportPreview {
    if (this.meta.sha256 === '') throw new Error('internal: identify() the file before finish()');
    if (this.finished) throw new Error('internal: an import is finished once (finish hands its request ids on)');
    this.finished = true;
    return finishImport(this, read, book);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** Starts an import into `ledger`; fails only when the caller's metadata is malformed. */
export function startImport(ledger: ActualsLedger, meta: ImportMeta): Result<ImportAccumulator> {
  if (meta.sha256 !== '' && !SHA256.test(meta.sha256))
    return fail(`sha256: expected 64 lowercase hex digits, found "${meta.sha256}"`);
  if (!UTC_TIME.test(meta.importedAt))
    return fail(`importedAt: expected an ISO UTC time such as 2026-11-21T09:30:00Z, found "${meta.importedAt}"`);
  if (meta.batchId !== undefined && (meta.batchId.length === 0 || meta.batchId.length > 64))
    return fail('batchId: expected 1 to 64 characters');
  return ok(new ImportAccumulator(ledger, meta));
}

/** previewImport for records already at hand (tests, small files): start, add them all, finish. */
export function previewImport(
  ledger: ActualsLedger,
  input: { readonly meta: ImportMeta; readonly records: Iterable<ActualRecord>; readonly read: ReadSummary },
): Result<ImportPreview> {
  const started = startImport(ledger, input.meta);
  if (!started.ok) return started;
  started.value.addAll(input.records);
  return ok(started.value.finish(input.read));
}
