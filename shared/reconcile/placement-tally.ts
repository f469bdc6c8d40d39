import type { Measure } from '../actuals/actual-record';
import type { Micro } from '../money/rounding';
import type { ActualPiece } from './actual-pieces';
import { isTeamSplit, type MatchedPart, type Placement } from './match-actuals';
import { addTo, daysInOneMeasure, newRowTally, type RowTally, type tallyParts, withMeasure } from './reconcile-plan';

/**
 * tallyParts for placements (Matcher.placement), as PlanReconciler keeps them: the same tallies, without
 * a part object per row of a team split. A team rule splits each piece of a day over its team's rows,
 * so a large ledger makes millions of parts whose every day and placement a row's maps would be updated
 * for; here a row's parts of one day (or one placement) are summed first and its maps are written once
 * per run of them. The maps come out as tallyParts makes them, entries in the same order (a property test
 * holds PlanReconciler, which uses this, to reconcilePlan, which uses tallyParts).
 */
export function tallyPlacements(
  placements: readonly Placement[],
  rowIds: readonly string[],
): ReturnType<typeof tallyParts> {
  const tallies = new RowRuns(rowIds.length);
  // Parts are tallied by row id, as tallyParts does: rows sharing an id (a plan's ids are unique) share one.
  const indexOf = new Map<string, number>();
  const tallyIndex = Int32Array.from(rowIds, (id, index) => {
    const first = indexOf.get(id);
    if (first !== undefined) return first;
    indexOf.set(id, index);
    return index;
  });
  const unassignedByDay = new Map<string, Micro>();
  const unassignedMeasuresByDay = new Map<string, Set<Measure>>();
  const unassignedPieces: ActualPiece[] = [];
  const byRule = new Map<string, { pieces: number; micro: Micro }>();
  const ruleIds = new Map<string, string | null>();
  let unassigned = 0;
  const countForRule = (by: string | null, piece: ActualPiece, micro: Micro) => {
    const id = by === null ? null : ruleIdOf(ruleIds, by);
    if (id === null) return;
    const r = byRule.get(id) ?? { pieces: 0, micro: 0 };
    r.pieces += 1; // each piece once, however many parts it has
    r.micro += micro;
    byRule.set(id, r);
  };
  for (const placed of placements) {
    if (isTeamSplit(placed)) {
      const { piece, by, split, amounts } = placed;
      const n = split.ids.length;
      // Its parts add up to the piece (the split is exact).
      countForRule(by, piece, piece.micro);
      for (let k = 0; k < n; k++)
        tallies.add(
          tallyIndex[split.rows[k] as number] as number,
          piece,
          amounts[k] as number,
          amounts[n + k] as number,
          by,
        );
      continue;
    }
    let micro = 0;
    for (const part of placed) micro += part.micro;
    const first = placed[0];
    if (first !== undefined) countForRule(first.by, first.piece, micro);
    for (const part of placed) addPart(part);
  }
  function addPart(part: MatchedPart): void {
    const { piece } = part;
    if (part.rowId === null) {
      unassigned += part.micro;
      addTo(unassignedByDay, piece.day, part.micro);
      const set = unassignedMeasuresByDay.get(piece.day);
      const next = withMeasure(set, piece.measure);
      if (next !== set) unassignedMeasuresByDay.set(piece.day, next);
      unassignedPieces.push(piece);
      return;
    }
    const index = indexOf.get(part.rowId);
    if (index === undefined) throw new RangeError(`a part is on row "${part.rowId}", which is not in the plan`);
    tallies.add(index, piece, part.micro, part.images, part.by ?? '');
  }
  unassignedPieces.sort((a, b) => b.micro - a.micro || (a.key < b.key ? -1 : 1));
  return {
    rows: tallies.byRowId(rowIds),
    unassigned,
    unassignedByDay,
    unassignedMeasuresByDay,
    unassignedPieces,
    byRule,
  };
}

/** The rule id in "rule:<id>", or null for another placement, sliced once per text. */
function ruleIdOf(ids: Map<string, string | null>, by: string): string | null {
  let id = ids.get(by);
  if (id === undefined) ids.set(by, (id = by.startsWith('rule:') ? by.slice(5) : null));
  return id;
}

/**
 * The rows' tallies, each map written once per run of a row's parts with the same day (or placement):
 * a run's sum is added when the row's next part has another, or at the end. A day (or placement) enters a
 * map when its run is written, before any later one of the row's, so the maps keep tallyParts' order.
 */
class RowRuns {
  private readonly tallies: (RowTally | undefined)[];
  private readonly day: (string | undefined)[];
  private readonly dayMicro: Float64Array;
  /** The measures of the run's parts, in the order they came. */
  private readonly dayMeasures: (Set<Measure> | undefined)[];
  private readonly by: (string | undefined)[];
  private readonly byMicro: Float64Array;
  private readonly measure: (Measure | undefined)[];

  constructor(rows: number) {
    this.tallies = new Array<RowTally | undefined>(rows);
    this.day = new Array<string | undefined>(rows);
    this.dayMicro = new Float64Array(rows);
    this.dayMeasures = new Array<Set<Measure> | undefined>(rows);
    this.by = new Array<string | undefined>(rows);
    this.byMicro = new Float64Array(rows);
    this.measure = new Array<Measure | undefined>(rows);
  }

  /** A part of `piece` on row `index`: as addPartToTally adds it. */
  add(index: number, piece: ActualPiece, micro: Micro, images: number, by: string): void {
    let t = this.tallies[index];
    if (t === undefined) this.tallies[index] = t = newRowTally();
    t.actual += micro;
    t.generations += images;
    const day = piece.day;
    if (this.day[index] !== day) {
      this.endDay(index, t);
      this.day[index] = day;
      this.dayMeasures[index] = undefined;
    }
    this.dayMicro[index] = (this.dayMicro[index] as number) + micro;
    this.dayMeasures[index] = withMeasure(this.dayMeasures[index], piece.measure);
    if (this.by[index] !== by) {
      this.endBy(index, t);
      this.by[index] = by;
    }
    this.byMicro[index] = (this.byMicro[index] as number) + micro;
    if (this.measure[index] !== piece.measure) {
      // A second measure: from now on the row's days keep their measures (the days so far had the first).
      if (t.measuresByDay === null && t.measures.size > 0 && !t.measures.has(piece.measure)) daysInOneMeasure(t);
      t.measures.add(piece.measure);
      this.measure[index] = piece.measure;
    }
  }

  private endDay(index: number, t: RowTally): void {
    const day = this.day[index];
    if (day === undefined) return;
    addTo(t.byDay, day, this.dayMicro[index] as number);
    const byDay = t.measuresByDay;
    const measures = this.dayMeasures[index];
    if (byDay !== null && measures !== undefined) {
      // The day's measures so far, then the run's, in the order they came (as addMeasure gives them).
      const before = byDay.get(day);
      let after = before;
      for (const m of measures) after = withMeasure(after, m);
      if (after !== before && after !== undefined) byDay.set(day, after);
    }
    this.dayMicro[index] = 0;
  }

  private endBy(index: number, t: RowTally): void {
    const by = this.by[index];
    if (by === undefined) return;
    addTo(t.by, by, this.byMicro[index] as number);
    this.byMicro[index] = 0;
  }

  /** Every row's tally, its last runs written, by row id (rows no part reached have none). */
  byRowId(rowIds: readonly string[]): Map<string, RowTally> {
    const out = new Map<string, RowTally>();
    this.tallies.forEach((t, index) => {
      if (t === undefined) return;
      this.endDay(index, t);
      this.endBy(index, t);
      out.set(rowIds[index] as string, t);
    });
    return out;
  }
}
