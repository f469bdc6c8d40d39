import type { ActualsLedger } from '../actuals/ledger/ledger-schema';
import type { PlanDocument, PlanRow } from '../plan/plan-schema';
import type { PriceBook } from '../pricing/price-book';
import { type ActualPiece, type ActualPieces, actualPieces } from './actual-pieces';
import { isCalendarDay } from './day-math';
import { indexInSorted } from '../sorted-index';
import { allocateByTotals, allocateLargestRemainderBigInt, type Micro } from '../money/rounding';
import {
  isTeamSplit,
  type MatchedPart,
  Matcher,
  type MatchRow,
  partsOfSplit,
  type Placement,
  pushTo,
  type TeamSplit,
  type TeamSplitPlacement,
} from './match-actuals';
import type { ManualAssignment, MatchRule } from './match-rules';
import {
  latestActualDay,
  newRowTally,
  type ReconcileOptions,
  type Reconciliation,
  type RowReconciliation,
  type RowTally,
  rowReconciliation,
  type tallyParts,
} from './reconcile-plan';
import { tallyPlacements } from './placement-tally';
import { fail, ok, type Result } from '../result';
import { type GridRow, PlanEstimator, type PlanView } from '../estimate/plan-estimator';
import { resolveScenario } from '../plan/scenarios';

/**
 * The reconciliation of the open plan (its active scenario, as the grid shows it) with its actuals,
 * kept up to date incrementally; the app (renderer/src/app/use-plan-reconciliation.ts) and the benchmark
 * run this same class. Matching depends on the ledger, the rules and manual assignments, and on each
 * row's id, name, team, dates and model; a cost-only edit changes no placement except the split of team
 * rules over the team's rows (weighted by planned cost), so it splits again only the pieces that have a
 * part on a row whose cost changed and moves the tallies by the parts' differences. A row's figures are
 * rebuilt only when its row, estimate or tally changed. The result equals reconcilePlan's for the same
 * plan (a property test holds it to that).
 */

/** What the matcher looks at in a row, besides its planned cost. */
function matchKeyOf(row: PlanRow): string {
  return [row.id, row.name, row.team, row.startDate ?? '', row.endDate ?? '', row.model].join('\u0000');
}

interface MatchState {
  readonly pieces: readonly ActualPiece[];
  readonly rules: readonly MatchRule[];
  readonly assignments: readonly ManualAssignment[];
  readonly keys: readonly string[];
  readonly planned: readonly Micro[];
  readonly parts: PlacedParts;
  /** The pieces a team rule split over more than one row (by their planned cost), by the split they share. */
  readonly splitPieces: ReadonlyMap<TeamSplit, readonly number[]>;
  /** The rows' ids in view order. */
  readonly ids: readonly string[];
  /** Each id's view index; null when two rows share an id (a plan's ids are unique). */
  readonly indexOf: ReadonlyMap<string, number> | null;
  readonly tallies: Tallies;
  readonly global: Omit<ReturnType<typeof tallyParts>, 'rows'>;
}

interface RowMemo {
  readonly row: PlanRow;
  readonly result: GridRow['result'];
  readonly tally: RowTally | undefined;
  readonly asOf: string;
  readonly rec: RowReconciliation;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The planned cost the matcher weighs a row by (team splits): its total, 0 for a row with errors. */
function plannedOf(g: GridRow): Micro {
  return g.result.estimate.ok ? g.result.estimate.totalCost : 0;
}

/**
 * One reconciliation of a plan by the app's reconciler, for a report (the CLI's `reconcile`): the result
 * reconcilePlan gives (a property test holds the two equal), with a team rule's splits kept as numbers,
 * so a ledger whose team rules make millions of parts reconciles in less time and memory. The options
 * are reconcilePlan's, the price book aside (the plan's own, as PlanEstimator makes it).
 */
export function reconcileOnce(
  plan: PlanDocument,
  options: Omit<ReconcileOptions, 'priceBook'> = {},
): Result<Reconciliation> {
  const chosen = resolveScenario(plan, options.scenario === undefined ? plan.activeScenarioId : options.scenario);
  if (!chosen.ok) return chosen;
  // The reconciler reconciles the plan's active scenario: the chosen one, made active in a copy.
  const doc: PlanDocument = { ...plan, activeScenarioId: chosen.value?.id ?? null };
  return new PlanReconciler().reconcile(doc, new PlanEstimator().view(doc), options.asOf ?? null);
}

export class PlanReconciler {
  private latest: { batches: ActualsLedger['batches']; day: string | null } | null = null;
  private piecesMemo: {
    batches: unknown;
    links: unknown;
    book: PriceBook;
    asOf: string;
    value: ActualPieces;
  } | null = null;
  private match: MatchState | null = null;
  /** The view rows `match` was made from, by index: a row whose GridRow is the same object is unchanged. */
  private matchView: readonly GridRow[] = [];
  /** The last reconciliation's rows, with what they were made from, by view index. */
  private shown: {
    readonly view: readonly GridRow[];
    readonly tallies: Tallies;
    readonly asOf: string;
    readonly rows: readonly RowReconciliation[];
  } | null = null;
  private readonly rowMemos = new Map<string, RowMemo>();
  private readonly keyMemo = new WeakMap<PlanRow, string>();

  /** The reconciliation of `view` (the estimator's view of `doc`), as of `asOf` (default: the latest actual). */
  reconcile(doc: PlanDocument, view: PlanView, asOfOption: string | null = null): Result<Reconciliation> {
    if (view.scenarioError !== null) return fail(view.scenarioError);
    const asOf = asOfOption ?? this.latestDay(doc) ?? doc.meta.priceBookAsOf;
    if (!isCalendarDay(asOf))
      return fail(`"${asOf}" is not a calendar day: write a real date as YYYY-MM-DD, e.g. 2027-01-31`);
    const pieces = this.piecesOf(doc, view.context.priceBook, asOf);
    const match = this.matchOf(doc, view, pieces.pieces);
    const rows = this.rowsOf(view.rows, match, asOf);
    const ledgerTotal = this.ledgerTotalOf(pieces.pieces);
    const rec = {
      asOf,
      scenarioId: view.scenarioError === null ? doc.activeScenarioId : null,
      rows,
      ...match.global,
      ledgerTotal,
      crossChecks: pieces.crossChecks,
      unpricedUsage: pieces.unpricedUsage,
      unpricedUsageByModel: pieces.unpricedUsageByModel,
      meteredOverlaps: pieces.meteredOverlaps,
      pieces: pieces.pieces,
    };
    return ok(withParts(rec, match.parts));
  }

  private totalMemo: { pieces: readonly ActualPiece[]; total: Micro } | null = null;

  private ledgerTotalOf(pieces: readonly ActualPiece[]): Micro {
    if (this.totalMemo?.pieces !== pieces) {
      let total = 0;
      for (const p of pieces) total += p.micro;
      this.totalMemo = { pieces, total };
    }
    return this.totalMemo.total;
  }

  private latestDay(doc: PlanDocument): string | null {
    if (this.latest?.batches !== doc.actuals.batches)
      this.latest = { batches: doc.actuals.batches, day: latestActualDay(doc) };
    return this.latest.day;
  }

  private piecesOf(doc: PlanDocument, book: PriceBook, asOf: string): ActualPieces {
    const memo = this.piecesMemo;
    const links = doc.actuals.projectLinks;
    if (
      memo &&
      memo.batches === doc.actuals.batches &&
      memo.links === links &&
      memo.book === book &&
      memo.asOf === asOf
    )
      return memo.value;
    const value = actualPieces(doc.actuals, book, asOf);
    this.piecesMemo = { batches: doc.actuals.batches, links, book, asOf, value };
    return value;
  }

  private keyOf(row: PlanRow): string {
    let key = this.keyMemo.get(row);
    if (key === undefined) this.keyMemo.set(row, (key = matchKeyOf(row)));
    return key;
  }

  private matchOf(doc: PlanDocument, view: PlanView, pieces: readonly ActualPiece[]): MatchState {
    const prev = this.match;
    const { keys, planned, sameKeys } = this.keysAndPlanned(view.rows, prev);
    const { rules, assignments } = doc.actuals;
    const reusable =
      prev !== null && prev.pieces === pieces && prev.rules === rules && prev.assignments === assignments && sameKeys;
    this.match = reusable
      ? replaceTeamSplits(prev, planned)
      : fullMatch(pieces, view.rows, planned, keys, rules, assignments);
    this.matchView = view.rows;
    return this.match;
  }

  /**
   * Each row's match key and planned cost, taken from `prev` for a row whose GridRow is the one `prev` was
   * made from (the estimator keeps an unchanged row's object), so an edit at 100k rows looks at the rows it
   * changed rather than hashing every row again; and whether every key is the same as in `prev`.
   */
  private keysAndPlanned(
    rows: readonly GridRow[],
    prev: MatchState | null,
  ): { keys: string[]; planned: Micro[]; sameKeys: boolean } {
    const before = prev !== null && this.matchView.length === rows.length ? this.matchView : null;
    if (prev === null || before === null) {
      const keys = rows.map((g) => this.keyOf(g.row));
      const planned = rows.map(plannedOf);
      return { keys, planned, sameKeys: prev !== null && sameStrings(prev.keys, keys) };
    }
    // Copied whole (natively), then the changed rows written over.
    const keys = prev.keys.slice();
    const planned = prev.planned.slice();
    let sameKeys = true;
    for (let i = 0; i < rows.length; i++) {
      const g = rows[i] as GridRow;
      if (before[i] === g) continue;
      const key = this.keyOf(g.row);
      if (key !== keys[i]) sameKeys = false;
      keys[i] = key;
      planned[i] = plannedOf(g);
    }
    return { keys, planned, sameKeys };
  }

  /**
   * Every row's reconciliation: the last one's for a row whose GridRow, tally and As of are the same as
   * then (the same GridRow object, and a tally the last re-split did not move: nothing it depends on
   * changed), else made by rowOf. Only the rows that changed are looked at, not every row's tally.
   */
  private rowsOf(rows: readonly GridRow[], match: MatchState, asOf: string): RowReconciliation[] {
    const shown = this.shown;
    const tallies = match.tallies;
    // After a team split's re-weighting, the rows whose tallies moved (a team's thousands, of 100k).
    const moved = shown !== null && match.indexOf !== null ? tallies.changedSince(shown.tallies) : null;
    let out: RowReconciliation[];
    if (shown !== null && moved !== null && shown.asOf === asOf && shown.view.length === rows.length) {
      // Copied whole (natively), then the changed rows made again.
      out = shown.rows.slice();
      for (let i = 0; i < rows.length; i++) {
        const g = rows[i] as GridRow;
        if (shown.view[i] !== g) out[i] = this.rowOf(g, tallies.get(g.row.id), asOf);
      }
      for (const id of moved) {
        const i = match.indexOf?.get(id);
        const g = i === undefined ? undefined : rows[i];
        if (i !== undefined && g !== undefined) out[i] = this.rowOf(g, tallies.get(id), asOf);
      }
    } else out = rows.map((g) => this.rowOf(g, tallies.get(g.row.id), asOf));
    this.shown = { view: rows, tallies, asOf, rows: out };
    return out;
  }

  private rowOf(g: GridRow, tally: RowTally | undefined, asOf: string): RowReconciliation {
    const memo = this.rowMemos.get(g.row.id);
    const samePlan = memo !== undefined && memo.row === g.row && memo.result === g.result && memo.asOf === asOf;
    if (samePlan && memo.tally === tally) return memo.rec;
    // Only the actuals moved (a team split re-weighted): the row's phased plan stays.
    const rec = rowReconciliation(g.row, g.result.estimate, tally, asOf, samePlan ? memo.rec : undefined);
    this.rowMemos.set(g.row.id, { row: g.row, result: g.result, tally, asOf, rec });
    return rec;
  }
}

function matchRowsOf(rows: readonly GridRow[], planned: readonly Micro[]): MatchRow[] {
  return rows.map((g, i) => ({ row: g.row, planned: planned[i] ?? 0 }));
}

function fullMatch(
  pieces: readonly ActualPiece[],
  rows: readonly GridRow[],
  planned: readonly Micro[],
  keys: readonly string[],
  rules: readonly MatchRule[],
  assignments: readonly ManualAssignment[],
): MatchState {
  const matcher = new Matcher(matchRowsOf(rows, planned), rules, assignments);
  const placements = new Array<Placement>(pieces.length);
  const splitPieces = new Map<TeamSplit, number[]>();
  for (let i = 0; i < pieces.length; i++) {
    const placed = matcher.placement(pieces[i] as ActualPiece);
    placements[i] = placed;
    if (isTeamSplit(placed)) pushTo(splitPieces, placed.split, i);
  }
  const ids = rows.map((g) => g.row.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const { rows: tallies, ...global } = tallyPlacements(placements, ids);
  return {
    pieces,
    rules,
    assignments,
    keys,
    planned,
    parts: new PlacedParts(placements, planned),
    splitPieces,
    ids,
    indexOf: indexOf.size === ids.length ? indexOf : null,
    tallies: new Tallies(tallies),
    global,
  };
}

/**
 * Every placed part, in piece order: where each piece went (team splits as numbers, see
 * TeamSplitPlacement), plus the amounts of the pieces split again since. Part objects are made only when
 * `all` is read (the Actuals sheet): a large ledger's team splits have millions of parts.
 *
 * A team split's amounts follow from the planned costs alone (largest remainder over the split's rows),
 * so `all` works them out from `planned`, and the arrays of amounts a re-split replaces are used again for
 * the next one (AmountBuffers): only the latest parts are split again, and at 100k rows each edit would
 * otherwise leave tens of megabytes of arrays for the collector, which paused for hundreds of ms.
 */
class PlacedParts {
  private flat: readonly MatchedPart[] | null = null;

  constructor(
    private readonly placements: readonly Placement[],
    /** The rows' planned costs these parts were split by (view order). */
    private readonly planned: readonly Micro[],
    /** Per piece split again: its n parts' money, then their images (2n numbers). */
    private readonly patches: ReadonlyMap<number, Float64Array> = new Map(),
    private readonly buffers: AmountBuffers = new AmountBuffers(),
  ) {}

  /** Piece i's split over its team's rows (its amounts as first placed), or null. */
  splitOf(i: number): TeamSplitPlacement | null {
    const placed = this.placements[i];
    return placed !== undefined && isTeamSplit(placed) ? placed : null;
  }

  /** Team-split piece i's parts' money then images, as split last, copied into an array the caller keeps. */
  amountsOf(split: TeamSplitPlacement, i: number): Float64Array {
    const current = this.patches.get(i) ?? split.amounts;
    const copy = this.buffers.take(current.length);
    copy.set(current);
    return copy;
  }

  all(): readonly MatchedPart[] {
    if (this.flat === null) {
      const out: MatchedPart[] = [];
      const scratch = new SplitScratch();
      this.placements.forEach((placed) => {
        const parts = isTeamSplit(placed)
          ? partsOfSplit(placed, splitByPlanned(placed, this.planned, scratch))
          : placed;
        for (const part of parts) out.push(part);
      });
      this.flat = out;
    }
    return this.flat;
  }

  /** The same parts split by `planned`, with the amounts of the pieces that moved replaced. */
  with(split: ReadonlyMap<number, Float64Array>, planned: readonly Micro[]): PlacedParts {
    const patches = new Map(this.patches);
    for (const [i, amounts] of split) {
      const replaced = patches.get(i);
      if (replaced !== undefined) this.buffers.give(replaced);
      patches.set(i, amounts);
    }
    return new PlacedParts(this.placements, planned, patches, this.buffers);
  }
}

/**
 * Arrays of amounts a re-split replaced, by length, for the next re-split to fill: the latest parts are
 * the only ones split again, and `all` never reads them (it works amounts out from planned costs).
 */
class AmountBuffers {
  private readonly free = new Map<number, Float64Array[]>();

  take(length: number): Float64Array {
    return this.free.get(length)?.pop() ?? new Float64Array(length);
  }

  give(buffer: Float64Array): void {
    const list = this.free.get(buffer.length);
    if (list === undefined) this.free.set(buffer.length, [buffer]);
    else if (list.length < MAX_FREE_BUFFERS) list.push(buffer);
  }
}

/** Arrays kept per length: an edit splits again the pieces of the edited row's days (hundreds at most). */
const MAX_FREE_BUFFERS = 1_024;

/** A team split's parts' money then images, split by the rows' planned costs, in a new array. */
function splitByPlanned(placed: TeamSplitPlacement, planned: readonly Micro[], scratch: SplitScratch): Float64Array {
  const n = splitIntoScratch(placed, planned, scratch);
  const amounts = new Float64Array(2 * n);
  amounts.set(scratch.money.subarray(0, n));
  amounts.set(scratch.images.subarray(0, n), n);
  return amounts;
}

/** The rows' tallies: those of the full match, under those a re-split changed since (no copy of every row's). */
class Tallies {
  /** The tallies these were made from by `with`, until these make the next (no chain of old ones is kept). */
  private from: Tallies | null = null;
  /** What `with` changed from `from`. */
  private lastChanged: ReadonlyMap<string, RowTally> = new Map();

  constructor(
    private readonly base: ReadonlyMap<string, RowTally>,
    private readonly changed: ReadonlyMap<string, RowTally> = new Map(),
  ) {}

  get(rowId: string): RowTally | undefined {
    return this.changed.get(rowId) ?? this.base.get(rowId);
  }

  with(more: ReadonlyMap<string, RowTally>): Tallies {
    const changed = new Map(this.changed);
    for (const [id, t] of more) changed.set(id, t);
    const next = new Tallies(this.base, changed);
    next.from = this;
    next.lastChanged = more;
    this.from = null;
    return next;
  }

  /** The ids whose tallies differ from `earlier`'s, when these were made from those by one `with`; else null. */
  changedSince(earlier: Tallies): Iterable<string> | null {
    if (earlier === this) return [];
    return this.from === earlier ? this.lastChanged.keys() : null;
  }
}

/** The reconciliation with its parts read on demand (an enumerable property, as reconcilePlan's). */
function withParts(rec: Omit<Reconciliation, 'parts'>, parts: PlacedParts): Reconciliation {
  return Object.defineProperty(rec, 'parts', { enumerable: true, get: () => parts.all() }) as Reconciliation;
}

/**
 * A copy of a tally that the deltas of a re-split may change (its measures stay: the same parts remain).
 * Its days stay too, so the copy of byDay shares them and copies only the amounts.
 */
function cloneTally(t: RowTally): RowTally {
  return { ...t, byDay: t.byDay.copy(), by: copyMap(t.by) };
}

/** A copy of a map by forEach: `new Map(map)` makes an entry array per entry, for hundreds of rows per edit. */
function copyMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  map.forEach((v, k) => out.set(k, v));
  return out;
}

/**
 * The pieces a team rule split over one of the rows at `rowIndexes` (each once, in piece order): the only
 * placements a change of those rows' planned cost can move, since a team split is weighted by planned
 * cost among the team's rows running that day, and which rows run does not depend on cost.
 */
function teamPiecesOf(prev: MatchState, rowIndexes: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const [split, pieces] of prev.splitPieces)
    if (rowIndexes.some((r) => indexInSorted(split.rows, r) >= 0)) for (const i of pieces) seen.add(i);
  return [...seen].sort((a, b) => a - b);
}

/** Scratch arrays for re-splitting pieces, grown to the largest piece: a re-split allocates nothing per part. */
class SplitScratch {
  weights = new Float64Array(0);
  money = new Float64Array(0);
  images = new Float64Array(0);

  fit(n: number): void {
    if (this.weights.length >= n) return;
    this.weights = new Float64Array(n);
    this.money = new Float64Array(n);
    this.images = new Float64Array(n);
  }
}

/**
 * Splits a team-split piece's money and images over its rows by their planned costs into the scratch
 * arrays (largest remainder, as the Matcher first split it); returns the number of rows.
 */
function splitIntoScratch(placed: TeamSplitPlacement, planned: readonly Micro[], scratch: SplitScratch): number {
  const rows = placed.split.rows;
  const n = rows.length;
  scratch.fit(n);
  const weights = scratch.weights;
  // The weights checked and summed as they are written (< 0 counts as 0). Planned costs are whole
  // micro-dollars; anything else makes the sum NaN, which allocateByTotals refuses (BigInt then says why).
  let sum = 0;
  let largest = 0;
  for (let k = 0; k < n; k++) {
    const w = Math.max(0, planned[rows[k] as number] ?? 0);
    weights[k] = w;
    sum += Number.isSafeInteger(w) ? w : NaN;
    if (w > largest) largest = w;
  }
  splitInto(placed.piece.micro, scratch, n, scratch.money, sum, largest);
  splitInto(placed.piece.images, scratch, n, scratch.images, sum, largest);
  return n;
}

/** Splits `amount` by the first n scratch weights into `out`: in numbers where exact, else in BigInt. */
function splitInto(
  amount: number,
  scratch: SplitScratch,
  n: number,
  out: Float64Array,
  sum: number,
  largest: number,
): void {
  if (allocateByTotals(amount, scratch.weights, n, out, sum, largest)) return;
  out.set(allocateLargestRemainderBigInt(amount, Array.from(scratch.weights.subarray(0, n))));
}

/**
 * The tally changes of a re-split, summed per row before they touch the rows' tallies: a row's day is
 * added to once per run of the day's pieces (not once per piece), its rule total once, in `apply`.
 */
class RowDeltas {
  private readonly touched: number[] = [];
  private readonly seen: Uint8Array;
  private readonly actual: Float64Array;
  private readonly generations: Float64Array;
  private readonly dayDelta: Float64Array;
  private readonly lastDay: (string | undefined)[] = [];
  private readonly byRule = new Map<string, Float64Array>();

  constructor(
    private readonly rows: number,
    /** The row's tally to change (a copy of the last one, made on first use). */
    private readonly tallyAt: (rowIndex: number) => RowTally,
  ) {
    this.seen = new Uint8Array(rows);
    this.actual = new Float64Array(rows);
    this.generations = new Float64Array(rows);
    this.dayDelta = new Float64Array(rows);
  }

  /** The per-row totals of one placement ("rule:<id>"), to add to as its parts move. */
  ruleTotals(by: string): Float64Array {
    let totals = this.byRule.get(by);
    if (totals === undefined) this.byRule.set(by, (totals = new Float64Array(this.rows)));
    return totals;
  }

  /** A part on row `r` (a view index) of a piece of `day` moved by `delta` and `imageDelta`. */
  add(r: number, day: string, byTotals: Float64Array, delta: number, imageDelta: number): void {
    if (this.seen[r] === 0) {
      this.seen[r] = 1;
      this.touched.push(r);
    }
    this.actual[r] = (this.actual[r] as number) + delta;
    this.generations[r] = (this.generations[r] as number) + imageDelta;
    byTotals[r] = (byTotals[r] as number) + delta;
    if (this.lastDay[r] !== day) {
      this.endDay(r);
      this.lastDay[r] = day;
    }
    this.dayDelta[r] = (this.dayDelta[r] as number) + delta;
  }

  /** Adds the run of row r's day so far to its tally (a day it already has: its parts were there before). */
  private endDay(r: number): void {
    const day = this.lastDay[r];
    const delta = this.dayDelta[r] as number;
    if (day === undefined || delta === 0) return;
    this.tallyAt(r).byDay.add(day, delta);
    this.dayDelta[r] = 0;
  }

  /** Moves each touched row's tally by its sums. */
  apply(): void {
    for (const r of this.touched) {
      const t = this.tallyAt(r);
      t.actual += this.actual[r] as number;
      t.generations += this.generations[r] as number;
      this.endDay(r);
      for (const [by, totals] of this.byRule) {
        const delta = totals[r] as number;
        if (delta !== 0) t.by.set(by, (t.by.get(by) ?? 0) + delta);
      }
    }
  }
}

/**
 * Splits piece `i` again with the rows' new planned costs: its parts' money and images (in an array
 * PlacedParts.amountsOf gives, for the next PlacedParts to keep), adding the differences to `deltas`.
 */
function splitAgain(
  prev: MatchState,
  planned: readonly Micro[],
  i: number,
  scratch: SplitScratch,
  deltas: RowDeltas,
): Float64Array {
  const placed = prev.parts.splitOf(i);
  if (placed === null) throw new RangeError(`piece ${i} is not split over a team`);
  const rows = placed.split.rows;
  const n = splitIntoScratch(placed, planned, scratch);
  const { piece } = placed;
  const amounts = prev.parts.amountsOf(placed, i);
  const byTotals = deltas.ruleTotals(placed.by);
  for (let k = 0; k < n; k++) {
    const delta = (scratch.money[k] as number) - (amounts[k] as number);
    const imageDelta = (scratch.images[k] as number) - (amounts[n + k] as number);
    if (delta === 0 && imageDelta === 0) continue;
    amounts[k] = scratch.money[k] as number;
    amounts[n + k] = scratch.images[k] as number;
    deltas.add(rows[k] as number, piece.day, byTotals, delta, imageDelta);
  }
  return amounts;
}

/**
 * The same placements with new planned costs: only the team-split pieces that have a part on a row whose
 * planned cost changed are split again (over the same rows, with the new weights, largest remainder), and
 * the rows' tallies move by the parts' differences. Equal to placing every piece again (property-tested).
 */
function replaceTeamSplits(prev: MatchState, planned: readonly Micro[]): MatchState {
  const changed: number[] = [];
  for (let i = 0; i < planned.length; i++) if (planned[i] !== prev.planned[i]) changed.push(i);
  const again = changed.length === 0 ? [] : teamPiecesOf(prev, changed);
  if (again.length === 0) return { ...prev, planned };
  const changedTallies = new Map<string, RowTally>();
  const cloned: (RowTally | undefined)[] = [];
  const tallyAt = (rowIndex: number): RowTally => {
    let t = cloned[rowIndex];
    if (t === undefined) {
      const rowId = prev.ids[rowIndex] ?? '';
      t = cloneTally(prev.tallies.get(rowId) ?? newRowTally());
      changedTallies.set(rowId, t);
      cloned[rowIndex] = t;
    }
    return t;
  };
  const scratch = new SplitScratch();
  const deltas = new RowDeltas(prev.ids.length, tallyAt);
  const split = new Map<number, Float64Array>();
  for (const i of again) split.set(i, splitAgain(prev, planned, i, scratch, deltas));
  deltas.apply();
  return { ...prev, planned, parts: prev.parts.with(split, planned), tallies: prev.tallies.with(changedTallies) };
}
