import type { ActualsLedger } from '../actuals/ledger/ledger-schema';
import { meteredOverlapsWithoutPieces } from './actual-pieces';
import type { MeteredOverlap } from './metered-overlap';

/**
 * A gateway's metered spend counted beside the bill (metered-overlap.ts), as an import meets it: the CLI's
 * import-actuals says the written ledger's, the app's import dialog those a file would make, before it is
 * imported. Both find them as reconciliation does (actualPieces), over every day, from billed cost and
 * metered spend alone: usage takes no part, so no price book is needed.
 */

/**
 * The ledger's overlaps over every day. Worked out only for a ledger holding both billed and metered
 * batches (without both there is none): grouping a large ledger's actuals is not free.
 */
export function ledgerMeteredOverlaps(ledger: ActualsLedger): readonly MeteredOverlap[] {
  const measures = new Set(ledger.batches.map((b) => b.measure));
  if (!measures.has('billed') || !measures.has('metered')) return [];
  return meteredOverlapsWithoutPieces(ledger);
}

/**
 * The overlaps an import makes or changes: those of `after` (the ledger with the file's batch) that
 * `before` does not have with the same days, spend and suggested project. An overlap the file leaves as
 * it was is not the file's doing (the Reconcile tab says it as long as it is not linked).
 */
export function meteredOverlapsOfImport(before: ActualsLedger, after: ActualsLedger): readonly MeteredOverlap[] {
  const made = ledgerMeteredOverlaps(after);
  if (made.length === 0) return made;
  const known = new Map(ledgerMeteredOverlaps(before).map((o) => [o.metered, o]));
  return made.filter((o) => {
    const was = known.get(o.metered);
    return !was || was.days !== o.days || was.meteredMicro !== o.meteredMicro || was.suggested !== o.suggested;
  });
}
