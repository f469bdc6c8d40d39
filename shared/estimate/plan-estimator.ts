import {
  estimatePlan,
  estimateRowResult,
  type PlanEstimate,
  type PlanTotals,
  type RowResult,
  RunningPlanTotals,
} from './estimate-plan';
import { fail, ok, type Result } from '../result';
import type { EstimateContext } from './estimate-row';
import type { PlanDocument, PlanRow, Scenario, ScenarioOverride } from '../plan/plan-schema';
import { type CheckedOverrides, fieldsOfOverrides, rowWithOverrides, ScenarioOverrides } from '../plan/scenarios';
import { createPriceBook } from '../pricing/price-book';
import type { PriceEntry } from '../pricing/price-entry';

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
  /** The scenario's overrides that apply to this row, in order (the same objects as in the scenario). */
  readonly overrides: readonly ScenarioOverride[];
  readonly gridRow: GridRow;
  /** Why the row's overrides could not be applied (the row is then shown as the base plan has it). */
  readonly scenarioError: string | null;
}

function sameOverrides(a: readonly ScenarioOverride[], b: readonly ScenarioOverride[]): boolean {
  return a === b || (a.length === b.length && a.every((o, i) => o === b[i]));
}

/**
 * Estimates a plan incrementally with the shared engine: rows whose inputs did not change (same object,
 * same overrides applying to it, same price book) keep their estimate and their GridRow object, so an
 * edit in a 10k-row plan, an override edit included, re-estimates one row and the grid re-renders one
 * row. Totals are the engine's exact sums.
 */
function memosById(memos: readonly Memo[]): Map<string, Memo> {
  return new Map(memos.map((m) => [m.base.id, m]));
}

export class PlanEstimator {
  private entries: readonly PriceEntry[] | null = null;
  private asOf = '';
  private context: EstimateContext | null = null;
  /** The last view's memos, by row index: an edit finds each unchanged row at its index, no map lookup. */
  private memos: Memo[] = [];
  /** The last view's totals, kept so an edit adds up only the rows it changed. */
  private readonly totals = new RunningPlanTotals();
  /** The last view's scenario overrides by row, brought up to date by each edit (ScenarioOverrides.update). */
  private overridesByRow: ScenarioOverrides | null = null;

  /** The scenario's overrides by row: the last view's index after an edit of a few, else built afresh. */
  private overridesIndex(scenario: Scenario | null): ScenarioOverrides {
    const last = this.overridesByRow;
    if (last !== null && last.update(scenario)) return last;
    this.overridesByRow = new ScenarioOverrides(scenario);
    return this.overridesByRow;
  }

  private contextFor(doc: PlanDocument): EstimateContext {
    if (this.context === null || this.entries !== doc.priceEntries || this.asOf !== doc.meta.priceBookAsOf) {
      this.entries = doc.priceEntries;
      this.asOf = doc.meta.priceBookAsOf;
      this.context = { priceBook: createPriceBook(doc.priceEntries), asOf: doc.meta.priceBookAsOf };
      this.memos = [];
    }
    return this.context;
  }

  view(doc: PlanDocument, scenarioId: string | null = doc.activeScenarioId): PlanView {
    const context = this.contextFor(doc);
    const scenario = scenarioId === null ? null : (doc.scenarios.find((s) => s.id === scenarioId) ?? null);
    let scenarioError: string | null = null;
    const overridesOf = this.overridesIndex(scenario);
    const checked: CheckedOverrides = new Map();
    const previous = this.memos;
    let byId: Map<string, Memo> | null = null; // built only when rows moved, were added or removed
    const next: Memo[] = [];
    const rows: GridRow[] = [];
    /** Indexes whose row was estimated again, while every other row kept its place. */
    const changed: number[] = [];
    for (let i = 0; i < doc.rows.length; i++) {
      const base = doc.rows[i] as PlanRow;
      const overrides = overridesOf.forRow(base.id);
      let memo = previous[i];
      if (memo === undefined || memo.base.id !== base.id) memo = (byId ??= memosById(previous)).get(base.id);
      if (!memo || memo.base !== base || !sameOverrides(memo.overrides, overrides)) {
        memo = this.estimateRow(base, scenario, overrides, context, checked);
        changed.push(i);
      }
      // A row whose overrides do not fit reports it on every view, not only when it is re-estimated; the
      // first such row, as estimatePlan reports it.
      scenarioError ??= memo.scenarioError;
      next.push(memo);
      rows.push(memo.gridRow);
    }
    const samePlaces = byId === null && previous.length === rows.length;
    this.memos = next;
    const totals = samePlaces ? this.replaceInTotals(previous, changed, rows) : null;
    if (totals !== null) return { rows, totals, context, scenarioError };
    // Totals as estimatePlan makes them: a row that would carry a total past what stays exact is shown
    // as a row error (not memoised, so it is checked again on the next view).
    const totalled = this.totals.reset(rows.map((r) => r.result));
    const shown = rows.map((r, i) => {
      const result = totalled.rows[i];
      return result === undefined || result === r.result ? r : { ...r, result };
    });
    return { rows: shown, totals: totalled.totals, context, scenarioError };
  }

  /**
   * An edit's totals: the re-estimated rows' old amounts out, their new ones in (an edit at 100k rows
   * adds up one row, not 100k); null when every row must be totalled again (RunningPlanTotals says when).
   */
  private replaceInTotals(previous: readonly Memo[], changed: readonly number[], rows: readonly GridRow[]) {
    // Many rows changed (a scenario switched, the price book edited): a fresh pass costs no more.
    if (previous.length === 0 || changed.length > rows.length / 8) return null;
    const changes = changed.map((i) => ({
      before: (previous[i] as Memo).gridRow.result,
      after: (rows[i] as GridRow).result,
    }));
    return this.totals.replace(changes);
  }

  private estimateRow(
    base: PlanRow,
    scenario: Scenario | null,
    overrides: readonly ScenarioOverride[],
    context: EstimateContext,
    /** Override values checked so far in this view. */
    checked: CheckedOverrides,
  ): Memo {
    if (overrides.length === 0 || scenario === null) {
      // Untouched by the scenario: the base row as it is, no copy, no per-row set.
      const result = estimateRowResult(base, context);
      return {
        base,
        overrides,
        gridRow: { id: base.id, base, row: base, result, overridden: fieldsOfOverrides(overrides) },
        scenarioError: null,
      };
    }
    // The scenario as it bears on this row: the same rules as for the whole plan (applyScenario).
    const applied = rowWithOverrides(base, overrides, scenario, checked);
    const row = applied.ok ? applied.value : base;
    const result = estimateRowResult(row, context);
    return {
      base,
      overrides,
      gridRow: { id: base.id, base, row, result, overridden: fieldsOfOverrides(overrides) },
      scenarioError: applied.ok ? null : applied.error,
    };
  }
}

/**
 * Incremental estimates of one plan under several scenarios at once (the charts, the scenario
 * comparison): one PlanEstimator per scenario, so an edit re-estimates one row in each.
 */
export class ScenarioEstimates {
  private readonly byScenario = new Map<string | null, PlanEstimator>();
  private shown: { doc: PlanDocument; view: PlanView } | null = null;

  /**
   * The view the grid already shows (the active scenario of `doc`): a comparison that needs it takes it
   * as it is instead of estimating every row again, which at 10k rows is most of opening the panel.
   */
  useShownView(doc: PlanDocument, view: PlanView): void {
    this.shown = { doc, view };
  }

  /** The plan under a scenario (null = the base plan), or why it cannot be, as estimatePlan answers. */
  of(doc: PlanDocument, scenarioId: string | null): Result<PlanEstimate> {
    for (const id of this.byScenario.keys())
      if (id !== null && !doc.scenarios.some((s) => s.id === id)) this.byScenario.delete(id);
    if (scenarioId !== null && !doc.scenarios.some((s) => s.id === scenarioId))
      return estimatePlan(doc, { scenario: scenarioId }); // says which scenarios there are
    const shown = this.shown;
    if (shown && shown.doc === doc && doc.activeScenarioId === scenarioId && shown.view.scenarioError === null)
      return ok({ scenarioId, rows: shown.view.rows.map((r) => r.result), totals: shown.view.totals });
    let estimator = this.byScenario.get(scenarioId);
    if (!estimator) {
      estimator = new PlanEstimator();
      this.byScenario.set(scenarioId, estimator);
    }
    const view = estimator.view(doc, scenarioId);
    if (view.scenarioError !== null) return fail(view.scenarioError);
    return ok({ scenarioId, rows: view.rows.map((r) => r.result), totals: view.totals });
  }
}
