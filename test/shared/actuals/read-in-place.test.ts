import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_TAGS } from '../../../shared/actuals/read/record-parts';
import { CsvTokenizer } from '../../../shared/actuals/read/csv-tokenizer';
import { CsvFields } from '../../../shared/actuals/read/field-access';
import { normaliseModel } from '../../../shared/actuals/read/line-item';
import { readCount } from '../../../shared/actuals/read/number-text';
import { COMPLETIONS_USAGE_HEADER, LITELLM_SPENDLOG_HEADER } from '../../support/actuals-generator';
import { readActuals } from './support/read-actuals';

/**
 * The hot path reads counts in place and shares one dimensions object per distinct tuple: held equal here
 * to reading each field's trimmed text (readCount) and to building each row's dimensions from its fields.
 */

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

// Few values, so rows often differ in one field only; 'akey_1' and 'bkey_1' hash alike in the cache (same
// length and last characters) and are told apart by comparison.
const word = fc.constantFrom('akey_1', 'bkey_1', ' akey_1 ', '', 'é€', 'a,b');

describe('dimensions shared per tuple', () => {
  it('completions usage rows get the dimensions of their own fields', () => {
    const model = fc.constantFrom('gpt-image-2', 'gpt-5-mini-2025-08-07', ' gpt-image-2 ');
    const row = fc.record({ project: word, user: word, key: word, model, batch: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, eol, bom) => {
          const lines = rows.map((r, i) =>
            [
              1767225600 + i * 86_400,
              '',
              '',
              '',
              quoted(r.project),
              '1.0',
              quoted(r.user),
              quoted(r.key),
              quoted(r.model),
              r.batch ? 'TRUE' : 'FALSE',
              'default',
              ...Array<string>(13).fill('2.0'),
            ].join(','),
          );
          const text = (bom ? '\ufeff' : '') + [COMPLETIONS_USAGE_HEADER, ...lines].join(eol) + eol;
          const { records, rejected } = readActuals(text, {}, 97);
          expect(rejected).toEqual([]);
          expect(records.map((r) => r.dims)).toEqual(
            rows.map((r) => ({
              project: r.project.trim(),
              apiKey: r.key.trim(),
              user: r.user.trim(),
              campaign: '',
              tags: NO_TAGS,
              vendor: 'openai',
              model: normaliseModel(r.model),
              lineItem: '',
              modality: '',
              direction: '',
              size: '',
              quality: '',
              imageSource: '',
              surface: r.batch ? 'batch' : '',
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('LiteLLM rows get the dimensions of their own fields', () => {
    const tag = fc.constantFrom('[]', '["campaign:a"]', '["campaign:b", "x"]');
    const call = fc.constantFrom('aimage_generation', 'acompletion', 'image_edit');
    const row = fc.record({
      team: word,
      key: word,
      model: fc.constantFrom('gpt-image-2', 'openai/gpt-5-mini'),
      tag,
      call,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const lines = rows.map((r, i) =>
          [
            `id-${i}`,
            r.call,
            quoted(r.key),
            '0.25',
            '3',
            '1',
            '2',
            '2026-01-02 06:02:31.747',
            '',
            r.model,
            'openai',
            '{}',
            quoted(r.tag),
            quoted(r.team),
            'success',
          ].join(','),
        );
        const { records, rejected } = readActuals([LITELLM_SPENDLOG_HEADER, ...lines].join('\n') + '\n', {}, 61);
        expect(rejected).toEqual([]);
        expect(
          records.map((r) => [
            r.dims.project,
            r.dims.apiKey,
            r.dims.campaign,
            r.dims.tags,
            r.dims.model,
            r.dims.imageSource,
          ]),
        ).toEqual(
          rows.map((r) => {
            const tags = (JSON.parse(r.tag) as string[]).sort();
            const campaign = tags.find((t) => t.startsWith('campaign:'))?.slice(9) ?? '';
            const imageSource =
              r.call === 'aimage_generation' ? 'image.generation' : r.call === 'image_edit' ? 'image.edit' : '';
            return [r.team.trim(), r.key.trim(), campaign, tags, r.model.replace('openai/', ''), imageSource];
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
