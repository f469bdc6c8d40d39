import type { PlanRow, ScenarioOverride } from '../plan/plan-schema';
import { ROW_INPUT_FIELDS } from '../plan/plan-schema';
import type { PriceBook } from '../pricing/price-book';
import { fail, ok, type Result } from '../result';
import { findModel } from './models';
import { resolvePriceCached } from './lookup-cache';
import { groupInteger } from '../money/format';
import type { MessageGroup } from './message-groups';
import { nearestInputsForModel } from './model-switch';

/** What "price this plan on model X" makes: a scenario's overrides and, row by row, what was mapped. */
export interface ModelScenario {
  readonly name: string;
  readonly description: string;
  readonly overrides: readonly ScenarioOverride[];
  /** One line per row that needed more than the model changed: "Hero shots: Size 1536x864 → 1792x1024". */
  readonly mappings: readonly string[];
  /**
   * The same changes, one group per change made alike (MessageGroup: rows by index): "Size 1728x1664 →
   * 1024x1024: …" while every row of the group had that size, "Size → 1024x1024: …" once they differ.
   * A 100k-row plan's 92k lines read as a handful.
   */
  readonly mappingGroups: readonly MessageGroup[];
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
  const groups = new Map<string, { text: string; count: number; firstRows: number[] }>();
  const notes = new Set<string>();
  const unpricedBySurface = new Map<string, number>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as PlanRow;
    if (row.model === model.id) continue;
    const switched = nearestInputsForModel(row, model.id, book, date);
    if (!switched.ok) return switched;
    for (const field of ROW_INPUT_FIELDS) {
      const value = switched.value.inputs[field];
      if (value !== row[field]) overrides.push({ rowId: row.id, field, value });
    }
    const { changes, changesAlike } = switched.value;
    if (changes.length > 0) mappings.push(`${row.name}: ${changes.join('; ')}`);
    changes.forEach((text, i) => {
      const alike = changesAlike[i] ?? text;
      const group = groups.get(alike);
      if (group === undefined) groups.set(alike, { text, count: 1, firstRows: [index] });
      else {
        group.count += 1;
        if (group.firstRows.length < FIRST_ROWS) group.firstRows.push(index);
        if (group.text !== text) group.text = alike;
      }
    });
    for (const note of switched.value.notes) notes.add(note);
    const { surface, priceEntryId } = switched.value.inputs;
    const priced = resolvePriceCached(book, { model: model.id, surface, date, entryId: priceEntryId });
    if (!priced.ok) unpricedBySurface.set(surface, (unpricedBySurface.get(surface) ?? 0) + 1);
  }
  // Said, not left for the totals to drop quietly: a surface the model has no price for.
  for (const [surface, count] of unpricedBySurface)
    notes.add(
      `${groupInteger(count)} row${count === 1 ? ' is' : 's are'} billed “${surface}”, which has no price for ${model.id} on ${date}: not priced on it until the price book has one.`,
    );
  const name = `On ${model.id}`;
  const description = [`Every row priced on ${model.label}.`, ...notes].join(' ');
  const mappingGroups = [...groups.values()];
  return ok({ name, description: description.slice(0, 2000), overrides, mappings, mappingGroups, notes: [...notes] });
}

/** Rows named in each mapping group. */
const FIRST_ROWS = 3;
