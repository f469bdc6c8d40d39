import { describe, expect, it } from 'vitest';
import { applyCommand, invertCommand } from '../../../renderer/src/state/commands';
import {
  OBSERVED_SCENARIO_NAME,
  planObservedIterationScenario,
  planSetPhasing,
} from '../../../renderer/src/panels/reconcile/reconcile-commands';
import { estimatePlan } from '../../../shared/estimate/estimate-plan';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { learnedFactors } from '../../../shared/reconcile/learned-factors';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';

const SAMPLE = createSamplePlan('2026-11-28');

describe('the Reconcile panel’s commands', () => {
  it('sets a row’s phasing as one undoable step', () => {
    const id = SAMPLE.rows[0]?.id ?? '';
    const command = planSetPhasing(SAMPLE, id, 'front-loaded');
    if (!command) throw new Error('no command');
    const after = applyCommand(SAMPLE, command);
    expect(after.rows[0]?.phasing).toBe('front-loaded');
    expect(applyCommand(after, invertCommand(command))).toEqual(SAMPLE);
    expect(planSetPhasing(after, id, 'front-loaded')).toBeNull();
  });

  it('creates the "Observed iteration" scenario, active, pricing rows at the observed factors; undo removes it', () => {
    const rec = reconcilePlan(SAMPLE);
    if (!rec.ok) throw new Error(rec.error);
    const command = planObservedIterationScenario(SAMPLE, learnedFactors(rec.value));
    if (!command) throw new Error('no command');
    const after = applyCommand(SAMPLE, command);
    const scenario = after.scenarios.at(-1);
    expect(scenario?.name).toBe(OBSERVED_SCENARIO_NAME);
    expect(after.activeScenarioId).toBe(scenario?.id);
    expect(scenario?.overrides).toContainEqual({
      rowId: 'ecom-product-pages',
      field: 'iterationFactor',
      value: '3.00',
    });
    expect(estimatePlan(after, {}).ok).toBe(true);
    expect(applyCommand(after, invertCommand(command))).toEqual(SAMPLE);
    const again = planObservedIterationScenario(after, learnedFactors(rec.value));
    expect(again && applyCommand(after, again).scenarios.at(-1)?.name).toBe(`${OBSERVED_SCENARIO_NAME} (2)`);
  });
});
