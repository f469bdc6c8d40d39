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

  it('keeps files, columns and reasons apart', () => {
    const groups = groupRejectedRows([
      row(2, 'amount', '"n/a" is not a number'),
      row(2, 'amount', '"n/a" is not a number', 'other.csv'),
      row(3, 'quantity', '"n/a" is not a number'),
      row(4, 'amount', '"n/a" is not a currency code'),
    ]);
    expect(groups.map((g) => [g.file, g.column, g.count, g.reason])).toEqual([
      ['costs.csv', 'amount', 1, '"n/a" is not a number'],
      ['other.csv', 'amount', 1, '"n/a" is not a number'],
      ['costs.csv', 'quantity', 1, '"n/a" is not a number'],
      ['costs.csv', 'amount', 1, '"n/a" is not a currency code'],
    ]);
  });

  it('groups reasons whose values sit inside them, giving the first and saying the others differ', () => {
    const groups = groupRejectedRows([
      row(4, null, 'the row has 7 columns; the header has 10'),
      row(5, null, 'the row has 8 columns; the header has 10'),
      row(6, 'unit', 'the quantity "12" has no unit'),
      row(7, 'unit', 'the quantity "13" has no unit'),
      row(8, 'unit', 'the quantity "12" has no unit'),
      row(9, null, 'the row has 7 columns; the header has 10'),
    ]);
    expect(groups.map((g) => [g.column, g.count, g.firstLines, g.reason])).toEqual([
      [null, 3, [4, 5, 9], "the row has 7 columns; the header has 10 (line 4; the other lines' values differ)"],
      ['unit', 3, [6, 7, 8], 'the quantity "12" has no unit (line 6; the other lines\' values differ)'],
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
    // Values inside a reason (the generator's are plain numbers and simple quoted words) masked.
    const INNER_VALUES = /"[^"\\]*"|[0-9]+/g;
    function reference(rows: readonly RejectedRow[]) {
      const groups = new Map<
        string,
        { row: RejectedRow; count: number; firstLines: number[]; mixed: boolean; restsDiffer: boolean }
      >();
      for (const r of rows) {
        const leading = LEADING_VALUE.test(r.reason);
        const rest = r.reason.replace(LEADING_VALUE, '');
        const key = JSON.stringify([r.file, r.column, leading, rest.replace(INNER_VALUES, 'V')]);
        const g = groups.get(key);
        if (g === undefined)
          groups.set(key, { row: r, count: 1, firstLines: [r.line], mixed: false, restsDiffer: false });
        else {
          g.count += 1;
          if (g.firstLines.length < 3) g.firstLines.push(r.line);
          if (r.reason !== g.row.reason) g.mixed = true;
          if (rest !== g.row.reason.replace(LEADING_VALUE, '')) g.restsDiffer = true;
        }
      }
      return [...groups.values()].map(({ row: first, count, firstLines, mixed, restsDiffer }) => {
        const value = LEADING_VALUE.exec(first.reason)?.[1];
        const reason = !mixed
          ? first.reason
          : value !== undefined && !restsDiffer
            ? `the value ${first.reason.replace(LEADING_VALUE, '')}; e.g. line ${first.line}: ${value}`
            : `${first.reason} (line ${first.line}; the other lines' values differ)`;
        return { file: first.file, column: first.column, reason, count, firstLines };
      });
    }
    const text = fc.constantFrom('n/a', 'x', '1.2.3', 'say "hi"', '', 'a\\b', '9'.repeat(300));
    const reason = fc.oneof(
      fc
        .tuple(text, fc.constantFrom('is not a number', 'is not a date'))
        .map(([t, why]) => `${quoteForMessage(t)} ${why}`),
      fc.constantFrom('the date is empty', 'the line is not JSON', '"unclosed is not a number'),
      fc
        .tuple(fc.constantFrom('7', '8', '12'), fc.constantFrom('"kg"', '"m2"'))
        .map(([n, unit]) => `the row has ${n} columns; the quantity ${unit} has no unit`),
      fc.tuple(text, fc.constantFrom('7', '9')).map(([t, n]) => `${quoteForMessage(t)} is not a date (${n} digits)`),
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
