import { type Exact, ZERO, add } from '../money/exact';
import type { Micro } from '../money/rounding';
import type { PlanDocument, PlanRow } from '../plan/plan-schema';
import { applyScenario, resolveScenario } from '../plan/scenarios';
import { createPriceBook, type PriceBook } from '../pricing/price-book';
import type { PriceEntry } from '../pricing/price-entry';
import { ok, type Result } from '../result';
import {
  type EstimateContext,
  estimateRow,
  type ParsedFactor,
  PlanRowPricer,
  rowError,
  type RowEstimate,
} from './estimate-row';
import { emptyRowFigures, figuresOfEstimate, PricedRow, type RowFigures, RowEstimateColumns } from './priced-row';
import { parseExact } from '../money/exact';
import { type RowMoney, type RowMoneyNumbers, rowMoneyOut } from './row-money';
import { MAX_MICRO_TEXT, roundToMicro, toMicro } from '../money/rounding';

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

/** The row's budget cap in micro-USD, or null without one (or with one too large to keep exactly). */
export function budgetCapMicro(row: PlanRow): Micro | null {
  const cap = budgetCapOrNaN(row);
  return Number.isNaN(cap) ? null : cap;
}

/** budgetCapMicro with NaN for none: a number either way, so estimatePlan's loop boxes nothing per row. */
function budgetCapOrNaN(row: PlanRow): number {
  const text = row.budgetCapUsd;
  if (text === null) return NaN;
  const short = shortAmountMicro(text);
  if (short !== null) return short;
  const cap = parseExact(text);
  return (cap === null ? null : toMicro(roundToMicro(cap))) ?? NaN;
}

/**
 * An amount of up to 9 whole digits and 6 decimals ("1250", "99.5") in micro-units, exact in a number
 * with no BigInt; null for any other text (parseExact reads those). Read digit by digit: this runs for
 * every capped row of every estimate.
 */
function shortAmountMicro(text: string): Micro | null {
  const length = text.length;
  let whole = 0;
  let i = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break; // '.'
    if (c < 48 || c > 57) return null;
    whole = whole * 10 + (c - 48);
  }
  if (i === 0 || i > 9) return null;
  if (i === length) return whole * 1_000_000;
  let fraction = 0;
  const decimals = length - i - 1;
  if (decimals < 1 || decimals > 6) return null;
  for (i += 1; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    fraction = fraction * 10 + (c - 48);
  }
  return whole * 1_000_000 + fraction * (MICRO_PER_DECIMAL[decimals - 1] ?? NaN);
}
const MICRO_PER_DECIMAL = [100_000, 10_000, 1_000, 100, 10, 1];

export function budgetRemaining(row: PlanRow, total: Micro): Micro | null {
  return remainingUnder(budgetCapMicro(row), total);
}

/** One row's result on its own (the grid and the workbook estimate row by row; totals come after). */
export function estimateRowResult(row: PlanRow, ctx: EstimateContext): RowResult {
  const estimate = estimateRow(row, ctx);
  return { row, estimate, budgetRemaining: estimate.ok ? budgetRemaining(row, estimate.totalCost) : null };
}

/** What a priced row leaves of its cap (null without a cap, or for a row with errors). */
function budgetLeft(estimate: RowEstimate, cap: Micro | null): Micro | null {
  return estimate.ok ? remainingUnder(cap, estimate.totalCost) : null;
}

function remainingUnder(cap: Micro | null, total: Micro): Micro | null {
  if (cap === null) return null;
  const remaining = cap - total;
  return Number.isSafeInteger(remaining) ? remaining : toMicro(BigInt(cap) - BigInt(total));
}

/**
 * An exact running sum that keeps one integer per decimal scale and aligns them once at the end, rather
 * than rescaling on every step: the result equals folding `add` over the values, scale included.
 */
class ExactSum {
  /**
   * Per scale below SMALL_SCALES: the sum so far in a number while it stays a safe integer (exact), the
   * rest in a BigInt, and how many values of that scale are in the sum (its scale shows in the total
   * while any is). Typed arrays for the first: read and written for every row, never boxed or resized.
   */
  private readonly smallByScale = new Float64Array(SMALL_SCALES);
  private readonly countByScale = new Float64Array(SMALL_SCALES);
  private readonly bigByScale: bigint[] = [];
  /** Scales of SMALL_SCALES and more (a factor typed with that many decimals): summed in BigInt. */
  private readonly largeScales = new Map<number, { units: bigint; count: number }>();

  add(e: Exact): void {
    this.addTimes(e, 1);
  }

  /** Adds e x n for a whole n >= 0, without building the product when it fits in a number. */
  addTimes(e: Exact, n: number): void {
    this.addNumberSigned(e, Number(e.units), n, 1);
  }

  /** addTimes for an e whose Number(e.units) the caller has (ParsedFactor): no BigInt read per row. */
  addUnitsTimes(e: Exact, unitsNumber: number, n: number): void {
    // The usual row, with no further call (this runs twice for every row of an estimate).
    const s = e.scale;
    const units = unitsNumber * n;
    const next = s < SMALL_SCALES ? (this.smallByScale[s] as number) + units : NaN;
    if (Number.isSafeInteger(units) && Number.isSafeInteger(next)) {
      this.smallByScale[s] = next;
      this.countByScale[s] = (this.countByScale[s] as number) + 1;
    } else this.addNumberSigned(e, unitsNumber, n, 1);
  }

  /** Takes back an earlier addTimes(e, n): the total is then as if it had never been added. */
  removeTimes(e: Exact, n: number): void {
    this.addNumberSigned(e, Number(e.units), -n, -1);
  }

  private addNumberSigned(e: Exact, unitsNumber: number, n: number, count: 1 | -1): void {
    const s = e.scale;
    if (s >= SMALL_SCALES) {
      const large = this.largeScales.get(s) ?? { units: 0n, count: 0 };
      large.units += e.units * BigInt(n);
      large.count += count;
      this.largeScales.set(s, large);
      return;
    }
    const units = unitsNumber * n;
    const next = (this.smallByScale[s] as number) + units;
    if (Number.isSafeInteger(units) && Number.isSafeInteger(next)) this.smallByScale[s] = next;
    else this.bigByScale[s] = (this.bigByScale[s] ?? 0n) + e.units * BigInt(n);
    this.countByScale[s] = (this.countByScale[s] as number) + count;
  }

  total(): Exact {
    let sum: Exact = ZERO;
    for (let scale = 0; scale < SMALL_SCALES; scale++) {
      if ((this.countByScale[scale] as number) > 0)
        sum = add(sum, { units: BigInt(this.smallByScale[scale] as number) + (this.bigByScale[scale] ?? 0n), scale });
    }
    for (const [scale, large] of [...this.largeScales].sort(([a], [b]) => a - b))
      if (large.count > 0) sum = add(sum, { units: large.units, scale });
    return sum;
  }
}
/** Scales ExactSum keeps in typed arrays (factors are typed with a few decimals). */
const SMALL_SCALES = 32;

/**
 * Totals are exact integer sums of the row values shown, so they always equal the rows. A row that would
 * carry a money total past MAX_MICRO (where numbers stop being exact) is left out and counted as a row
 * with errors; estimatePlan turns such rows into row errors first, so its totals never leave one out.
 */
export function sumRows(results: readonly RowResult[]): PlanTotals {
  const totals = new PlanTotalsBuilder();
  for (const { row, estimate } of results) totals.add(row, estimate, budgetCapMicro(row));
  return totals.totals();
}

/** Running plan totals, added to row by row. */
function isNegativeMoney(money: RowMoney, cap: Micro | null): boolean {
  return money.finalCost < 0 || money.draftCost < 0 || (money.credits ?? 0) < 0 || (cap ?? 0) < 0;
}

class PlanTotalsBuilder {
  private finals = 0;
  private readonly finalGenerations = new ExactSum();
  private readonly draftGenerations = new ExactSum();
  // Sums that pass 2^31 start as -0, a double that adds as 0: their fields hold doubles from the first
  // row, so no optimised code is thrown away when a sum outgrows a small integer. totals() gives +0.
  private requests = -0;
  private finalCost = -0;
  private draftCost = -0;
  private credits = -0;
  private budgetCap = -0;
  private rowsWithErrors = 0;
  /**
   * Rows added with an amount below zero: while there are none, every running total only grows, so a
   * set of rows whose sums stay exact is accepted whole in any order (what makes replacing a row exact).
   */
  negativeRows = 0;
  /** Rows refused because they would carry a total past MAX_MICRO (counted as rows with errors). */
  refusedRows = 0;

  /** Adds a row; false (and the row counted as an error) when a money total would pass MAX_MICRO. */
  add(row: PlanRow, estimate: RowEstimate, cap: Micro | null): boolean {
    if (!estimate.ok) {
      this.rowsWithErrors += 1;
      return true;
    }
    if (estimate instanceof PricedRow)
      return this.addPriced(row.finals, estimate, estimate.iterationFactor, estimate.plannedDraftsPerFinal, cap);
    if (!this.addMoney(estimate, cap)) return false;
    this.finals += row.finals;
    this.finalGenerations.add(estimate.finalGenerations);
    this.draftGenerations.add(estimate.draftGenerations);
    return true;
  }

  /**
   * Adds a row priced on the number path from its money and factors (no estimate object needed); false
   * as `add`. Drafts per final are null for a row without a draft pass.
   */
  addPriced(finals: number, money: RowMoney, factor: Exact, drafts: Exact | null, cap: Micro | null): boolean {
    if (!this.addMoney(money, cap)) return false;
    this.finals += finals;
    // factor x finals added as a product: no Exact built per row
    this.finalGenerations.addTimes(factor, finals);
    if (drafts !== null) this.draftGenerations.addTimes(drafts, finals);
    return true;
  }

  /**
   * addPriced for a row PlanRowPricer priced: its money in numbers (credits NaN for none) and its
   * factors as parsed, so no BigInt is read per row.
   */
  addPricedNumbers(
    finals: number,
    money: RowMoneyNumbers,
    factor: ParsedFactor | null,
    drafts: ParsedFactor | null,
    /** NaN for a row without a cap (budgetCapOrNaN). */
    cap: number,
  ): boolean {
    if (factor === null || drafts === null) throw new RangeError('a priced row has its factors');
    // NaN for no credits and no cap: no null per row.
    const credits = money.credits;
    if (
      !this.addAmounts(
        money.finalCost,
        money.draftCost,
        Number.isNaN(credits) ? 0 : credits,
        money.requests,
        Number.isNaN(cap) ? 0 : cap,
      )
    )
      return false;
    this.finals += finals;
    this.finalGenerations.addUnitsTimes(factor.exact, factor.units, finals);
    if (drafts.units !== 0) this.draftGenerations.addUnitsTimes(drafts.exact, drafts.units, finals);
    return true;
  }

  /**
   * Takes back a row added earlier (with the same estimate and cap), exactly: for the grid's incremental
   * totals (RunningPlanTotals). Only for a row whose add was accepted.
   */
  remove(row: PlanRow, estimate: RowEstimate, cap: Micro | null): void {
    if (!estimate.ok) {
      this.rowsWithErrors -= 1;
      return;
    }
    this.requests -= estimate.requests;
    this.finalCost -= estimate.finalCost;
    this.draftCost -= estimate.draftCost;
    this.credits -= estimate.credits ?? 0;
    this.budgetCap -= cap ?? 0;
    this.finals -= row.finals;
    if (isNegativeMoney(estimate, cap)) this.negativeRows -= 1;
    if (estimate instanceof PricedRow) {
      this.finalGenerations.removeTimes(estimate.iterationFactor, row.finals);
      if (estimate.plannedDraftsPerFinal !== null)
        this.draftGenerations.removeTimes(estimate.plannedDraftsPerFinal, row.finals);
      return;
    }
    this.finalGenerations.removeTimes(estimate.finalGenerations, 1);
    this.draftGenerations.removeTimes(estimate.draftGenerations, 1);
  }

  /** Adds a row's money and requests; false (nothing added, the row counted as an error) past MAX_MICRO. */
  private addMoney(money: RowMoney, cap: Micro | null): boolean {
    return this.addAmounts(money.finalCost, money.draftCost, money.credits ?? 0, money.requests, cap ?? 0);
  }

  /** addMoney's amounts, 0 for no credits and no cap. */
  private addAmounts(
    rowFinalCost: Micro,
    rowDraftCost: Micro,
    rowCredits: Micro,
    rowRequests: number,
    rowCap: Micro,
  ): boolean {
    if (rowFinalCost < 0 || rowDraftCost < 0 || rowCredits < 0 || rowCap < 0) this.negativeRows += 1;
    const finalCost = this.finalCost + rowFinalCost;
    const draftCost = this.draftCost + rowDraftCost;
    const credits = this.credits + rowCredits;
    const budgetCap = this.budgetCap + rowCap;
    const safe = Number.isSafeInteger;
    if (!(safe(finalCost) && safe(draftCost) && safe(finalCost + draftCost) && safe(credits) && safe(budgetCap))) {
      this.rowsWithErrors += 1;
      this.refusedRows += 1;
      return false;
    }
    this.requests += rowRequests;
    this.finalCost = finalCost;
    this.draftCost = draftCost;
    this.credits = credits;
    this.budgetCap = budgetCap;
    return true;
  }

  /** Adds an estimated row; returns the estimate to show (a row error if it would carry a total too far). */
  admit(row: PlanRow, estimated: RowEstimate, cap: Micro | null): RowEstimate {
    return this.add(row, estimated, cap) ? estimated : planTooLarge(estimated);
  }

  /** The result of a row `add` refused (already counted as an error): the row error it is shown as. */
  resultOfRefused(row: PlanRow, estimated: RowEstimate): RowResult {
    return { row, estimate: planTooLarge(estimated), budgetRemaining: null };
  }

  /** Adds an estimated row and returns its result. */
  addResult(row: PlanRow, estimated: RowEstimate): RowResult {
    const cap = budgetCapMicro(row);
    const estimate = this.admit(row, estimated, cap);
    return { row, estimate, budgetRemaining: budgetLeft(estimate, cap) };
  }

  totals(): PlanTotals {
    return {
      finals: this.finals,
      finalGenerations: this.finalGenerations.total(),
      draftGenerations: this.draftGenerations.total(),
      // + 0 turns a sum of no rows (-0) into 0 and changes no other number
      requests: this.requests + 0,
      finalCost: this.finalCost + 0,
      draftCost: this.draftCost + 0,
      totalCost: this.finalCost + this.draftCost + 0,
      credits: this.credits + 0,
      budgetCap: this.budgetCap + 0,
      rowsWithErrors: this.rowsWithErrors,
    };
  }
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
  const chosen = resolveScenario(plan, options.scenario === undefined ? plan.activeScenarioId : options.scenario);
  if (!chosen.ok) return chosen;
  const scenario = chosen.value;
  const rows = applyScenario(plan.rows, scenario);
  if (!rows.ok) return rows;
  const priceBook =
    options.priceBook ??
    (options.builtin ? createPriceBook(plan.priceEntries, options.builtin) : priceBookFor(plan.priceEntries));
  const ctx = { priceBook, asOf: plan.meta.priceBookAsOf };
  const totals = new PlanTotalsBuilder();
  const planRows = rows.value;
  const estimates = new RowEstimateColumns(planRows.length);
  const remaining = new Float64Array(planRows.length);
  const pricer = new PlanRowPricer(ctx, estimates);
  // The usual rows in one tight loop, the rest here one at a time (a plan may have none).
  for (let i = priceOnNumberPath(pricer, totals, planRows, remaining, 0); i < planRows.length;) {
    const row = planRows[i] as PlanRow;
    const cap = budgetCapMicro(row);
    const estimate = stoppedAtRefusal
      ? planTooLarge(estimates.get(i, row))
      : totals.admit(row, estimateRow(row, ctx), cap);
    estimates.set(i, estimate);
    remaining[i] = budgetLeft(estimate, cap) ?? NaN;
    i = priceOnNumberPath(pricer, totals, planRows, remaining, i + 1);
  }
  return ok(new EstimatedPlan(scenario?.id ?? null, planRows, estimates, remaining, totals.totals()));
}

/** Whether priceOnNumberPath last stopped at a row the totals refused (else at one it could not price). */
let stoppedAtRefusal = false;

/**
 * estimatePlan's hot loop: prices and totals rows from `from` on the number path, each into the columns
 * with no object of its own (PlanRowPricer), until a row it cannot take (not priced there, or refused by
 * the totals); returns that row's index, or the row count. The rare row is left to the caller so that
 * this loop has no branch it may never have run: V8 compiles such a branch as "deoptimise", and the diverse
 * plan's first such row (its 63,556th) threw the optimised loop away.
 */
function priceOnNumberPath(
  pricer: PlanRowPricer,
  totals: PlanTotalsBuilder,
  planRows: readonly PlanRow[],
  remaining: Float64Array,
  from: number,
): number {
  const money = rowMoneyOut;
  for (let i = from; i < planRows.length; i++) {
    const row = planRows[i] as PlanRow;
    const cap = budgetCapOrNaN(row);
    if (!pricer.price(row, i)) {
      stoppedAtRefusal = false;
      return i;
    }
    if (!totals.addPricedNumbers(row.finals, money, pricer.factor, pricer.drafts, cap)) {
      stoppedAtRefusal = true;
      return i;
    }
    const left = cap - (money.finalCost + money.draftCost); // NaN without a cap
    remaining[i] =
      Number.isSafeInteger(left) || Number.isNaN(cap)
        ? left
        : (remainingUnder(cap, money.finalCost + money.draftCost) ?? NaN);
  }
  return planRows.length;
}

/**
 * A plan's estimate as estimatePlan makes it: every row estimated and totalled, the rows' estimates kept
 * as columns (see RowEstimateColumns) and their RowResult objects built on first read of `rows`.
 */
class EstimatedPlan implements PlanEstimate {
  private built: RowResult[] | null = null;

  constructor(
    readonly scenarioId: string | null,
    private readonly planRows: readonly PlanRow[],
    private readonly estimates: RowEstimateColumns,
    /** Budget remaining per row, NaN for none. */
    private readonly remaining: Float64Array,
    readonly totals: PlanTotals,
  ) {}

  get rows(): readonly RowResult[] {
    if (this.built === null) this.built = this.planRows.map((_row, i) => this.resultAt(i));
    return this.built;
  }

  get rowCount(): number {
    return this.planRows.length;
  }

  rowAt(index: number): PlanRow | undefined {
    return this.planRows[index];
  }

  /** Each row's figures in plan order, or its result where they are not all numbers: see forEachRowFigures. */
  forEachRowFigures(visitFigures: RowFiguresVisitor, visitResult: RowResultVisitor): void {
    if (this.built !== null) {
      forEachBuiltRowFigures(this.built, visitFigures, visitResult);
      return;
    }
    const figures = emptyRowFigures();
    const count = this.planRows.length;
    for (let index = this.visitFiguresFrom(0, figures, visitFigures); index < count;) {
      const { row, estimate, budgetRemaining } = this.resultAt(index);
      visitResult(row, estimate, budgetRemaining, index);
      index = this.visitFiguresFrom(index + 1, figures, visitFigures);
    }
  }

  /**
   * forEachRowFigures' hot loop: visits the figures of the rows from `from` on until a row that has none
   * (an error, a figure not in numbers), whose index it returns (or the row count). That row is left to
   * the caller so that this loop has no branch its first rows never take: V8 compiles such a branch as
   * "deoptimise", and recompiling the loop costs more than the row (as estimatePlan's priceOnNumberPath).
   */
  private visitFiguresFrom(from: number, figures: RowFigures, visit: RowFiguresVisitor): number {
    const { planRows, estimates, remaining } = this;
    for (let index = from; index < planRows.length; index++) {
      const row = planRows[index] as PlanRow;
      if (!estimates.readFigures(index, row, figures)) return index;
      const left = remaining[index] ?? NaN;
      visit(row, figures, Number.isNaN(left) ? null : left, index);
    }
    return planRows.length;
  }

  /** The budget remaining of the row at `index`, as resultAt gives it. */
  budgetRemainingAt(index: number): Micro | null {
    const left = this.remaining[index] ?? NaN;
    return Number.isNaN(left) ? null : left;
  }

  /** The result of the row at `index` (0 <= index < rowCount), built afresh unless `rows` has been read. */
  resultAt(index: number): RowResult {
    const kept = this.built?.[index];
    if (kept !== undefined) return kept;
    const row = this.planRows[index] as PlanRow;
    const left = this.remaining[index] ?? NaN;
    return { row, estimate: this.estimates.get(index, row), budgetRemaining: Number.isNaN(left) ? null : left };
  }
}

/**
 * Each row's result in plan order, as `result.rows` gives them, without keeping them all: for writers
 * that read a 100k-row estimate once (the CLI's table and --json), where holding 100k result objects at
 * once costs more in garbage collection than building them.
 */
export function* eachRowResult(result: PlanEstimate): Generator<RowResult, void, undefined> {
  if (!(result instanceof EstimatedPlan)) {
    yield* result.rows;
    return;
  }
  for (let i = 0; i < result.rowCount; i++) yield result.resultAt(i);
}

/** How many rows an estimate has, without building its rows' results. */
export function rowCountOf(result: PlanEstimate): number {
  return result instanceof EstimatedPlan ? result.rowCount : result.rows.length;
}

/** What forEachRowFigures gives for a row it hands over as its result: its RowResult's parts, and its index. */
export type RowResultVisitor = (
  row: PlanRow,
  estimate: RowEstimate,
  budgetRemaining: Micro | null,
  index: number,
) => void;

/**
 * What forEachRowFigures gives for a row read in numbers: the row, its figures (a record rewritten for the
 * next row), its budget remaining and its index.
 */
export type RowFiguresVisitor = (
  row: PlanRow,
  figures: RowFigures,
  budgetRemaining: Micro | null,
  index: number,
) => void;

/**
 * Each row in plan order: its figures (RowFigures: what a table prints of a row, in numbers) to
 * `visitFigures`, or, for a row with errors or a figure not worked out in numbers, its result in parts
 * to `visitResult`. For a writer of a 100k-row table, where building every row's estimate (eachRowResult)
 * costs more than the figures it reads.
 */
export function forEachRowFigures(
  result: PlanEstimate,
  visitFigures: RowFiguresVisitor,
  visitResult: RowResultVisitor,
): void {
  if (result instanceof EstimatedPlan) result.forEachRowFigures(visitFigures, visitResult);
  else forEachBuiltRowFigures(result.rows, visitFigures, visitResult);
}

function forEachBuiltRowFigures(
  rows: readonly RowResult[],
  visitFigures: RowFiguresVisitor,
  visitResult: RowResultVisitor,
): void {
  const figures = emptyRowFigures();
  rows.forEach(({ row, estimate, budgetRemaining }, index) => {
    if (figuresOfEstimate(estimate, figures)) visitFigures(row, figures, budgetRemaining, index);
    else visitResult(row, estimate, budgetRemaining, index);
  });
}

/** The budget remaining of the row at `index` (null without a cap), as the row's result gives it. */
export function budgetRemainingAt(result: PlanEstimate, index: number): Micro | null {
  if (result instanceof EstimatedPlan) return result.budgetRemainingAt(index);
  return result.rows[index]?.budgetRemaining ?? null;
}

/** The plan row (as estimated, scenario applied) at `index`, without building every row's result. */
export function estimatedRowAt(result: PlanEstimate, index: number): PlanRow | undefined {
  if (result instanceof EstimatedPlan) return result.rowAt(index);
  return result.rows[index]?.row;
}

/**
 * Totals for row results estimated elsewhere (the grid estimates rows incrementally), with the same rule
 * as estimatePlan: a row that would carry a total past what stays exact comes back as a row error.
 * Rows that needed no change are returned as the same objects.
 */
export function totalRowResults(results: readonly RowResult[]): { rows: RowResult[]; totals: PlanTotals } {
  const { rows, totals } = totalInto(new PlanTotalsBuilder(), results);
  return { rows, totals: totals.totals() };
}

function totalInto(totals: PlanTotalsBuilder, results: readonly RowResult[]) {
  // Most rows are admitted as they are: only a row the totals turn into an error gets a new object.
  const rows = results.map((r) =>
    totals.add(r.row, r.estimate, budgetCapMicro(r.row)) ? r : totals.resultOfRefused(r.row, r.estimate),
  );
  return { rows, totals };
}

/**
 * totalRowResults kept up to date across edits (the grid's totals at 100k rows): replacing a few rows'
 * results takes their old amounts out of the sums and adds the new ones, exactly, instead of adding up
 * every row again. The answer is always what totalRowResults gives for the new rows: a replacement is
 * done in place only while no row is refused and no amount is negative (then the sums only grow, so
 * whether a row is refused cannot depend on the order); otherwise `replace` answers null and the caller
 * totals every row again with `reset`.
 */
export class RunningPlanTotals {
  private builder = new PlanTotalsBuilder();

  /** Totals every row afresh, as totalRowResults. */
  reset(results: readonly RowResult[]): { rows: RowResult[]; totals: PlanTotals } {
    const { rows, totals } = totalInto(new PlanTotalsBuilder(), results);
    this.builder = totals;
    return { rows, totals: totals.totals() };
  }

  /**
   * The totals with each `before` result (as last totalled) replaced by its `after`, or null when only a
   * fresh pass gives the right answer (call reset).
   */
  replace(changes: readonly { readonly before: RowResult; readonly after: RowResult }[]): PlanTotals | null {
    const totals = this.builder;
    if (totals.refusedRows > 0 || totals.negativeRows > 0) return null;
    for (const { before } of changes) totals.remove(before.row, before.estimate, budgetCapMicro(before.row));
    for (const { after } of changes) totals.add(after.row, after.estimate, budgetCapMicro(after.row));
    // A refused row (its place in the order decides which one) or a negative amount: the caller resets.
    if (totals.refusedRows > 0 || totals.negativeRows > 0) return null;
    return totals.totals();
  }
}

/**
 * Rows one at a time, as estimatePlan shows them: a row that would carry the plan's totals past what
 * stays exact becomes a row error (for writers that estimate row by row, such as the workbook export).
 */
export class PlanRowAdmission {
  private readonly totals = new PlanTotalsBuilder();

  admit(result: RowResult): RowResult {
    return this.totals.addResult(result.row, result.estimate);
  }
}

/** The row that would carry the plan's total past what stays exact, as a row error. */
function planTooLarge(estimate: RowEstimate): RowEstimate {
  const message = `with this row the plan would total more than ${MAX_MICRO_TEXT}, the most a plan can total and stay exact: split the plan`;
  return rowError({ field: 'finals', message }, estimate.warnings, estimate.assumptions);
}
