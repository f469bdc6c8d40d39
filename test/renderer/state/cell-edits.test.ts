import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import type { PlanDocument, ScenarioOverride } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { type CellEdit, planCellEdits, planEditsAndNewRows } from '../../../renderer/src/state/cell-edits';
import { applyCommand, invertCommand } from '../../../renderer/src/state/commands';

describe('edits with new rows (a paste that grows the plan)', () => {
  const plan = { ...blankPlan('2026-11-28'), rows: [blankRow('line', { name: 'Only' })] };

  it('edits the rows there and appends the new ones with fresh ids and defaults, as one command', () => {
    const command = planEditsAndNewRows(
      plan,
      [{ rowId: 'line', field: 'finals', value: 3 }],
      [{ name: 'Second', finals: 5 }, { name: 'Third' }],
      'Paste',
    );
    if (!command) throw new Error('there is something to do');
    expect(command.kind).toBe('compound');
    expect(command.label).toBe('Paste');
    const after = applyCommand(plan, command);
    expect(after.rows.map((r) => [r.id, r.name, r.finals])).toEqual([
      ['line', 'Only', 3],
      ['line-2', 'Second', 5],
      ['line-3', 'Third', blankRow('x').finals],
    ]);
    expect(after.rows[2]).toEqual(blankRow('line-3', { name: 'Third' }));
    expect(applyCommand(after, invertCommand(command))).toEqual(plan);
  });

  it('into an empty plan: only an insert; with a scenario active the new rows still go into the base plan', () => {
    const sample = createSamplePlan('2026-11-28');
    const scenario = { ...sample, activeScenarioId: 'from-scratch' };
    const command = planEditsAndNewRows(scenario, [], [{ name: 'New', iterationFactor: '3' }], 'Paste');
    expect(command?.kind).toBe('insert-rows');
    const after = command ? applyCommand(scenario, command) : scenario;
    expect(after.rows[after.rows.length - 1]).toMatchObject({ name: 'New', iterationFactor: '3' });
    expect(after.scenarios).toEqual(scenario.scenarios);
  });

  it('nothing to do: null', () => {
    expect(planEditsAndNewRows(plan, [], [], 'Paste')).toBeNull();
  });
});

describe('many cells edited at once with a scenario active (a paste, a fill down)', () => {
  const ids = ['a', 'b', 'c'];
  const base: PlanDocument = {
    ...blankPlan('2026-11-28'),
    rows: ids.map((id) => blankRow(id, { name: `Row ${id}`, finals: 10, iterationFactor: '1.8' })),
  };
  const overrideArb: fc.Arbitrary<ScenarioOverride> = fc.record({
    rowId: fc.constantFrom('*', ...ids),
    field: fc.constantFrom('finals' as const, 'iterationFactor' as const),
    value: fc.constantFrom(10, 12, '1.8', '2.5'),
  });
  const editArb: fc.Arbitrary<CellEdit> = fc.oneof(
    fc.record({
      rowId: fc.constantFrom(...ids, 'gone'),
      field: fc.constant('finals' as const),
      value: fc.constantFrom(10, 12, 30),
    }),
    fc.record({
      rowId: fc.constantFrom(...ids),
      field: fc.constant('iterationFactor' as const),
      value: fc.constantFrom('1.8', '2.5'),
    }),
    fc.record({
      rowId: fc.constantFrom(...ids),
      field: fc.constant('name' as const),
      value: fc.constantFrom('X', 'Row a'),
    }),
  );

  it('leaves the plan as the same edits made one at a time would, overrides in the same order (property)', () => {
    fc.assert(
      fc.property(fc.array(overrideArb, { maxLength: 8 }), fc.array(editArb, { maxLength: 10 }), (overrides, edits) => {
        const doc: PlanDocument = {
          ...base,
          scenarios: [{ id: 's', name: 'S', description: '', overrides }],
          activeScenarioId: 's',
        };
        const batch = planCellEdits(doc, edits, 'Paste');
        const together = batch ? applyCommand(doc, batch) : doc;
        let oneByOne = doc;
        for (const edit of edits) {
          const single = planCellEdits(oneByOne, [edit], 'Edit');
          if (single) oneByOne = applyCommand(oneByOne, single);
        }
        expect(together).toEqual(oneByOne);
        if (batch) expect(applyCommand(together, invertCommand(batch))).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });
});
