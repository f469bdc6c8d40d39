import { describe, expect, it } from 'vitest';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { planEditsAndNewRows } from '../../../renderer/src/state/cell-edits';
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
