import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  cellCount,
  cellsOf,
  contains,
  extendTo,
  movedFocus,
  singleCell,
} from '../../../renderer/src/grid/selection';

describe('rectangular selection', () => {
  it('spans anchor to focus in any direction', () => {
    const s = extendTo(singleCell({ rowIndex: 5, colIndex: 4 }), { rowIndex: 2, colIndex: 6 });
    expect(boundsOf(s)).toEqual({ top: 2, bottom: 5, left: 4, right: 6 });
    expect(cellCount(s)).toBe(12);
    expect(contains(s, 3, 5)).toBe(true);
    expect(contains(s, 6, 5)).toBe(false);
  });

  it('moves the focus inside the grid, keeping the anchor for shift-arrows', () => {
    const s = singleCell({ rowIndex: 0, colIndex: 0 });
    expect(movedFocus(s, -1, -1, 10, 5)).toEqual({ rowIndex: 0, colIndex: 0 });
    expect(movedFocus(s, 20, 3, 10, 5)).toEqual({ rowIndex: 9, colIndex: 3 });
    const extended = extendTo(s, movedFocus(s, 2, 1, 10, 5));
    expect(extended.anchor).toEqual({ rowIndex: 0, colIndex: 0 });
    expect(cellCount(extended)).toBe(6);
  });

  it('lists cells row by row', () => {
    expect([...cellsOf({ top: 1, bottom: 2, left: 3, right: 4 })]).toEqual([
      { rowIndex: 1, colIndex: 3 },
      { rowIndex: 1, colIndex: 4 },
      { rowIndex: 2, colIndex: 3 },
      { rowIndex: 2, colIndex: 4 },
    ]);
  });
});
