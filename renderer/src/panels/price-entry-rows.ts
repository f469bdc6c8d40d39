import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import type { BillingSurface } from '../../../shared/pricing/price-entry';
import { groupInteger } from '../../../shared/money/format';
import type { PriceEntryForm } from './price-entry-form';

/** The surface a reseller table or a credits rate prices; null for a discount (it keeps its base's). */
export function entrySurface(form: PriceEntryForm): BillingSurface | null {
  return form.kind === 'reseller' ? 'reseller' : form.kind === 'credits' ? 'credits' : null;
}

/** The plan rows an entry for `model` on `surfaces` prices: rows of that model billed on one of them. */
export function rowsBilledBy(doc: PlanDocument, model: string, surfaces: readonly BillingSurface[]): PlanRow[] {
  return doc.rows.filter((r) => r.model === model && surfaces.includes(r.surface));
}

/** Rows of the entry's model billed some other way: the ones a planner may switch to the entry's surface. */
export function switchableRows(doc: PlanDocument, model: string, surface: BillingSurface): PlanRow[] {
  return doc.rows.filter((r) => r.model === model && r.surface !== surface);
}

/** The plan with the chosen rows billed on `surface` (the base plan's rows; the rest as they were). */
export function withSurface(doc: PlanDocument, rowIds: ReadonlySet<string>, surface: BillingSurface): PlanDocument {
  if (rowIds.size === 0) return doc;
  return { ...doc, rows: doc.rows.map((r) => (rowIds.has(r.id) && r.surface !== surface ? { ...r, surface } : r)) };
}

/** "1 row", "3 rows". */
export function rowCount(n: number): string {
  return `${groupInteger(n)} row${n === 1 ? '' : 's'}`;
}
