import { describe, expect, it } from 'vitest';
import { blankRow } from '../../../shared/plan/new-plan';
import { PlanRow } from '../../../shared/plan/plan-schema';
import { integerField } from '../../../shared/plan/row-field-kinds';
import { ROW_DETAILS, ROW_FIELD_KEYS, ROW_FIELDS, ROW_INPUTS } from '../../../shared/plan/row-fields';
import { parseCellInput } from '../../../renderer/src/grid/cell-input';
import { columnTooltips } from '../../../renderer/src/grid/cell-tooltip';
import { createColumnDefs } from '../../../renderer/src/grid/columns';
import {
  ALL_INPUTS,
  BUDGET_INPUT,
  LEADING_INPUTS,
  TRAILING_INPUTS,
  layoutInputColumns,
} from '../../../renderer/src/grid/input-columns';
import type { EditableField } from '../../../renderer/src/state/commands';

const row = blankRow('r1');
const defs = createColumnDefs({ sizeEditor: 'sizeEditor', choiceEditor: 'choiceEditor' });

describe('the grid takes its input columns from the field registry', () => {
  it('shows every field but the row id once, with the registry header, width and tooltip', () => {
    expect(ALL_INPUTS.map((c) => c.field).sort()).toEqual(ROW_FIELD_KEYS.filter((k) => k !== 'id').sort());
    for (const column of ALL_INPUTS) {
      const field = ROW_FIELDS[column.field];
      const def = defs.find((d) => d.colId === column.field);
      expect(def?.headerName).toBe(field.label);
      expect(def?.width).toBe(field.width.grid);
      expect(columnTooltips(def).header).toContain(field.description);
    }
  });

  it('keeps the grid order planners know: cost drivers with their draft pass, then the budget, then the rest', () => {
    expect(LEADING_INPUTS.map((c) => c.field)).toEqual([
      'name',
      'team',
      'assetType',
      'model',
      'surface',
      'size',
      'quality',
      'finals',
      'iterationFactor',
      'draftsPerFinal',
      'draftQuality',
    ]);
    expect(BUDGET_INPUT.field).toBe('budgetCapUsd');
    expect(TRAILING_INPUTS.at(-1)?.field).toBe('notes');
  });

  it('names the iteration factor as the workbook does', () => {
    const factor = defs.find((d) => d.colId === 'iterationFactor');
    expect(factor?.headerName).toBe('Generations per final');
    expect(factor?.headerName).toBe(ROW_FIELDS.iterationFactor.label);
  });

  it('shows a whole number’s range in its tooltip, from the registry limits', () => {
    const partials = defs.find((d) => d.colId === 'partialImages');
    expect(columnTooltips(partials).header).toBe('Streamed partial images per request (0-3)');
    expect(columnTooltips(defs.find((d) => d.colId === 'finals')).header).toBe('Approved images needed (0-10,000,000)');
  });

  it.each(ROW_FIELD_KEYS.filter((k): k is EditableField => ROW_FIELDS[k].kind === 'integer'))(
    '%s: a cell refuses an out-of-range value with the message a plan file gives',
    (key) => {
      const field = ROW_FIELDS[key];
      if (field.kind !== 'integer') throw new Error('integer field');
      const typed = parseCellInput(key, String(field.max + 1), row);
      const stored = PlanRow.safeParse({ ...row, [key]: field.max + 1 });
      expect(typed.ok).toBe(false);
      expect(stored.success).toBe(false);
      if (!typed.ok) expect(stored.error?.issues[0]?.message).toBe(typed.error);
    },
  );

  it('lays out a field added to the registry next to its neighbour, with its header and editor', () => {
    const maskFeather = integerField({
      label: 'Mask feather',
      description: 'Feathering of the edit mask',
      width: { grid: 120, sheet: 12 },
      min: 0,
      max: 1,
      noun: 'feather levels',
      defaultValue: 0,
    });
    const layout = layoutInputColumns({ ...ROW_INPUTS, maskFeather, ...ROW_DETAILS });
    const trailing = layout.trailing.map((c) => c.field);
    expect(trailing.indexOf('maskFeather')).toBe(trailing.indexOf('partialImages') + 1);
    const column = layout.trailing.find((c) => c.field === 'maskFeather');
    expect(column).toMatchObject({
      header: 'Mask feather',
      headerTooltip: 'Feathering of the edit mask (0-1)',
      width: 120,
      editor: 'number',
    });
    expect(column?.spec.parse('2', row)).toEqual({ ok: false, error: '2 is out of range: use 0 to 1' });
  });
});
