import type { LearnedFactors } from '../../../../shared/reconcile/learned-factors';
import { observedIterationOverrides } from '../../../../shared/reconcile/learned-factors';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { Phasing } from '../../../../shared/plan/row-fields';
import { withoutProjectLink, withProjectLink } from '../../../../shared/reconcile/project-links';
import { ok, type Result } from '../../../../shared/result';
import type { Command } from '../../state/commands';
import { setActuals } from '../../state/match-commands';
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

/**
 * A gateway team's metered spend counted as billed under `billed` (ProjectLink): one undo step. Null when
 * the link is already so; an error (the projects the actuals have) when either is unknown.
 */
export function planLinkProject(doc: PlanDocument, metered: string, billed: string): Result<Command | null> {
  if ((doc.actuals.projectLinks ?? []).some((l) => l.metered === metered && l.billed === billed)) return ok(null);
  const next = withProjectLink(doc.actuals, metered, billed);
  if (!next.ok) return next;
  return ok(setActuals(doc, `Link metered project ${metered} to ${billed}`, { projectLinks: next.value.projectLinks }));
}

/** The link of a metered project removed: one undo step; null when it has none. */
export function planUnlinkProject(doc: PlanDocument, metered: string): Command | null {
  const next = withoutProjectLink(doc.actuals, metered);
  if (!next.ok) return null;
  // Undefined when the last link goes: the ledger is then as it was before any link.
  return setActuals(doc, `Unlink metered project ${metered}`, { projectLinks: next.value.projectLinks });
}
