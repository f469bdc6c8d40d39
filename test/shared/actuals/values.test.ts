import { describe, expect, it } from 'vitest';
import { sampleRecords, sniffDecimalSeparator, sniffDelimiter } from '../../../shared/actuals/read/csv-dialect';
import { DayReader } from '../../../shared/actuals/read/date-order';
import { readDayText } from '../../../shared/actuals/read/day-text';
import { normaliseModel, parseLineItem } from '../../../shared/actuals/read/line-item';
import { quoteForMessage } from '../../../shared/actuals/read/message-text';
import { readBoolean, readCount, readDecimal } from '../../../shared/actuals/read/number-text';
import { toDecimalString } from '../../../shared/money/exact';

describe('amounts per the file decimal separator', () => {
  it.each([
    ['.', '0.10640000000000001', '0.10640000000000001'],
    ['.', '4.5E-06', '0.0000045'],
    ['.', '0E-6176', '0'],
    ['.', '0.000004500000000000000000000000000000000', '0.0000045'],
    ['.', '1,234.56', '1234.56'],
    ['.', '1 234.56', '1234.56'],
    ['.', "1'234.56", '1234.56'],
    ['.', '-12.5', '-12.5'],
    ['.', '(12.50)', '-12.5'],
    ['.', ' 7 ', '7'],
    [',', '1.234,56', '1234.56'],
    [',', '1 234,56', '1234.56'],
    [',', '1\u00a0234,56', '1234.56'],
    [',', '1\u202f234,56', '1234.56'],
    [',', '0,8958740000000000', '0.895874'],
    [',', '-0,5', '-0.5'],
    [',', '4,5E-06', '0.0000045'],
    [',', '12', '12'],
  ] as const)('%s: %s -> %s', (decimal, text, value) => {
    const read = readDecimal(text, decimal);
    expect(read && toDecimalString(read)).toBe(value);
  });

  it.each([
    ['.', '1,5', 'a comma is not the decimal separator of this file'],
    ['.', '1,23,456.7', 'groups of three only'],
    ['.', 'abc', 'text'],
    ['.', '12 USD', 'a unit'],
    ['.', '', 'empty'],
    [',', '1.5', 'a point is not the decimal separator of this file'],
    [',', '1.234.5,6', 'bad grouping'],
    [',', '1.234 567,0', 'two kinds of thousands separator'],
    ['.', '--1', 'two signs'],
    ['.', '=HYPERLINK("x")', 'a formula'],
  ] as const)('%s: %j is not a number (%s)', (decimal, text, _why) => {
    expect(readDecimal(text, decimal)).toBeNull();
  });
});

describe('counts', () => {
  it.each([
    ['16', 16],
    ['16.0', 16],
    ['0.0', 0],
    ['', 0],
    ['1,234', 1234],
    ['1234567890123456', 1234567890123456],
  ])('%j -> %i', (text, n) => expect(readCount(text, '.')).toBe(n));

  it.each(['1.5', '-3', 'x', '1e400', '10,0'])('%j is not a whole count', (text) =>
    expect(readCount(text, '.')).toBeNull(),
  );

  it('reads 10,0 as 10 with a decimal comma', () => expect(readCount('10,0', ',')).toBe(10));
});

describe('booleans', () => {
  it.each([
    ['TRUE', true],
    ['false', false],
    ['True', true],
    ['1', true],
    ['0', false],
    ['', null],
    ['yes', undefined],
  ])('%j -> %s', (text, value) => expect(readBoolean(text)).toBe(value));
});

describe('dates: the UTC day a bucket or request started', () => {
  it.each([
    ['2026-10-19', '2026-10-19'],
    ['2026-10-19 06:02:31.747', '2026-10-19'],
    ['2026-10-29 23:59:58.64', '2026-10-29'],
    ['2026-10-01T00:00:00+00:00', '2026-10-01'],
    ['2026-09-28T00:00:00', '2026-09-28'],
    ['2026-10-19T23:30:00Z', '2026-10-19'],
    ['2026-10-19T23:30:00-05:00', '2026-10-20'],
    ['2026-10-20T01:00:00+02:00', '2026-10-19'],
    ['2026-10-20T01:00:00+0200', '2026-10-19'],
    ['2025-01-15T00:00:00-05:00', '2025-01-15'],
    ['2026-12-31T23:00:00-02', '2027-01-01'],
    ['1790812800', '2026-10-01'],
    ['1790812800.0', '2026-10-01'],
    ['1790899199', '2026-10-01'],
    ['1790812800000', '2026-10-01'],
    ['1794528000123', '2026-11-13'],
    ['2026/10/19', '2026-10-19'],
    ['2024-02-29', '2024-02-29'],
    ['05/05/2026', '2026-05-05'],
  ])('%s -> %s', (text, day) => {
    expect(readDayText(text, null)).toEqual({ kind: 'day', day });
  });

  it.each([
    ['25/10/2026', 'DMY', '2026-10-25'],
    ['10/25/2026', 'MDY', '2026-10-25'],
    ['31.12.2026', 'DMY', '2026-12-31'],
    ['12/31/2026 11:59 PM', 'MDY', '2026-12-31'],
  ])('%s proves %s', (text, order, day) => {
    expect(readDayText(text, null)).toEqual({ kind: 'proof', order, day });
  });

  it.each([
    ['03/04/2026', 'DMY', '2026-04-03'],
    ['03/04/2026', 'MDY', '2026-03-04'],
    ['03/04/2026 10:15', 'DMY', '2026-04-03'],
  ] as const)('%s read as %s is %s', (text, order, day) => {
    expect(readDayText(text, null)).toMatchObject({ kind: 'ambiguous' });
    expect(readDayText(text, order)).toEqual({ kind: 'day', day });
  });

  it.each([
    ['', null, 'empty'],
    ['2026-02-30', null, 'not a calendar date'],
    ['2026-13-01', null, 'not a calendar date'],
    ['20261019', null, 'too small'],
    ['999999999999999', null, 'too large'],
    ['yesterday', null, 'is not a date'],
    ['25/10/2026', 'MDY', 'not a valid month/day/year date'],
    ['03/04/2026', 'ISO', 'choose the date format DMY or MDY'],
    ['2026-10-19T25:00', null, 'time'],
    ['2026-10-19 06:02+99:00', null, 'time'],
    ['13/14/2026', null, 'either'],
    ['1/2/26', null, 'four-digit year'],
  ] as const)('%j (order %s) is refused: %s', (text, order, reason) => {
    const read = readDayText(text, order);
    expect(read.kind).toBe('bad');
    if (read.kind === 'bad') expect(read.reason).toContain(reason);
  });

  it('a file proves its order, ambiguous dates before the proof wait for it, and the state says so', () => {
    const reader = new DayReader(null);
    expect(reader.read('03/04/2026', 2, 'Datum')).toBe('');
    expect(reader.ambiguous).toEqual({ kind: 'ambiguous', first: 3, second: 4, year: 2026 });
    expect(reader.state()).toMatchObject({ order: null, how: 'ambiguous', examples: ['03/04/2026'] });
    expect(reader.read('25/04/2026', 3)).toBe('2026-04-25');
    expect(reader.resolve({ first: 3, second: 4, year: 2026 })).toBe('2026-04-03');
    expect(reader.read('03/04/2026', 4)).toBe('2026-04-03');
    expect(reader.state()).toMatchObject({ order: 'DMY', how: 'inferred', proof: { line: 3, text: '25/04/2026' } });
    expect(reader.read('04/25/2026', 5)).toBeNull();
    expect(reader.reason).toContain('not a valid day/month/year date');
  });

  it('an order given by the user is never overridden', () => {
    const reader = new DayReader('MDY');
    expect(reader.read('03/04/2026', 2)).toBe('2026-03-04');
    expect(reader.read('25/04/2026', 3)).toBeNull();
    expect(reader.state()).toMatchObject({ order: 'MDY', how: 'given' });
  });
});

describe('line items and models', () => {
  it.each([
    [
      'gpt-image-2-2026-04-21 image, output',
      { surface: '', model: 'gpt-image-2', modality: 'image', direction: 'output' },
    ],
    [
      'gpt-image-2-2026-04-21 text, cached input',
      { surface: '', model: 'gpt-image-2', modality: 'text', direction: 'cached input' },
    ],
    [
      'gpt-5-mini-2025-08-07, cached input',
      { surface: '', model: 'gpt-5-mini', modality: 'text', direction: 'cached input' },
    ],
    [
      'gpt-5.6-terra, cache writes',
      { surface: '', model: 'gpt-5.6-terra', modality: 'text', direction: 'cache writes' },
    ],
    [
      'evals | gpt-4o-mini-2024-07-18, input',
      { surface: 'evals', model: 'gpt-4o-mini', modality: 'text', direction: 'input' },
    ],
    [
      'gpt-4o-audio-preview audio, output',
      { surface: '', model: 'gpt-4o-audio-preview', modality: 'audio', direction: 'output' },
    ],
    ['gpt-image-1 image, Output', { surface: '', model: 'gpt-image-1', modality: 'image', direction: 'output' }],
    ['whisper', { surface: '', model: 'whisper', modality: '', direction: '' }],
    [
      'web search tool calls, per call',
      { surface: '', model: 'web search tool calls, per call', modality: '', direction: '' },
    ],
    ['', { surface: '', model: '', modality: '', direction: '' }],
  ])('%j', (text, parts) => expect(parseLineItem(text)).toEqual(parts));

  it.each([
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['gpt-image-1-2025-04-23', 'gpt-image-1'],
    ['gpt-image-2', 'gpt-image-2'],
    [' dall-e-3 ', 'dall-e-3'],
    ['model-2026-1-1', 'model-2026-1-1'],
  ])('model %j -> %j', (name, model) => expect(normaliseModel(name)).toBe(model));
});

describe('dialect sniffing', () => {
  it.each([
    ['date,amount\n2026-01-01,1.5\n', ','],
    ['date;amount;note\n01.10.2026;1,50;a, b\n02.10.2026;2,00;c\n', ';'],
    ['date\tamount\n2026-01-01\t1.5\n', '\t'],
    ['date|amount|x\n2026-01-01|1.5|"a|b"\n', '|'],
    ['"a;b",c\n"1;2",3\n', ','],
    ['just one column\nvalue\n', ','],
  ])('delimiter of %j is %j', (text, delimiter) => expect(sniffDelimiter(text, true)).toBe(delimiter));

  it.each([
    ['date;amount\n2026-01-01;1,50\n', ';', ','],
    ['date;amount\n2026-01-01;0.052910000000000006\n', ';', '.'],
    ['date,amount\n2026-01-01,"1,5"\n', ',', ','],
    ['date,amount\n2026-01-01,"1,234.56"\n', ',', '.'],
    ['date;amount\n2026-01-01;1.234,56\n', ';', ','],
    ['date;amount\n2026-01-01;1.234\n', ';', ','],
    ['date,amount\n2026-01-01,1.234\n', ',', '.'],
    ['date,amount\n1790812800,12\n', ',', '.'],
  ] as const)('decimal separator of %j is %j', (text, delimiter, decimal) => {
    expect(sniffDecimalSeparator(sampleRecords(text, delimiter, true), delimiter)).toBe(decimal);
  });
});

describe('user text in messages', () => {
  it.each([
    ['abc', '"abc"'],
    ['a\nb\u0007', '"a\\nb\\u0007"'],
    ['\u009b31m', '"\\u009b31m"'],
    ['x'.repeat(100), `"${'x'.repeat(60)}…" (100 characters)`],
  ])('%j -> %s', (text, shown) => expect(quoteForMessage(text)).toBe(shown));
});
