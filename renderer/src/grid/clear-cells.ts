import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { type CellEdit, isScenarioField, planCellEdits, planResetOverride } from '../state/cell-edits';
import { applyCommand, type Command, type EditableField, type SetOverrides } from '../state/commands';
import { type BlockProblem, type SheetAccess, cellLabel } from './block-edits';
import { parseCellInput } from './cell-input';
import { groupInteger } from '../../../shared/money/format';
import type { Bounds } from './selection';

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

/** Cells left as they were, one line per column header and reason: the same reason on 100k rows is one line. */
interface SkippedAlike {
  readonly header: string;
  readonly reason: string;
  readonly first: number;
  last: number;
  count: number;
}

/** A column of the selection that clearing can change, with what clearing gives its cells. */
interface ClearedColumn {
  readonly header: string;
  readonly field: EditableField;
  /** Its field's value of '' by model: a parser reads only the text and the row's model (FieldRow). */
  readonly emptyByModel: Map<string, ReturnType<typeof parseCellInput>>;
  /** The skipped lines of its header, by reason (shared by columns of the same header). */
  readonly skippedByReason: Map<string, SkippedAlike>;
}

function clearedColumns(sheet: SheetAccess, bounds: Bounds): ClearedColumn[] {
  const byHeader = new Map<string, Map<string, SkippedAlike>>();
  const columns: ClearedColumn[] = [];
  for (let colIndex = bounds.left; colIndex <= bounds.right; colIndex++) {
    const column = sheet.column(colIndex);
    if (!column || column.field === null) continue;
    let skippedByReason = byHeader.get(column.header);
    if (skippedByReason === undefined) byHeader.set(column.header, (skippedByReason = new Map<string, SkippedAlike>()));
    columns.push({ header: column.header, field: column.field, emptyByModel: new Map(), skippedByReason });
  }
  return columns;
}

/** One more cell of `column` left as it was for `reason`: a new line (kept in `skipped`), or one more alike. */
function noteSkipped(column: ClearedColumn, reason: string, rowIndex: number, skipped: SkippedAlike[]): void {
  const alike = column.skippedByReason.get(reason);
  if (alike !== undefined) {
    alike.last = rowIndex;
    alike.count += 1;
    return;
  }
  const first: SkippedAlike = { header: column.header, reason, first: rowIndex, last: rowIndex, count: 1 };
  column.skippedByReason.set(reason, first);
  skipped.push(first);
}

function problemOf(s: SkippedAlike): BlockProblem {
  return {
    cell:
      s.count === 1
        ? cellLabel(s.header, s.first)
        : `${s.header}, ${groupInteger(s.count)} cells (rows ${groupInteger(s.first + 1)} to ${groupInteger(s.last + 1)})`,
    reason: `${s.reason} (left as it was)`,
    count: s.count,
  };
}

/**
 * Delete/Backspace over a selection: input cells become empty (or their field's empty value); in a scenario,
 * a cell the scenario overrides goes back to the base plan's value instead. Cells whose field cannot be
 * empty are reported and left as they were; computed cells are skipped. Walks the block row by row, each
 * row and column looked up once (a whole 100k-row sheet is millions of cells).
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
  // In the order first met, as the lines are listed.
  const skipped: SkippedAlike[] = [];
  const columns = clearedColumns(sheet, bounds);
  let working = doc;
  for (let rowIndex = bounds.top; rowIndex <= bounds.bottom && columns.length > 0; rowIndex++) {
    const planRow = sheet.row(rowIndex);
    if (!planRow) continue;
    const { rowId, row } = planRow;
    for (const column of columns) {
      const field = column.field;
      if (scenarioId !== null && isScenarioField(field) && isOverridden(rowIndex, field)) {
        const reset = planResetOverride(working, scenarioId, rowId, field);
        if (reset) {
          resets.push(reset);
          working = applyCommand(working, reset);
        }
        continue;
      }
      let parsed = column.emptyByModel.get(row.model);
      if (parsed === undefined) column.emptyByModel.set(row.model, (parsed = parseCellInput(field, '', row)));
      if (parsed.ok) clears.push({ rowId, field, value: parsed.value });
      else noteSkipped(column, parsed.error, rowIndex, skipped);
    }
  }
  const steps: Command[] = [];
  const reset = mergedResets(resets);
  if (reset) steps.push(reset);
  const cleared = planCellEdits(working, clears, 'Clear cells');
  if (cleared) steps.push(cleared);
  const [only] = steps;
  const command =
    steps.length > 1 ? { kind: 'compound' as const, label: 'Clear cells', commands: steps } : (only ?? null);
  return { command, cleared: clears.length, problems: skipped.map(problemOf) };
}
