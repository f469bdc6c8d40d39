import type { ActualsLedger } from '../actuals/ledger/ledger-schema';
import type { PlanDocument, PlanRow } from '../plan/plan-schema';
import type { PriceBook } from '../pricing/price-book';
import { type ActualPiece, type ActualPieces, actualPieces } from './actual-pieces';
import { allocateLargestRemainder, type Micro } from '../money/rounding';
import { type MatchedPart, Matcher, type MatchRow } from './match-actuals';
import type { ManualAssignment, MatchRule } from './match-rules';
import {
  latestActualDay,
  newRowTally,
  type Reconciliation,
  type RowReconciliation,
  type RowTally,
  rowReconciliation,
  tallyParts,
} from './reconcile-plan';
import { fail, ok, type Result } from '../result';
import type { GridRow, PlanView } from '../estimate/plan-estimator';

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
  /** Per piece: whether a team rule split it over its team's rows (by their planned cost). */
  readonly teamSplit: readonly boolean[];
  /** The rows' ids in view order. */
  readonly ids: readonly string[];
  /** Per part: the view index of its row (-1: Unassigned). */
  readonly partRow: Int32Array;
  /** Per row id: the pieces with a part on the row, in piece order. */
  readonly rowPieces: ReadonlyMap<string, readonly number[]>;
  readonly tallies: ReadonlyMap<string, RowTally>;
  readonly global: Omit<ReturnType<typeof tallyParts>, 'rows'>;
}

interface RowMemo {
  readonly row: PlanRow;
  readonly result: GridRow['result'];
  readonly tally: RowTally | undefined;
  readonly asOf: string;
  readonly rec: RowReconciliation;
}

function pushTo<K>(map: Map<K, number[]>, key: K, n: number): void {
  const list = map.get(key);
  if (list) list.push(n);
  else map.set(key, [n]);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class PlanReconciler {
  private latest: { batches: ActualsLedger['batches']; day: string | null } | null = null;
  private piecesMemo: { batches: unknown; book: PriceBook; asOf: string; value: ActualPieces } | null = null;
  private match: MatchState | null = null;
  private readonly rowMemos = new Map<string, RowMemo>();
  private readonly keyMemo = new WeakMap<PlanRow, string>();

  /** The reconciliation of `view` (the estimator's view of `doc`), as of `asOf` (default: the latest actual). */
  reconcile(doc: PlanDocument, view: PlanView, asOfOption: string | null = null): Result<Reconciliation> {
    if (view.scenarioError !== null) return fail(view.scenarioError);
    const asOf = asOfOption ?? this.latestDay(doc) ?? doc.meta.priceBookAsOf;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return fail(`"${asOf}" is not a date: write YYYY-MM-DD`);
    const pieces = this.piecesOf(doc, view.context.priceBook, asOf);
    const match = this.matchOf(doc, view, pieces.pieces);
    const rows = view.rows.map((g) => this.rowOf(g, match.tallies.get(g.row.id), asOf));
    const ledgerTotal = this.ledgerTotalOf(pieces.pieces);
    const rec = {
      asOf,
      scenarioId: view.scenarioError === null ? doc.activeScenarioId : null,
      rows,
      ...match.global,
      ledgerTotal,
      crossChecks: pieces.crossChecks,
      unpricedUsage: pieces.unpricedUsage,
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
    if (memo && memo.batches === doc.actuals.batches && memo.book === book && memo.asOf === asOf) return memo.value;
    const value = actualPieces(doc.actuals, book, asOf);
    this.piecesMemo = { batches: doc.actuals.batches, book, asOf, value };
    return value;
  }

  private keyOf(row: PlanRow): string {
    let key = this.keyMemo.get(row);
    if (key === undefined) this.keyMemo.set(row, (key = matchKeyOf(row)));
    return key;
  }

  private matchOf(doc: PlanDocument, view: PlanView, pieces: readonly ActualPiece[]): MatchState {
    const keys = view.rows.map((g) => this.keyOf(g.row));
    const planned = view.rows.map((g) => (g.result.estimate.ok ? g.result.estimate.totalCost : 0));
    const { rules, assignments } = doc.actuals;
    const prev = this.match;
    const reusable =
      prev !== null &&
      prev.pieces === pieces &&
      prev.rules === rules &&
      prev.assignments === assignments &&
      sameStrings(prev.keys, keys);
    this.match = reusable
      ? replaceTeamSplits(prev, planned)
      : fullMatch(pieces, view.rows, planned, keys, rules, assignments);
    return this.match;
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
  const teamRules = new Set<string>();
  for (const r of rules) if (r.to.kind === 'team') teamRules.add(`rule:${r.id}`);
  const parts: MatchedPart[] = [];
  const offsets: number[] = [];
  const teamSplit: boolean[] = [];
  const rowPieces = new Map<string, number[]>();
  pieces.forEach((piece, i) => {
    offsets.push(parts.length);
    const placed = matcher.place(piece);
    teamSplit.push(teamRules.has(placed[0]?.by ?? ''));
    for (const part of placed) {
      parts.push(part);
      if (part.rowId !== null) pushTo(rowPieces, part.rowId, i);
    }
  });
  const { rows: tallies, ...global } = tallyParts(parts);
  const ids = rows.map((g) => g.row.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const partRow = Int32Array.from(parts, (p) => (p.rowId === null ? -1 : (indexOf.get(p.rowId) ?? -1)));
  const placed = {
    pieces,
    rules,
    assignments,
    keys,
    planned,
    parts: new PlacedParts(parts, offsets),
    teamSplit,
    ids,
    partRow,
  };
  return { ...placed, rowPieces, tallies, global };
}

/**
 * Every placed part, in piece order: a flat array plus the pieces split again since, flattened only when
 * read (the Actuals sheet, the rules panel), so a team edit does not copy every part of a large ledger.
 */
class PlacedParts {
  private flat: readonly MatchedPart[] | null;

  constructor(
    private readonly base: readonly MatchedPart[],
    /** Where each piece's parts start (a piece keeps its number of parts across cost edits). */
    readonly offsets: readonly number[],
    private readonly patches: ReadonlyMap<number, readonly MatchedPart[]> = new Map(),
  ) {
    this.flat = patches.size === 0 ? base : null;
  }

  ofPiece(i: number): readonly MatchedPart[] {
    const patched = this.patches.get(i);
    if (patched) return patched;
    return this.base.slice(this.offsets[i] ?? 0, this.offsets[i + 1] ?? this.base.length);
  }

  all(): readonly MatchedPart[] {
    if (this.flat === null) {
      const out = this.base.slice();
      for (const [i, parts] of this.patches) {
        const start = this.offsets[i] ?? 0;
        parts.forEach((p, k) => (out[start + k] = p));
      }
      this.flat = out;
    }
    return this.flat;
  }

  /** The same parts with some pieces' parts replaced. */
  with(split: ReadonlyMap<number, readonly MatchedPart[]>): PlacedParts {
    if (this.flat !== null) return new PlacedParts(this.flat, this.offsets, split);
    return new PlacedParts(this.base, this.offsets, new Map([...this.patches, ...split]));
  }
}

/** The reconciliation with its parts read on demand (an enumerable property, as reconcilePlan's). */
function withParts(rec: Omit<Reconciliation, 'parts'>, parts: PlacedParts): Reconciliation {
  return Object.defineProperty(rec, 'parts', { enumerable: true, get: () => parts.all() }) as Reconciliation;
}

/** A copy of a tally that the deltas of a re-split may change (its measures stay: the same parts remain). */
function cloneTally(t: RowTally): RowTally {
  return { ...t, byDay: new Map(t.byDay), by: new Map(t.by) };
}

/**
 * The pieces a team rule split over one of `rowIds` (each once, in piece order): the only placements a
 * change of those rows' planned cost can move, since a team split is weighted by planned cost among the
 * team's rows running that day, and which rows run does not depend on cost.
 */
function teamPiecesOf(prev: MatchState, rowIds: readonly string[]): number[] {
  const seen = new Set<number>();
  for (const id of rowIds) for (const i of prev.rowPieces.get(id) ?? []) if (prev.teamSplit[i]) seen.add(i);
  return [...seen].sort((a, b) => a - b);
}

/** Splits piece `i` again with the rows' new planned costs, writing its parts and moving their rows' tallies. */
function splitAgain(
  prev: MatchState,
  planned: readonly Micro[],
  i: number,
  tallyToChange: (rowId: string) => RowTally,
): MatchedPart[] {
  const old = prev.parts.ofPiece(i);
  const start = prev.parts.offsets[i] ?? 0;
  const weights = old.map((_, k) => Math.max(0, planned[prev.partRow[start + k] ?? -1] ?? 0));
  const piece = prev.pieces[i] as ActualPiece;
  const money = allocateLargestRemainder(piece.micro, weights);
  const images = allocateLargestRemainder(piece.images, weights);
  const parts = old.slice();
  for (let k = 0; k < old.length; k++) {
    const part = old[k] as MatchedPart;
    const micro = money[k] ?? 0;
    const imageCount = images[k] ?? 0;
    if (micro === part.micro && imageCount === part.images) continue;
    const { rowId, by } = part;
    parts[k] = { piece, rowId, micro, images: imageCount, by };
    const t = tallyToChange(rowId ?? '');
    const delta = micro - part.micro;
    t.actual += delta;
    t.generations += imageCount - part.images;
    t.byDay.set(piece.day, (t.byDay.get(piece.day) ?? 0) + delta);
    t.by.set(by ?? '', (t.by.get(by ?? '') ?? 0) + delta);
  }
  return parts;
}

/**
 * The same placements with new planned costs: only the team-split pieces that have a part on a row whose
 * planned cost changed are split again (over the same rows, with the new weights, largest remainder), and
 * the rows' tallies move by the parts' differences. Equal to placing every piece again (property-tested).
 */
function replaceTeamSplits(prev: MatchState, planned: readonly Micro[]): MatchState {
  const changed: string[] = [];
  for (let i = 0; i < planned.length; i++) if (planned[i] !== prev.planned[i]) changed.push(prev.ids[i] ?? '');
  const again = changed.length === 0 ? [] : teamPiecesOf(prev, changed);
  if (again.length === 0) return { ...prev, planned };
  const tallies = new Map(prev.tallies);
  const cloned = new Set<string>();
  const tallyToChange = (rowId: string): RowTally => {
    let t = tallies.get(rowId) ?? newRowTally();
    if (!cloned.has(rowId)) {
      t = cloneTally(t);
      tallies.set(rowId, t);
      cloned.add(rowId);
    }
    return t;
  };
  const split = new Map<number, readonly MatchedPart[]>();
  for (const i of again) split.set(i, splitAgain(prev, planned, i, tallyToChange));
  return { ...prev, planned, parts: prev.parts.with(split), tallies };
}
