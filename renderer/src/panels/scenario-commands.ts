import type { PlanDocument, Scenario, ScenarioOverride } from '../../../shared/plan/plan-schema';
import { groupLine } from '../../../shared/estimate/message-groups';
import { modelScenario } from '../../../shared/estimate/model-scenario';
import type { PriceBook } from '../../../shared/pricing/price-book';
import { ok, type Result } from '../../../shared/result';
import { planResetOverride } from '../state/cell-edits';
import type { Command } from '../state/commands';
import { uniqueRowId } from '../state/row-ops';

/** Adds a scenario named `name` (an id made from it) and makes it the active one: one undo step. */
export function planAddScenario(doc: PlanDocument, name: string): Command | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const slug =
    trimmed
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scenario';
  const id = uniqueRowId(new Set(doc.scenarios.map((s) => s.id)), slug);
  return {
    kind: 'set-parts',
    label: 'Add scenario',
    before: { scenarios: doc.scenarios, activeScenarioId: doc.activeScenarioId },
    after: {
      scenarios: [...doc.scenarios, { id, name: trimmed.slice(0, 100), description: '', overrides: [] }],
      activeScenarioId: id,
    },
  };
}

/**
 * "Price this plan on model X": a scenario overriding every row's model, with size and quality mapped to
 * the nearest the model offers (modelScenario), added and made active as one undo step. Also answers the
 * mappings for the panel to list: one line per change made alike, naming the row when one row made it,
 * else how many and the first few (a 100k-row plan listed 92k lines, one per row).
 */
export function planModelScenario(
  doc: PlanDocument,
  modelId: string,
  pricing: { priceBook: PriceBook; asOf: string },
): Result<{ command: Command; mappings: readonly string[] }> {
  const made = modelScenario(doc.rows, modelId, pricing.priceBook, pricing.asOf);
  if (!made.ok) return made;
  const { name, description, overrides, mappingGroups, notes } = made.value;
  const lines = mappingGroups.map((g) => groupLine(g, (row) => doc.rows[row]?.name ?? `row ${row + 1}`));
  return ok({
    command: planAddMadeScenario(doc, { name, description, overrides: [...overrides] }, `Price the plan on ${modelId}`),
    mappings: [...lines, ...notes],
  });
}

/**
 * Adds a scenario the app made (its name made unique with " (2)", " (3)"…, its id from that name) and
 * makes it the active one: one undo step labelled `label`.
 */
export function planAddMadeScenario(doc: PlanDocument, made: Omit<Scenario, 'id'>, label: string): Command {
  const taken = new Set(doc.scenarios.map((s) => s.name));
  let name = made.name;
  for (let i = 2; taken.has(name); i++) name = `${made.name} (${i})`;
  const id = uniqueRowId(new Set(doc.scenarios.map((s) => s.id)), name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  const scenario: Scenario = { id, name, description: made.description, overrides: made.overrides };
  return {
    kind: 'set-parts',
    label,
    before: { scenarios: doc.scenarios, activeScenarioId: doc.activeScenarioId },
    after: { scenarios: [...doc.scenarios, scenario], activeScenarioId: id },
  };
}

/** Removes a scenario; the base plan becomes active if it was. */
export function planRemoveScenario(doc: PlanDocument, id: string): Command {
  return {
    kind: 'set-parts',
    label: 'Delete scenario',
    before: { scenarios: doc.scenarios, activeScenarioId: doc.activeScenarioId },
    after: {
      scenarios: doc.scenarios.filter((s) => s.id !== id),
      activeScenarioId: doc.activeScenarioId === id ? null : doc.activeScenarioId,
    },
  };
}

/** Takes one override (the `index`th of the scenario) back to the base plan. */
export function planResetOverrideAt(doc: PlanDocument, scenario: Scenario, index: number): Command | null {
  const o: ScenarioOverride | undefined = scenario.overrides[index];
  if (!o) return null;
  if (o.rowId !== '*') return planResetOverride(doc, scenario.id, o.rowId, o.field);
  return {
    kind: 'set-overrides',
    label: 'Reset override',
    scenarioId: scenario.id,
    before: scenario.overrides,
    after: scenario.overrides.filter((_, j) => j !== index),
  };
}
