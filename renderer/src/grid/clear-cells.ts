import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { type CellEdit, isScenarioField, planCellEdits, planResetOverride } from '../state/cell-edits';
import { applyCommand, type Command, type EditableField, type SetOverrides } from '../state/commands';
import { type BlockProblem, type SheetAccess, cellLabel } from './block-edits';
import { parseCellInput } from './cell-input';
import { type Bounds, cellsOf } from './selection';

export interface ClearPlan {
  /** One undo step for the whole key press, or null when nothing changes. */
  readonly command: Command | null;
  readonly cleared: number;
  readonly problems: readonly BlockProblem[];
}

/** Several override resets of one key press as one step (the first's before, the last's after). */
function mergedResets(resets: readonly SetOverrides[]): SetOverrides | null {
  const first = resets[0];
  const last = resets[resets.length - 1];
  if (!first || !last) return null;
  return {
    kind: 'set-overrides',
    label: 'Reset to base',
    scenarioId: first.scenarioId,
    before: first.before,
    after: last.after,
  };
}

/**
 * Delete/Backspace over a selection: input cells become empty (or their field's empty value); in a scenario,
 * a cell the scenario overrides goes back to the base plan's value instead. Cells whose field cannot be
 * empty are reported and left as they were; computed cells are skipped.
 */
export function planClearCells(
  doc: PlanDocument,
  sheet: SheetAccess,
  bounds: Bounds,
  isOverridden: (rowIndex: number, field: EditableField) => boolean,
): ClearPlan {
  const scenarioId = doc.activeScenarioId;
  const resets: SetOverrides[] = [];
  const clears: CellEdit[] = [];
  const problems: BlockProblem[] = [];
  let working = doc;
  for (const p of cellsOf(bounds)) {
    const cell = sheet.cell(p.rowIndex, p.colIndex);
    if (!cell || cell.field === null) continue;
    if (scenarioId !== null && isScenarioField(cell.field) && isOverridden(p.rowIndex, cell.field)) {
      const reset = planResetOverride(working, scenarioId, cell.rowId, cell.field);
      if (reset) {
        resets.push(reset);
        working = applyCommand(working, reset);
      }
      continue;
    }
    const parsed = parseCellInput(cell.field, '', cell.row);
    if (parsed.ok) clears.push({ rowId: cell.rowId, field: cell.field, value: parsed.value });
    else problems.push({ cell: cellLabel(cell.header, p.rowIndex), reason: `${parsed.error} (left as it was)` });
  }
  const steps: Command[] = [];
  const reset = mergedResets(resets);
  if (reset) steps.push(reset);
  const cleared = planCellEdits(working, clears, 'Clear cells');
  if (cleared) steps.push(cleared);
  const [only] = steps;
  const command =
    steps.length > 1 ? { kind: 'compound' as const, label: 'Clear cells', commands: steps } : (only ?? null);
  return { command, cleared: clears.length, problems };
}
