import type { ActualSource, Measure } from '../actual-record';
import type { DecodedBucket } from './bucket-format';
import { decoded } from './decoded-batch';
import type { StoredBatch } from './ledger-schema';
import { ID_WORDS, IdHashMap } from './request-ids';

/**
 * Which facts and requests are in effect, derived from the batches alone (nothing else is stored):
 * - keyed batches: for each key (day × every dimension) the fact of the latest batch that has it, within
 *   one key space (keySpace below);
 * - per-request batches: a request id belongs to the earliest batch that contains it, within a measure.
 * Both are rebuilt when a plan is opened and after each import or removal, and cached by the batch list.
 */

/**
 * Where keyed facts can replace each other: same measure and same family of export. The Costs CSV and the
 * Costs API carry the same figures (one family); images usage and completions usage describe different
 * things, so a fact of one never replaces a fact of the other even when their dimensions agree.
 */
export function keySpace(batch: { readonly source: ActualSource; readonly measure: Measure }): string {
  const family = batch.source === 'openai-costs-api' ? 'openai-costs' : batch.source;
  return `${batch.measure}/${family}`;
}

/** The fact in effect for one key, and the batch it comes from. */
export interface FactRef {
  readonly batchIndex: number;
  readonly bucket: DecodedBucket;
  /** The bucket's dimension dictionary entry (the key without its day). */
  readonly dimensions: string;
}

/** The key of a keyed fact within its key space. */
export function factKey(day: string, dimensions: string): string {
  return `${day}|${dimensions}`;
}

interface LedgerIndex {
  readonly facts: Map<string, Map<string, FactRef>>;
  readonly holders: Map<Measure, IdHashMap>;
}

const indexes = new WeakMap<readonly StoredBatch[], LedgerIndex>();

function indexOf(batches: readonly StoredBatch[]): LedgerIndex {
  let index = indexes.get(batches);
  if (!index) {
    index = { facts: new Map(), holders: new Map() };
    indexes.set(batches, index);
  }
  return index;
}

/** Adds one keyed batch's facts over the facts of the batches before it (later wins). */
export function addFacts(facts: Map<string, FactRef>, batch: StoredBatch, batchIndex: number): void {
  const d = decoded(batch);
  for (const bucket of d.buckets) {
    const dimensions = batch.dimensions[bucket.dim] ?? '';
    facts.set(factKey(bucket.day, dimensions), { batchIndex, bucket, dimensions });
  }
}

/** The facts in effect in one key space, by fact key (batches from `upTo` on are left out). */
export function effectiveFacts(
  batches: readonly StoredBatch[],
  space: string,
  upTo = batches.length,
): ReadonlyMap<string, FactRef> {
  const cacheable = upTo === batches.length;
  const cached = cacheable ? indexOf(batches).facts.get(space) : undefined;
  if (cached) return cached;
  const facts = new Map<string, FactRef>();
  for (let i = 0; i < upTo; i++) {
    const batch = batches[i];
    if (batch && batch.dedupe === 'keyed' && keySpace(batch) === space) addFacts(facts, batch, i);
  }
  if (cacheable) indexOf(batches).facts.set(space, facts);
  return facts;
}

/** For every request id hash of a measure, the index of the batch that holds it (the earliest containing it). */
export function requestHolders(batches: readonly StoredBatch[], measure: Measure): IdHashMap {
  const index = indexOf(batches);
  const cached = index.holders.get(measure);
  if (cached) return cached;
  let total = 0;
  for (const b of batches) if (b.dedupe === 'per-request' && b.measure === measure) total += b.requestIds.length / 16;
  const holders = new IdHashMap(total);
  for (const [i, b] of batches.entries()) {
    if (b.dedupe !== 'per-request' || b.measure !== measure) continue;
    const ids = decoded(b).ids;
    for (let at = 0; at < ids.length; at += ID_WORDS) holders.setIfAbsent(ids, at, i);
  }
  index.holders.set(measure, holders);
  return holders;
}
