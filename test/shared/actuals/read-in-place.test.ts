import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../../shared/actuals/read/csv-tokenizer';
import { CsvFields } from '../../../shared/actuals/read/field-access';
import { readCount } from '../../../shared/actuals/read/number-text';

/** The hot path reads counts in place: held equal here to reading each field's trimmed text (readCount). */

const quoted = (t: string): string => `"${t.replaceAll('"', '""')}"`;

describe('counts read in place', () => {
  it('equal readCount of the field trimmed, for any cell, quoted or not, either decimal separator', () => {
    const piece = fc.constantFrom(
      '0',
      '7',
      '16',
      '.',
      ',',
      '00',
      ' ',
      '\t',
      '-',
      'e',
      'E3',
      '"',
      'x',
      '\u00a0',
      '1234567890',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom<'.' | ','>('.', ','),
        (pieces, quote, decimal) => {
          const cell = pieces.join('');
          const delimiter = decimal === ',' ? ';' : ',';
          const got: (number | null)[] = [];
          const fields = new CsvFields(['n'], [{ names: ['n'] }]);
          const tokenizer = new CsvTokenizer(delimiter, {
            record: (view) => {
              const f = fields.bind(view);
              got.push(f.count(0, decimal));
              expect(f.count(0, decimal)).toBe(readCount(f.text(0), decimal));
            },
            reject: () => undefined,
          });
          tokenizer.push(`${quote || /[",;\r\n]/.test(cell) ? quoted(cell) : cell}${delimiter}end\n`);
          tokenizer.end();
          expect(got).toHaveLength(1);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
