import type { Measure } from '../actuals/actual-record';
import { effectiveBuckets } from '../actuals/ledger/effective-buckets';
import { budgetCapMicro, estimatePlan } from '../estimate/estimate-plan';
import { add, type Exact } from '../money/exact';
import { type Micro, roundHalfAwayFromZero, roundMicroDivided, roundToMicro, toMicro } from '../money/rounding';
import type { PlanDocument, PlanRow } from '../plan/plan-schema';
import { createPriceBook, type PriceBook } from '../pricing/price-book';
import { fail, ok, type Result } from '../result';
import {
  actualPieces,
  type ActualPiece,
  type CrossCheck,
  type MeteredOverlap,
  type UnpricedUsage,
} from './actual-pieces';
import { addDays, dayNumber, isCalendarDay } from './day-math';
import { DayMicros } from './day-micros';
import { type MatchedPart, type MatchRow, matchPieces, measureOf } from './match-actuals';
import { type DayAmounts, NO_DAYS, phaseByDay } from './phasing';

/**
 * Reconciliation of a plan with its actuals ledger, as of a day: per row the planned cost (the chosen
 * scenario's, else the active one's), the actual spend matched to it, variance, a run-rate forecast and
 * the observed iteration factor; the Unassigned spend; the meters' cross-check. Pure: the price book and
 * the as-of day come in. Totals are integer sums of the rows shown, and matched + Unassigned equals the
 * ledger's total for the days compared, to the micro-dollar.
 */

export type RowFlag = 'over-plan' | 'ahead-of-phasing';

export interface RowReconciliation {
  /** The row as the scenario sees it. */
  readonly row: PlanRow;
  /** False when the row cannot be priced: its planned cost is 0 here. */
  readonly priced: boolean;
  readonly planned: Micro;
  /** The phased plan up to and including as-of (the whole plan for a row without dates). */
  readonly plannedToDate: Micro;
  readonly actual: Micro;
  /**
   * actual − planned: over plan is positive. Null while the row has not started (its start date is after
   * as-of) and nothing is spent on it: a plan not yet due is no saving.
   */
  readonly variance: Micro | null;
  /** The budget cap (else the plan) minus the actual. */
  readonly budgetLeft: Micro;
  readonly forecast: Micro;
  readonly measure: Measure | 'mixed' | null;
  /** Generations the plan expects (finals × factor + drafts). */
  readonly generationsPlanned: Exact;
  /** Images the actuals show for the row. */
  readonly generations: number;
  readonly approvedFinals: number | null;
  /** generations ÷ approved finals, two decimals; null without approved finals or without generations seen. */
  readonly observedFactor: string | null;
  /** red: over plan (actual above the plan); amber: ahead of phasing (above the plan to date). */
  readonly flag: RowFlag | null;
  /** Micro-USD by what placed it ("campaign", "rule:<id>", "model", "manual"). */
  readonly matchedBy: ReadonlyMap<string, Micro>;
  readonly actualByDay: ReadonlyMap<string, Micro>;
  readonly plannedByDay: DayAmounts | null;
  /** The forecast still to come, spread over the row's days after as-of. */
  readonly forecastByDay: DayAmounts;
  readonly measuresByDay: ReadonlyMap<string, ReadonlySet<Measure>>;
}

export interface Reconciliation {
  readonly asOf: string;
  readonly scenarioId: string | null;
  readonly rows: readonly RowReconciliation[];
  readonly unassigned: Micro;
  readonly unassignedByDay: ReadonlyMap<string, Micro>;
  readonly unassignedMeasuresByDay: ReadonlyMap<string, ReadonlySet<Measure>>;
  /** The Unassigned pieces, largest first. */
  readonly unassignedPieces: readonly ActualPiece[];
  /** Every piece compared (days up to as-of), in the measure chosen for its day and project. */
  readonly ledgerTotal: Micro;
  readonly crossChecks: readonly CrossCheck[];
  readonly unpricedUsage: number;
  /** Those buckets by model, with why (actual-pieces.ts): most buckets first. */
  readonly unpricedUsageByModel: readonly UnpricedUsage[];
  /** Metered spend counted beside billed cost of the same model in another project (metered-overlap.ts). */
  readonly meteredOverlaps: readonly MeteredOverlap[];
  /** Every piece compared, in ledger order (what rules can test: the Match rules tab offers their values). */
  readonly pieces: readonly ActualPiece[];
  /** Every placed part (the Actuals sheet lists them). */
  readonly parts: readonly MatchedPart[];
  /** Per rule id: how many pieces it placed and how much. */
  readonly byRule: ReadonlyMap<string, { readonly pieces: number; readonly micro: Micro }>;
}

export interface ReconcileOptions {
  /** Scenario id or name; undefined = the plan's active scenario; null = the base plan. */
  readonly scenario?: string | null;
  /** The last day compared; null or undefined = the latest actual (else the plan's price date). */
  readonly asOf?: string | null;
  readonly priceBook?: PriceBook;
}

export function addTo<K>(map: Map<K, Micro>, key: K, m: Micro): void {
  map.set(key, (map.get(key) ?? 0) + m);
}

/** The measure sets of days, one per order of first appearance: a day's set is shared, never changed. */
const measureSets = new Map<string, Set<Measure>>();

export function withMeasure(set: Set<Measure> | undefined, measure: Measure): Set<Measure> {
  if (set?.has(measure)) return set;
  const order = set === undefined ? measure : `${[...set].join(',')},${measure}`;
  let shared = measureSets.get(order);
  if (shared === undefined)
    measureSets.set(order, (shared = new Set(set === undefined ? [measure] : [...set, measure])));
  return shared;
}

/** Adds a measure to a day's set: a ledger has few measure combinations, and rows × days sets add up. */
function addMeasure(map: Map<string, Set<Measure>>, day: string, measure: Measure): void {
  const set = map.get(day);
  const next = withMeasure(set, measure);
  if (next !== set) map.set(day, next);
}

/** Two decimals, half away from zero, of num ÷ den × scale (den > 0). */
export function ratioText(num: number, den: number, scale = 1): string {
  const hundredths = Number(
    roundHalfAwayFromZero({ units: BigInt(num) * BigInt(scale) * 100n, scale: 0 }, 0, BigInt(den)),
  );
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The run-rate forecast at completion, and the part still to come spread over the days after as-of. */
function forecastOf(row: PlanRow, planned: Micro, actual: Micro, asOf: string): { forecast: Micro; ahead: DayAmounts } {
  const { startDate: start, endDate: end } = row;
  if (start === null || end === null || end < start) return { forecast: Math.max(actual, planned), ahead: NO_DAYS };
  const firstToCome = asOf >= start ? addDays(asOf, 1) : start;
  const remainingDays = firstToCome > end ? 0 : dayNumber(end) - dayNumber(firstToCome) + 1;
  const elapsed = asOf < start ? 0 : dayNumber(asOf < end ? asOf : end) - dayNumber(start) + 1;
  let toCome: Micro;
  if (remainingDays === 0) toCome = 0;
  else if (elapsed === 0) toCome = planned;
  else {
    // ROUND(actual x remaining / elapsed, 6): in numbers while the product is exact, else in BigInt.
    const product = actual * remainingDays;
    toCome = Number.isSafeInteger(product)
      ? roundMicroDivided(product, elapsed)
      : (toMicro(roundToMicro({ units: BigInt(actual) * BigInt(remainingDays), scale: 6 }, BigInt(elapsed))) ?? 0);
  }
  // Evenly over the days to come: largest remainder with equal weights, as phasing 'even' spreads a plan.
  return { forecast: actual + toCome, ahead: phaseByDay(toCome, firstToCome, end, 'even') ?? NO_DAYS };
}

/** What the matched parts give one row (the renderer's incremental reconciler rebuilds one row's tally). */
export interface RowTally {
  actual: Micro;
  generations: number;
  readonly byDay: DayMicros;
  readonly by: Map<string, Micro>;
  readonly measures: Set<Measure>;
  /**
   * Each day's measures; null while all the row's parts are in one measure, which every day of `byDay`
   * then has (most rows: a team split gives thousands of rows a part on each of hundreds of days, and a
   * map of them all repeating one set cost a fifth of a large ledger's reconciliation). See measuresByDayOf.
   */
  measuresByDay: Map<string, Set<Measure>> | null;
}

export function newRowTally(): RowTally {
  return { actual: 0, generations: 0, byDay: new DayMicros(), by: new Map(), measures: new Set(), measuresByDay: null };
}

/** Adds one part placed on the row to its tally (parts must come in piece order, as tallyParts adds them). */
export function addPartToTally(t: RowTally, part: MatchedPart): void {
  const { piece } = part;
  if (t.measuresByDay === null && t.measures.size > 0 && !t.measures.has(piece.measure)) daysInOneMeasure(t);
  t.actual += part.micro;
  t.generations += part.images;
  t.byDay.add(piece.day, part.micro);
  addTo(t.by, part.by ?? '', part.micro);
  t.measures.add(piece.measure);
  if (t.measuresByDay !== null) addMeasure(t.measuresByDay, piece.day, piece.measure);
}

/**
 * Gives a row whose parts so far are all in one measure its map of measures by day, before a part in
 * another arrives: each of its days has that one measure (as addMeasure gave them, in the same order).
 */
export function daysInOneMeasure(t: RowTally): void {
  const [only, more] = t.measures;
  if (only === undefined || more !== undefined) throw new RangeError('only a row with one measure has no day map');
  const set = withMeasure(undefined, only);
  const byDay = new Map<string, Set<Measure>>();
  for (const day of t.byDay.keys()) byDay.set(day, set);
  t.measuresByDay = byDay;
}

/** A row's measures by day as its reconciliation shows them (a map, or every day in the row's one measure). */
function measuresByDayOf(t: RowTally): ReadonlyMap<string, ReadonlySet<Measure>> {
  return t.measuresByDay ?? (t.byDay.size === 0 ? NO_MEASURES_BY_DAY : new OneMeasureDays(t.byDay, t.measures));
}

/** Each day of a row's actuals with the row's one set of measures: a view, not a map of its own. */
class OneMeasureDays implements ReadonlyMap<string, ReadonlySet<Measure>> {
  constructor(
    private readonly days: ReadonlyMap<string, Micro>,
    private readonly measures: ReadonlySet<Measure>,
  ) {}

  get size(): number {
    return this.days.size;
  }

  get(day: string): ReadonlySet<Measure> | undefined {
    return this.days.has(day) ? this.measures : undefined;
  }

  has(day: string): boolean {
    return this.days.has(day);
  }

  forEach(
    visit: (measures: ReadonlySet<Measure>, day: string, map: ReadonlyMap<string, ReadonlySet<Measure>>) => void,
  ): void {
    for (const day of this.days.keys()) visit(this.measures, day, this);
  }

  *entries(): MapIterator<[string, ReadonlySet<Measure>]> {
    for (const day of this.days.keys()) yield [day, this.measures];
  }

  keys(): MapIterator<string> {
    return this.days.keys();
  }

  *values(): MapIterator<ReadonlySet<Measure>> {
    for (let i = 0; i < this.days.size; i++) yield this.measures;
  }

  [Symbol.iterator](): MapIterator<[string, ReadonlySet<Measure>]> {
    return this.entries();
  }
}

/**
 * What a tally of the matched parts gives besides the rows' tallies: the Unassigned spend (its days,
 * measures and pieces) and what each rule placed. Shared by tallyParts and the reconciler's
 * tallyPlacements (placement-tally.ts), which add to it part by part in piece order.
 */
export class LedgerTally {
  private unassigned = 0;
  private readonly unassignedByDay = new Map<string, Micro>();
  private readonly unassignedMeasuresByDay = new Map<string, Set<Measure>>();
  private readonly unassignedPieces: ActualPiece[] = [];
  private readonly byRule = new Map<string, { pieces: number; micro: Micro }>();
  /** The rule id in each "rule:<id>" (null for another placement), sliced once per text. */
  private readonly ruleIds = new Map<string, string | null>();

  /**
   * Money a part's placement (`by`) placed; `firstOfPiece` for a piece's first part, so a piece a team
   * rule splits into many parts counts once for its rule.
   */
  placed(by: MatchedPart['by'], micro: Micro, firstOfPiece: boolean): void {
    if (by === null) return;
    let id = this.ruleIds.get(by);
    if (id === undefined) this.ruleIds.set(by, (id = by.startsWith('rule:') ? by.slice(5) : null));
    if (id === null) return;
    const r = this.byRule.get(id) ?? { pieces: 0, micro: 0 };
    if (firstOfPiece) r.pieces += 1;
    r.micro += micro;
    this.byRule.set(id, r);
  }

  /** A part no pass placed (rowId null). */
  unassignedPart(part: MatchedPart): void {
    const { piece } = part;
    this.unassigned += part.micro;
    addTo(this.unassignedByDay, piece.day, part.micro);
    addMeasure(this.unassignedMeasuresByDay, piece.day, piece.measure);
    this.unassignedPieces.push(piece);
  }

  /** The tally, with the rows' tallies given, the Unassigned pieces largest first. */
  result(rows: Map<string, RowTally>) {
    const { unassigned, unassignedByDay, unassignedMeasuresByDay, unassignedPieces, byRule } = this;
    unassignedPieces.sort((a, b) => b.micro - a.micro || (a.key < b.key ? -1 : 1));
    return { rows, unassigned, unassignedByDay, unassignedMeasuresByDay, unassignedPieces, byRule };
  }
}

export function tallyParts(parts: readonly MatchedPart[]) {
  const rows = new Map<string, RowTally>();
  const ledger = new LedgerTally();
  let previous: ActualPiece | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as MatchedPart;
    const { piece } = part;
    // A team rule splits one piece into consecutive parts: the piece counts once.
    ledger.placed(part.by, part.micro, piece !== previous);
    previous = piece;
    if (part.rowId === null) {
      ledger.unassignedPart(part);
      continue;
    }
    let t = rows.get(part.rowId);
    if (!t) rows.set(part.rowId, (t = newRowTally()));
    addPartToTally(t, part);
  }
  return ledger.result(rows);
}

function budgetOf(row: PlanRow, planned: Micro): Micro {
  // The cap as the grid's Budget left reads it (rounded to the micro-dollar); no cap: the plan is the budget.
  return budgetCapMicro(row) ?? planned;
}

/** A row's plan phased by day, and the part of it up to and including as-of. */
export interface PhasedPlan {
  readonly plannedByDay: DayAmounts | null;
  readonly plannedToDate: Micro;
}

/**
 * The last phased plan of each row object (rows are immutable values: an edit makes a new one), reused
 * while its planned cost and as-of stay: re-reconciling after a rule or ledger change phases no row again.
 */
const phasedByRow = new WeakMap<PlanRow, { planned: Micro; asOf: string; phased: PhasedPlan }>();

function phasedPlanOf(row: PlanRow, planned: Micro, asOf: string): PhasedPlan {
  const known = phasedByRow.get(row);
  if (known !== undefined && known.planned === planned && known.asOf === asOf) return known.phased;
  const phased = phasedPlan(row, planned, asOf);
  phasedByRow.set(row, { planned, asOf, phased });
  return phased;
}

export function phasedPlan(row: PlanRow, planned: Micro, asOf: string): PhasedPlan {
  const plannedByDay = phaseByDay(planned, row.startDate, row.endDate, row.phasing);
  return { plannedByDay, plannedToDate: plannedByDay === null ? planned : plannedByDay.sumThrough(asOf) };
}

/** A dated row whose start is after as-of, with nothing spent: it has no variance yet. */
export function notStarted(row: PlanRow, actual: Micro, asOf: string): boolean {
  return actual === 0 && row.startDate !== null && row.startDate > asOf;
}

/**
 * generations ÷ approved finals; null without approved finals, or without a generation seen (billed cost
 * carries no image counts): 0.00 would read as a factor observed.
 */
export function observedFactorOf(generations: number, approvedFinals: number | null): string | null {
  return approvedFinals !== null && approvedFinals > 0 && generations > 0
    ? ratioText(generations, approvedFinals)
    : null;
}

/**
 * `samePlan`: the row's last reconciliation when the caller has one of the same row, estimate and as-of
 * (only its actuals moved): its phased plan and planned generations (BigInt sums) are used again.
 */
export function rowReconciliation(
  row: PlanRow,
  estimate: { ok: boolean; totalCost: Micro; finalGenerations: Exact; draftGenerations: Exact },
  tally: RowTally | undefined,
  asOf: string,
  samePlan?: RowReconciliation,
): RowReconciliation {
  const planned = estimate.ok ? estimate.totalCost : 0;
  const actual = tally?.actual ?? 0;
  const { plannedByDay, plannedToDate } = samePlan ?? phasedPlanOf(row, planned, asOf);
  const { forecast, ahead } = forecastOf(row, planned, actual, asOf);
  const generations = tally?.generations ?? 0;
  const approved = row.approvedFinals;
  const flag: RowFlag | null = actual > planned ? 'over-plan' : actual > plannedToDate ? 'ahead-of-phasing' : null;
  return {
    row,
    priced: estimate.ok,
    planned,
    plannedToDate,
    actual,
    variance: notStarted(row, actual, asOf) ? null : actual - planned,
    budgetLeft: budgetOf(row, planned) - actual,
    forecast,
    measure: measureOf(tally?.measures ?? NO_MEASURES),
    generationsPlanned: samePlan?.generationsPlanned ?? add(estimate.finalGenerations, estimate.draftGenerations),
    generations,
    approvedFinals: approved,
    observedFactor: observedFactorOf(generations, approved),
    flag,
    matchedBy: tally?.by ?? NO_AMOUNTS,
    actualByDay: tally?.byDay ?? NO_AMOUNTS,
    plannedByDay,
    forecastByDay: ahead,
    measuresByDay: tally === undefined ? NO_MEASURES_BY_DAY : measuresByDayOf(tally),
  };
}

// What a row no actual reached has: shared, read-only (a 100k-row plan made 400k empty maps and sets).
const NO_AMOUNTS: ReadonlyMap<string, Micro> = new Map();
const NO_MEASURES: ReadonlySet<Measure> = new Set();
const NO_MEASURES_BY_DAY: ReadonlyMap<string, ReadonlySet<Measure>> = new Map();

/** The latest day any actual covers, or null. */
export function latestActualDay(plan: PlanDocument): string | null {
  let latest: string | null = null;
  for (const b of effectiveBuckets(plan.actuals)) if (latest === null || b.day > latest) latest = b.day;
  return latest;
}

export function reconcilePlan(plan: PlanDocument, options: ReconcileOptions = {}): Result<Reconciliation> {
  const estimate = estimatePlan(plan, { scenario: options.scenario });
  if (!estimate.ok) return estimate;
  const book = options.priceBook ?? createPriceBook(plan.priceEntries);
  // The pieces depend on the ledger, the plan's price entries and as-of only: reused across row edits.
  const priceKey = options.priceBook ? null : JSON.stringify(plan.priceEntries);
  const asOf = options.asOf ?? latestActualDay(plan) ?? plan.meta.priceBookAsOf;
  if (!isCalendarDay(asOf))
    return fail(`"${asOf}" is not a calendar day: write a real date as YYYY-MM-DD, e.g. 2027-01-31`);
  const results = estimate.value.rows;
  const matchRows: MatchRow[] = results.map((r) => ({ row: r.row, planned: r.estimate.ok ? r.estimate.totalCost : 0 }));
  const { pieces, crossChecks, unpricedUsage, unpricedUsageByModel, meteredOverlaps } = actualPieces(
    plan.actuals,
    book,
    asOf,
    priceKey,
  );
  const parts = matchPieces(pieces, matchRows, plan.actuals.rules, plan.actuals.assignments);
  const tally = tallyParts(parts);
  let ledgerTotal = 0;
  for (const p of pieces) ledgerTotal += p.micro;
  return ok({
    asOf,
    scenarioId: estimate.value.scenarioId,
    rows: results.map((r) => rowReconciliation(r.row, r.estimate, tally.rows.get(r.row.id), asOf)),
    unassigned: tally.unassigned,
    unassignedByDay: tally.unassignedByDay,
    unassignedMeasuresByDay: tally.unassignedMeasuresByDay,
    unassignedPieces: tally.unassignedPieces,
    ledgerTotal,
    crossChecks,
    unpricedUsage,
    unpricedUsageByModel,
    meteredOverlaps,
    byRule: tally.byRule,
    pieces,
    parts,
  });
}
