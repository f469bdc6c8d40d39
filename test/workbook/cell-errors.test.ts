import { describe, expect, it } from 'vitest';
import { groupedCellErrors } from '../../shared/workbook/import-workbook';

describe('cell errors of a workbook import, grouped down each column', () => {
  it('gives the same problem in one column once, whatever value each cell holds', () => {
    const errors = [
      "Plan!C3: expected a whole number of finals, found 'twelve'",
      "Plan!C6: expected a whole number of finals, found 'ten'",
      "Plan!D6: expected a whole number of finals, found 'ten'",
      "Plan!C9: expected a whole number of finals, found 'twelve'",
      'Plan!7:7: the row has no campaign line',
      'Plan!8:8: the row has no campaign line',
    ];
    expect(groupedCellErrors(errors, 12).split('\n')).toEqual([
      "Plan!C3: expected a whole number of finals, found 'twelve' — and 2 more cells of column C with the same problem (C6, C9)",
      "Plan!D6: expected a whole number of finals, found 'ten'",
      'Plan!7:7: the row has no campaign line',
      'Plan!8:8: the row has no campaign line',
    ]);
  });

  it('lists at most `max` problems, then how many more and in how many cells', () => {
    const errors = ['A', 'B', 'C', 'D'].flatMap((column) =>
      [2, 3].map((row) => `Prices!${column}${row}: expected a non-negative price figure, found 'x'`),
    );
    expect(groupedCellErrors(errors, 2).split('\n')).toEqual([
      "Prices!A2: expected a non-negative price figure, found 'x' — and 1 more cell of column A with the same problem (A3)",
      "Prices!B2: expected a non-negative price figure, found 'x' — and 1 more cell of column B with the same problem (B3)",
      '(and 2 more problems, in 4 cells)',
    ]);
  });

  it('the same problem of a whole row (no cell to name) given twice is one line with how many more', () => {
    expect(
      groupedCellErrors(['Plan!7:7: the row has no campaign line', 'Plan!7:7: the row has no campaign line'], 12),
    ).toBe('Plan!7:7: the row has no campaign line — and 1 more like it');
  });
});
