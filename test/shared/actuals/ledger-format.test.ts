import { describe, expect, it } from 'vitest';
import {
  type BucketDimensions,
  decodeBucket,
  decodeDimensions,
  encodeBucket,
  encodeDimensions,
} from '../../../shared/actuals/ledger/bucket-format';
import { decodeBatch, validateActualsLedger } from '../../../shared/actuals/ledger/decoded-batch';
import { isoWeek } from '../../../shared/actuals/ledger/iso-week';
import { type StoredBatch, StoredBatch as StoredBatchSchema } from '../../../shared/actuals/ledger/ledger-schema';
import { parsePlanText, serializePlan } from '../../../shared/plan/plan-document';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { ledgerOf } from './support/ledger-steps';
import { NO_DIMENSIONS, exact, meta, record } from './support/records';

const dims = (d: Partial<BucketDimensions>): BucketDimensions => ({ ...NO_DIMENSIONS, ...d });

describe('the stored form of a bucket', () => {
  it.each([
    [dims({}), '|||||||||||||'],
    [
      dims({ project: 'proj_1', campaign: 'spring', tags: ['campaign:spring', 'team:growth'], model: 'gpt-image-2' }),
      'proj_1|||spring|campaign:spring,team:growth||gpt-image-2|||||||',
    ],
    [
      dims({ lineItem: 'gpt-image-2-2026-04-21 image, output', direction: 'output' }),
      '|||||||gpt-image-2-2026-04-21 image, output||output||||',
    ],
    [dims({ user: 'a|b\\c', tags: ['x,y', 'z'] }), '||a\\|b\\\\c||x\\,y,z|||||||||'],
  ])('dimensions %# encode to one line and back', (d, encoded) => {
    expect(encodeDimensions(d)).toBe(encoded);
    expect(decodeDimensions(encoded)).toEqual(d);
  });

  it.each([
    ['a|b', /has 2 fields separated by "\|", expected 14/],
    ['||||b,a|||||||||', /tags must be sorted/],
    ['ends\\', /ends with a lone/],
  ])('a damaged dictionary entry says what is wrong: %s', (entry, reason) => {
    expect(decodeDimensions(entry)).toMatch(reason);
  });

  it.each([
    [
      {
        day: '2026-10-01',
        dim: 3,
        amount: exact('4.1361600000000000'),
        quantity: null,
        counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      },
      '2026-10-01|3|4.13616|1',
    ],
    [
      { day: '2026-10-01', dim: 0, amount: null, quantity: null, counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      '2026-10-01|0',
    ],
    [
      {
        day: '2026-10-01',
        dim: 0,
        amount: exact('-0.5'),
        quantity: { value: exact('30.0'), unit: 'tokens per 1k' },
        counts: [2, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      },
      '2026-10-01|0|-0.5|2|1|2|1|||||||||30 tokens%20per%201k',
    ],
  ])('a bucket row %#', (bucket, row) => {
    expect(encodeBucket(bucket)).toBe(row);
    const back = decodeBucket(row, 4);
    expect(typeof back === 'string' ? back : encodeBucket(back)).toBe(row);
  });

  it.each([
    ['2026-13-01|0|1', /is not a day/],
    ['2026-10-01|4|1', /not an index into the 4 dimensions/],
    ['2026-10-01|0|1e3', /amount "1e3" is not a decimal/],
    ['2026-10-01|0|1|1.5', /rows "1.5" is not a whole number/],
    ['2026-10-01|0|1|1|||||||||||||', /has 17 fields, at most 16/],
    ['2026-10-01|0|1|1' + '|'.repeat(12) + 'x y', /quantity "x" is not a decimal/],
  ])('a damaged row says what is wrong: %s', (row, reason) => {
    expect(decodeBucket(row, 4)).toMatch(reason);
  });
});

describe('ledgers in plan files', () => {
  const ledger = ledgerOf(
    [meta('openai-costs', 'costs.csv'), [record('2026-11-02', '1.5', { dims: { project: 'p1', lineItem: 'a, b' } })]],
    [meta('litellm', 'log.csv'), [record('2026-11-02', '0.25', { requestId: 'r1', requests: 1 })]],
    [meta('litellm', 'log-2.csv'), [record('2026-11-02', '0.25', { requestId: 'r1', requests: 1 })]],
  );
  const plan = { ...createSamplePlan('2026-11-28'), actuals: ledger };

  it('the sample plan validates, and a plan with actuals round-trips through its file text', () => {
    expect(parsePlanText(serializePlan(createSamplePlan('2026-11-28'))).ok).toBe(true);
    const back = parsePlanText(serializePlan(plan));
    expect(back.ok && back.value.actuals).toEqual(ledger);
  });

  it('a batch is one compact object: rows of text, not an object per bucket', () => {
    const stored = ledger.batches[2] as StoredBatch;
    expect(StoredBatchSchema.parse(stored)).toEqual(stored);
    expect(stored).toMatchObject({
      source: 'litellm',
      measure: 'metered',
      dedupe: 'per-request',
      rowsImported: 0,
      rowsDuplicate: 1,
      amountUsd: null,
      dimensions: ['|||||||||||||'],
      buckets: [],
    });
    expect(stored.requestIds).toMatch(/^[A-Za-z0-9+/]{16}$/);
    expect(stored.heldBack).toEqual([`${stored.requestIds}|2026-11-02|0|0.25|1||1`]);
  });

  it.each([
    [
      'a bucket row',
      (b: StoredBatch) => ({ ...b, buckets: ['2026-11-02|7|1'] }),
      /actuals batch [0-9a-f]{12}, buckets\[0\]: dimension "7" is not an index/,
    ],
    [
      'unsorted rows',
      (b: StoredBatch) => ({ ...b, buckets: [...b.buckets, ...b.buckets] }),
      /buckets\[1\]: rows must be sorted by day then dimension, each bucket once/,
    ],
    [
      'request ids on a keyed batch',
      (b: StoredBatch) => ({ ...b, requestIds: 'AAAAAAAAAAAAAAAA' }),
      /a keyed batch keeps no request ids/,
    ],
  ])('a damaged batch is refused with where and why: %s', (_name, damage, reason) => {
    const first = ledger.batches[0] as StoredBatch;
    const r = decodeBatch(damage(first));
    expect(r.ok ? '' : r.error).toMatch(reason);
    const damaged = { ...plan, actuals: { ...ledger, batches: [damage(first)] } };
    const opened = parsePlanText(serializePlan(damaged));
    expect(opened.ok ? '' : opened.error).toMatch(/^the plan is not valid: actuals batch/);
  });

  it('held-back requests must be among the batch ids; batch ids and files are unique', () => {
    const held = ledger.batches[2] as StoredBatch;
    const r = decodeBatch({ ...held, requestIds: '' });
    expect(r.ok ? '' : r.error).toMatch(/heldBack\[0\]: the id is not among requestIds/);
    const twice = validateActualsLedger({ ...ledger, batches: [held, held] });
    expect(twice.ok ? '' : twice.error).toMatch(/the id "[0-9a-f]{12}" is used twice/);
    const sameFile = validateActualsLedger({ ...ledger, batches: [held, { ...held, id: 'other' }] });
    expect(sameFile.ok ? '' : sameFile.error).toMatch(/the same file \(sha256\) as batch/);
  });
});

describe('ISO weeks (Monday to Sunday, UTC, the year of their Thursday)', () => {
  it.each([
    ['2026-10-01', '2026-W40'], // a Thursday: W40 starts on Monday 09-28
    ['2026-10-19', '2026-W43'],
    ['2026-10-25', '2026-W43'], // Sunday ends the week
    ['2026-10-26', '2026-W44'],
    ['2026-11-16', '2026-W47'],
    ['2026-12-28', '2026-W53'], // 2026 has 53 weeks (it starts on a Thursday)
    ['2027-01-03', '2026-W53'], // the first days of 2027 belong to 2026-W53
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // the last days of 2024 belong to 2025-W01
    ['2021-01-03', '2020-W53'],
    ['2020-12-31', '2020-W53'],
    // Years 0 to 99 are those years, not 1900 to 1999 (Date.UTC's reading).
    ['0001-01-01', '0001-W01'],
    ['0001-01-08', '0001-W02'],
    ['0099-12-31', '0099-W53'],
    ['0100-01-01', '0099-W53'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});
