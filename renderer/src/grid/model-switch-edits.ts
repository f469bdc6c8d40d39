import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import { nearestInputsForModel } from '../../../shared/estimate/model-switch';
import type { PlanRow } from '../../../shared/plan/plan-schema';
import { ROW_INPUT_KEYS } from '../../../shared/plan/row-fields';
import type { CellEdit } from '../state/cell-edits';

export interface ModelSwitchEdits {
  readonly edits: readonly CellEdit[];
  /** The row's inputs after the switch. */
  readonly row: PlanRow;
  /** What changed besides the model, and what to know about it, one line each. */
  readonly lines: readonly string[];
}

/**
 * Switching a row to another model: the model, and size, quality and the other inputs the model would
 * refuse mapped to the nearest it offers (shared/estimate/model-switch.ts), as cell edits of one command.
 * Without prices at hand (or for an unknown model, which the cell refuses anyway) only the model changes.
 */
export function modelSwitchEdits(
  row: PlanRow,
  rowId: string,
  model: string,
  pricing: EstimateContext | undefined,
): ModelSwitchEdits {
  const switched = pricing ? nearestInputsForModel(row, model, pricing.priceBook, pricing.asOf) : null;
  if (!switched?.ok) return { edits: [{ rowId, field: 'model', value: model }], row: { ...row, model }, lines: [] };
  const next: PlanRow = { ...row, ...switched.value.inputs };
  const edits: CellEdit[] = [];
  for (const field of ROW_INPUT_KEYS) if (next[field] !== row[field]) edits.push({ rowId, field, value: next[field] });
  return { edits, row: next, lines: [...switched.value.changes, ...switched.value.notes] };
}
