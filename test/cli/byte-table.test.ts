import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteTable } from '../../cli/byte-table';
import { type Column, integer, renderTable, usdMicro, usdText } from '../../cli/format';
import { scaledToDecimalString } from '../../shared/money/exact';
import { groupThousands } from '../../shared/money/format';
import { terminalSafe } from '../../shared/safe-text';

const COLUMNS: readonly Column[] = [
  { header: '#', align: 'right' },
  { header: 'name', align: 'left' },
  { header: 'amount', align: 'right' },
  { header: 'note', align: 'left' },
];

/** The table's whole text, as the CLI's stdout gets it. */
function textOf(table: ByteTable): string {
  const pieces: string[] = [];
  table.writeTo((text) => pieces.push(text));
  return pieces.join('');
}

/** One cell of each kind ByteTable writes, with the string format.ts would make of it. */
type Cell = { readonly text: string; readonly put: (table: ByteTable) => void };

const safeInteger = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(
    ...[0, 9, 10, 99, 100, 999, 1000, 999_999, 1_000_000, 999_999_999, 1e9, 2 ** 31 - 1, 2 ** 31, 999_999_999_999],
    ...[1e15 - 1, 1e15, 1e15 + 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, -1e9, -999_999],
  ),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => ({ text: s, put: (t: ByteTable) => t.putText(s) })),
  safeInteger.map((n) => ({ text: integer(n), put: (t: ByteTable) => t.putInteger(n, true) })),
  safeInteger.map((n) => ({ text: String(n), put: (t: ByteTable) => t.putInteger(n, false) })),
  safeInteger.map((n) => ({ text: usdMicro(n), put: (t: ByteTable) => t.putUsdMicro(n) })),
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.nat({ max: 12 }))
    .map(([negative, units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      const decimal = `${negative ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
      return fc.constantFrom(
        { text: groupThousands(decimal), put: (t: ByteTable) => t.putGroupedDecimal(decimal) },
        { text: usdText(decimal), put: (t: ByteTable) => t.putUsdDecimal(decimal) },
      );
    })
    .chain((c) => c),
  fc.tuple(safeInteger, fc.nat({ max: 70 }), fc.boolean()).map(([units, scale, grouped]) => ({
    text: grouped ? groupThousands(scaledToDecimalString(units, scale)) : scaledToDecimalString(units, scale),
    put: (t: ByteTable) => t.putScaledDecimal(units, scale, grouped),
  })),
  fc.constant({ text: '', put: () => undefined }),
);

describe('ByteTable: the text writeTable gives, from cells written as bytes', () => {
  it('any cells: the same lines, padding and widths as renderTable, made terminal-safe', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 8 }),
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 2 }),
        (rows, footer) => {
          const table = new ByteTable(COLUMNS);
          for (const row of rows)
            for (const c of row) {
              c.put(table);
              table.endCell();
            }
          table.startFooter();
          for (const row of footer) table.addRow(row.map((c) => c.text));
          const expected = renderTable(
            COLUMNS,
            rows.map((row) => row.map((c) => c.text)),
            footer.map((row) => row.map((c) => c.text)),
          );
          // writeTable trims each line's end, whitespace in a cell's own text included; ByteTable trims
          // spaces only (its tables never end a line with free text): lines whose end could hold other
          // whitespace are left out.
          const otherTrailingSpace = [...rows, ...footer].some((row) => row.some((c) => /[^\S ] *$/.test(c.text)));
          if (!otherTrailingSpace) expect(textOf(table)).toBe(terminalSafe(expected));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("any text, in any script or with controls in it: its bytes are terminalSafe's text in UTF-8", () => {
    // Surrogate pairs, lone halves, controls, bidirectional overrides and tabs among plain letters.
    const unit = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 3 }),
      fc.constantFrom('×', 'é', '–', '…', '\t', '\n', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\ufffe'),
      fc.constantFrom('😀', '\ud83d', '\ude00', '\u2028', '\u00a0', '\u07ff', '\u0800', '\uffef'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 10 }), (parts) => {
        const text = `<${parts.join('')}>`;
        const table = new ByteTable([{ header: 'name', align: 'left' }]);
        table.putText(text);
        table.endCell();
        const chunks: Uint8Array[] = [];
        table.writeTo(
          () => expect.unreachable('bytes go to writeBytes'),
          (bytes) => chunks.push(bytes),
        );
        const line = Buffer.concat(chunks).toString('utf8').split('\n').slice(2).join('\n');
        expect(line).toBe(terminalSafe(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('a long table is written in chunks that join to the whole text', () => {
    const table = new ByteTable(COLUMNS);
    const rows: string[][] = [];
    for (let i = 0; i < 30_000; i++) {
      const row = [String(i + 1), `Line ${i} ×`, usdMicro(i * 12_345), i % 3 === 0 ? '' : 'note'];
      rows.push(row);
      table.putInteger(i + 1, false);
      table.endCell();
      table.putText(`Line ${i} ×`);
      table.endCell();
      table.putUsdMicro(i * 12_345);
      table.endCell();
      if (i % 3 !== 0) table.putAscii('note');
      table.endCell();
    }
    const pieces: string[] = [];
    table.writeTo((text) => pieces.push(text));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(renderTable(COLUMNS, rows));
  });

  it('as bytes: the same text in UTF-8, each chunk a new array', () => {
    const table = new ByteTable(COLUMNS);
    for (let i = 0; i < 40_000; i++) {
      table.putInteger(i, false);
      table.endCell();
      table.putText(i % 2 === 0 ? 'né \u001b[31m' : 'plain');
      table.endCell();
      table.putUsdMicro(-i * 1_000_001);
      table.endCell();
      table.endCell();
    }
    const chunks: Uint8Array[] = [];
    table.writeTo(
      () => expect.unreachable('bytes go to writeBytes'),
      (bytes) => chunks.push(bytes),
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(textOf(table));
  });

  it('a scaled decimal from its number is the decimal string, grouped (no string made per cell)', () => {
    const cases: [number, number][] = [
      [0, 0],
      [0, 6],
      [-0, 3],
      [5, 12],
      [1230, 2],
      [1000000, 6],
      [-1500, 3],
      [123456789012345, 4],
      [Number.MAX_SAFE_INTEGER, 0],
      [Number.MAX_SAFE_INTEGER, 9],
      [Number.MAX_SAFE_INTEGER, 16],
      [-Number.MAX_SAFE_INTEGER, 22],
      [987654321, 23],
    ];
    const written = (units: number, scale: number, grouped = true) => {
      const table = new ByteTable([{ header: 'x', align: 'left' }]);
      table.putScaledDecimal(units, scale, grouped);
      table.endCell();
      return textOf(table).split('\n')[2];
    };
    fc.assert(
      fc.property(safeInteger, fc.nat({ max: 30 }), fc.boolean(), (units, scale, grouped) => {
        const decimal = scaledToDecimalString(units, scale);
        expect(written(units, scale, grouped)).toBe(grouped ? groupThousands(decimal) : decimal);
      }),
      { numRuns: 5000 },
    );
    for (const [units, scale] of cases)
      expect(written(units, scale), `${units} at scale ${scale}`).toBe(
        groupThousands(scaledToDecimalString(units, scale)),
      );
  });

  it('a table with a header only has its rule', () => {
    expect(textOf(new ByteTable(COLUMNS))).toBe(renderTable(COLUMNS, []));
  });
});
