import type { Measure } from '../actuals/actual-record';
import type { Micro } from '../money/rounding';
import type { ActualPiece } from './actual-pieces';
import { isTeamSplit, type Placement } from './match-actuals';
import {
  addTo,
  daysInOneMeasure,
  LedgerTally,
  newRowTally,
  type RowTally,
  type tallyParts,
  withMeasure,
} from './reconcile-plan';

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
  const ledger = new LedgerTally();
  for (const placed of placements) {
    if (isTeamSplit(placed)) {
      const { piece, by, split, amounts } = placed;
      const n = split.ids.length;
      ledger.placed(by, piece.micro, true); // its parts add up to the piece (the split is exact)
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
    placed.forEach((part, k) => {
      ledger.placed(part.by, part.micro, k === 0);
      if (part.rowId === null) {
        ledger.unassignedPart(part);
        return;
      }
      const index = indexOf.get(part.rowId);
      if (index === undefined) throw new RangeError(`a part is on row "${part.rowId}", which is not in the plan`);
      tallies.add(index, part.piece, part.micro, part.images, part.by ?? '');
    });
  }
  return ledger.result(tallies.byRowId(rowIds));
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
    t.byDay.add(day, this.dayMicro[index] as number);
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
