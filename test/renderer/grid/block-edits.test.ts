import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { type SheetAccess, planFillDown, planFillValue, planPaste } from '../../../renderer/src/grid/block-edits';
import type { EditableField } from '../../../renderer/src/state/commands';

const SAMPLE = createSamplePlan('2026-11-28');
// A sheet of four rows with columns: name, finals, iterationFactor, size, rowTotal (computed).
const COLUMNS: { colId: string; header: string; field: EditableField | null }[] = [
  { colId: 'name', header: 'Campaign line', field: 'name' },
  { colId: 'finals', header: 'Finals', field: 'finals' },
  { colId: 'iterationFactor', header: 'Generations per final', field: 'iterationFactor' },
  { colId: 'size', header: 'Size', field: 'size' },
  { colId: 'rowTotal', header: 'Row total', field: null },
];
const sheet: SheetAccess = {
  rowCount: SAMPLE.rows.length,
  colCount: COLUMNS.length,
  cell(rowIndex, colIndex) {
    const row = SAMPLE.rows[rowIndex];
    const col = COLUMNS[colIndex];
    return row && col ? { rowId: row.id, row, colId: col.colId, header: col.header, field: col.field } : null;
  },
  row(rowIndex) {
    const row = SAMPLE.rows[rowIndex];
    return row ? { rowId: row.id, row } : null;
  },
  column: (colIndex) => COLUMNS[colIndex] ?? null,
};

describe('paste and fill', () => {
  it('pastes a block at the selection, parsing numbers and sizes like the editors', () => {
    const plan = planPaste(sheet, { top: 1, bottom: 1, left: 1, right: 1 }, [
      ['12*2', '1,5', '16:9'],
      ['40', 'strict', '1536x1024'],
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.edits).toEqual([
      { rowId: 'ugc-ad-hooks', field: 'finals', value: 24 },
      { rowId: 'ugc-ad-hooks', field: 'iterationFactor', value: '1.5' },
      { rowId: 'ugc-ad-hooks', field: 'size', value: '1536x864' },
      { rowId: 'saas-hero', field: 'finals', value: 40 },
      { rowId: 'saas-hero', field: 'iterationFactor', value: '1.2' },
      { rowId: 'saas-hero', field: 'size', value: '1536x1024' },
    ]);
  });

  it('reports bad cells with cell and reason and skips them, never zeroing', () => {
    const plan = planPaste(sheet, { top: 2, bottom: 2, left: 1, right: 1 }, [
      ['ten', '1.8', '1000x1000', ''],
      ['8', '0.5', '1024x1024', ''],
    ]);
    expect(plan.edits.map((e) => `${e.rowId}.${e.field}=${e.value}`)).toEqual([
      'saas-hero.iterationFactor=1.8',
      'saas-ui-screens.finals=8',
      'saas-ui-screens.size=1024x1024',
    ]);
    expect(plan.problems.map((p) => p.cell)).toEqual([
      'Block column 4',
      'Finals, row 3',
      'Size, row 3',
      'Generations per final, row 4',
    ]);
    expect(plan.problems[0]?.reason).toBe('lands on Row total, a computed column: left out');
    expect(plan.problems[1]?.reason).toMatch(/not a number/);
    expect(plan.problems[2]?.reason).toMatch(/not a valid size/);
    expect(plan.leftOutColumns).toBe(1);
  });

  it('adds rows for a block taller than the rows below, parsed against a new row’s defaults', () => {
    const plan = planPaste(sheet, { top: 3, bottom: 3, left: 0, right: 0 }, [
      ['Last line', '9', '2'],
      ['New A', '5', 'strict', '16:9'],
      ['New B', 'lots', '', ''],
      ['', '', '', ''],
    ]);
    expect(plan.edits.map((e) => `${e.rowId}.${e.field}=${e.value}`)).toEqual([
      'saas-ui-screens.name=Last line',
      'saas-ui-screens.finals=9',
      'saas-ui-screens.iterationFactor=2',
    ]);
    // The empty last line adds nothing; an empty cell keeps the new row's default.
    expect(plan.newRows).toEqual([
      { name: 'New A', finals: 5, iterationFactor: '1.2', size: '1536x864' },
      { name: 'New B' },
    ]);
    expect(plan.problems).toEqual([{ cell: 'Finals, row 6', reason: expect.stringMatching(/"lots" is not a number/) }]);
  });

  it('into an empty grid: every block row is a new row', () => {
    const empty: SheetAccess = { ...sheet, rowCount: 0, cell: () => null, row: () => null };
    const plan = planPaste(empty, { top: 0, bottom: 0, left: 0, right: 0 }, [
      ['One', '1'],
      ['Two', '2'],
    ]);
    expect(plan.edits).toEqual([]);
    expect(plan.newRows).toEqual([
      { name: 'One', finals: 1 },
      { name: 'Two', finals: 2 },
    ]);
  });

  it('reports the block columns beyond the last column once, not once per cell', () => {
    const plan = planPaste(sheet, { top: 0, bottom: 0, left: 3, right: 3 }, [
      ['1024x1024', '', 'x', 'y'],
      ['1024x1024', '', 'x', 'y'],
    ]);
    expect(plan.edits).toHaveLength(2);
    expect(plan.problems).toEqual([
      { cell: 'Block column 2', reason: 'lands on Row total, a computed column: left out' },
      {
        cell: 'Block columns 3–4',
        reason: "beyond Row total, the grid's last column: left out (2 columns)",
      },
    ]);
    expect(plan.leftOutColumns).toBe(2);
  });

  it('fills one pasted value across a larger selection', () => {
    const plan = planPaste(sheet, { top: 0, bottom: 3, left: 1, right: 1 }, [['7']]);
    expect(plan.edits.map((e) => e.value)).toEqual([7, 7, 7, 7]);
  });

  it('fills down from the top row of the selection, or from the row above a single row', () => {
    const textOf = (r: number, c: number) => {
      const row = SAMPLE.rows[r];
      const field = COLUMNS[c]?.field;
      return row && field ? String(row[field] ?? '') : '';
    };
    const block = planFillDown(sheet, { top: 0, bottom: 2, left: 1, right: 2 }, textOf);
    expect(block.edits).toEqual([
      { rowId: 'ugc-ad-hooks', field: 'finals', value: 24 },
      { rowId: 'saas-hero', field: 'finals', value: 24 },
      { rowId: 'ugc-ad-hooks', field: 'iterationFactor', value: '1.2' },
      { rowId: 'saas-hero', field: 'iterationFactor', value: '1.2' },
    ]);
    const single = planFillDown(sheet, { top: 3, bottom: 3, left: 1, right: 1 }, textOf);
    expect(single.edits).toEqual([{ rowId: 'saas-ui-screens', field: 'finals', value: 1 }]);
  });

  it('fills a typed value into every selected cell', () => {
    const plan = planFillValue(sheet, { top: 0, bottom: 1, left: 1, right: 2 }, '3');
    expect(plan.edits).toHaveLength(4);
    expect(plan.problems).toEqual([]);
  });
});
