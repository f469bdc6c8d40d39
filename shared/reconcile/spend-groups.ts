import type { Measure } from '../actuals/actual-record';
import { decoded } from '../actuals/ledger/decoded-batch';
import { effectiveBuckets } from '../actuals/ledger/effective-buckets';
import { effectiveFacts, factKey, keySpace } from '../actuals/ledger/ledger-index';
import type { ActualsLedger, StoredBatch } from '../actuals/ledger/ledger-schema';
import type { Exact } from '../money/exact';
import { type Micro, roundToMicro, toMicro } from '../money/rounding';
import { type DayProjectSpend, type MeteredOverlap, meteredOverlaps } from './metered-overlap';

/**
 * Billed cost and metered spend by day × project × model: all the metered-overlap check reads
 * (metered-overlap.ts), grouped as reconciliation groups them (actual-pieces.ts: the same rounding, links
 * and order) without making its pieces, so usage is neither priced nor grouped. A ledger's groups are kept
 * with its batches, so the import dialog groups the ledger once, and each preview only adds what its file
 * changes (spendChangeOf, worked out by the host with the preview, where the file's batch is already read).
 */

type SpendMeasure = Exclude<Measure, 'usage'>;

/** The project spend is grouped under: a linked gateway team's metered spend is its billed project's (ProjectLink). */
export function groupProjectOf(ledger: ActualsLedger): (measure: Measure, project: string) => string {
  const billedProjectOf = new Map((ledger.projectLinks ?? []).map((l) => [l.metered, l.billed]));
  return (measure, project) => (measure === 'metered' ? billedProjectOf.get(project) : undefined) ?? project;
}

/** Day × project groups in day order, then project. */
export function byDayThenProject(a: { day: string; project: string }, b: { day: string; project: string }): number {
  return a.day + a.project < b.day + b.project ? -1 : 1;
}

/** A bucket's money as reconciliation counts it: rounded once to the micro-dollar, $0 without an amount. */
function amountMicro(amount: Exact | null): Micro {
  return amount === null ? 0 : (toMicro(roundToMicro(amount)) ?? 0);
}

interface SpendGroup extends DayProjectSpend {
  readonly billedByModel: Map<string, Micro>;
  readonly meteredByModel: Map<string, Micro>;
}

type SpendGroups = Map<string, SpendGroup>;

function addSpend(
  groups: SpendGroups,
  day: string,
  project: string,
  measure: SpendMeasure,
  model: string,
  micro: Micro,
) {
  const key = `${day}|${project}`;
  let g = groups.get(key);
  if (!g) {
    g = { day, project, billedByModel: new Map(), meteredByModel: new Map() };
    groups.set(key, g);
  }
  const byModel = measure === 'billed' ? g.billedByModel : g.meteredByModel;
  byModel.set(model, (byModel.get(model) ?? 0) + micro);
}

function overlapsOf(groups: SpendGroups): readonly MeteredOverlap[] {
  return meteredOverlaps([...groups.values()].sort(byDayThenProject));
}

interface LedgerSpend {
  readonly links: ActualsLedger['projectLinks'];
  /** Never changed once made: a change is added to copies of the groups it touches. */
  readonly groups: SpendGroups;
  readonly overlaps: readonly MeteredOverlap[];
}

/** By the ledger's batch list (immutable values, as effectiveBuckets caches them): its groups and overlaps. */
const cache = new WeakMap<readonly StoredBatch[], LedgerSpend>();

function ledgerSpend(ledger: ActualsLedger): LedgerSpend {
  const hit = cache.get(ledger.batches);
  if (hit && hit.links === ledger.projectLinks) return hit;
  const projectOf = groupProjectOf(ledger);
  const groups: SpendGroups = new Map();
  for (const b of effectiveBuckets(ledger)) {
    if (b.measure === 'usage') continue;
    const { project, model } = b.dimensions;
    addSpend(groups, b.day, projectOf(b.measure, project), b.measure, model, amountMicro(b.amount));
  }
  const spend = { links: ledger.projectLinks, groups, overlaps: overlapsOf(groups) };
  cache.set(ledger.batches, spend);
  return spend;
}

/** The ledger's metered overlaps over every day, as actualPieces(ledger, book, null) finds them. */
export function meteredOverlapsWithoutPieces(ledger: ActualsLedger): readonly MeteredOverlap[] {
  return ledgerSpend(ledger).overlaps;
}

/** Billed cost or metered spend a file adds to one day × project × model, less the facts it replaces there. */
export interface SpendChange {
  readonly day: string;
  readonly measure: SpendMeasure;
  /** The records' own project (for metered spend, a gateway team): links apply where the change is added. */
  readonly project: string;
  readonly model: string;
  readonly micro: Micro;
}

/**
 * What appending `batch` to `ledger` (commitImport) changes in its billed and metered money. Every bucket of
 * the batch comes into effect (a request is held by one batch only; the latest batch's fact wins), and each
 * fact of a keyed batch puts out the fact of the same key in effect before (ledger-index.ts): same day,
 * same dimensions, so the same project and model. A change that nets to $0 is kept: the model is there.
 */
export function spendChangeOf(ledger: ActualsLedger, batch: StoredBatch | null): SpendChange[] {
  if (batch === null || batch.measure === 'usage') return [];
  const measure = batch.measure;
  const { buckets, dimensions } = decoded(batch);
  const replaced = batch.dedupe === 'keyed' ? effectiveFacts(ledger.batches, keySpace(batch)) : null;
  const change = new Map<string, { -readonly [K in keyof SpendChange]: SpendChange[K] }>();
  for (let i = 0; i < buckets.length; i++) {
    const day = buckets.dayAt(i);
    const dim = buckets.dimAt(i);
    const was = replaced?.get(factKey(day, batch.dimensions[dim] ?? ''));
    const micro = amountMicro(buckets.amountAt(i)) - (was ? amountMicro(was.bucket.amount) : 0);
    const dims = dimensions[dim];
    if (dims === undefined) continue; // decoding checked every bucket's dimensions are in the batch
    const { project, model } = dims;
    // The project's length first: a project or model may hold any character, "|" too.
    const key = `${day}|${project.length}|${project}|${model}`;
    const c = change.get(key);
    if (c) c.micro += micro;
    else change.set(key, { day, measure, project, model, micro });
  }
  return [...change.values()];
}

/** The metered overlaps of `ledger` with `change` added (the ledger's own groups reused, not changed). */
export function meteredOverlapsAfter(ledger: ActualsLedger, change: readonly SpendChange[]): readonly MeteredOverlap[] {
  const groups = new Map(ledgerSpend(ledger).groups);
  const projectOf = groupProjectOf(ledger);
  const copied = new Set<string>();
  for (const c of change) {
    const project = projectOf(c.measure, c.project);
    const key = `${c.day}|${project}`;
    const g = groups.get(key);
    if (g && !copied.has(key))
      groups.set(key, { ...g, billedByModel: new Map(g.billedByModel), meteredByModel: new Map(g.meteredByModel) });
    copied.add(key);
    addSpend(groups, c.day, project, c.measure, c.model, c.micro);
  }
  return overlapsOf(groups);
}
