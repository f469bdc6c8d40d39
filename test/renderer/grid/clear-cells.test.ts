import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanEstimator, type GridRow } from '../../../shared/estimate/plan-estimator';
import { groupInteger } from '../../../shared/money/format';
import { generateDiversePlan } from '../../../shared/plan/diverse-plan-generator';
import { ROW_INPUT_FIELDS, type PlanDocument, type ScenarioOverride } from '../../../shared/plan/plan-schema';
import {
  type BlockProblem,
  type SheetAccess,
  type SheetColumn,
  cellLabel,
} from '../../../renderer/src/grid/block-edits';
import { parseCellInput } from '../../../renderer/src/grid/cell-input';
import { type ClearPlan, planClearCells } from '../../../renderer/src/grid/clear-cells';
import { ALL_INPUTS } from '../../../renderer/src/grid/input-columns';
import { type Bounds, cellsOf } from '../../../renderer/src/grid/selection';
import {
  type CellEdit,
  isScenarioField,
  planCellEdits,
  planResetOverride,
} from '../../../renderer/src/state/cell-edits';
import {
  applyCommand,
  type Command,
  type EditableField,
  type SetOverrides,
} from '../../../renderer/src/state/commands';

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
 * planClearCells as it was before it walked rows and columns once each (kept as the reference): Delete/Backspace over a selection: input cells become empty (or their field's empty value); in a scenario,
 * a cell the scenario overrides goes back to the base plan's value instead. Cells whose field cannot be
 * empty are reported and left as they were; computed cells are skipped.
 */
function clearCellByCell(
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

/** The grid's columns: every input, with two computed ones among them (clearing skips those). */
const COLUMNS: readonly SheetColumn[] = [
  ...ALL_INPUTS.slice(0, 6).map((c) => ({ colId: c.field, header: c.header, field: c.field })),
  { colId: 'rowTotal', header: 'Row total', field: null },
  ...ALL_INPUTS.slice(6).map((c) => ({ colId: c.field, header: c.header, field: c.field })),
  { colId: 'generations', header: 'Generations', field: null },
];

/** The sheet as the grid shows `doc` (its active scenario applied), with a subtotal row at `subtotalAt`. */
function sheetOf(
  doc: PlanDocument,
  subtotalAt: number,
): { sheet: SheetAccess; isOverridden: (r: number, f: EditableField) => boolean } {
  const rows: (GridRow | null)[] = [...new PlanEstimator().view(doc).rows];
  rows.splice(subtotalAt, 0, null);
  const sheet: SheetAccess = {
    rowCount: rows.length,
    colCount: COLUMNS.length,
    cell(rowIndex, colIndex) {
      const gridRow = rows[rowIndex];
      const column = COLUMNS[colIndex];
      return gridRow && column ? { rowId: gridRow.id, row: gridRow.row, ...column } : null;
    },
    row(rowIndex) {
      const gridRow = rows[rowIndex];
      return gridRow ? { rowId: gridRow.id, row: gridRow.row } : null;
    },
    column: (colIndex) => COLUMNS[colIndex] ?? null,
  };
  return { sheet, isOverridden: (r, f) => rows[r]?.overridden.has(f) ?? false };
}

/** The plan with a scenario overriding some of its rows' inputs, active or not. */
function withScenario(plan: PlanDocument, overrides: readonly ScenarioOverride[], active: boolean): PlanDocument {
  const scenario = { id: 'cheaper', name: 'Cheaper', description: '', overrides: [...overrides] };
  return { ...plan, scenarios: [scenario], activeScenarioId: active ? scenario.id : null };
}

describe('clearing cells (Delete)', () => {
  const plan = generateDiversePlan({ rows: 24, seed: 11 });
  const override = fc.record({
    rowId: fc.constantFrom(...plan.rows.map((r) => r.id)),
    field: fc.constantFrom(...ROW_INPUT_FIELDS),
    value: fc.constantFrom<ScenarioOverride['value']>(null, '', 2, '1.5', 'low', '1024x1024'),
  });

  it('plans what clearing cell by cell planned: the same command, count and problem lines', () => {
    fc.assert(
      fc.property(
        fc.array(override, { maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 24 }),
        fc.tuple(fc.nat(26), fc.nat(26), fc.nat(COLUMNS.length + 1), fc.nat(COLUMNS.length + 1)),
        (overrides, active, subtotalAt, [r1, r2, c1, c2]) => {
          const doc = withScenario(plan, overrides, active);
          const { sheet, isOverridden } = sheetOf(doc, subtotalAt);
          const bounds = {
            top: Math.min(r1, r2),
            bottom: Math.max(r1, r2),
            left: Math.min(c1, c2),
            right: Math.max(c1, c2),
          };
          const planned: ClearPlan = planClearCells(doc, sheet, bounds, isOverridden);
          expect(planned).toEqual(clearCellByCell(doc, sheet, bounds, isOverridden));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('clears a whole sheet in one step, one problem line per column and reason', () => {
    const { sheet, isOverridden } = sheetOf(plan, 5);
    const bounds = { top: 0, bottom: sheet.rowCount - 1, left: 0, right: COLUMNS.length - 1 };
    const planned = planClearCells(plan, sheet, bounds, isOverridden);
    expect(planned.command?.label).toBe('Clear cells');
    expect(planned.problems.map((p) => p.cell)).toContain(
      `Model, ${plan.rows.length} cells (rows 1 to ${plan.rows.length + 1})`,
    );
    const cleared = applyCommand(plan, planned.command as Command);
    expect(cleared.rows.every((r) => r.notes === '' && r.model === plan.rows.find((p) => p.id === r.id)?.model)).toBe(
      true,
    );
  });
});
