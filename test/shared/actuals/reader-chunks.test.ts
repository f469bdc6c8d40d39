import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMappingProfile } from '../../../shared/actuals/read/mapping-profile';
import { COSTS_HEADER_A, costRowA, cp1252, csv, LITELLM_HEADER, spendLogRow, utf16, utf8 } from './support/generate';
import { fixture, readActuals } from './support/read-actuals';

/**
 * Whatever the chunks: splitting a file's bytes anywhere (inside a multi-byte character, a CRLF, a quoted
 * field, a doubled quote, a JSON string) reads to exactly the records, rejections and outcome of reading it
 * whole.
 */

const profileHeader = ['Datum', 'Kosten (€)', 'Projekt', 'Notiz'];
const profile = createMappingProfile({
  name: 'p',
  header: profileHeader,
  columns: { date: 'Datum', amount: 'Kosten (€)', project: 'Projekt', 'line-item': 'Notiz' },
  currency: 'EUR',
});
if (!profile.ok) throw new Error(profile.error);

const european = csv(
  [
    profileHeader,
    ['03.04.2026', '1.234,56', 'Café', 'a; "quoted"\r\nline'],
    ['04.05.2026', '-0,5', 'Straße', ''],
    ['25.05.2026', 'zwölf', 'x', 'rejected'],
    ['26.05.2026', '2', 'y', 'too', 'many'],
  ],
  { delimiter: ';', eol: '\r\n' },
);

const FILES: { name: string; data: Uint8Array; options: Parameters<typeof readActuals>[1] }[] = [
  { name: 'costs csv sample', data: fixture('openai-costs-export.csv'), options: {} },
  { name: 'costs api sample', data: fixture('openai-costs-api.json'), options: { fileName: 'c.json' } },
  { name: 'images usage sample', data: fixture('openai-usage-images-api.json'), options: { fileName: 'i.json' } },
  { name: 'completions sample', data: fixture('openai-completions-usage-export.csv'), options: {} },
  { name: 'litellm sample (first 40 KB)', data: cut(fixture('litellm-spendlogs.csv'), 40_000), options: {} },
  { name: 'European Windows-1252', data: cp1252(european), options: { profile: profile.value, rates: { EUR: '0.9' } } },
  {
    name: 'European UTF-16 LE',
    data: utf16(european, true),
    options: { profile: profile.value, rates: { EUR: '0.9' } },
  },
  {
    name: 'UTF-16 BE costs, CR only',
    data: utf16(
      csv([COSTS_HEADER_A, costRowA(0, '1.5', 'gpt-image-2 image, output', 'p'), costRowA(1, '', '', '')], {
        eol: '\r',
      }),
      false,
    ),
    options: {},
  },
  {
    name: 'LiteLLM with BOM, CRLF',
    data: utf8(
      csv(
        [
          LITELLM_HEADER,
          spendLogRow({
            id: 'a',
            spend: '0.10576500000000001',
            start: '2026-10-19 06:02:31.747',
            tags: ['campaign:x'],
          }),
          spendLogRow({ id: 'b', spend: '0.2', start: '2026-10-19 07:00:00', metadataCampaign: 'é "y"' }),
        ],
        { bom: true, eol: '\r\n' },
      ),
    ),
    options: {},
  },
  {
    name: 'own log JSONL with a bad line',
    data: utf8(
      '{"time":"2026-11-02T09:00:00Z","model":"gpt-image-2","campaign":"é","usage":{"output_tokens":4160}}\r\nnot json\n\n{"time":1793577600,"usage":{"output_tokens":1}}',
    ),
    options: {},
  },
];

function cut(data: Uint8Array, length: number): Uint8Array {
  const end = data.indexOf(10, length);
  return data.slice(0, end + 1);
}

describe('chunk boundaries never change what a file reads to', () => {
  it.each(FILES)('$name', ({ data, options }) => {
    const whole = readActuals(data, options, [data.length]);
    expect(whole.outcome.status).toBe('done');
    fc.assert(
      fc.property(fc.array(fc.nat(data.length), { maxLength: 40 }), (cuts) => {
        const chunked = readActuals(data, options, cuts);
        expect(chunked.records).toEqual(whole.records);
        expect(chunked.rejected).toEqual(whole.rejected);
        expect(chunked.outcome).toEqual(whole.outcome);
      }),
      { numRuns: 40 },
    );
  });

  it('one byte at a time', () => {
    for (const { data, options } of FILES.slice(5)) {
      expect(readActuals(data, options, 1)).toEqual(readActuals(data, options, [data.length]));
    }
  });
});
