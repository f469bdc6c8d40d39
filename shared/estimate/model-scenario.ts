import type { PlanRow, ScenarioOverride } from '../plan/plan-schema';
import { ROW_INPUT_FIELDS } from '../plan/plan-schema';
import type { PriceBook } from '../pricing/price-book';
import { fail, ok, type Result } from '../result';
import { findModel } from './models';
import { nearestInputsForModel } from './model-switch';

/** What "price this plan on model X" makes: a scenario's overrides and, row by row, what was mapped. */
export interface ModelScenario {
  readonly name: string;
  readonly description: string;
  readonly overrides: readonly ScenarioOverride[];
  /** One line per row that needed more than the model changed: "Hero shots: Size 1536x864 → 1792x1024". */
  readonly mappings: readonly string[];
  /** What the switch does not change but should be known (the model was shut down by the price date). */
  readonly notes: readonly string[];
}

/**
 * The plan priced on another model, as a scenario: every row's model overridden, and each row's size,
 * quality (and the other inputs the model constrains) mapped to the nearest the model offers, through the
 * same rules as switching one row's model (nearestInputsForModel). Rows already on the model are left as
 * they are. Pure; `date` is the plan's price date.
 */
export function modelScenario(
  rows: readonly PlanRow[],
  modelId: string,
  book: PriceBook,
  date: string,
): Result<ModelScenario> {
  const model = findModel(modelId);
  if (!model) return fail(`"${modelId}" is not a known model: pick one from the list`);
  const overrides: ScenarioOverride[] = [];
  const mappings: string[] = [];
  const notes = new Set<string>();
  for (const row of rows) {
    if (row.model === model.id) continue;
    const switched = nearestInputsForModel(row, model.id, book, date);
    if (!switched.ok) return switched;
    for (const field of ROW_INPUT_FIELDS) {
      const value = switched.value.inputs[field];
      if (value !== row[field]) overrides.push({ rowId: row.id, field, value });
    }
    if (switched.value.changes.length > 0) mappings.push(`${row.name}: ${switched.value.changes.join('; ')}`);
    for (const note of switched.value.notes) notes.add(note);
  }
  const name = `On ${model.id}`;
  const description = [`Every row priced on ${model.label}.`, ...notes].join(' ');
  return ok({ name, description: description.slice(0, 2000), overrides, mappings, notes: [...notes] });
}
