import type { ActualsLedger } from '../actuals/ledger/ledger-schema';
import type { MeteredOverlap } from './metered-overlap';
import { meteredOverlapsAfter, meteredOverlapsWithoutPieces, type SpendChange } from './spend-groups';

/**
 * A gateway's metered spend counted beside the bill (metered-overlap.ts), as an import meets it: the CLI's
 * import-actuals says the written ledger's, the app's import dialog those a file would make, before it is
 * imported. Both find them as reconciliation does (actualPieces), over every day, from billed cost and
 * metered spend alone (spend-groups.ts): usage takes no part, so no price book is needed.
 */

/** Whether ledgers with these measures can have an overlap: without billed and metered batches there is none. */
function billedAndMetered(measures: Iterable<string>): boolean {
  const set = new Set(measures);
  return set.has('billed') && set.has('metered');
}

/** The ledger's overlaps over every day. */
export function ledgerMeteredOverlaps(ledger: ActualsLedger): readonly MeteredOverlap[] {
  return billedAndMetered(ledger.batches.map((b) => b.measure)) ? meteredOverlapsWithoutPieces(ledger) : [];
}

/**
 * Those of `made` that `known` (the ledger's before the file) does not have with the same days, spend and
 * suggested project. An overlap the file leaves as it was is not the file's doing (the Reconcile tab says
 * it as long as it is not linked).
 */
function madeOrChanged(made: readonly MeteredOverlap[], known: () => readonly MeteredOverlap[]) {
  if (made.length === 0) return made;
  const was = new Map(known().map((o) => [o.metered, o]));
  return made.filter((o) => {
    const w = was.get(o.metered);
    return !w || w.days !== o.days || w.meteredMicro !== o.meteredMicro || w.suggested !== o.suggested;
  });
}

/**
 * The overlaps a file makes or changes, from `before` and the file's spend change (spendChangeOf against
 * `before`): those of the ledger with the file's batch, with `before`'s grouping kept from one preview to the next.
 */
export function meteredOverlapsOfChange(
  before: ActualsLedger,
  change: readonly SpendChange[],
): readonly MeteredOverlap[] {
  const measures = [...before.batches.map((b) => b.measure), ...change.map((c) => c.measure)];
  if (!billedAndMetered(measures)) return [];
  return madeOrChanged(meteredOverlapsAfter(before, change), () => ledgerMeteredOverlaps(before));
}
