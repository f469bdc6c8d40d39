import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { type CellEdit, isScenarioField, planCellEdits, planResetOverride } from '../state/cell-edits';
import { applyCommand, type Command, type EditableField, type SetOverrides } from '../state/commands';
import { type BlockProblem, type SheetAccess, cellLabel } from './block-edits';
import { parseCellInput } from './cell-input';
import { groupInteger } from '../../../shared/money/format';
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
  // Cells left as they were, one line per column and reason: the same reason on 100k rows is one line.
  const skipped = new Map<string, { header: string; reason: string; first: number; last: number; count: number }>();
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
    else {
      const key = `${cell.header}\u0000${parsed.error}`;
      const alike = skipped.get(key);
      if (alike === undefined)
        skipped.set(key, { header: cell.header, reason: parsed.error, first: p.rowIndex, last: p.rowIndex, count: 1 });
      else {
        alike.last = p.rowIndex;
        alike.count += 1;
      }
    }
  }
  const problems: BlockProblem[] = [...skipped.values()].map((s) => ({
    cell:
      s.count === 1
        ? cellLabel(s.header, s.first)
        : `${s.header}, ${groupInteger(s.count)} cells (rows ${groupInteger(s.first + 1)} to ${groupInteger(s.last + 1)})`,
    reason: `${s.reason} (left as it was)`,
    count: s.count,
  }));
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
