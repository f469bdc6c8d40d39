import { describe, expect, it } from 'vitest';
import { createActualsReader } from '../../../shared/actuals/read/actuals-reader';
import { createMappingProfile, type MappingProfile } from '../../../shared/actuals/read/mapping-profile';
import { toDecimalString } from '../../../shared/money/exact';
import { COSTS_HEADER_A, costRowA, csv, utf8 } from './support/generate';
import { readActuals } from './support/read-actuals';

const header = ['date', 'amount', 'project', 'campaign', 'model'];

function profile(): MappingProfile {
  const p = createMappingProfile({
    name: 'hostile',
    header,
    columns: { date: 'date', amount: 'amount', project: 'project', campaign: 'campaign', model: 'model' },
  });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe('files that are not exports are refused with the reason', () => {
  it.each([
    { why: 'an empty file', data: new Uint8Array(0), error: 'the file is empty' },
    { why: 'blank lines only', data: utf8('\n\r\n  \n'), error: 'the file has no data (only blank lines)' },
    {
      why: 'binary data',
      data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
      error: 'binary data',
    },
    {
      why: 'an xlsx workbook',
      data: new Uint8Array([0x50, 0x4b, 3, 4, 10, 0, 0, 0]),
      error: 'export the sheet as CSV',
    },
    {
      why: 'broken JSON',
      data: utf8('{"object": "page", "data": [\n  {"results": [}\n'),
      error: 'invalid JSON at line 2, column 16: unexpected "}"',
    },
    { why: 'JSON of another shape', data: utf8('{"hello": "world"}'), error: 'the JSON is not a known export' },
    {
      why: 'a header without a newline, 5 MB long',
      data: utf8('a,'.repeat(2_500_000)),
      error: 'line 1, the header: the record is longer than the limit',
    },
  ])('$why', ({ data, error }) => {
    const read = readActuals(data, {}, 65_536);
    expect(read.outcome.status).toBe('refused');
    expect(read.outcome.error).toContain(error);
    expect(read.records).toEqual([]);
  });

  it('refuses a JSON document beyond its size limit as the text arrives', () => {
    const page = JSON.stringify({ object: 'page', data: [], has_more: false, filler: 'x'.repeat(5_000) });
    const read = readActuals(page, { limits: { maxJsonChars: 1_000 } }, 512);
    expect(read.outcome.status).toBe('refused');
    expect(read.outcome.error).toContain('too large to read whole: export it as CSV or JSON Lines');
  });

  it('refuses a file forced to a source whose columns it lacks, listing its columns', () => {
    const read = readActuals(csv([COSTS_HEADER_A, costRowA(0, '1', 'x, input', 'p')]), { source: 'litellm' });
    expect(read.outcome.status).toBe('refused');
    expect(read.outcome.error).toBe(
      'the file is not a complete litellm export: it has no spend column; its columns are "start_time", ' +
        '"end_time", "start_time_iso", "end_time_iso", "amount_value", "amount_currency", "line_item", "project_id", ' +
        '"organization_id", "organization_name"',
    );
  });

  it('refuses bad options before reading', () => {
    const bad = [
      createActualsReader({ fileName: 'f', today: 'tomorrow' }),
      createActualsReader({ fileName: 'f', today: '2026-12-01', rates: { EUR: '-1' } }),
      createActualsReader({ fileName: 'f', today: '2026-12-01', rates: { euro: '0.9' } }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      'today must be YYYY-MM-DD, not "tomorrow"',
      'the rate for EUR must be a positive number of EUR per USD, not "-1"',
      '"euro" is not a currency code (like EUR)',
    ]);
  });
});

describe('bad rows are rejected with line, column and reason; the others import', () => {
  it('a 5 MB line in the middle is rejected, the rows after it read', () => {
    const text =
      csv([header, ['2026-10-01', '1', 'p', '', '']]) +
      'x'.repeat(5_000_000) +
      '\n' +
      csv([['2026-10-02', '2', 'p', '', '']]);
    const read = readActuals(text, { profile: profile() }, 65_536);
    expect(read.outcome.status).toBe('done');
    expect(read.records.map((r) => [r.line, r.day])).toEqual([
      [2, '2026-10-01'],
      [4, '2026-10-02'],
    ]);
    expect(read.rejected).toEqual([
      { file: 'file.csv', line: 3, column: null, reason: 'the record is longer than the limit of 2097152 characters' },
    ]);
    expect(read.outcome.rowsRead).toBe(3);
  });

  it('rows with the wrong number of columns, non-numeric amounts, bad dates, an unclosed quote', () => {
    const text =
      csv([
        header,
        ['2026-10-01', '1.5', 'p', 'c', 'm'],
        ['2026-10-02', '2', 'p'],
        ['2026-10-03', '2', 'p', 'c', 'm', 'extra'],
        ['2026-10-04', 'twelve', 'p', 'c', 'm'],
        ['2026-10-05', '1,5', 'p', 'c', 'm'],
        ['2026-10-06', '\u001b[31mred', 'p', 'c', 'm'],
        ['someday', '1', 'p', 'c', 'm'],
        ['2026-10-08', '3', 'p', 'c', 'm'],
      ]) + '2026-10-09,4,p,"unclosed,m\n';
    const read = readActuals(text, { profile: profile() });
    expect(read.records.map((r) => r.line)).toEqual([2, 9]);
    expect(read.rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      [3, null, 'the row has 3 columns; the header has 5'],
      [4, null, 'the row has 6 columns; the header has 5'],
      [5, 'amount', '"twelve" is not a number'],
      [6, 'amount', '"1,5" is not a number'],
      [7, 'amount', '"\\u001b[31mred" is not a number'],
      [8, 'date', '"someday" is not a date (expected ISO YYYY-MM-DD, unix time, DD/MM/YYYY or MM/DD/YYYY)'],
      [10, null, 'a quoted field is not closed before the end of the file'],
    ]);
    expect([read.outcome.rowsRead, read.outcome.rowsRejected, read.outcome.recordCount]).toEqual([9, 7, 2]);
  });

  it('keeps formula-like text as plain text (neutralised only when exported)', () => {
    const cells = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'];
    const read = readActuals(csv([header, ['2026-10-01', '1', cells[0] ?? '', cells[1] ?? '', cells[2] ?? '']]), {
      profile: profile(),
    });
    expect(read.rejected).toEqual([]);
    expect(read.records[0]?.dims).toMatchObject({ project: cells[0], campaign: cells[1], model: cells[2] });
  });

  it('keeps negative amounts (credits, refunds) and flags them; flags future dates', () => {
    const read = readActuals(
      csv([
        header,
        ['2026-10-01', '-5.25', 'p', '', ''],
        ['2026-12-02', '1', 'p', '', ''],
        ['2027-01-01', '-1', 'p', '', ''],
      ]),
      { profile: profile(), today: '2026-12-01' },
    );
    expect(read.records.map((r) => [r.amountUsd && toDecimalString(r.amountUsd), r.flags])).toEqual([
      ['-5.25', ['negative-amount']],
      ['1', ['future-date']],
      ['-1', ['negative-amount', 'future-date']],
    ]);
  });

  it('a header-only file reads no rows', () => {
    const read = readActuals(csv([COSTS_HEADER_A]));
    expect(read.outcome).toMatchObject({ status: 'done', rowsRead: 0, recordCount: 0, header: COSTS_HEADER_A });
  });

  it('messages stay short whatever the cell holds', () => {
    const read = readActuals(csv([header, ['2026-10-01', 'x'.repeat(100_000), 'p', '', '']]), { profile: profile() });
    expect(read.rejected[0]?.reason).toBe(`"${'x'.repeat(60)}…" (100000 characters) is not a number`);
  });
});

describe('any other CSV without a mapping asks for one', () => {
  const file = csv([
    ['Buchungsdatum', 'Kosten (USD)', 'Anbieter', 'Kampagne'],
    ['2026-10-01', '12.5', 'fal.ai', 'spring'],
  ]);

  it('offers the columns and a first guess', () => {
    const read = readActuals(file);
    expect(read.outcome.status).toBe('needs-choice');
    expect(read.outcome.source).toMatchObject({ source: 'csv', how: 'detected' });
    expect(read.outcome.choices).toEqual([
      {
        kind: 'mapping',
        columns: ['Buchungsdatum', 'Kosten (USD)', 'Anbieter', 'Kampagne'],
        missing: ['date', 'amount'],
        suggested: { amount: 'Kosten (USD)', vendor: 'Anbieter', campaign: 'Kampagne' },
        message: expect.stringContaining('choose which columns hold the date, the amount'),
      },
    ]);
  });

  it('a profile naming a column the file lacks asks again, listing the columns', () => {
    const p = createMappingProfile({ name: 'x', header: ['Date', 'Cost'], columns: { date: 'Date', amount: 'Cost' } });
    if (!p.ok) throw new Error(p.error);
    const read = readActuals(file, { profile: p.value });
    expect(read.outcome.status).toBe('needs-choice');
    expect(read.outcome.choices[0]).toMatchObject({
      kind: 'mapping',
      message:
        'the file has no column for date="Date", amount="Cost"; its columns are "Buchungsdatum", "Kosten (USD)", "Anbieter", "Kampagne"',
    });
  });
});

describe('a CSV whose header starts like JSON', () => {
  it('is read as CSV when the user says it is one', () => {
    const text = csv([
      ['[Date]', '[Cost]'],
      ['2026-10-01', '2'],
    ]);
    expect(readActuals(text).outcome.status).toBe('refused');
    const p = createMappingProfile({
      name: 'x',
      header: ['[Date]', '[Cost]'],
      columns: { date: '[Date]', amount: '[Cost]' },
    });
    if (!p.ok) throw new Error(p.error);
    const read = readActuals(text, { profile: p.value });
    expect(read.outcome.status).toBe('done');
    expect(read.records.map((r) => r.day)).toEqual(['2026-10-01']);
  });
});
