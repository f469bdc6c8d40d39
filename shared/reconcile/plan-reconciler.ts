import type { ActualsLedger } from '../actuals/ledger/ledger-schema';
import type { PlanDocument, PlanRow } from '../plan/plan-schema';
import type { PriceBook } from '../pricing/price-book';
import { type ActualPiece, type ActualPieces, actualPieces } from './actual-pieces';
import { isCalendarDay } from './day-math';
import { indexInSorted } from '../sorted-index';
import { allocateByTotals, allocateLargestRemainderBigInt, type Micro } from '../money/rounding';
import {
  isTeamSplit,
  type MatchedBy,
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
    // Only the actuals moved (a team split re-weighted): the row's phased plan and planned generations stay.
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
 * TeamSplitPlacement). Part objects are made only when `all` is read (the Actuals sheet): a large
 * ledger's team splits have millions of parts. A team split's amounts follow from the planned costs alone
 * (largest remainder over the split's rows), so `all` works them out from `planned`.
 */
class PlacedParts {
  private flat: readonly MatchedPart[] | null = null;

  constructor(
    private readonly placements: readonly Placement[],
    /** The rows' planned costs these parts were split by (view order). */
    private readonly planned: readonly Micro[],
  ) {}

  /** Piece i's split over its team's rows (its amounts as split last: see splitAgain), or null. */
  splitOf(i: number): TeamSplitPlacement | null {
    const placed = this.placements[i];
    return placed !== undefined && isTeamSplit(placed) ? placed : null;
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

  /** The same parts split by `planned`. */
  with(planned: readonly Micro[]): PlacedParts {
    return new PlacedParts(this.placements, planned);
  }
}

/** A team split's parts' money then images, split by the rows' planned costs, in a new array. */
function splitByPlanned(placed: TeamSplitPlacement, planned: readonly Micro[], scratch: SplitScratch): Float64Array {
  const n = scratch.weigh(placed.split, planned);
  scratch.split(placed.piece.micro, n, scratch.money);
  scratch.split(placed.piece.images, n, scratch.images);
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
 * Scratch arrays for splitting a team's pieces again, grown to the largest split: one split's weights
 * (its rows' planned costs, checked and summed once for all its pieces), and one piece's parts.
 */
class SplitScratch {
  weights = new Float64Array(0);
  money = new Float64Array(0);
  images = new Float64Array(0);
  private sum = 0;
  private largest = 0;

  /** Takes the planned costs of the split's rows as the weights (< 0 counts as 0); returns how many rows. */
  weigh(split: TeamSplit, planned: readonly Micro[]): number {
    const rows = split.rows;
    const n = rows.length;
    if (this.weights.length < n) {
      this.weights = new Float64Array(n);
      this.money = new Float64Array(n);
      this.images = new Float64Array(n);
    }
    // Checked and summed as they are written. Planned costs are whole micro-dollars; anything else makes
    // the sum NaN, which allocateByTotals refuses (BigInt then says why).
    let sum = 0;
    let largest = 0;
    for (let k = 0; k < n; k++) {
      const w = Math.max(0, planned[rows[k] as number] ?? 0);
      this.weights[k] = w;
      sum += Number.isSafeInteger(w) ? w : NaN;
      if (w > largest) largest = w;
    }
    this.sum = sum;
    this.largest = largest;
    return n;
  }

  /**
   * Splits `amount` by the first n weights into `out`, largest remainder as the Matcher first split it:
   * in numbers where exact, else in BigInt.
   */
  split(amount: number, n: number, out: Float64Array): void {
    if (allocateByTotals(amount, this.weights, n, out, this.sum, this.largest)) return;
    out.set(allocateLargestRemainderBigInt(amount, Array.from(this.weights.subarray(0, n))));
  }
}

/**
 * The rows' tallies a re-split moves, by row id (rows sharing an id share one, as tallyPlacements
 * tallies them), each a copy of the last one made on first use: earlier reconciliations keep theirs.
 */
class MovedTallies {
  readonly byId = new Map<string, RowTally>();

  constructor(
    private readonly ids: readonly string[],
    private readonly last: Tallies,
  ) {}

  /** The tally of the row at view index `rowIndex`, to change. */
  at(rowIndex: number): RowTally {
    const id = this.ids[rowIndex] ?? '';
    let t = this.byId.get(id);
    if (t === undefined) this.byId.set(id, (t = cloneTally(this.last.get(id) ?? newRowTally())));
    return t;
  }
}

/**
 * What splitting one team split's pieces again moved, per part of the split (k: its k-th row), summed
 * before it touches the rows' tallies. A split's pieces are all of one day, so a row's actual, day and
 * rule totals are added to once per split, and only for the parts that moved: a cost edit moves most of
 * a team's parts by less than a micro-dollar, so only a few in a hundred change.
 */
class SplitDeltas {
  private money = new Float64Array(0);
  private images = new Float64Array(0);
  private marked = new Uint8Array(0);
  private touched = new Int32Array(0);
  private count = 0;
  /** Per placement ("rule:<id>"), its parts' money moved. */
  private readonly byRule = new Map<MatchedBy, Float64Array>();

  /** Room for a split of n rows (every sum is 0 between splits). */
  fit(n: number): void {
    if (this.money.length >= n) return;
    this.money = new Float64Array(n);
    this.images = new Float64Array(n);
    this.marked = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.byRule.clear();
  }

  /** The per-part money of one placement, to add to as its parts move. */
  ruleTotals(by: MatchedBy): Float64Array {
    let totals = this.byRule.get(by);
    if (totals === undefined) this.byRule.set(by, (totals = new Float64Array(this.money.length)));
    return totals;
  }

  /** Part k moved by `money` (placed by the rule whose totals are `byTotals`) and `images`. */
  add(k: number, money: number, images: number, byTotals: Float64Array): void {
    if (this.marked[k] === 0) {
      this.marked[k] = 1;
      this.touched[this.count++] = k;
    }
    this.money[k] = (this.money[k] as number) + money;
    this.images[k] = (this.images[k] as number) + images;
    byTotals[k] = (byTotals[k] as number) + money;
  }

  /** Adds the sums to the tallies of the rows whose parts of `day` moved, and clears them. */
  flush(split: TeamSplit, day: string, tallies: MovedTallies): void {
    for (let j = 0; j < this.count; j++) {
      const k = this.touched[j] as number;
      const t = tallies.at(split.rows[k] as number);
      const money = this.money[k] as number;
      t.actual += money;
      t.generations += this.images[k] as number;
      // The row has the day and the rule already: every row of the split has a part (if 0) of each piece.
      if (money !== 0) t.byDay.add(day, money);
      this.byRule.forEach((totals, by) => {
        const moved = totals[k] as number;
        if (moved !== 0) t.by.set(by, (t.by.get(by) ?? 0) + moved);
        totals[k] = 0;
      });
      this.money[k] = 0;
      this.images[k] = 0;
      this.marked[k] = 0;
    }
    this.count = 0;
  }
}

/**
 * Writes the new parts `split` (n of them, from `from` in `amounts`: money at 0, images at n) over the
 * amounts, adding those that moved to `deltas` as money (`images` false) or images.
 */
function moveParts(
  split: Float64Array,
  amounts: Float64Array,
  n: number,
  images: boolean,
  deltas: SplitDeltas,
  byTotals: Float64Array,
): void {
  const from = images ? n : 0;
  for (let k = 0; k < n; k++) {
    const moved = (split[k] as number) - (amounts[from + k] as number);
    if (moved === 0) continue;
    amounts[from + k] = split[k] as number;
    if (images) deltas.add(k, 0, moved, byTotals);
    else deltas.add(k, moved, 0, byTotals);
  }
}

/**
 * Splits the pieces of one team split (`pieces`, in piece order) again by the rows' new planned costs:
 * over the same rows, largest remainder. Each piece's amounts are written over in place (the reconciler
 * splits only its latest MatchState again, and PlacedParts.all works amounts out from planned costs),
 * and the rows' tallies move by the differences.
 */
function splitAgain(
  prev: MatchState,
  split: TeamSplit,
  pieces: readonly number[],
  planned: readonly Micro[],
  work: { scratch: SplitScratch; deltas: SplitDeltas; tallies: MovedTallies },
): void {
  const { scratch, deltas, tallies } = work;
  const n = scratch.weigh(split, planned);
  deltas.fit(n);
  let day: string | null = null;
  for (const i of pieces) {
    const placed = prev.parts.splitOf(i);
    if (placed === null) throw new RangeError(`piece ${i} is not split over a team`);
    const { piece, amounts } = placed;
    if (day !== null && piece.day !== day) deltas.flush(split, day, tallies); // a split is of one day
    day = piece.day;
    const byTotals = deltas.ruleTotals(placed.by);
    scratch.split(piece.micro, n, scratch.money);
    moveParts(scratch.money, amounts, n, false, deltas, byTotals);
    // A piece without images has every part's at 0, before and after.
    if (piece.images === 0) continue;
    scratch.split(piece.images, n, scratch.images);
    moveParts(scratch.images, amounts, n, true, deltas, byTotals);
  }
  if (day !== null) deltas.flush(split, day, tallies);
}

/**
 * The same placements with new planned costs: only the team splits over a row whose planned cost changed
 * are split again (a split is weighted by planned cost among the team's rows running that day, and which
 * rows run does not depend on cost), and the rows' tallies move by the parts' differences. Equal to
 * placing every piece again (property-tested).
 */
function replaceTeamSplits(prev: MatchState, planned: readonly Micro[]): MatchState {
  const changed: number[] = [];
  for (let i = 0; i < planned.length; i++) if (planned[i] !== prev.planned[i]) changed.push(i);
  const again = [...prev.splitPieces].filter(([split]) => changed.some((r) => indexInSorted(split.rows, r) >= 0));
  // No split over a changed row: every placement stays (the parts too, as the same object).
  if (again.length === 0) return { ...prev, planned };
  const work = {
    scratch: new SplitScratch(),
    deltas: new SplitDeltas(),
    tallies: new MovedTallies(prev.ids, prev.tallies),
  };
  for (const [split, pieces] of again) splitAgain(prev, split, pieces, planned, work);
  return { ...prev, planned, parts: prev.parts.with(planned), tallies: prev.tallies.with(work.tallies.byId) };
}
