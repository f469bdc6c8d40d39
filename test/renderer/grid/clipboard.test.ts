import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../../renderer/src/grid/clipboard';

describe('TSV clipboard', () => {
  it('reads a block copied from Excel (CRLF, trailing newline)', () => {
    expect(parseTsv('24\t1.8\thigh\r\n30\t2,5\tlow\r\n')).toEqual([
      ['24', '1.8', 'high'],
      ['30', '2,5', 'low'],
    ]);
  });

  it('reads quoted cells holding tabs, newlines and quotes (Google Sheets)', () => {
    expect(parseTsv('"a\tb"\t"line1\nline2"\t"say ""hi"""\nx\ty\tz')).toEqual([
      ['a\tb', 'line1\nline2', 'say "hi"'],
      ['x', 'y', 'z'],
    ]);
  });

  it('keeps empty cells', () => {
    expect(parseTsv('1\t\t3\n\t\t\n')).toEqual([
      ['1', '', '3'],
      ['', '', ''],
    ]);
  });

  it('round-trips any block', () => {
    const cell = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((cols) =>
            fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 5 }),
          ),
        (block) => {
          // A block that is one empty cell copies as an empty line: nothing to paste.
          fc.pre(!(block.length === 1 && block[0]?.length === 1 && block[0][0] === ''));
          expect(parseTsv(toTsv(block))).toEqual(block);
        },
      ),
    );
  });
});
