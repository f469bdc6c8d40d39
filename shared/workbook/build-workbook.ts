import { estimateRowResult, PlanRowAdmission, type RowResult } from '../estimate/estimate-plan';
import { estimateRow, type EstimateContext } from '../estimate/estimate-row';
import { MODEL_SPECS } from '../estimate/models';
import type { PlanDocument, PlanRow, Scenario } from '../plan/plan-schema';
import { ROW_FIELDS } from '../plan/row-fields';
import { applyScenario, resolveScenario, ScenarioOverrides } from '../plan/scenarios';
import { createPriceBook, resolvePrice, type PriceBook } from '../pricing/price-book';
import { BILLING_SURFACES, type BillingSurface, type PriceEntry } from '../pricing/price-entry';
import { groupInteger } from '../money/format';
import { fail, ok, type Result } from '../result';
import { buildAboutSheet, buildDataSheet, buildListsSheet, buildPricesSheet } from './info-sheets';
import { buildListLines, LISTS_SHEET, listsTable } from './model-lists';
import { PLAN_COLUMNS, PLAN_SHEET, planColumnNumber, planFormulas } from './plan-columns';
import { ColumnFit, DEFAULT_MAX_WIDTH } from './column-fit';
import { FITTED_PLAN_COLUMNS, fitPlanRow } from './plan-fit';
import { planRowCells, planRowContext, type RowPricing } from './plan-rows';
import { PlanTotalsTally, planTotalsRow } from './plan-totals';
import { workbookPrintSetup } from './print-setup';
import { buildPriceSheet, kindText, profileKey, type PriceSheetPlan, type UsedPrice } from './price-lines';
import { buildReconcileSheets } from './reconcile-sheets';
import { SHEET_LIMITS } from './sheet-xml';
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
  /**
   * Lines per Actuals sheet before the next takes over (reconcile-sheets.ts): Excel's limit unless given;
   * tests give a few to prove the sheets that continue it.
   */
  readonly actualsLinesPerSheet?: number;
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

/** Caps on fitted Plan widths: long names and notes are cut at the column edge, not the page widened. */
const PLAN_MAX_WIDTHS: Readonly<Partial<Record<string, number>>> = { name: 40, notes: 32, errors: 32, warnings: 32 };

/**
 * Lays out the whole workbook for a plan: Plan (inputs + live formulas carrying the engine's results, and
 * a totals row), Prices, Summary, About, and the hidden Lists and Data sheets. Every row is estimated
 * twice and no estimate is kept, so a 100k-row plan never holds 100k estimates: once up front, for the
 * totals, the Summary and the column widths (which a sheet file states before its rows), and once as the
 * Plan sheet streams.
 */
/**
 * The first pass over the shown rows: the Summary's and the totals row's sums and the column widths.
 * As the app shows them, a row that would carry the totals past what stays exact is a row error: those
 * few are kept, so the Plan sheet's pass shows them the same.
 */
function tallyRows(rows: readonly PlanRow[], ctx: EstimateContext) {
  const tally = new SummaryTally();
  const totals = new PlanTotalsTally();
  const fit = new ColumnFit(PLAN_COLUMNS);
  const admission = new PlanRowAdmission();
  const refused = new Map<number, RowResult>();
  rows.forEach((row, i) => {
    const estimated = estimateRowResult(row, ctx);
    const result = admission.admit(estimated);
    if (result.estimate.ok !== estimated.estimate.ok) refused.set(i, result);
    tally.add(result);
    totals.add(result);
    fitPlanRow(fit, result);
  });
  return { tally, totals, fit, refused };
}

export function buildPlanWorkbook(plan: PlanDocument, options: WorkbookExportOptions): Result<PlanWorkbook> {
  // The Plan sheet is one table (finance filters and totals it): its header, rows and totals on one sheet.
  if (plan.rows.length + 2 > SHEET_LIMITS.maxRow)
    return fail(
      `the plan has ${groupInteger(plan.rows.length)} rows, more than the ${groupInteger(SHEET_LIMITS.maxRow - 2)} an Excel sheet holds under its header and totals: split the plan into smaller plans, or export it as CSV`,
    );
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

  const { tally, totals, fit, refused } = tallyRows(rows, ctx);
  const totalsRow = planTotalsRow(totals);
  if (totalsRow) fit.observeRow(totalsRow);

  const pricingOf = (r: RowResult): RowPricing | null => {
    if (!r.estimate.ok) return null;
    // The estimate resolved the row's price with the same query as resolveRowPrices: its first entry is the main one.
    const mainId = r.estimate.priceEntryIds[0];
    const profile = mainId === undefined ? undefined : prices.profiles.get(profileKey(mainId, r.row.surface));
    return profile ? { kind: kindText(profile), profile: profile.code, tablePrefix: profile.tablePrefix ?? '' } : null;
  };
  const rowCtx = planRowContext(formulas, rows.length);
  const overrides = new ScenarioOverrides(scenario);
  function* planRows(): Generator<CellValue[]> {
    for (let i = 0; i < rows.length; i++) {
      const shown = rows[i];
      const base = plan.rows[i];
      if (!shown || !base) continue;
      const result = refused.get(i) ?? estimateRowResult(shown, ctx);
      yield planRowCells(result, i, pricingOf(result), base, overrides.fieldsOf(shown.id), rowCtx);
    }
  }
  const lastRow = Math.min(rows.length + 1 + ROOM_FOR_NEW_ROWS, SHEET_LIMITS.maxRow);
  const planSheet: SheetModel = {
    name: PLAN_SHEET,
    state: 'visible',
    about:
      'One row per campaign line. First who and how much (campaign, team, finals, row total, cost per approved final, budget and what is left of it), then the inputs (a group: - hides them), then the technical columns (a group shown with +). The totals row under the rows follows filters (SUBTOTAL); rows with errors are left out of it.',
    columns: fit.fitted({
      keep: (c) => !FITTED_PLAN_COLUMNS.has(c.key),
      maxWidth: (c) => PLAN_MAX_WIDTHS[c.key] ?? DEFAULT_MAX_WIDTH,
    }),
    autoFilter: true,
    freezeHeader: true,
    freezeColumns: planColumnNumber('name'),
    choices: planChoices(lastRow),
    redWhenNegative: [{ column: planColumnNumber('budgetRemaining'), lastRow }],
    rows: { [Symbol.iterator]: planRows },
    totalsRow: () => totalsRow,
  };

  const shownTotal = tally.all.finalCost + tally.all.draftCost;
  const summary = buildSummarySheet(summaryRows(tally, rows.length, scenarioTotals(plan, scenario, shownTotal, ctx)));
  const others = [
    buildPricesSheet(prices),
    summary,
    ...buildReconcileSheets(plan, scenario?.id ?? null, options.actualsLinesPerSheet),
  ];
  const hidden = [buildListsSheet(), buildDataSheet(plan, scenario?.id ?? null)];
  const about = buildAboutSheet(
    plan,
    { appVersion: options.appVersion, exportedAt: options.exportedAt, scenarioName: scenario?.name ?? null },
    [planSheet, ...others, ...hidden],
  );
  const workbook: WorkbookModel = {
    creator: `Pixel Ledger ${options.appVersion}`,
    created: new Date(options.exportedAt),
    print: workbookPrintSetup({ planName: plan.meta.name, exportedAt: options.exportedAt }),
    sheets: [planSheet, ...others, about, ...hidden],
  };
  return ok({ workbook, prices, scenarioId: scenario?.id ?? null });
}

/** Each scenario's total beside the base plan's, for the Summary sheet (the shown one is already tallied). */
function scenarioTotals(
  plan: PlanDocument,
  scenario: Scenario | null,
  shownTotal: Micro,
  ctx: EstimateContext,
): { name: string; totalCost: Micro }[] {
  if (plan.scenarios.length === 0) return [];
  const out: { name: string; totalCost: Micro }[] = [];
  const base = scenario === null ? shownTotal : totalCost(plan, null, ctx);
  if (base !== null) out.push({ name: 'Base plan', totalCost: base });
  for (const s of plan.scenarios) {
    const t = s.id === scenario?.id ? shownTotal : totalCost(plan, s, ctx);
    if (t !== null) out.push({ name: s.name, totalCost: t });
  }
  return out;
}
