import { budgetRemaining, type PlanTotals, type RowResult, totalRowResults } from '../../../shared/estimate/estimate-plan';
import { estimateRow, type EstimateContext } from '../../../shared/estimate/estimate-row';
import type { Micro } from '../../../shared/money/rounding';
import type { PlanDocument, PlanRow, ScenarioOverride } from '../../../shared/plan/plan-schema';
import { applyScenario, overriddenFields } from '../../../shared/plan/scenarios';
import { createPriceBook } from '../../../shared/pricing/price-book';
import type { PriceEntry } from '../../../shared/pricing/price-entry';

/** What the grid shows for one plan row: the base row, the row as the active scenario sees it, its estimate. */
export interface GridRow {
  readonly id: string;
  readonly base: PlanRow;
  /** The row with the active scenario's overrides applied. */
  readonly row: PlanRow;
  readonly result: RowResult;
  /** Input fields the active scenario overrides for this row. */
  readonly overridden: ReadonlySet<string>;
}

export interface PlanView {
  readonly rows: readonly GridRow[];
  readonly totals: PlanTotals;
  readonly context: EstimateContext;
  /** A scenario whose overrides do not fit; the base plan is shown instead. */
  readonly scenarioError: string | null;
}

interface Memo {
  readonly base: PlanRow;
  readonly overrides: readonly ScenarioOverride[] | null;
  readonly gridRow: GridRow;
}

/**
 * Estimates a plan incrementally with the shared engine: rows whose inputs did not change (same object,
 * same scenario overrides, same price book) keep their estimate and their GridRow object, so an edit in a
 * 10k-row plan re-estimates one row and the grid re-renders one row. Totals are the engine's exact sums.
 */
export class PlanEstimator {
  private entries: readonly PriceEntry[] | null = null;
  private asOf = '';
  private context: EstimateContext | null = null;
  private memo = new Map<string, Memo>();

  private contextFor(doc: PlanDocument): EstimateContext {
    if (this.context === null || this.entries !== doc.priceEntries || this.asOf !== doc.meta.priceBookAsOf) {
      this.entries = doc.priceEntries;
      this.asOf = doc.meta.priceBookAsOf;
      this.context = { priceBook: createPriceBook(doc.priceEntries), asOf: doc.meta.priceBookAsOf };
      this.memo.clear();
    }
    return this.context;
  }

  view(doc: PlanDocument, scenarioId: string | null = doc.activeScenarioId): PlanView {
    const context = this.contextFor(doc);
    const scenario = scenarioId === null ? null : (doc.scenarios.find((s) => s.id === scenarioId) ?? null);
    let scenarioError: string | null = null;
    const overrides = scenario && scenario.overrides.length > 0 ? scenario.overrides : null;
    const next = new Map<string, Memo>();
    const rows: GridRow[] = [];
    for (const base of doc.rows) {
      const previous = this.memo.get(base.id);
      if (previous && previous.base === base && previous.overrides === overrides) {
        next.set(base.id, previous);
        rows.push(previous.gridRow);
        continue;
      }
      let row = base;
      if (overrides && scenario) {
        const applied = applyScenario([base], scenario);
        if (applied.ok) row = applied.value[0] ?? base;
        else scenarioError = applied.error;
      }
      const estimate = estimateRow(row, context);
      const result: RowResult = { row, estimate, budgetRemaining: estimate.ok ? budgetRemaining(row, estimate.totalCost) : null };
      const gridRow: GridRow = { id: base.id, base, row, result, overridden: overriddenFields(scenario, base.id) };
      next.set(base.id, { base, overrides, gridRow });
      rows.push(gridRow);
    }
    this.memo = next;
    // Totals as estimatePlan makes them: a row that would carry a total past what stays exact is shown
    // as a row error (not memoised, so it is checked again on the next view).
    const totalled = totalRowResults(rows.map((r) => r.result));
    const shown = rows.map((r, i) => {
      const result = totalled.rows[i];
      return result === undefined || result === r.result ? r : { ...r, result };
    });
    return { rows: shown, totals: totalled.totals, context, scenarioError };
  }
}

export interface GroupSubtotal {
  readonly key: string;
  readonly rowCount: number;
  readonly finals: number;
  readonly requests: number;
  /** Micro-USD: the exact sum of the row totals shown (rows with errors count as 0, as in the plan total). */
  readonly totalCost: Micro;
}

/**
 * Subtotals by team or by asset type, in first-seen order; an empty value groups as "(none)". Integer sums
 * of the engine's row values, like the plan totals, kept light because they are redone on every edit.
 */
export function subtotalsBy(rows: readonly GridRow[], by: 'team' | 'assetType'): GroupSubtotal[] {
  const groups = new Map<string, { rowCount: number; finals: number; requests: number; totalCost: Micro }>();
  for (const r of rows) {
    const key = r.row[by].trim() || '(none)';
    let group = groups.get(key);
    if (!group) {
      group = { rowCount: 0, finals: 0, requests: 0, totalCost: 0 };
      groups.set(key, group);
    }
    group.rowCount += 1;
    const e = r.result.estimate;
    if (!e.ok) continue;
    group.finals += r.row.finals;
    group.requests += e.requests;
    group.totalCost += e.totalCost;
  }
  return [...groups].map(([key, g]) => ({ key, ...g }));
}
