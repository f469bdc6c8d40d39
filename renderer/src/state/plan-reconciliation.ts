import type { ActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import type { Micro } from '../../../shared/money/rounding';
import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import type { PriceBook } from '../../../shared/pricing/price-book';
import { type ActualPiece, type ActualPieces, actualPieces } from '../../../shared/reconcile/actual-pieces';
import { type MatchedPart, Matcher, type MatchRow } from '../../../shared/reconcile/match-actuals';
import type { ManualAssignment, MatchRule } from '../../../shared/reconcile/match-rules';
import {
  addPartToTally,
  latestActualDay,
  newRowTally,
  type Reconciliation,
  type RowReconciliation,
  type RowTally,
  rowReconciliation,
  tallyParts,
} from '../../../shared/reconcile/reconcile-plan';
import { fail, ok, type Result } from '../../../shared/result';
import type { GridRow, PlanView } from './plan-estimator';

/**
 * The reconciliation of the open plan (its active scenario, as the grid shows it) with its actuals,
 * kept up to date incrementally. Matching depends on the ledger, the rules and manual assignments, and
 * on each row's id, name, team, dates and model; a cost-only edit changes no placement except the split
 * of team rules over the team's rows (weighted by planned cost), so it re-places only those pieces and
 * re-tallies only the rows they touch. A row's figures are rebuilt only when its row, estimate or tally
 * changed. The result equals shared reconcilePlan's for the same plan (a property test holds it to that).
 */

/** What the matcher looks at in a row, besides its planned cost. */
function matchKeyOf(row: PlanRow): string {
  return [row.id, row.name, row.team, row.startDate ?? '', row.endDate ?? '', row.model].join('\u0000');
}

function teamKey(team: string): string {
  return team.trim().toLowerCase();
}

interface MatchState {
  readonly pieces: readonly ActualPiece[];
  readonly rules: readonly MatchRule[];
  readonly assignments: readonly ManualAssignment[];
  readonly keys: readonly string[];
  readonly planned: readonly Micro[];
  /** Where each piece's parts start in `parts` (a piece keeps its number of parts across cost edits). */
  readonly offsets: readonly number[];
  readonly parts: readonly MatchedPart[];
  /** Per team (trimmed, lower case): the pieces a team rule split over its rows. */
  readonly teamPieces: ReadonlyMap<string, readonly number[]>;
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
    let ledgerTotal = 0;
    for (const p of pieces.pieces) ledgerTotal += p.micro;
    return ok({
      asOf,
      scenarioId: view.scenarioError === null ? doc.activeScenarioId : null,
      rows,
      ...match.global,
      ledgerTotal,
      crossChecks: pieces.crossChecks,
      unpricedUsage: pieces.unpricedUsage,
      parts: match.parts,
    });
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
      ? replaceTeamSplits(prev, view.rows, planned)
      : fullMatch(pieces, view.rows, planned, keys, rules, assignments);
    return this.match;
  }

  private rowOf(g: GridRow, tally: RowTally | undefined, asOf: string): RowReconciliation {
    const memo = this.rowMemos.get(g.row.id);
    if (memo && memo.row === g.row && memo.result === g.result && memo.tally === tally && memo.asOf === asOf)
      return memo.rec;
    const rec = rowReconciliation(g.row, g.result.estimate, tally, asOf);
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
  const teamOfRule = new Map<string, string>();
  for (const r of rules) if (r.to.kind === 'team') teamOfRule.set(`rule:${r.id}`, teamKey(r.to.team));
  const parts: MatchedPart[] = [];
  const offsets: number[] = [];
  const teamPieces = new Map<string, number[]>();
  const rowPieces = new Map<string, number[]>();
  pieces.forEach((piece, i) => {
    offsets.push(parts.length);
    const placed = matcher.place(piece);
    const team = teamOfRule.get(placed[0]?.by ?? '');
    if (team !== undefined) pushTo(teamPieces, team, i);
    for (const part of placed) {
      parts.push(part);
      if (part.rowId !== null) pushTo(rowPieces, part.rowId, i);
    }
  });
  const { rows: tallies, ...global } = tallyParts(parts);
  return { pieces, rules, assignments, keys, planned, offsets, parts, teamPieces, rowPieces, tallies, global };
}

/**
 * The same placements with new planned costs: only the pieces a team rule split over a team whose rows'
 * planned cost changed are placed again (to the same rows, in new proportions), and only their rows'
 * tallies are rebuilt.
 */
function replaceTeamSplits(prev: MatchState, rows: readonly GridRow[], planned: readonly Micro[]): MatchState {
  const teams = new Set<string>();
  for (let i = 0; i < planned.length; i++)
    if (planned[i] !== prev.planned[i]) teams.add(teamKey(rows[i]?.row.team ?? ''));
  const again: number[] = [];
  for (const t of teams) again.push(...(prev.teamPieces.get(t) ?? []));
  if (again.length === 0) return { ...prev, planned };
  const matcher = new Matcher(matchRowsOf(rows, planned), prev.rules, prev.assignments);
  const parts = prev.parts.slice();
  const touched = new Set<string>();
  for (const i of again) {
    const offset = prev.offsets[i] ?? 0;
    matcher.place(prev.pieces[i] as ActualPiece).forEach((part, j) => {
      parts[offset + j] = part;
      if (part.rowId !== null) touched.add(part.rowId);
    });
  }
  const tallies = new Map(prev.tallies);
  for (const rowId of touched) {
    const t = newRowTally();
    for (const i of prev.rowPieces.get(rowId) ?? []) {
      const start = prev.offsets[i] ?? 0;
      const end = prev.offsets[i + 1] ?? parts.length;
      for (let k = start; k < end; k++) {
        const part = parts[k] as MatchedPart;
        if (part.rowId === rowId) addPartToTally(t, part);
      }
    }
    tallies.set(rowId, t);
  }
  return { ...prev, planned, parts, tallies };
}
