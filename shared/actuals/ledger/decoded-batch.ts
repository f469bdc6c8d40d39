import { showValue } from '../../safe-text';
import { fail, ok, type Result } from '../../result';
import {
  type BucketDimensions,
  type DecodedBucket,
  type HeldBackRequest,
  decodeBucket,
  decodeDimensions,
  decodeHeldBack,
} from './bucket-format';
import { type BucketColumns, BucketColumnsBuilder } from './bucket-columns';
import type { ActualsLedger, StoredBatch } from './ledger-schema';
import { ID_WORDS, compareIds, findId, idFromBase64, idsFromBase64 } from './request-ids';

/** A stored batch read into values: what every query and ledger operation works on. */
export interface DecodedBatch {
  readonly dimensions: readonly BucketDimensions[];
  /** In columns: a batch can hold hundreds of thousands of buckets (bucket-columns.ts). */
  readonly buckets: BucketColumns;
  /** Every request id hash in the file, sorted (ID_WORDS words each); empty for keyed batches. */
  readonly ids: Uint32Array;
  readonly heldBack: readonly HeldBackRequest[];
  /** The held-back requests' id hashes, in heldBack order. */
  readonly heldBackIds: Uint32Array;
}

interface CacheEntry {
  readonly dimensions: readonly string[];
  readonly heldBack: readonly string[];
  readonly requestIds: string;
  readonly decoded: DecodedBatch;
}

/**
 * Decoded batches, by the identity of their stored bucket rows. Stored batches are immutable values: a
 * ledger operation that changes only a batch's counts keeps its rows (and so its decoding).
 */
const cache = new WeakMap<readonly string[], CacheEntry>();

function sameDay(a: DecodedBucket, b: DecodedBucket): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.dim - b.dim;
}

/** Reads a stored batch, checking everything the ledger relies on; errors name the batch, row and problem. */
export function decodeBatch(batch: StoredBatch): Result<DecodedBatch> {
  const where = `actuals batch ${batch.id}`;
  const dimensions: BucketDimensions[] = [];
  for (const [i, entry] of batch.dimensions.entries()) {
    const d = decodeDimensions(entry);
    if (typeof d === 'string') return fail(`${where}, dimensions[${i}]: ${d}`);
    if (i > 0 && !((batch.dimensions[i - 1] ?? '') < entry))
      return fail(`${where}, dimensions[${i}]: the dictionary must be sorted, each entry once`);
    dimensions.push(d);
  }
  const builder = new BucketColumnsBuilder(batch.buckets.length);
  let prev: DecodedBucket | null = null;
  for (const [i, row] of batch.buckets.entries()) {
    const b = decodeBucket(row, dimensions.length);
    if (typeof b === 'string') return fail(`${where}, buckets[${i}]: ${b}`);
    if (prev && sameDay(prev, b) >= 0)
      return fail(`${where}, buckets[${i}]: rows must be sorted by day then dimension, each bucket once`);
    builder.push(b.day, b.dim, b);
    prev = b;
  }
  const buckets = builder.finish();
  const keyed = batch.dedupe === 'keyed';
  if (keyed && (batch.requestIds !== '' || batch.heldBack.length > 0))
    return fail(`${where}: a keyed batch keeps no request ids`);
  const ids = idsFromBase64(batch.requestIds);
  if (ids === null) return fail(`${where}, requestIds: not base64 of 96-bit hashes (16 characters each)`);
  for (let at = ID_WORDS; at < ids.length; at += ID_WORDS) {
    if (compareIds(ids, at - ID_WORDS, ids, at) >= 0)
      return fail(`${where}, requestIds: hashes must be sorted, each once`);
  }
  const heldBack: HeldBackRequest[] = [];
  const heldBackIds = new Uint32Array(batch.heldBack.length * ID_WORDS);
  for (const [i, row] of batch.heldBack.entries()) {
    const h = decodeHeldBack(row, dimensions.length);
    if (typeof h === 'string') return fail(`${where}, heldBack[${i}]: ${h}`);
    const at = i * ID_WORDS;
    if (!idFromBase64(h.id, 0, heldBackIds, at)) return fail(`${where}, heldBack[${i}]: the id hash is not base64`);
    if (i > 0 && compareIds(heldBackIds, at - ID_WORDS, heldBackIds, at) >= 0)
      return fail(`${where}, heldBack[${i}]: rows must be sorted by id hash, each once`);
    if (findId(ids, heldBackIds, at) < 0) return fail(`${where}, heldBack[${i}]: the id is not among requestIds`);
    heldBack.push(h);
  }
  return ok({ dimensions, buckets, ids, heldBack, heldBackIds });
}

/** Keeps a decoding made by a ledger operation, so the batch it built is not read back from text. */
export function rememberDecoded(batch: StoredBatch, decoded: DecodedBatch): void {
  cache.set(batch.buckets, {
    dimensions: batch.dimensions,
    heldBack: batch.heldBack,
    requestIds: batch.requestIds,
    decoded,
  });
}

/** The batch decoded (cached). The ledger was validated when the plan was read (validateActualsLedger). */
export function decoded(batch: StoredBatch): DecodedBatch {
  const hit = cache.get(batch.buckets);
  if (
    hit &&
    hit.dimensions === batch.dimensions &&
    hit.heldBack === batch.heldBack &&
    hit.requestIds === batch.requestIds
  )
    return hit.decoded;
  const r = decodeBatch(batch);
  // Only a ledger built in code without validation gets here with bad rows: a programming error.
  if (!r.ok) throw new Error(r.error);
  rememberDecoded(batch, r.value);
  return r.value;
}

/**
 * Checks a ledger read from a file: every batch decodes, ids and content hashes are unique. Decoding
 * here also rebuilds the indexes the reports use, so opening a plan pays for it once.
 */
export function validateActualsLedger(ledger: ActualsLedger): Result<void> {
  const ids = new Set<string>();
  const hashes = new Map<string, string>();
  for (const [i, batch] of ledger.batches.entries()) {
    if (ids.has(batch.id)) return fail(`actuals.batches[${i}].id: the id "${batch.id}" is used twice`);
    ids.add(batch.id);
    const same = hashes.get(batch.sha256);
    if (same !== undefined)
      return fail(`actuals.batches[${i}]: the same file (sha256) as batch ${same}; a file is imported once`);
    hashes.set(batch.sha256, batch.id);
    const r = decodeBatch(batch);
    if (!r.ok) return r;
    rememberDecoded(batch, r.value);
  }
  const linked = new Set<string>();
  for (const [i, link] of (ledger.projectLinks ?? []).entries()) {
    if (linked.has(link.metered))
      return fail(
        `actuals.projectLinks[${i}]: the metered project "${showValue(link.metered)}" is linked twice; it is billed under one project: keep one link`,
      );
    linked.add(link.metered);
  }
  return ok(undefined);
}
