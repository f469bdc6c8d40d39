import { fail, ok, type Result } from '../../result';
import type { ImportPreview } from './import-types';
import type { ActualsLedger } from './ledger-schema';

/**
 * Applies a preview: appends its batch. The preview must have been made against this very ledger (the
 * same batches in the same order): its duplicates and held-back requests were decided against them.
 * A preview that adds nothing (same file, nothing valid) leaves the ledger as it is.
 */
export function commitImport(ledger: ActualsLedger, preview: ImportPreview): Result<ActualsLedger> {
  const ids = ledger.batches.map((b) => b.id);
  if (ids.length !== preview.base.length || ids.some((id, i) => id !== preview.base[i]))
    return fail('the actuals changed since this preview was made (an import or a removal): preview the file again');
  const batch = preview.batch;
  if (batch === null) return ok(ledger);
  const same = ledger.batches.find((b) => b.sha256 === batch.sha256 || b.id === batch.id);
  if (same) return fail(`the ledger already has this batch (${same.id}): preview the file again`);
  return ok({ ...ledger, batches: [...ledger.batches, batch] });
}
