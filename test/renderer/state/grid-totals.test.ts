import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../../shared/plan/plan-schema';
import type { Reconciliation, RowReconciliation } from '../../../shared/reconcile/reconcile-plan';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

/**
 * The grid's totals and subtotals after edits, updated by the rows that changed, against summing every
 * row: equal, figures near 2^53 micro-dollars included (where taking a row back out of an inexact sum, or
 * passing 2^53 on the way, would be off by a unit: those edits must sum every row again).
 */
const MAX = Number.MAX_SAFE_INTEGER;
const small = fc.integer({ min: -1_000_000, max: 1_000_000 });
const huge = fc.oneof(
  small,
  fc.constantFrom(0, 1, 2, MAX, MAX - 1, -MAX, 2 ** 52),
  fc.integer({ min: -MAX, max: MAX }),
);
function figuresOf(amount: fc.Arbitrary<number>) {
  return fc.record({
    team: fc.constantFrom('Brand', 'Growth', ''),
    planned: amount,
    actual: amount,
    budgetLeft: amount,
    forecast: amount,
    generations: fc.nat(1_000),
    approvedFinals: fc.constantFrom(null, 0, 3, 400),
    flag: fc.constantFrom(null, 'over-plan' as const, 'ahead-of-phasing' as const),
  });
}
const figures = figuresOf(huge);
type Figures = typeof figures extends fc.Arbitrary<infer T> ? T : never;

function rowRec(id: string, f: Figures): RowReconciliation {
  const row = { id, team: f.team, assetType: f.team === '' ? '' : 'Photo' } as PlanRow;
  return { row, ...f } as unknown as RowReconciliation;
}

function rec(rows: RowReconciliation[], unassigned: number): Reconciliation {
  return { rows, unassigned } as unknown as Reconciliation;
}

describe('the grid’s totals kept across edits', () => {
  it.each([
    ['everyday amounts (updated by the rows that changed)', figuresOf(small)],
    ['amounts up to 2^53 (summed again where an update could be inexact)', figures],
  ])('equal summing every row: %s', (_label, figures) => {
    const edit = fc.array(fc.record({ at: fc.nat(5), figures }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(figures, { minLength: 6, maxLength: 6 }),
        fc.array(edit, { maxLength: 8 }),
        (start, edits) => {
          let rows = start.map((f, i) => rowRec(`r${i}`, f));
          let grid = new GridReconciliation(rec(rows, 7));
          grid.groupTotals('team');
          for (const changes of edits) {
            rows = rows.slice();
            for (const { at, figures: f } of changes) rows[at] = rowRec(`r${at}`, f);
            grid = new GridReconciliation(rec(rows, 7), [], grid);
            const fresh = new GridReconciliation(rec(rows, 7));
            expect(grid.totals).toEqual(fresh.totals);
            expect([...grid.groupTotals('team')]).toEqual([...fresh.groupTotals('team')]);
            expect([...grid.groupTotals('assetType')]).toEqual([...fresh.groupTotals('assetType')]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sums every row again where taking one back would leave an inexact total', () => {
    const figuresOf = (planned: number): Figures => ({
      team: 'Brand',
      planned,
      actual: 0,
      budgetLeft: 0,
      forecast: 0,
      generations: 0,
      approvedFinals: null,
      flag: null,
    });
    const rows = [rowRec('a', figuresOf(MAX)), rowRec('b', figuresOf(2)), rowRec('c', figuresOf(0))];
    const first = new GridReconciliation(rec(rows, 0));
    first.groupTotals('team');
    const edited = [rows[0] as RowReconciliation, rowRec('b', figuresOf(0)), rows[2] as RowReconciliation];
    const next = new GridReconciliation(rec(edited, 0), [], first);
    expect(next.totals.planned).toBe(MAX);
    expect(next.groupTotals('team').get('Brand')?.planned).toBe(MAX);
  });
});
