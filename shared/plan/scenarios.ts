import { fail, ok, type Result } from '../result';
import { type PlanDocument, type PlanRow, RowInputs, type Scenario } from './plan-schema';

export function findScenario(plan: PlanDocument, nameOrId: string): Scenario | undefined {
  return (
    plan.scenarios.find((s) => s.id === nameOrId) ??
    plan.scenarios.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase())
  );
}

/** The scenario a key (id or name) names, null for the base plan (key null); an unknown key fails, listing the plan's scenarios. */
export function resolveScenario(plan: PlanDocument, key: string | null): Result<Scenario | null> {
  if (key === null) return ok(null);
  const scenario = findScenario(plan, key);
  if (scenario) return ok(scenario);
  const names = plan.scenarios.map((s) => `"${s.name}"`).join(', ');
  return fail(`there is no scenario "${key}" in this plan${names ? `: choose one of ${names}` : ' (it has none)'}`);
}

/**
 * The rows as a scenario sees them: its overrides applied over the base rows ("*" = every row, a row id =
 * that row; later overrides win). An override whose value does not fit the field is reported, not applied.
 */
export function applyScenario(rows: readonly PlanRow[], scenario: Scenario | null | undefined): Result<PlanRow[]> {
  if (!scenario || scenario.overrides.length === 0) return ok([...rows]);
  const out: PlanRow[] = [];
  for (const row of rows) {
    let next: PlanRow = row;
    for (const o of scenario.overrides) {
      if (o.rowId !== '*' && o.rowId !== row.id) continue;
      const fieldSchema = RowInputs.shape[o.field];
      const parsed = fieldSchema.safeParse(o.value);
      if (!parsed.success) {
        return fail(
          `scenario "${scenario.name}": override of ${o.field} for row ${o.rowId} has value ${JSON.stringify(o.value)}, which ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
        );
      }
      next = { ...next, [o.field]: parsed.data };
    }
    out.push(next);
  }
  return ok(out);
}

/** Which inputs of a row the scenario overrides (for highlighting and reset in the grid). */
export function overriddenFields(scenario: Scenario | null | undefined, rowId: string): Set<string> {
  const fields = new Set<string>();
  if (!scenario) return fields;
  for (const o of scenario.overrides) if (o.rowId === '*' || o.rowId === rowId) fields.add(o.field);
  return fields;
}
