import type { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import type { PlanDocument } from '../../../shared/plan/plan-schema';

/**
 * Estimates a plan being opened while main still validates it (the browser host sends it ahead of its
 * verdict), so that if it opens, as this very document, its view finds every row already estimated (the
 * estimator keeps estimates by row object and price book). Nothing is shown. A plan main refuses leaves
 * only estimates no other plan's view can use; one that is not a plan after all stops here or throws below.
 */
export function prepareEstimate(estimator: PlanEstimator, document: unknown): void {
  if (!hasPlanParts(document)) return;
  try {
    estimator.view(document);
  } catch {
    // Not a plan after all: main's verdict says why.
  }
}

/** The parts a view reads first are there; their values are main's to check. */
function hasPlanParts(value: unknown): value is PlanDocument {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  const meta = doc.meta;
  return (
    Array.isArray(doc.rows) &&
    Array.isArray(doc.priceEntries) &&
    Array.isArray(doc.scenarios) &&
    typeof meta === 'object' &&
    meta !== null &&
    typeof (meta as Record<string, unknown>).priceBookAsOf === 'string'
  );
}
