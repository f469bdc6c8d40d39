import { estimatePlan, type PlanEstimate, type RowResult } from '../estimate/estimate-plan';
import { overriddenFields, findScenario } from '../plan/scenarios';
import type { PlanDocument } from '../plan/plan-schema';
import { createPriceBook, resolvePrice, type PriceBook } from '../pricing/price-book';
import type { PriceEntry } from '../pricing/price-entry';
import { fail, ok, type Result } from '../result';
import { buildAboutSheet, buildDataSheet, buildListsSheet, buildPricesSheet } from './info-sheets';
import { buildListLines, listsTable } from './model-lists';
import { PLAN_COLUMNS, PLAN_SHEET, planFormulas } from './plan-columns';
import { planRowCells, rowOriginals, type RowPricing } from './plan-rows';
import { buildPriceSheet, profileKey, type PriceSheetPlan, type UsedPrice } from './price-lines';
import { buildSummarySheet } from './summary-sheet';
import type { CellValue, SheetModel, WorkbookModel } from './workbook-types';

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
  readonly estimate: PlanEstimate;
  readonly prices: PriceSheetPlan;
}

interface Resolved {
  readonly used: UsedPrice;
}

function resolveRowPrices(book: PriceBook, rows: readonly RowResult[], asOf: string): Map<string, Resolved | null> {
  const cache = new Map<string, Resolved | null>();
  for (const { row, estimate } of rows) {
    if (!estimate.ok) continue;
    const key = `${row.model}\u0000${row.surface}\u0000${row.priceEntryId ?? ''}`;
    if (cache.has(key)) continue;
    const price = resolvePrice(book, { model: row.model, surface: row.surface, date: asOf, entryId: row.priceEntryId });
    cache.set(key, price.ok ? { used: { entryIds: price.value.entryIds, surface: row.surface, kind: price.value.pricing.kind } } : null);
  }
  return cache;
}

/**
 * Lays out the whole workbook for a plan: Plan (inputs + live formulas carrying the engine's results),
 * Prices, Summary, About, and the hidden Lists and Data sheets.
 */
export function buildPlanWorkbook(plan: PlanDocument, options: WorkbookExportOptions): Result<PlanWorkbook> {
  const scenario = options.scenarioId === null ? null : findScenario(plan, options.scenarioId);
  if (options.scenarioId !== null && !scenario) {
    const names = plan.scenarios.map((s) => `"${s.name}"`).join(', ');
    return fail(`there is no scenario "${options.scenarioId}" in this plan${names ? `: choose one of ${names}` : ' (it has none)'}`);
  }
  const book = createPriceBook(plan.priceEntries, options.builtin);
  const estimate = estimatePlan(plan, { scenario: scenario?.id ?? null, priceBook: book });
  if (!estimate.ok) return estimate;
  const rows = estimate.value.rows;
  const resolved = resolveRowPrices(book, rows, plan.meta.priceBookAsOf);
  const used = [...resolved.values()].filter((r): r is Resolved => r !== null).map((r) => r.used);
  const prices = buildPriceSheet(book, used);
  const lists = listsTable(buildListLines().length);
  const formulas = planFormulas(prices.table, lists);

  const pricingOf = (r: RowResult): RowPricing | null => {
    if (!r.estimate.ok) return null;
    const res = resolved.get(`${r.row.model}\u0000${r.row.surface}\u0000${r.row.priceEntryId ?? ''}`);
    const mainId = res?.used.entryIds[0];
    if (!res || mainId === undefined) return null;
    const profile = prices.profiles.get(profileKey(mainId, r.row.surface));
    if (!profile) return null;
    return { kind: profile.kind, profile: profile.code, tablePrefix: profile.tablePrefix ?? '' };
  };
  const baseRows = plan.rows;
  const ctx = { formulas, rowCount: rows.length };
  function* planRows(): Generator<CellValue[]> {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const base = baseRows[i];
      if (!r || !base) continue;
      const originals = rowOriginals(r.row, base, overriddenFields(scenario, r.row.id));
      yield planRowCells(r, i, pricingOf(r), originals, ctx);
    }
  }
  const planSheet: SheetModel = {
    name: PLAN_SHEET,
    state: 'visible',
    columns: PLAN_COLUMNS,
    autoFilter: true,
    freezeHeader: true,
    rows: { [Symbol.iterator]: planRows },
    rowCount: rows.length,
  };

  const scenarioTotals: { name: string; totalCost: bigint }[] = [];
  if (plan.scenarios.length > 0) {
    const baseEstimate = scenario === null ? estimate : estimatePlan(plan, { scenario: null, priceBook: book });
    if (baseEstimate.ok) scenarioTotals.push({ name: 'Base plan', totalCost: baseEstimate.value.totals.totalCost });
    for (const s of plan.scenarios) {
      const e = s.id === scenario?.id ? estimate : estimatePlan(plan, { scenario: s.id, priceBook: book });
      if (e.ok) scenarioTotals.push({ name: s.name, totalCost: e.value.totals.totalCost });
    }
  }

  const workbook: WorkbookModel = {
    creator: `Pixel Ledger ${options.appVersion}`,
    created: new Date(options.exportedAt),
    sheets: [
      planSheet,
      buildPricesSheet(prices),
      buildSummarySheet(estimate.value, scenarioTotals),
      buildAboutSheet(plan, { appVersion: options.appVersion, exportedAt: options.exportedAt, scenarioName: scenario?.name ?? null }),
      buildListsSheet(),
      buildDataSheet(plan, scenario?.id ?? null),
    ],
  };
  return ok({ workbook, estimate: estimate.value, prices });
}
