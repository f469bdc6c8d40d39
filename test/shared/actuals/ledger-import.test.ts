import { describe, expect, it } from 'vitest';
import type { ActualRecord } from '../../../shared/actuals/actual-record';
import { actualsTotals } from '../../../shared/actuals/ledger/actuals-report';
import { commitImport } from '../../../shared/actuals/ledger/commit-import';
import { effectiveBuckets } from '../../../shared/actuals/ledger/effective-buckets';
import {
  defaultDedupe,
  defaultMeasure,
  previewImport,
  startImport,
} from '../../../shared/actuals/ledger/import-accumulator';
import { type ActualsLedger, emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { removeBatch } from '../../../shared/actuals/ledger/remove-batch';
import { BOOK, commit, importInto, ledgerOf, preview, text } from './support/ledger-steps';
import { exact, meta, read, record } from './support/records';

const EMPTY = emptyActualsLedger();
const day = '2026-11-02';

function billed(amount: string, dims: Partial<ActualRecord['dims']> = {}, extra: Partial<ActualRecord> = {}) {
  return record(day, amount, { ...extra, dims: { project: 'p1', lineItem: 'gpt-image-2 image, output', ...dims } });
}

function request(id: string | null, amount: string, campaign = 'spring', extra: Partial<ActualRecord> = {}) {
  return record(day, amount, {
    requestId: id,
    requests: 1,
    images: 1,
    ...extra,
    dims: { campaign, model: 'gpt-image-2' },
  });
}

function billedTotal(ledger: ActualsLedger): string | null {
  return text(actualsTotals(ledger, BOOK).billedUsd);
}

function meteredTotal(ledger: ActualsLedger): string | null {
  return text(actualsTotals(ledger, BOOK).meteredUsd);
}

describe('each source has its measure and its kind of deduplication', () => {
  it.each([
    ['openai-costs', 'billed', 'keyed'],
    ['openai-costs-api', 'billed', 'keyed'],
    ['csv', 'billed', 'keyed'],
    ['litellm', 'metered', 'per-request'],
    ['litellm-daily', 'metered', 'keyed'],
    ['jsonl', 'metered', 'per-request'],
    ['openai-images-usage', 'usage', 'keyed'],
    ['openai-completions-usage', 'usage', 'keyed'],
  ] as const)('%s: %s, %s', (source, measure, dedupe) => {
    expect(defaultMeasure(source)).toBe(measure);
    expect(defaultDedupe(source)).toBe(dedupe);
  });

  it('a csv profile may say its amounts are metered, with request ids', () => {
    const p = preview(EMPTY, meta('csv', 'gateway.csv', { measure: 'metered', dedupe: 'per-request' }), [
      request('r1', '1'),
      request('r1', '1'),
    ]);
    expect(p).toMatchObject({ measure: 'metered', dedupe: 'per-request', rowsToImport: 1, rowsDuplicate: 1 });
  });
});

describe('aggregation is exact at any scale', () => {
  it.each([
    ['16 and 39 decimals of one value', ['0.4017600000000000', '0.401760000000000000000000000000000000000'], '0.80352'],
    ['float noise summed as written', ['0.10576500000000001', '0.052910000000000006', '0.033'], '0.191675000000000016'],
    ['LiteLLM total of the sample', ['56.6149570000000028533', '0'], '56.6149570000000028533'],
    [
      'a tiny amount beside a large one',
      ['1000000000.5', '0.000000000000000000000000000000000000001'],
      '1000000000.500000000000000000000000000000000000001',
    ],
    ['a credit', ['5.25', '-7.5'], '-2.25'],
    ['$0 facts are facts', ['0', '0'], '0'],
  ])('%s', (_name, amounts, expected) => {
    // Rows of one file with one key: summed into one fact (an export grouped finer than the key).
    const records = amounts.map((a, i) => billed(a, {}, { line: i + 2 }));
    const p = preview(EMPTY, meta('csv', 'ledger.csv'), records);
    expect(p.batch?.buckets).toEqual([`${day}|0|${expected}|${amounts.length}`]);
    expect(p.amountUsd).toBe(expected);
    expect(p.summedInFile).toEqual({
      keys: 1,
      rows: amounts.length,
      examples: [{ day, lines: records.map((r) => r.line).slice(0, 4) }],
    });
  });

  it('counts stay whole numbers; tokens by kind; quantities sum in their unit', () => {
    const p = preview(EMPTY, meta('openai-completions-usage', 'usage.csv'), [
      record(day, null, {
        requests: 3,
        tokens: { textIn: 100, textCachedIn: 20, imageOut: 1756 },
        quantity: { value: exact('1.5'), unit: 'seconds' },
      }),
      record(day, null, {
        requests: 2,
        tokens: { textIn: 1, textOut: 9 },
        quantity: { value: exact('2'), unit: 'seconds' },
      }),
    ]);
    expect(p.batch?.buckets).toEqual([`${day}|0||2||5||101|20||||9|1756||3.5 seconds`]);
    expect(p.byDay).toEqual([{ key: day, amountUsd: null, images: 0, requests: 5, failedRequests: 0, tokens: 1886 }]);
  });

  it('quantities in different units on one key are not added, and the preview says so', () => {
    const p = preview(EMPTY, meta('openai-costs-api', 'costs.json'), [
      billed('1', {}, { quantity: { value: exact('30'), unit: 'tokens' } }),
      billed('2', {}, { quantity: { value: exact('2'), unit: 'images' } }),
    ]);
    expect(p.batch?.buckets).toEqual([`${day}|0|3|2`]);
    expect(p.warnings).toContain(
      '1 fact(s) have quantities in different units on rows of one key: their quantity is not kept.',
    );
  });
});

describe('keyed sources: the later import wins each key', () => {
  it.each([
    ['identical as decimals', '0.4017600000000000', '0.401760000000000000000000000000000000000', 'duplicate'],
    ['revised upward (the partial day filled in)', '0.47508', '0.68088', 'revised'],
    ['revised to zero ("0E-6176")', '0.5', '0', 'revised'],
  ])('%s', (_name, first, second, outcome) => {
    const before = ledgerOf([meta('openai-costs', 'nov.csv'), [billed(first)]]);
    const p = preview(before, meta('openai-costs-api', 'page.json'), [billed(second), billed('1', { project: 'p2' })]);
    const after = commit(before, p);
    expect(effectiveBuckets(after).map((b) => [b.dimensions.project, text(b.amount), b.batch.fileName])).toEqual([
      ['p1', text(exact(second)), 'page.json'],
      ['p2', '1', 'page.json'],
    ]);
    if (outcome === 'duplicate') {
      expect(p).toMatchObject({ rowsToImport: 1, rowsDuplicate: 1, rowsReplacing: 0, revised: [] });
      expect(p.identical).toEqual([{ batchId: before.batches[0]?.id, fileName: 'nov.csv', keys: 1, rows: 1 }]);
    } else {
      expect(p).toMatchObject({ rowsToImport: 2, rowsDuplicate: 0, rowsReplacing: 1, identical: [] });
      expect(p.revised).toEqual([
        expect.objectContaining({
          fileName: 'nov.csv',
          day,
          oldAmountUsd: text(exact(first)),
          newAmountUsd: text(exact(second)),
        }),
      ]);
    }
  });

  it('keys only one export has are kept; the overlap says how many on the shared days', () => {
    const before = ledgerOf([
      meta('openai-costs', 'a.csv'),
      [billed('1'), billed('2', { project: 'p2' }), record('2026-11-01', '5', { dims: { project: 'p1' } })],
    ]);
    const p = preview(before, meta('openai-costs', 'b.csv'), [
      billed('1'),
      billed('3', { project: 'p3' }),
      record('2026-11-03', '7'),
    ]);
    expect(p.overlap).toEqual({ days: [day], keysOnlyInFile: 1, keysOnlyEarlier: 1 });
    expect(billedTotal(commit(before, p))).toBe('18'); // 1 + 2 + 5 from a.csv (one replaced by b's 1), 3 + 7 new
  });

  it('billed and metered figures for the same key are different measures: never replaced, never added', () => {
    const ledger = ledgerOf(
      [meta('openai-costs', 'costs.csv'), [billed('10')]],
      [meta('litellm-daily', 'daily.csv'), [billed('9.99')]],
    );
    expect(billedTotal(ledger)).toBe('10');
    expect(meteredTotal(ledger)).toBe('9.99');
    expect(actualsTotals(ledger, BOOK).usagePricedUsd).toBeNull();
  });

  it('another kind of export of the same measure over the same days is counted too, with a warning', () => {
    const team = preview(ledgerOf([meta('litellm', 'log.csv'), [request('r1', '1')]]), meta('jsonl', 'own.jsonl'), [
      request('own-1', '1'),
    ]);
    expect(team.warnings).toEqual([expect.stringMatching(/is metered too and overlaps these days/)]);
    const before = ledgerOf([meta('litellm', 'log.csv'), [request('r1', '1')]]);
    const p = preview(before, meta('litellm-daily', 'daily.csv'), [billed('1')]);
    expect(p.warnings).toEqual([
      expect.stringMatching(
        /^Batch [0-9a-f]{12} \(litellm, log\.csv, 2026-11-02 to 2026-11-02\) is metered too and overlaps these days, but it is another kind of export: both are counted\./,
      ),
    ]);
  });
});

describe('per-request sources: a request id counts once', () => {
  it('a repeated id in one file counts once (its first row), even when the rows differ', () => {
    const p = preview(EMPTY, meta('litellm', 'log.csv'), [
      request('r1', '0.5', 'spring', { line: 2 }),
      request('r2', '0.25', 'spring', { line: 3 }),
      request('r1', '0.75', 'ugc', { line: 4 }),
    ]);
    expect(p).toMatchObject({ rowsToImport: 2, rowsDuplicate: 1, amountUsd: '0.75' });
    expect(p.duplicateRequests.inFileExamples).toEqual([{ line: 4, requestId: 'r1' }]);
  });

  it('two identical rows without an id are two requests', () => {
    const p = preview(EMPTY, meta('jsonl', 'team-log.jsonl'), [request(null, '0.5'), request(null, '0.5')]);
    expect(p).toMatchObject({ rowsToImport: 2, rowsDuplicate: 0, amountUsd: '1' });
    expect(p.batch?.requestIds).toBe('');
  });

  it('across files the earliest batch holds a request; a later one holds it back', () => {
    const before = ledgerOf([meta('litellm', 'part-1.csv'), [request('r1', '1'), request('r2', '2')]]);
    const p = preview(before, meta('litellm', 'part-2.csv'), [
      request('r2', '2'),
      request('r3', '3'),
      request(null, '4'),
    ]);
    expect(p).toMatchObject({ rowsToImport: 2, rowsDuplicate: 1, amountUsd: '7', changeUsd: '7' });
    expect(p.duplicateRequests.heldByEarlier).toEqual([
      { batchId: before.batches[0]?.id, fileName: 'part-1.csv', requests: 1 },
    ]);
    expect(p.batch?.heldBack).toHaveLength(1);
    expect(p.batch?.requestIds).toHaveLength(2 * 16);
    const after = commit(before, p);
    expect(meteredTotal(after)).toBe('10');
    // Removing part-1 promotes r2 in part-2: part-2 alone.
    const r = removeBatch(after, before.batches[0]?.id ?? '');
    expect(r.ok && r.value).toEqual(
      ledgerOf([meta('litellm', 'part-2.csv'), [request('r2', '2'), request('r3', '3'), request(null, '4')]]),
    );
  });

  it('a request held back by two later batches goes to the first of them when its holder is removed', () => {
    const a = meta('litellm', 'a.csv');
    const b = meta('litellm', 'b.csv');
    const c = meta('litellm', 'c.csv');
    const ledger = ledgerOf([a, [request('r1', '1')]], [b, [request('r1', '1.5')]], [c, [request('r1', '2')]]);
    expect(meteredTotal(ledger)).toBe('1');
    const r = removeBatch(ledger, ledger.batches[0]?.id ?? '');
    expect(r.ok && meteredTotal(r.value)).toBe('1.5');
    expect(r.ok && r.value).toEqual(ledgerOf([b, [request('r1', '1.5')]], [c, [request('r1', '2')]]));
  });

  it('request ids of different measures are different spaces', () => {
    const ledger = ledgerOf(
      [meta('litellm', 'log.csv'), [request('r1', '1')]],
      [meta('csv', 'finance.csv', { dedupe: 'per-request' }), [request('r1', '1')]],
    );
    expect(meteredTotal(ledger)).toBe('1');
    expect(billedTotal(ledger)).toBe('1');
  });
});

describe('preview, then commit', () => {
  it('nothing changes until commit; the same file again adds nothing', () => {
    const before = ledgerOf([meta('litellm', 'log.csv'), [request('r1', '1')]]);
    const p = preview(before, meta('litellm', 'renamed-copy.csv', { sha256: before.batches[0]?.sha256 }), [
      request('r9', '9'),
    ]);
    expect(p.sameFileAs?.fileName).toBe('log.csv');
    expect(p).toMatchObject({ batch: null, rowsToImport: 0 });
    expect(commit(before, p)).toBe(before);
  });

  it('a file with nothing valid commits nothing, and says why for each row', () => {
    const p = preview(
      EMPTY,
      meta('csv', 'bad.csv'),
      [
        record('2026-02-30', '1', { line: 2 }),
        record('26-11-02', '1', { line: 3 }),
        record(day, '1', { line: 4, images: -1 }),
        record(day, '1', { line: 5, tokens: { textIn: 1.5 } }),
      ],
      read([], {
        rowsRead: 6,
        rowsRejected: 2,
        rejected: [{ file: 'bad.csv', line: 6, column: 'amount', reason: 'not a number' }],
      }),
    );
    expect(p.batch).toBeNull();
    expect(p.rowsRejected).toBe(6);
    expect(p.rejected).toEqual([
      { file: 'bad.csv', line: 6, column: 'amount', reason: 'not a number' },
      { file: 'bad.csv', line: 2, column: 'day', reason: '"2026-02-30" is not a UTC day written YYYY-MM-DD' },
      { file: 'bad.csv', line: 3, column: 'day', reason: '"26-11-02" is not a UTC day written YYYY-MM-DD' },
      { file: 'bad.csv', line: 4, column: null, reason: 'images must be a whole number from 0, found -1' },
      { file: 'bad.csv', line: 5, column: null, reason: 'textIn tokens must be a whole number from 0, found 1.5' },
    ]);
    expect(p.warnings).toEqual(['No valid record in this file: nothing is imported.']);
    expect(commit(EMPTY, p)).toBe(EMPTY);
  });

  it('valid rows import even when others are rejected', () => {
    const p = preview(EMPTY, meta('csv', 'mixed.csv'), [billed('1'), record('not a day', '2')]);
    expect(p).toMatchObject({ rowsToImport: 1, rowsRejected: 1, amountUsd: '1' });
  });

  it('a preview made against another ledger is refused', () => {
    const p = preview(EMPTY, meta('csv', 'a.csv'), [billed('1')]);
    const moved = importInto(EMPTY, meta('csv', 'b.csv'), [billed('2')]);
    const r = commitImport(moved, p);
    expect(r.ok ? '' : r.error).toBe(
      'the actuals changed since this preview was made (an import or a removal): preview the file again',
    );
  });

  it('records can stream in chunks of any size: the same preview as all at once', () => {
    const records = Array.from({ length: 50 }, (_, i) =>
      request(`r${i % 40}`, `0.0${i}`, i % 3 ? 'a' : 'b', { line: i + 2 }),
    );
    const whole = previewImport(EMPTY, { meta: meta('litellm', 'log.csv'), records, read: read(records) });
    const acc = startImport(EMPTY, meta('litellm', 'log.csv'));
    if (!acc.ok) throw new Error(acc.error);
    for (let i = 0; i < records.length; i += 7) acc.value.addAll(records.slice(i, i + 7));
    expect(whole.ok && whole.value).toEqual(acc.value.finish(read(records)));
  });

  it('flags negative amounts (credits) and future dates, and warns about amounts a measure does not keep', () => {
    const p = preview(EMPTY, meta('openai-images-usage', 'usage.json'), [
      record(day, '1', { images: 2, flags: ['negative-amount', 'future-date'] }),
    ]);
    expect(p).toMatchObject({ negativeAmounts: 1, futureDates: 1, amountUsd: null });
    expect(p.warnings).toContain(
      '1 usage record(s) carry an amount: usage is priced from the price book, so the amount is not kept.',
    );
    const q = preview(EMPTY, meta('openai-costs', 'c.csv'), [billed('1'), record(day, null, { images: 1 })]);
    expect(q.warnings).toContain(
      '1 billed record(s) have no amount: their images, requests and tokens count, they add no money.',
    );
  });

  it('refuses malformed metadata from the caller', () => {
    expect(startImport(EMPTY, meta('csv', 'a.csv', { sha256: 'abc' })).ok).toBe(false);
    expect(startImport(EMPTY, meta('csv', 'a.csv', { importedAt: 'yesterday' })).ok).toBe(false);
  });

  it('batch ids come from the content hash and never clash', () => {
    const sha = 'ab'.repeat(32);
    const first = ledgerOf([meta('csv', 'a.csv', { sha256: sha }), [billed('1')]]);
    expect(first.batches[0]?.id).toBe('abababababab');
    const second = importInto(first, meta('csv', 'b.csv', { sha256: 'ab'.repeat(31) + 'cd' }), [billed('2')]);
    expect(second.batches.map((b) => b.id)).toEqual(['abababababab', 'abababababab-2']);
  });
});

describe('rollback', () => {
  it('an unknown batch is refused', () => {
    const r = removeBatch(EMPTY, 'nope');
    expect(r.ok ? '' : r.error).toBe('there is no actuals batch "nope"');
  });

  it('removing the earlier of two keyed imports re-counts the later one', () => {
    const first = meta('openai-costs', 'a.csv');
    const second = meta('openai-costs-api', 'b.json');
    const ledger = ledgerOf(
      [first, [billed('1'), billed('2', { project: 'p2' })]],
      [second, [billed('1'), billed('3', { project: 'p2' })]],
    );
    expect(ledger.batches[1]).toMatchObject({ rowsImported: 1, rowsDuplicate: 1, rowsReplaced: 1 });
    const r = removeBatch(ledger, ledger.batches[0]?.id ?? '');
    expect(r.ok && r.value.batches).toEqual([
      expect.objectContaining({ rowsImported: 2, rowsDuplicate: 0, rowsReplaced: 0 }),
    ]);
    expect(r.ok && r.value).toEqual(ledgerOf([second, [billed('1'), billed('3', { project: 'p2' })]]));
  });
});
