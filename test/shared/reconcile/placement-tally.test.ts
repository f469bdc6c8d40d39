import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEASURES, type Measure } from '../../../shared/actuals/actual-record';
import type { ActualPiece } from '../../../shared/reconcile/actual-pieces';
import {
  isTeamSplit,
  type MatchedPart,
  partsOfSplit,
  type Placement,
  type TeamSplit,
} from '../../../shared/reconcile/match-actuals';
import { DayMicros } from '../../../shared/reconcile/day-micros';
import { tallyPlacements } from '../../../shared/reconcile/placement-tally';
import { tallyParts } from '../../../shared/reconcile/reconcile-plan';

/**
 * The reconciler's tally of placements (team splits kept as numbers, a row's maps written once per run
 * of parts) against tallyParts over the same parts as objects: equal, and every map's entries in the
 * same order. Pieces come in any day order, rows get several measures a day and several placements.
 */
const ROW_IDS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
const DAYS = ['2027-01-04', '2027-01-05', '2027-01-06'];
const BY = ['campaign', 'model', 'manual', 'rule:a', 'rule:b'];

function piece(i: number, day: string, measure: Measure, micro: number, images: number): ActualPiece {
  return {
    key: `k${i}`,
    day,
    measure,
    micro,
    images,
    project: 'p',
    apiKey: '',
    user: '',
    campaign: '',
    tags: [],
    vendor: '',
    model: '',
    lineItem: '',
  };
}

const placementSpec = fc.record({
  day: fc.constantFrom(...DAYS),
  measure: fc.constantFrom(...MEASURES),
  micro: fc.integer({ min: -5_000_000, max: 50_000_000 }),
  images: fc.integer({ min: 0, max: 40 }),
  kind: fc.constantFrom('whole', 'unassigned', 'team', 'parts'),
  row: fc.integer({ min: 0, max: ROW_IDS.length - 1 }),
  by: fc.constantFrom(...BY),
  team: fc.uniqueArray(fc.integer({ min: 0, max: ROW_IDS.length - 1 }), { minLength: 2, maxLength: 6 }),
  shares: fc.array(fc.integer({ min: -1_000_000, max: 9_000_000 }), { minLength: 6, maxLength: 6 }),
});

type PlacementSpec = typeof placementSpec extends fc.Arbitrary<infer T> ? T : never;

function placementsOf(specs: readonly PlacementSpec[]): Placement[] {
  const splits = new Map<string, TeamSplit>();
  return specs.map((s, i) => {
    const p = piece(i, s.day, s.measure, s.micro, s.images);
    if (s.kind === 'unassigned') return [{ piece: p, rowId: null, micro: p.micro, images: p.images, by: null }];
    if (s.kind === 'whole')
      return [{ piece: p, rowId: ROW_IDS[s.row] ?? null, micro: p.micro, images: p.images, by: s.by }];
    const rows = [...s.team].sort((a, b) => a - b);
    if (s.kind === 'parts')
      return rows.map((r, k): MatchedPart => ({
        piece: p,
        rowId: ROW_IDS[r] ?? null,
        micro: s.shares[k] ?? 0,
        images: k,
        by: 'manual',
      }));
    // Pieces of a team and day share one split, as the Matcher makes them.
    const key = rows.join(',');
    let split = splits.get(key);
    if (split === undefined)
      splits.set(
        key,
        (split = { ids: rows.map((r) => ROW_IDS[r] ?? ''), weights: rows.map(() => 1), rows: Int32Array.from(rows) }),
      );
    const n = rows.length;
    const amounts = new Float64Array(2 * n);
    let given = 0;
    for (let k = 0; k < n - 1; k++) given += amounts[k] = s.shares[k] ?? 0;
    amounts[n - 1] = p.micro - given; // the parts add up to the piece, as a split's do
    for (let k = 0; k < n; k++) amounts[n + k] = k === 0 ? p.images : 0;
    return { piece: p, by: s.by, split, amounts };
  });
}

/** A tally with every map as its entries in order (toEqual alone does not compare order). */
function ordered(value: unknown): unknown {
  if (value instanceof Map || value instanceof DayMicros)
    return [...(value as ReadonlyMap<unknown, unknown>).entries()].map(([k, v]) => [k, ordered(v)]);
  if (value instanceof Set) return [...(value as Set<unknown>)];
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ordered(v)]));
  return value;
}

describe('the reconciler’s tally of placements', () => {
  it('equals tallyParts over the same parts, maps in the same order', () => {
    fc.assert(
      fc.property(fc.array(placementSpec, { maxLength: 40 }), (specs) => {
        const placements = placementsOf(specs);
        const parts = placements.flatMap((p) => (isTeamSplit(p) ? partsOfSplit(p) : p));
        const fast = tallyPlacements(placements, ROW_IDS);
        const reference = tallyParts(parts);
        const byId = (rows: Map<string, unknown>) => new Map([...rows].sort(([a], [b]) => (a < b ? -1 : 1)));
        expect(ordered({ ...fast, rows: byId(fast.rows) })).toEqual(
          ordered({ ...reference, rows: byId(reference.rows) }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('counts a team-split piece once for its rule, with all its money', () => {
    const [split] = placementsOf([
      {
        day: DAYS[0] as string,
        measure: 'metered',
        micro: 900,
        images: 3,
        kind: 'team',
        row: 0,
        by: 'rule:a',
        team: [1, 3, 4],
        shares: [100, 200, 0, 0, 0, 0],
      },
    ]);
    const tally = tallyPlacements([split as Placement], ROW_IDS);
    expect(tally.byRule.get('a')).toEqual({ pieces: 1, micro: 900 });
    expect([...tally.rows.keys()].sort()).toEqual(['r1', 'r3', 'r4']);
    expect(tally.rows.get('r4')?.actual).toBe(600);
  });
});
