import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RejectedRow } from '../../shared/actuals/actual-record';
import { quoteForMessage } from '../../shared/actuals/read/message-text';
import { groupRejectedRows, splitLeadingValue } from '../../shared/actuals/rejected-groups';

const row = (line: number, column: string | null, reason: string, file = 'costs.csv'): RejectedRow => ({
  file,
  line,
  column,
  reason,
});

describe('rejected rows grouped by problem', () => {
  it('gives rows with the same reason in the same column one group, with the count and first lines', () => {
    const rows = [3, 8, 13, 18].map((line) => row(line, 'amount_value', '"n/a" is not a number'));
    rows.splice(1, 0, row(4, 'start_time', '"x" is not a date'));
    expect(groupRejectedRows(rows)).toEqual([
      { file: 'costs.csv', column: 'amount_value', reason: '"n/a" is not a number', count: 4, firstLines: [3, 8, 13] },
      { file: 'costs.csv', column: 'start_time', reason: '"x" is not a date', count: 1, firstLines: [4] },
    ]);
  });

  it("leaves the rows' own values out when they differ, giving the first as the example", () => {
    const rows = ['1.2.0', '1.2.3', '1.2.6'].map((text, i) =>
      row(2 + 3 * i, 'amount', `${quoteForMessage(text)} is not a number`),
    );
    expect(groupRejectedRows(rows)).toEqual([
      {
        file: 'costs.csv',
        column: 'amount',
        reason: 'the value is not a number; e.g. line 2: "1.2.0"',
        count: 3,
        firstLines: [2, 5, 8],
      },
    ]);
  });

  it('keeps files, columns and reasons apart, and a reason with no leading value whole', () => {
    const groups = groupRejectedRows([
      row(2, 'amount', '"n/a" is not a number'),
      row(2, 'amount', '"n/a" is not a number', 'other.csv'),
      row(3, 'quantity', '"n/a" is not a number'),
      row(4, null, 'the row has 7 columns; the header has 10'),
      row(5, null, 'the row has 8 columns; the header has 10'),
      row(6, 'unit', 'the quantity "12" has no unit'),
      row(7, 'unit', 'the quantity "13" has no unit'),
    ]);
    expect(groups.map((g) => [g.file, g.column, g.count, g.reason])).toEqual([
      ['costs.csv', 'amount', 1, '"n/a" is not a number'],
      ['other.csv', 'amount', 1, '"n/a" is not a number'],
      ['costs.csv', 'quantity', 1, '"n/a" is not a number'],
      ['costs.csv', null, 1, 'the row has 7 columns; the header has 10'],
      ['costs.csv', null, 1, 'the row has 8 columns; the header has 10'],
      ['costs.csv', 'unit', 1, 'the quantity "12" has no unit'],
      ['costs.csv', 'unit', 1, 'the quantity "13" has no unit'],
    ]);
  });

  it('reads a quoted value as quoteForMessage writes it: escaped quotes, and a long value cut short', () => {
    expect(splitLeadingValue(`${quoteForMessage('say "hi" ')} is not a number`)).toEqual({
      value: '"say \\"hi\\" "',
      rest: 'is not a number',
    });
    const long = quoteForMessage('9'.repeat(500));
    expect(splitLeadingValue(`${long} is not a number`)).toEqual({ value: long, rest: 'is not a number' });
    expect(long).toMatch(/ \(500 characters\)$/);
    expect(splitLeadingValue('"open quote is not a number')).toBeNull();
    expect(splitLeadingValue('"x"is glued')).toBeNull();
  });

  it('any rows: the groups a plain map keyed by a pattern gives', () => {
    const LEADING_VALUE = /^("(?:[^"\\]|\\.)*"(?: \(\d+ characters\))?) /;
    function reference(rows: readonly RejectedRow[]) {
      const groups = new Map<string, { row: RejectedRow; count: number; firstLines: number[]; mixed: boolean }>();
      for (const r of rows) {
        const rest = LEADING_VALUE.test(r.reason) ? `"${r.reason.replace(LEADING_VALUE, '')}` : r.reason;
        const key = JSON.stringify([r.file, r.column, rest]);
        const g = groups.get(key);
        if (g === undefined) groups.set(key, { row: r, count: 1, firstLines: [r.line], mixed: false });
        else {
          g.count += 1;
          if (g.firstLines.length < 3) g.firstLines.push(r.line);
          if (r.reason !== g.row.reason) g.mixed = true;
        }
      }
      return [...groups.values()].map(({ row: first, count, firstLines, mixed }) => {
        const value = LEADING_VALUE.exec(first.reason)?.[1];
        return {
          file: first.file,
          column: first.column,
          reason: mixed
            ? `the value ${first.reason.replace(LEADING_VALUE, '')}; e.g. line ${first.line}: ${value}`
            : first.reason,
          count,
          firstLines,
        };
      });
    }
    const text = fc.constantFrom('n/a', 'x', '1.2.3', 'say "hi"', '', 'a\\b', '9'.repeat(300));
    const reason = fc.oneof(
      fc
        .tuple(text, fc.constantFrom('is not a number', 'is not a date'))
        .map(([t, why]) => `${quoteForMessage(t)} ${why}`),
      fc.constantFrom('the date is empty', 'the line is not JSON', '"unclosed is not a number'),
    );
    const rows = fc.array(fc.tuple(fc.constantFrom('a.csv', 'b.csv'), fc.constantFrom('amount', null), reason), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, (parts) => {
        const input = parts.map(([file, column, why], i) => row(i + 2, column, why, file));
        expect(groupRejectedRows(input)).toEqual(reference(input));
      }),
      { numRuns: 2000 },
    );
  });
});
