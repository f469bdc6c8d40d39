import { type Exact, ZERO, add } from '../money/exact';
import type { Micro } from '../money/rounding';
import type { PlanDocument, PlanRow } from '../plan/plan-schema';
import { applyScenario, findScenario } from '../plan/scenarios';
import { createPriceBook, type PriceBook } from '../pricing/price-book';
import type { PriceEntry } from '../pricing/price-entry';
import { fail, ok, type Result } from '../result';
import { estimateRow, type RowEstimate } from './estimate-row';
import { parseExact } from '../money/exact';
import { roundToMicro } from '../money/rounding';

export interface RowResult {
  readonly row: PlanRow;
  readonly estimate: RowEstimate;
  /** Budget cap minus total, null when the row has no cap. */
  readonly budgetRemaining: Micro | null;
}

export interface PlanTotals {
  readonly finals: number;
  readonly finalGenerations: Exact;
  readonly draftGenerations: Exact;
  readonly requests: number;
  readonly finalCost: Micro;
  readonly draftCost: Micro;
  readonly totalCost: Micro;
  readonly credits: Micro;
  readonly budgetCap: Micro;
  readonly rowsWithErrors: number;
}

export interface PlanEstimate {
  readonly scenarioId: string | null;
  readonly rows: readonly RowResult[];
  readonly totals: PlanTotals;
}

export interface PlanEstimateOptions {
  /** Scenario id or name; undefined = the plan's active scenario; null = the base plan. */
  readonly scenario?: string | null;
  readonly builtin?: readonly PriceEntry[];
  readonly priceBook?: PriceBook;
}

export function budgetRemaining(row: PlanRow, total: Micro): Micro | null {
  if (row.budgetCapUsd === null) return null;
  const cap = parseExact(row.budgetCapUsd);
  return cap === null ? null : roundToMicro(cap) - total;
}

/**
 * An exact running sum that keeps one integer per decimal scale and aligns them once at the end, rather
 * than rescaling on every step: the result equals folding `add` over the values, scale included.
 */
class ExactSum {
  private readonly unitsByScale: bigint[] = [];

  add(e: Exact): void {
    this.unitsByScale[e.scale] = (this.unitsByScale[e.scale] ?? 0n) + e.units;
  }

  total(): Exact {
    let sum: Exact = ZERO;
    this.unitsByScale.forEach((units, scale) => (sum = add(sum, { units, scale })));
    return sum;
  }
}

/** Totals are exact integer sums of the row values shown, so they always equal the rows. */
export function sumRows(results: readonly RowResult[]): PlanTotals {
  let finals = 0;
  const finalGenerations = new ExactSum();
  const draftGenerations = new ExactSum();
  let requests = 0;
  let finalCost = 0n;
  let draftCost = 0n;
  let credits = 0n;
  let budgetCap = 0n;
  let rowsWithErrors = 0;
  for (const { row, estimate } of results) {
    if (!estimate.ok) {
      rowsWithErrors += 1;
      continue;
    }
    finals += row.finals;
    finalGenerations.add(estimate.finalGenerations);
    draftGenerations.add(estimate.draftGenerations);
    requests += estimate.requests;
    finalCost += estimate.finalCost;
    draftCost += estimate.draftCost;
    if (estimate.credits !== null) credits += estimate.credits;
    if (row.budgetCapUsd !== null) budgetCap += roundToMicro(parseExact(row.budgetCapUsd) ?? ZERO);
  }
  return {
    finals,
    finalGenerations: finalGenerations.total(),
    draftGenerations: draftGenerations.total(),
    requests,
    finalCost,
    draftCost,
    totalCost: finalCost + draftCost,
    credits,
    budgetCap,
    rowsWithErrors,
  };
}

// The same entries make the same price book: reuse it, so the engine's per-book lookup caches stay warm
// across re-estimates of a plan. Keyed by content, not identity, so entries edited in place get a new book.
const booksByEntries = new Map<string, PriceBook>();
const MAX_BOOKS = 32;

function priceBookFor(entries: readonly PriceEntry[]): PriceBook {
  const key = JSON.stringify(entries);
  let book = booksByEntries.get(key);
  if (!book) {
    book = createPriceBook(entries);
    if (booksByEntries.size >= MAX_BOOKS) booksByEntries.clear();
    booksByEntries.set(key, book);
  }
  return book;
}

/** Estimates every row of a plan under a scenario. Only a broken scenario makes it fail as a whole. */
export function estimatePlan(plan: PlanDocument, options: PlanEstimateOptions = {}): Result<PlanEstimate> {
  const scenarioKey = options.scenario === undefined ? plan.activeScenarioId : options.scenario;
  const scenario = scenarioKey === null ? null : findScenario(plan, scenarioKey);
  if (scenarioKey !== null && !scenario) {
    const names = plan.scenarios.map((s) => `"${s.name}"`).join(', ');
    return fail(`there is no scenario "${scenarioKey}" in this plan${names ? `: choose one of ${names}` : ' (it has none)'}`);
  }
  const rows = applyScenario(plan.rows, scenario);
  if (!rows.ok) return rows;
  const priceBook = options.priceBook ?? (options.builtin ? createPriceBook(plan.priceEntries, options.builtin) : priceBookFor(plan.priceEntries));
  const ctx = { priceBook, asOf: plan.meta.priceBookAsOf };
  const results: RowResult[] = rows.value.map((row) => {
    const estimate = estimateRow(row, ctx);
    return { row, estimate, budgetRemaining: estimate.ok ? budgetRemaining(row, estimate.totalCost) : null };
  });
  return ok({ scenarioId: scenario?.id ?? null, rows: results, totals: sumRows(results) });
}
