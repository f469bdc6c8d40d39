import { blankRow } from '../../../shared/plan/new-plan';
import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import { createPriceBook } from '../../../shared/pricing/price-book';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';

/** A date on which gpt-image-2, 1.5, 1 and 1-mini are all in force in the built-in catalog. */
export const AS_OF = '2026-06-01';

export function builtinContext(asOf = AS_OF, planEntries: readonly PriceEntry[] = []): EstimateContext {
  return { priceBook: createPriceBook(planEntries), asOf };
}

/**
 * One final image, no iteration, no prompt, no references, Images API: the row whose cost per final
 * image is exactly the published per-image price.
 */
export function bareRow(overrides: Partial<PlanRow> = {}): PlanRow {
  return blankRow('bare', {
    finals: 1,
    iterationFactor: '1',
    draftsPerFinal: '0',
    promptTokens: null,
    promptChars: null,
    referenceImages: 0,
    surface: 'api',
    ...overrides,
  });
}

/** The plan with one row's fields changed: to break the row, or to give it awkward text. */
export function changeRow(plan: PlanDocument, index: number, changes: Partial<PlanRow>): PlanDocument {
  return { ...plan, rows: plan.rows.map((r, i) => (i === index ? { ...r, ...changes } : r)) };
}

/** A minimal valid plan-owned price entry; tests override what they exercise. */
export function planEntry(overrides: Partial<PriceEntry> & Pick<PriceEntry, 'id' | 'model' | 'pricing'>): PriceEntry {
  return {
    provider: 'test',
    snapshot: null,
    surfaces: ['api'],
    batch: null,
    effectiveFrom: '2026-01-01',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user',
    sources: ['https://example.com/price-list'],
    notes: '',
    ...overrides,
  };
}

/** Exact values print alike when equal (trailing zeros dropped), so tests compare their decimal text. */
export { toDecimalString as decimal } from '../../../shared/money/exact';
