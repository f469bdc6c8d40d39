import { estimatePlan } from '../estimate/estimate-plan';
import type { Micro } from '../money/rounding';
import type { PlanDocument, PlanRow } from './plan-schema';
import type { PriceEntry } from '../pricing/price-entry';

/**
 * What an import would change in the open plan, for the preview shown before it is applied (the
 * renderer applies the whole import as one undo step).
 */

export interface FieldChange {
  readonly field: keyof PlanRow;
  readonly before: PlanRow[keyof PlanRow];
  readonly after: PlanRow[keyof PlanRow];
}

export interface RowChange {
  readonly id: string;
  readonly name: string;
  readonly fields: readonly FieldChange[];
}

export interface PlanImportDiff {
  readonly added: readonly { readonly id: string; readonly name: string }[];
  readonly removed: readonly { readonly id: string; readonly name: string }[];
  readonly changed: readonly RowChange[];
  /** True when the rows that stayed are in a different order. */
  readonly reordered: boolean;
  /** Ids of plan price entries added, changed or removed. */
  readonly priceEntries: readonly string[];
  readonly scenariosChanged: boolean;
  readonly metaChanged: boolean;
  /** Plan totals (micro-USD) under each plan's active scenario; null when the scenario is broken. */
  readonly totalBefore: Micro | null;
  readonly totalAfter: Micro | null;
  readonly unchanged: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffPlans(before: PlanDocument, after: PlanDocument, builtin?: readonly PriceEntry[]): PlanImportDiff {
  const beforeById = new Map(before.rows.map((r) => [r.id, r]));
  const afterIds = new Set(after.rows.map((r) => r.id));
  const added = after.rows.filter((r) => !beforeById.has(r.id)).map((r) => ({ id: r.id, name: r.name }));
  const removed = before.rows.filter((r) => !afterIds.has(r.id)).map((r) => ({ id: r.id, name: r.name }));
  const changed: RowChange[] = [];
  for (const row of after.rows) {
    const old = beforeById.get(row.id);
    if (!old) continue;
    const fields: FieldChange[] = [];
    for (const field of Object.keys(row) as (keyof PlanRow)[]) {
      if (old[field] !== row[field]) fields.push({ field, before: old[field], after: row[field] });
    }
    if (fields.length > 0) changed.push({ id: row.id, name: row.name, fields });
  }
  const keptBefore = before.rows.filter((r) => afterIds.has(r.id)).map((r) => r.id);
  const keptAfter = after.rows.filter((r) => beforeById.has(r.id)).map((r) => r.id);
  const reordered = keptBefore.some((id, i) => keptAfter[i] !== id);
  const beforeEntries = new Map(before.priceEntries.map((e) => [e.id, e]));
  const afterEntryIds = new Set(after.priceEntries.map((e) => e.id));
  const priceEntries = [
    ...after.priceEntries.filter((e) => !same(beforeEntries.get(e.id), e)).map((e) => e.id),
    ...before.priceEntries.filter((e) => !afterEntryIds.has(e.id)).map((e) => e.id),
  ];
  const total = (plan: PlanDocument) => {
    const e = estimatePlan(plan, builtin ? { builtin } : {});
    return e.ok ? e.value.totals.totalCost : null;
  };
  const scenariosChanged =
    !same(before.scenarios, after.scenarios) || before.activeScenarioId !== after.activeScenarioId;
  const metaChanged = !same(before.meta, after.meta);
  const unchanged =
    added.length === 0 &&
    removed.length === 0 &&
    changed.length === 0 &&
    !reordered &&
    priceEntries.length === 0 &&
    !scenariosChanged &&
    !metaChanged;
  return {
    added,
    removed,
    changed,
    reordered,
    priceEntries,
    scenariosChanged,
    metaChanged,
    totalBefore: total(before),
    totalAfter: total(after),
    unchanged,
  };
}
