// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanEstimator, ScenarioEstimates } from '../../../shared/estimate/plan-estimator';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { ScenariosPanel } from '../../../renderer/src/panels/ScenariosPanel';
import { applyCommand, type Command } from '../../../renderer/src/state/commands';

afterEach(cleanup);

/** A plan whose active scenario overrides two inputs of every row, as "price this plan on model X" does. */
function planOverridingEveryRow(rows: number): PlanDocument {
  const plan = blankPlan('2026-11-28');
  for (let i = 0; i < rows; i++) plan.rows.push(blankRow(`r${i}`, { name: `Line ${i}`, finals: 1 + (i % 9) }));
  const overrides = plan.rows.flatMap((r) => [
    { rowId: r.id, field: 'iterationFactor' as const, value: '2.5' },
    { rowId: r.id, field: 'quality' as const, value: 'low' },
  ]);
  return {
    ...plan,
    scenarios: [{ id: 'all', name: 'Every row', description: '', overrides }],
    activeScenarioId: 'all',
  };
}

describe('the scenarios panel with a scenario that overrides every row', () => {
  it('lists the first overrides by row name, says how many are not listed, and shows more on request', () => {
    const doc = planOverridingEveryRow(3_000);
    const commands: Command[] = [];
    render(
      <ScenariosPanel
        document={doc}
        onCommand={(c) => c && commands.push(c)}
        estimates={new ScenarioEstimates()}
        view={new PlanEstimator().view(doc)}
      />,
    );
    expect(screen.getByTestId('scenario-list').textContent).toContain('6,000 overrides');
    const list = screen.getByTestId('override-list');
    expect(within(list).getAllByRole('row')).toHaveLength(200);
    expect(within(list).getAllByRole('row')[3]?.textContent).toContain('Line 1');
    expect(screen.getByTestId('overrides-not-listed').textContent).toContain('200 of 6,000 overrides listed');
    fireEvent.click(screen.getByTestId('overrides-show-more'));
    expect(within(list).getAllByRole('row')).toHaveLength(1_200);
    // A listed override's reset takes back that override only.
    fireEvent.click(within(list).getAllByTestId('reset-override')[1_001] as HTMLElement);
    const reset = commands[0];
    if (!reset) throw new Error('the reset made a command');
    const after = applyCommand(doc, reset);
    expect(after.scenarios[0]?.overrides).toHaveLength(5_999);
    expect(after.scenarios[0]?.overrides.some((o) => o.rowId === 'r500' && o.field === 'quality')).toBe(false);
  });
});
