import { describe, expect, it } from 'vitest';
import { createMappingProfile } from '../../../shared/actuals/read/mapping-profile';
import { toDecimalString } from '../../../shared/money/exact';
import { COSTS_HEADER_A, costRowA, cp1252, csv, utf16, utf8 } from './support/generate';
import { readActuals, total } from './support/read-actuals';

/** A small cost export: three facts on two days and a day without spend. */
const COST_ROWS = [
  costRowA(0, '4.1361600000000000', 'gpt-image-2-2026-04-21 image, output', 'proj_A'),
  costRowA(0, '0.0521360000000000', 'gpt-5-mini-2025-08-07, output', 'proj_B'),
  [...costRowA(1, '', '', '').slice(0, 4), '', '', '', '', '', ''],
  costRowA(2, '1.13892', 'gpt-image-2-2026-04-21 image, output', 'proj_A'),
];

/** The same export as European Excel saves it: `;`, decimal commas, CRLF. */
function european(rows: readonly (readonly string[])[]): string {
  return csv(
    rows.map((r) => r.map((cell, i) => (i === 4 ? cell.replace('.', ',') : cell))),
    { delimiter: ';', eol: '\r\n' },
  );
}

describe('cost exports in every dialect read to the same records', () => {
  const plain = readActuals(csv([COSTS_HEADER_A, ...COST_ROWS]));

  it('reads the plain file', () => {
    expect(plain.outcome.status).toBe('done');
    expect([plain.outcome.rowsRead, plain.records.length, plain.outcome.rowsEmpty]).toEqual([4, 3, 1]);
    expect(total(plain.records)).toBe('5.327216');
  });

  it.each([
    {
      why: '`;` with decimal commas (European Excel), CRLF',
      data: utf8(european([COSTS_HEADER_A, ...COST_ROWS])),
      delimiter: ';',
      decimal: ',',
    },
    {
      why: 'tab-separated',
      data: utf8(csv([COSTS_HEADER_A, ...COST_ROWS], { delimiter: '\t' })),
      delimiter: '\t',
      decimal: '.',
    },
    {
      why: '`|`-separated',
      data: utf8(csv([COSTS_HEADER_A, ...COST_ROWS], { delimiter: '|' })),
      delimiter: '|',
      decimal: '.',
    },
    {
      why: 'UTF-8 with BOM and CRLF',
      data: utf8(csv([COSTS_HEADER_A, ...COST_ROWS], { bom: true, eol: '\r\n' })),
      delimiter: ',',
      decimal: '.',
    },
    {
      why: 'CR-only line ends',
      data: utf8(csv([COSTS_HEADER_A, ...COST_ROWS], { eol: '\r' })),
      delimiter: ',',
      decimal: '.',
    },
    {
      why: 'UTF-16 LE with BOM, tab-separated (Excel "Unicode text")',
      data: utf16(csv([COSTS_HEADER_A, ...COST_ROWS], { delimiter: '\t', eol: '\r\n' }), true),
      delimiter: '\t',
      decimal: '.',
    },
    {
      why: 'UTF-16 BE with BOM',
      data: utf16(csv([COSTS_HEADER_A, ...COST_ROWS]), false),
      delimiter: ',',
      decimal: '.',
    },
    {
      why: 'Windows-1252, `;`, decimal commas',
      data: cp1252(european([COSTS_HEADER_A, ...COST_ROWS])),
      delimiter: ';',
      decimal: ',',
    },
    {
      why: 'Excel\'s "sep=;" first line',
      data: utf8('sep=;\r\n' + european([COSTS_HEADER_A, ...COST_ROWS])),
      delimiter: ';',
      decimal: ',',
    },
  ])('$why', ({ data, delimiter, decimal }) => {
    const read = readActuals(data, {}, 7);
    expect(read.outcome.status).toBe('done');
    expect(read.outcome.dialect).toMatchObject({ delimiter, decimalSeparator: decimal });
    expect(read.rejected).toEqual([]);
    expect(read.records.map((r) => ({ ...r, line: 0 }))).toEqual(plain.records.map((r) => ({ ...r, line: 0 })));
  });

  it('says which encoding it read', () => {
    const cases: [Uint8Array, string, boolean][] = [
      [utf8(csv([COSTS_HEADER_A, ...COST_ROWS])), 'utf-8', false],
      [utf8(csv([COSTS_HEADER_A, ...COST_ROWS], { bom: true })), 'utf-8', true],
      [utf16(csv([COSTS_HEADER_A, ...COST_ROWS]), true), 'utf-16le', true],
      [utf16(csv([COSTS_HEADER_A, ...COST_ROWS]), false), 'utf-16be', true],
      [
        cp1252(csv([COSTS_HEADER_A, ...COST_ROWS.map((r) => r.map((c) => c.replace('Harbor', 'Café')))])),
        'windows-1252',
        false,
      ],
    ];
    for (const [data, encoding, bom] of cases) {
      expect(readActuals(data).outcome.dialect).toMatchObject({ encoding, bom });
    }
  });
});

describe('any other CSV through a mapping profile, in its own dialect', () => {
  const header = ['Datum', 'Kosten (€)', 'Projekt', 'Beschreibung'];
  const rows = [
    ['01.10.2026', '1.234,56', 'Café Crème', 'Bilder, Oktober'],
    ['15.10.2026', '-12,50', 'Café Crème', 'Gutschrift'],
    ['31.10.2026', '0,10', 'Straße', 'Zeile 1\nZeile 2'],
    ['01.11.2026', '7', 'Straße', ''],
  ];
  const profile = createMappingProfile({
    name: 'Buchhaltung',
    header,
    columns: { date: 'Datum', amount: 'Kosten (€)', project: 'Projekt', 'line-item': 'Beschreibung' },
    currency: 'EUR',
  });

  it.each([
    {
      why: 'Windows-1252 with € and é, `;`, decimal commas, a quoted line break',
      data: cp1252(csv([header, ...rows], { delimiter: ';', eol: '\r\n' })),
    },
    { why: 'UTF-16 LE', data: utf16(csv([header, ...rows], { delimiter: ';', eol: '\r\n' }), true) },
    { why: 'UTF-8 with BOM, CR-only', data: utf8(csv([header, ...rows], { delimiter: ';', eol: '\r', bom: true })) },
  ])('$why', ({ data }) => {
    if (!profile.ok) throw new Error(profile.error);
    const read = readActuals(data, { profile: profile.value, rates: { EUR: '0.8' } }, 5);
    expect(read.outcome.status).toBe('done');
    expect(read.rejected).toEqual([]);
    expect(read.outcome.dialect.dateOrder).toMatchObject({ order: 'DMY', how: 'inferred' });
    expect(read.records.map((r) => [r.line, r.day, r.dims.project, r.dims.lineItem])).toEqual([
      [2, '2026-10-01', 'Café Crème', 'Bilder, Oktober'],
      [3, '2026-10-15', 'Café Crème', 'Gutschrift'],
      [4, '2026-10-31', 'Straße', expect.stringMatching(/^Zeile 1\r?\nZeile 2$/) as unknown as string],
      [6, '2026-11-01', 'Straße', ''],
    ]);
    expect(read.records.map((r) => r.original && toDecimalString(r.original.amount))).toEqual([
      '1234.56',
      '-12.5',
      '0.1',
      '7',
    ]);
    expect(read.records.map((r) => r.amountUsd && toDecimalString(r.amountUsd))).toEqual([
      '1543.2',
      '-15.625',
      '0.125',
      '8.75',
    ]);
    expect(read.records[1]?.flags).toEqual(['negative-amount']);
    expect(read.outcome.source).toEqual({ source: 'csv', how: 'given', measure: 'billed', dedupe: 'keyed' });
  });
});
