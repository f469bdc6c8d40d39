import type { LearnedFactors } from '../../../../shared/reconcile/learned-factors';
import { observedIterationOverrides } from '../../../../shared/reconcile/learned-factors';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { Phasing } from '../../../../shared/plan/row-fields';
import type { Command } from '../../state/commands';
import { planAddMadeScenario } from '../scenario-commands';

/** A row's phasing (how its planned cost spreads over its days): one undo step; null when unchanged. */
export function planSetPhasing(doc: PlanDocument, rowId: string, phasing: Phasing): Command | null {
  const row = doc.rows.find((r) => r.id === rowId);
  if (!row || row.phasing === phasing) return null;
  return {
    kind: 'set-cells',
    label: `Phasing of ${row.name}: ${phasing}`,
    changes: [{ rowId, field: 'phasing', before: row.phasing, after: phasing }],
  };
}

export const OBSERVED_SCENARIO_NAME = 'Observed iteration';

/**
 * "Observed iteration": a scenario pricing every row at the iteration factor real spend showed (the
 * row's own, else its asset type's), added and made active as one undo step; null when nothing was observed.
 */
export function planObservedIterationScenario(doc: PlanDocument, factors: LearnedFactors): Command | null {
  const picked = observedIterationOverrides(doc.rows, factors);
  if (picked.length === 0) return null;
  const own = picked.filter((p) => p.source === 'row').length;
  const scenario = {
    name: OBSERVED_SCENARIO_NAME,
    description: `Generations per final as observed in the actuals: ${own} row(s) from their own approved finals, ${
      picked.length - own
    } from their asset type's.`,
    overrides: picked.map((p) => ({ rowId: p.rowId, field: 'iterationFactor' as const, value: p.value })),
  };
  return planAddMadeScenario(doc, scenario, 'Create the "Observed iteration" scenario');
}
