import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import { applyCommand, invertCommand, type PlacedRow } from '../../../renderer/src/state/commands';
import { planDeleteRows, planDuplicateRows } from '../../../renderer/src/state/row-ops';

function planOf(count: number, stem = 'r'): PlanDocument {
  return {
    ...blankPlan('2026-11-28'),
    rows: Array.from({ length: count }, (_, i) => blankRow(`${stem}-${i + 2}`, { name: `Row ${i}` })),
  };
}

/** Inserting and removing placed rows one at a time with splice: what the commands mean. */
function insertOneByOne(rows: readonly PlanRow[], placed: readonly PlacedRow[]): PlanRow[] {
  const out = [...rows];
  for (const p of placed) out.splice(p.index, 0, p.row);
  return out;
}
function removeOneByOne(rows: readonly PlanRow[], placed: readonly PlacedRow[]): PlanRow[] {
  const out = [...rows];
  for (let i = placed.length - 1; i >= 0; i--) out.splice((placed[i] as PlacedRow).index, 1);
  return out;
}

describe('inserting and removing rows', () => {
  // Every command places its rows at indexes that go up (row-ops.ts, cell-edits.ts and their inverses).
  const placedArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 8 })
    .map((indexes) => [...indexes].sort((a, b) => a - b).map((index, k) => ({ index, row: blankRow(`new-${k}`) })));

  it('inserts and removes as splicing the rows in or out one at a time would, out of range included (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('insert-rows' as const, 'remove-rows' as const),
        fc.integer({ min: 0, max: 12 }),
        placedArb,
        (kind, count, placed) => {
          const doc = planOf(count);
          const after = applyCommand(doc, { kind, label: 'Rows', rows: placed });
          const byOne = kind === 'insert-rows' ? insertOneByOne : removeOneByOne;
          expect(after.rows).toEqual(byOne(doc.rows, placed));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('puts deleted rows back where they were on undo (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), (count, picks) => {
        const doc = planOf(count);
        const command = planDeleteRows(
          doc,
          doc.rows.filter((_r, i) => picks[i] === true).map((r) => r.id),
        );
        if (!command) return;
        expect(applyCommand(applyCommand(doc, command), invertCommand(command))).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses rows placed out of order, which no command makes', () => {
    const rows = [3, 1].map((index, k) => ({ index, row: blankRow(`new-${k}`) }));
    expect(() => applyCommand(planOf(4), { kind: 'insert-rows', label: 'Insert', rows })).toThrow(RangeError);
  });

  it('duplicates every row of a 20,000-row plan: each copy below its row, every id its own, one undo', () => {
    const doc = planOf(20_000, 'line');
    const command = planDuplicateRows(
      doc,
      doc.rows.map((r) => r.id),
    );
    if (!command) throw new Error('there are rows to duplicate');
    const after = applyCommand(doc, command);
    expect(after.rows).toHaveLength(40_000);
    expect(new Set(after.rows.map((r) => r.id)).size).toBe(40_000);
    expect(after.rows.slice(0, 4).map((r) => [r.id, r.name])).toEqual([
      ['line-2', 'Row 0'],
      ['line', 'Row 0 (copy)'],
      ['line-3', 'Row 1'],
      ['line-20002', 'Row 1 (copy)'],
    ]);
    expect(applyCommand(after, invertCommand(command))).toEqual(doc);
  });
});
