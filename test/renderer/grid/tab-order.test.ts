import { describe, expect, it } from 'vitest';
import { nextInputCell, type TabGrid } from '../../../renderer/src/grid/tab-order';

// Columns 0 (name), 1, 2 inputs; 3 computed; 4 input; 5 computed. Row 2 is a subtotal row.
const grid: TabGrid = { rowCount: 4, editableColumns: [0, 1, 2, 4], isPlanRow: (r) => r !== 2 };

describe('Tab order', () => {
  it('moves to the next input of the row, skipping computed columns', () => {
    expect(nextInputCell(grid, { rowIndex: 0, colIndex: 0 }, false)).toEqual({ rowIndex: 0, colIndex: 1 });
    expect(nextInputCell(grid, { rowIndex: 0, colIndex: 2 }, false)).toEqual({ rowIndex: 0, colIndex: 4 });
    expect(nextInputCell(grid, { rowIndex: 0, colIndex: 3 }, false)).toEqual({ rowIndex: 0, colIndex: 4 });
  });

  it('wraps from the row’s last input to the next row’s first, skipping subtotal rows', () => {
    expect(nextInputCell(grid, { rowIndex: 0, colIndex: 4 }, false)).toEqual({ rowIndex: 1, colIndex: 0 });
    expect(nextInputCell(grid, { rowIndex: 1, colIndex: 5 }, false)).toEqual({ rowIndex: 3, colIndex: 0 });
  });

  it('Shift+Tab goes back, to the previous row’s last input', () => {
    expect(nextInputCell(grid, { rowIndex: 1, colIndex: 4 }, true)).toEqual({ rowIndex: 1, colIndex: 2 });
    expect(nextInputCell(grid, { rowIndex: 3, colIndex: 0 }, true)).toEqual({ rowIndex: 1, colIndex: 4 });
  });

  it('has nowhere to go past the last input of the last row, or before the first', () => {
    expect(nextInputCell(grid, { rowIndex: 3, colIndex: 4 }, false)).toBeNull();
    expect(nextInputCell(grid, { rowIndex: 0, colIndex: 0 }, true)).toBeNull();
    expect(nextInputCell({ ...grid, editableColumns: [] }, { rowIndex: 0, colIndex: 0 }, false)).toBeNull();
  });
});
