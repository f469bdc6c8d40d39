import { toDecimalString } from '../../money/exact';
import { ExactSum } from '../../money/exact-sum';
import { fail, ok, type Result } from '../../result';
import { type DecodedBucket, type HeldBackRequest, encodeBucket, encodeHeldBack } from './bucket-format';
import { bucketColumnsOf } from './bucket-columns';
import { BucketSum } from './bucket-sum';
import { type DecodedBatch, decoded, rememberDecoded } from './decoded-batch';
import { compareKeyed } from './keyed-compare';
import { type FactRef, addFacts, keySpace } from './ledger-index';
import type { ActualsLedger, StoredBatch } from './ledger-schema';
import { ID_WORDS, IdHashMap, findId } from './request-ids';

/**
 * Removes one batch (one undo step in the app). The ledger is then exactly what it would be had the batch
 * never been imported: keyed facts it replaced are in effect again (they were never dropped), requests it
 * held go to the next batch that contains them (promoted from that batch's held-back requests), and the
 * counts of later batches (duplicates, replaced) are those they would have had.
 */
export function removeBatch(ledger: ActualsLedger, batchId: string): Result<ActualsLedger> {
  const index = ledger.batches.findIndex((b) => b.id === batchId);
  const removed = ledger.batches[index];
  if (!removed) return fail(`there is no actuals batch "${batchId}"`);
  const rest = ledger.batches.filter((_, i) => i !== index);
  if (removed.dedupe === 'per-request') promoteHeldBack(rest, removed, index);
  else recountKeyed(rest, keySpace(removed), index);
  return ok({ ...ledger, batches: rest });
}

/** Requests the removed batch held, each marked 1 until a later batch takes it over. */
function heldBy(batch: StoredBatch): IdHashMap {
  const d = decoded(batch);
  const out = new IdHashMap(d.ids.length / ID_WORDS);
  for (let at = 0; at < d.ids.length; at += ID_WORDS)
    if (findId(d.heldBackIds, d.ids, at) < 0) out.setIfAbsent(d.ids, at, 1);
  return out;
}

/** Later per-request batches of the removed batch's measure take over the requests it held, in import order. */
function promoteHeldBack(rest: StoredBatch[], removed: StoredBatch, from: number): void {
  const later = (b: StoredBatch) =>
    b.dedupe === 'per-request' && b.measure === removed.measure && b.heldBack.length > 0;
  if (!rest.slice(from).some(later)) return;
  const open = heldBy(removed);
  for (let i = from; i < rest.length; i++) {
    const batch = rest[i];
    if (!batch || !later(batch)) continue;
    const d = decoded(batch);
    const promoted: number[] = [];
    for (let h = 0; h < d.heldBack.length; h++) {
      const at = h * ID_WORDS;
      if (open.get(d.heldBackIds, at) === 1) {
        promoted.push(h);
        open.replace(d.heldBackIds, at, 0);
      }
    }
    if (promoted.length > 0) rest[i] = promote(batch, d, promoted);
  }
}

function sameBucket(a: DecodedBucket, b: DecodedBucket): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.dim - b.dim;
}

/** The batch with the held-back requests at `indexes` counted in its buckets, as a fresh import would. */
function promote(batch: StoredBatch, d: DecodedBatch, indexes: readonly number[]): StoredBatch {
  const sums = new Map<string, { bucket: DecodedBucket; sum: BucketSum }>();
  const add = (b: DecodedBucket) => {
    const key = `${b.day}|${b.dim}`;
    let entry = sums.get(key);
    if (!entry) sums.set(key, (entry = { bucket: b, sum: new BucketSum() }));
    entry.sum.addFigures(b);
  };
  for (const b of d.buckets) add(b);
  const taken = new Set(indexes);
  const heldBack: HeldBackRequest[] = [];
  const heldBackIds = new Uint32Array((d.heldBack.length - indexes.length) * ID_WORDS);
  for (const [h, request] of d.heldBack.entries()) {
    if (taken.has(h)) {
      add(request);
      continue;
    }
    heldBackIds.set(d.heldBackIds.subarray(h * ID_WORDS, (h + 1) * ID_WORDS), heldBack.length * ID_WORDS);
    heldBack.push(request);
  }
  const buckets: DecodedBucket[] = [];
  for (const { bucket, sum } of sums.values()) {
    // Counts only grow by held-back requests that were exact when imported: figures() cannot overflow here
    // unless the batch had counts near 2^53 already; keep the bucket unchanged then rather than lose it.
    buckets.push({ day: bucket.day, dim: bucket.dim, ...(sum.figures() ?? bucket) });
  }
  buckets.sort(sameBucket);
  const amount = new ExactSum();
  for (const b of buckets) if (b.amount !== null) amount.add(b.amount);
  const columns = bucketColumnsOf(buckets);
  const next: StoredBatch = {
    ...batch,
    rowsImported: batch.rowsImported + indexes.length,
    rowsDuplicate: batch.rowsDuplicate - indexes.length,
    amountUsd: batch.measure === 'usage' || amount.empty ? null : toDecimalString(amount.total()),
    buckets: buckets.map(encodeBucket),
    heldBack: heldBack.map(encodeHeldBack),
  };
  rememberDecoded(next, { dimensions: d.dimensions, buckets: columns, ids: d.ids, heldBack, heldBackIds });
  return next;
}

/**
 * Keyed batches of one key space after the removed one: their duplicate and replaced counts are measured
 * against the facts before them, which the removal changed. Their facts themselves never change.
 */
function recountKeyed(rest: StoredBatch[], space: string, from: number): void {
  const facts = new Map<string, FactRef>();
  for (let i = 0; i < rest.length; i++) {
    const batch = rest[i];
    if (!batch || batch.dedupe !== 'keyed' || keySpace(batch) !== space) continue;
    if (i >= from) {
      const c = compareKeyed(decoded(batch).buckets, batch.dimensions, facts, batch.measure);
      if (
        c.rowsImported !== batch.rowsImported ||
        c.rowsDuplicate !== batch.rowsDuplicate ||
        c.rowsReplaced !== batch.rowsReplaced
      )
        rest[i] = {
          ...batch,
          rowsImported: c.rowsImported,
          rowsDuplicate: c.rowsDuplicate,
          rowsReplaced: c.rowsReplaced,
        };
    }
    addFacts(facts, batch, i);
  }
}
