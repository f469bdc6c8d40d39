import { estimateRowResult, type RowResult } from '../estimate/estimate-plan';
import { estimateRow, type EstimateContext } from '../estimate/estimate-row';
import { MODEL_SPECS } from '../estimate/models';
import type { PlanDocument, PlanRow, Scenario } from '../plan/plan-schema';
import { ROW_FIELDS } from '../plan/row-fields';
import { applyScenario, overriddenFields, resolveScenario } from '../plan/scenarios';
import { createPriceBook, resolvePrice, type PriceBook } from '../pricing/price-book';
import { BILLING_SURFACES, type BillingSurface, type PriceEntry } from '../pricing/price-entry';
import { ok, type Result } from '../result';
import { buildAboutSheet, buildDataSheet, buildListsSheet, buildPricesSheet } from './info-sheets';
import { buildListLines, LISTS_SHEET, listsTable } from './model-lists';
import { PLAN_COLUMNS, PLAN_SHEET, planColumnNumber, planFormulas } from './plan-columns';
import { planRowCells, planRowContext, type RowPricing } from './plan-rows';
import { buildPriceSheet, kindText, profileKey, type PriceSheetPlan, type UsedPrice } from './price-lines';
import { buildSummarySheet, summaryRows, SummaryTally } from './summary-sheet';
import type { CellValue, ColumnChoice, SheetModel, WorkbookModel } from './workbook-types';
import type { Micro } from '../money/rounding';

export interface WorkbookExportOptions {
  /** Scenario id or name whose view the Plan sheet shows; null = the base plan. */
  readonly scenarioId: string | null;
  readonly appVersion: string;
  /** ISO timestamp of the export (shared/ never reads the clock). */
  readonly exportedAt: string;
  readonly builtin?: readonly PriceEntry[];
}

export interface PlanWorkbook {
  readonly workbook: WorkbookModel;
  readonly prices: PriceSheetPlan;
  /** The scenario whose view the Plan sheet shows (resolved from a name), null for the base plan. */
  readonly scenarioId: string | null;
}

/**
 * Every distinct price the (scenario-view) rows ask for, resolved once, plus every billing surface of
 * the models they use, so switching a row's surface in the spreadsheet re-prices it.
 */
function resolveRowPrices(book: PriceBook, rows: readonly PlanRow[], asOf: string): Map<string, UsedPrice | null> {
  const cache = new Map<string, UsedPrice | null>();
  const resolve = (model: string, surface: BillingSurface, pinnedId: string | null) => {
    const key = `${model}\u0000${surface}\u0000${pinnedId ?? ''}`;
    if (cache.has(key)) return;
    const price = resolvePrice(book, { model, surface, date: asOf, entryId: pinnedId });
    cache.set(
      key,
      price.ok ? { model, surface, pinnedId, entryIds: price.value.entryIds, kind: price.value.pricing.kind } : null,
    );
  };
  const models = new Set<string>();
  for (const row of rows) {
    resolve(row.model, row.surface, row.priceEntryId);
    models.add(row.model);
  }
  for (const model of models) for (const surface of BILLING_SURFACES) resolve(model, surface, null);
  return cache;
}

/** Choice lists kept on the Lists sheet: the model ids are too many for an inline list (255 characters at most). */
const LIST_RANGES: Readonly<Partial<Record<string, string>>> = {
  model: `${LISTS_SHEET}!$D$2:$D$${MODEL_SPECS.length + 1}`,
};

/**
 * Drop-downs for the choice columns, from the field registry: every value any row may hold (a value
 * outside the list only warns: import checks it against the row's model).
 */
function planChoices(lastRow: number): ColumnChoice[] {
  const choices: ColumnChoice[] = [];
  for (const column of PLAN_COLUMNS) {
    const field = column.field === undefined ? undefined : ROW_FIELDS[column.field];
    if (field?.kind !== 'choice') continue;
    choices.push({
      column: planColumnNumber(column.key),
      list: LIST_RANGES[column.key] ?? `"${field.options(null).join(',')}"`,
      prompt: field.expectation,
      lastRow,
    });
  }
  return choices;
}

/** Rows below the plan that still get drop-downs and formats, for lines finance adds. */
const ROOM_FOR_NEW_ROWS = 500;

/**
 * A plan's total under a scenario, summed row by row (no estimate kept). Null when the scenario is broken,
 * or when the total passes MAX_MICRO and could not be kept exactly.
 */
function totalCost(plan: PlanDocument, scenario: Scenario | null, ctx: EstimateContext): Micro | null {
  const rows = applyScenario(plan.rows, scenario);
  if (!rows.ok) return null;
  let total = 0;
  for (const row of rows.value) {
    const e = estimateRow(row, ctx);
    if (e.ok) total += e.totalCost;
  }
  return Number.isSafeInteger(total) ? total : null;
}

/**
 * Lays out the whole workbook for a plan: Plan (inputs + live formulas carrying the engine's results),
 * Prices, Summary, About, and the hidden Lists and Data sheets. Plan rows are estimated as the sheet
 * streams and then dropped, so a 100k-row plan never holds 100k estimates.
 */
export function buildPlanWorkbook(plan: PlanDocument, options: WorkbookExportOptions): Result<PlanWorkbook> {
  const chosen = resolveScenario(plan, options.scenarioId);
  if (!chosen.ok) return chosen;
  const scenario = chosen.value;
  const shownRows = applyScenario(plan.rows, scenario);
  if (!shownRows.ok) return shownRows;
  const rows = shownRows.value;
  const book = createPriceBook(plan.priceEntries, options.builtin);
  const ctx: EstimateContext = { priceBook: book, asOf: plan.meta.priceBookAsOf };
  const resolved = resolveRowPrices(book, rows, plan.meta.priceBookAsOf);
  const prices = buildPriceSheet(
    book,
    [...resolved.values()].filter((u): u is UsedPrice => u !== null),
  );
  const formulas = planFormulas(prices.table, listsTable(buildListLines().length));

  const pricingOf = (r: RowResult): RowPricing | null => {
    if (!r.estimate.ok) return null;
    // The estimate resolved the row's price with the same query as resolveRowPrices: its first entry is the main one.
    const mainId = r.estimate.priceEntryIds[0];
    const profile = mainId === undefined ? undefined : prices.profiles.get(profileKey(mainId, r.row.surface));
    return profile ? { kind: kindText(profile), profile: profile.code, tablePrefix: profile.tablePrefix ?? '' } : null;
  };

  let finishedTally: SummaryTally | null = null;
  const rowCtx = planRowContext(formulas, rows.length);
  function* planRows(): Generator<CellValue[]> {
    const tally = new SummaryTally();
    for (let i = 0; i < rows.length; i++) {
      const shown = rows[i];
      const base = plan.rows[i];
      if (!shown || !base) continue;
      const result = estimateRowResult(shown, ctx);
      tally.add(result);
      yield planRowCells(result, i, pricingOf(result), base, overriddenFields(scenario, shown.id), rowCtx);
    }
    finishedTally = tally;
  }
  const tallyNow = (): SummaryTally => {
    if (finishedTally) return finishedTally;
    const tally = new SummaryTally();
    for (const row of rows) tally.add(estimateRowResult(row, ctx));
    finishedTally = tally;
    return tally;
  };
  const planSheet: SheetModel = {
    name: PLAN_SHEET,
    state: 'visible',
    columns: PLAN_COLUMNS,
    autoFilter: true,
    freezeHeader: true,
    choices: planChoices(rows.length + 1 + ROOM_FOR_NEW_ROWS),
    redWhenNegative: [{ column: planColumnNumber('budgetRemaining'), lastRow: rows.length + 1 + ROOM_FOR_NEW_ROWS }],
    rows: { [Symbol.iterator]: planRows },
  };

  const scenarioTotals = (): { name: string; totalCost: Micro }[] => {
    if (plan.scenarios.length === 0) return [];
    const out: { name: string; totalCost: Micro }[] = [];
    const shownTotal = tallyNow().all;
    const base = scenario === null ? shownTotal.finalCost + shownTotal.draftCost : totalCost(plan, null, ctx);
    if (base !== null) out.push({ name: 'Base plan', totalCost: base });
    for (const s of plan.scenarios) {
      const t = s.id === scenario?.id ? shownTotal.finalCost + shownTotal.draftCost : totalCost(plan, s, ctx);
      if (t !== null) out.push({ name: s.name, totalCost: t });
    }
    return out;
  };

  const workbook: WorkbookModel = {
    creator: `Pixel Ledger ${options.appVersion}`,
    created: new Date(options.exportedAt),
    sheets: [
      planSheet,
      buildPricesSheet(prices),
      buildSummarySheet(() => summaryRows(tallyNow(), rows.length, scenarioTotals())),
      buildAboutSheet(plan, {
        appVersion: options.appVersion,
        exportedAt: options.exportedAt,
        scenarioName: scenario?.name ?? null,
      }),
      buildListsSheet(),
      buildDataSheet(plan, scenario?.id ?? null),
    ],
  };
  return ok({ workbook, prices, scenarioId: scenario?.id ?? null });
}
