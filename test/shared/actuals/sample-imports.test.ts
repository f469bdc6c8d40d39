import { describe, expect, it } from 'vitest';
import { actualsTotals, groupActuals } from '../../../shared/actuals/ledger/actuals-report';
import { effectiveBuckets } from '../../../shared/actuals/ledger/effective-buckets';
import { emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { removeBatch } from '../../../shared/actuals/ledger/remove-batch';
import {
  completionsUsageRecords,
  costRecords,
  imagesUsageRecords,
  litellmRecords,
  meta,
  read,
} from './support/records';
import { BOOK, amountsBy, commit, expectPlainJson, importInto, preview, text } from './support/ledger-steps';

/**
 * The Harbor & Pine Studio sample (test/fixtures/actuals/samples-readme.md, a copy of the samples' README): every figure below is the README's.
 * The records come from test/fixtures/actuals (the readers are another step).
 */

const SOCIAL = 'proj_BeqPMIFJh7lIS7ydevhqqfuV';
const COPY = 'proj_ZnvgdxvT3Vmtfrht9gLZOZfH';
const STOREFRONT = 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ';

const csv = costRecords('export');
const api = costRecords('api');
const csvMeta = meta('openai-costs', csv.file, { importedAt: '2026-11-17T07:00:00Z' });
const apiMeta = meta('openai-costs-api', api.file);

function costsCsvLedger() {
  return importInto(emptyActualsLedger(), csvMeta, csv.records, read(csv.records, { rowsRead: csv.rowsRead }));
}

describe('the Costs export alone', () => {
  const p = preview(emptyActualsLedger(), csvMeta, csv.records, read(csv.records, { rowsRead: csv.rowsRead }));
  const ledger = commit(emptyActualsLedger(), p);

  it('reads 556 rows: 551 facts, 5 days without spend, no duplicates', () => {
    expect(p).toMatchObject({
      measure: 'billed',
      dedupe: 'keyed',
      rowsRead: 556,
      rowsToImport: 551,
      rowsEmpty: 5,
      rowsRejected: 0,
      rowsDuplicate: 0,
      rowsReplacing: 0,
      periodStart: '2026-10-01',
      periodEnd: '2026-11-16',
      amountUsd: '132.940732775',
      changeUsd: '132.940732775',
      sameFileAs: null,
      summedInFile: { keys: 0, rows: 0, examples: [] },
    });
    expect(p.batch?.buckets).toHaveLength(551);
    expect(p.byModel).toEqual([
      { key: 'gpt-5-mini', amountUsd: '3.930296525', images: 0, requests: 0, failedRequests: 0, tokens: 0 },
      { key: 'gpt-image-2', amountUsd: '129.01043625', images: 0, requests: 0, failedRequests: 0, tokens: 0 },
    ]);
    expect(p.byDay.find((d) => d.key === '2026-10-01')?.amountUsd).toBe('5.488087575');
  });

  it('totals by project, model, ISO week and day', () => {
    expect(text(actualsTotals(ledger, BOOK).billedUsd)).toBe('132.940732775');
    expect(actualsTotals(ledger, BOOK)).toMatchObject({ meteredUsd: null, usagePricedUsd: null });
    expect(amountsBy(ledger, 'project', 'billedUsd')).toEqual({
      [STOREFRONT]: '95.917844',
      [SOCIAL]: '33.3747369',
      [COPY]: '3.648151875',
    });
    expect(amountsBy(ledger, 'week', 'billedUsd')).toEqual({
      '2026-W40': '8.5655575',
      '2026-W41': '21.91241265',
      '2026-W42': '20.5346019',
      '2026-W43': '21.19528615',
      '2026-W44': '17.833510575',
      '2026-W45': '17.982530875',
      '2026-W46': '21.234824325',
      '2026-W47': '3.6820088',
    });
    expect(amountsBy(ledger, 'day', 'billedUsd')['2026-11-16']).toBe('3.6820088');
  });
});

describe('the Costs export, then the Costs API page (README: both cost files)', () => {
  const before = costsCsvLedger();
  const p = preview(before, apiMeta, api.records, read(api.records, { rowsRead: api.rowsRead }));
  const merged = commit(before, p);

  it('the API page alone totals 24.7872685 over 94 results', () => {
    expect(p.amountUsd).toBe('24.7872685');
    expect(p.batch?.buckets).toHaveLength(94);
  });

  it('37 keys are identical (kept once), 1 is revised 0.47508 -> 0.68088, nothing is only on one side', () => {
    const csvBatch = before.batches[0];
    expect(p.identical).toEqual([{ batchId: csvBatch?.id, fileName: csv.file, keys: 37, rows: 37 }]);
    expect(p.revised).toEqual([
      expect.objectContaining({
        batchId: csvBatch?.id,
        fileName: csv.file,
        day: '2026-11-16',
        oldAmountUsd: '0.47508',
        newAmountUsd: '0.68088',
        dimensions: expect.objectContaining({ project: SOCIAL, lineItem: 'gpt-image-2-2026-04-21 image, output' }),
      }),
    ]);
    expect(p.overlap).toEqual({
      days: ['2026-11-13', '2026-11-14', '2026-11-16'],
      keysOnlyInFile: 0,
      keysOnlyEarlier: 0,
    });
    expect(p).toMatchObject({ rowsToImport: 57, rowsDuplicate: 37, rowsReplacing: 1, changeUsd: '15.761890075' });
  });

  it('merges to 607 facts and 148.70262285 USD, the API winning on the revised key', () => {
    expect(effectiveBuckets(merged)).toHaveLength(607);
    expect(text(actualsTotals(merged, BOOK).billedUsd)).toBe('148.70262285');
    expect(amountsBy(merged, 'project', 'billedUsd')).toEqual({
      [STOREFRONT]: '107.049052',
      [SOCIAL]: '37.557716575',
      [COPY]: '4.095854275',
    });
    expect(amountsBy(merged, 'model', 'billedUsd')).toEqual({
      'gpt-5-mini': '4.40872335',
      'gpt-image-2': '144.2938995',
    });
    expect(amountsBy(merged, ['project', 'model'], 'billedUsd')[`${SOCIAL} / gpt-image-2`]).toBe('37.2448475');
    expect(amountsBy(merged, 'day', 'billedUsd')['2026-11-16']).toBe('3.8878088');
  });

  it('merged per ISO week and project', () => {
    const byWeek = amountsBy(merged, 'week', 'billedUsd');
    expect(byWeek).toMatchObject({ '2026-W40': '8.5655575', '2026-W46': '21.234824325', '2026-W47': '19.443898875' });
    const byWeekProject = amountsBy(merged, ['week', 'project'], 'billedUsd');
    expect(byWeekProject).toMatchObject({
      [`2026-W43 / ${STOREFRONT}`]: '15.347302',
      [`2026-W43 / ${SOCIAL}`]: '5.250892775',
      [`2026-W43 / ${COPY}`]: '0.597091375',
      [`2026-W47 / ${STOREFRONT}`]: '14.16139',
      [`2026-W47 / ${SOCIAL}`]: '4.69405055',
      [`2026-W47 / ${COPY}`]: '0.588458325',
    });
  });

  it('the batches say their measure and amount; the ledger is plain JSON', () => {
    expect(merged.batches.map((b) => [b.source, b.measure, b.amountUsd, b.rowsDuplicate, b.rowsReplaced])).toEqual([
      ['openai-costs', 'billed', '132.940732775', 0, 0],
      ['openai-costs-api', 'billed', '24.7872685', 37, 1],
    ]);
    expectPlainJson(merged);
  });

  it('removing the API page gives back the export alone, exactly', () => {
    const r = removeBatch(merged, p.batch?.id ?? '');
    expect(r.ok && r.value).toEqual(before);
  });

  it('removing the export keeps the API page, now counting nothing as a duplicate', () => {
    const r = removeBatch(merged, before.batches[0]?.id ?? '');
    const apiAlone = importInto(
      emptyActualsLedger(),
      apiMeta,
      api.records,
      read(api.records, { rowsRead: api.rowsRead }),
    );
    expect(r.ok && r.value).toEqual(apiAlone);
    expect(apiAlone.batches[0]).toMatchObject({ rowsImported: 94, rowsDuplicate: 0, rowsReplaced: 0 });
  });

  it('imported the other way round, the export wins the revised key (later import wins)', () => {
    const apiFirst = importInto(emptyActualsLedger(), apiMeta, api.records);
    const csvLater = importInto(apiFirst, csvMeta, csv.records);
    expect(text(actualsTotals(csvLater, BOOK).billedUsd)).toBe('148.49682285'); // 148.70262285 - 0.2058
  });

  it('the same file again adds nothing and says which batch it is', () => {
    const again = preview(merged, { ...csvMeta, fileName: 'cost_copy.csv' }, csv.records);
    expect(again.sameFileAs).toEqual({
      batchId: merged.batches[0]?.id,
      fileName: csv.file,
      importedAt: '2026-11-17T07:00:00Z',
    });
    expect(again.batch).toBeNull();
    expect(again.warnings[0]).toMatch(
      /^This file was imported before, as batch [0-9a-f]{12} \(openai-costs-export\.csv/,
    );
    expect(commit(merged, again)).toBe(merged);
  });
});

describe('usage files (counts, priced from usage)', () => {
  const completions = completionsUsageRecords();
  const images = imagesUsageRecords();

  it('completions usage priced with the price book as of each day: 21.19528615 USD', () => {
    const ledger = importInto(
      emptyActualsLedger(),
      meta('openai-completions-usage', completions.file),
      completions.records,
    );
    const totals = actualsTotals(ledger, BOOK);
    expect(totals).toMatchObject({ billedUsd: null, meteredUsd: null, unpriced: [] });
    expect(text(totals.usagePricedUsd)).toBe('21.19528615');
    expect(amountsBy(ledger, 'model', 'usagePricedUsd')).toEqual({
      'gpt-5-mini': '0.6303639',
      'gpt-image-2': '20.56492225',
    });
    expect(amountsBy(ledger, 'project', 'usagePricedUsd')).toEqual({
      [SOCIAL]: '5.250892775',
      [COPY]: '0.597091375',
      [STOREFRONT]: '15.347302',
    });
    expect(totals.byMeasure.usage).toMatchObject({ requests: 339, amountUsd: totals.usagePricedUsd });
  });

  it('completions usage equals the billed W43 cost, but the two are never added', () => {
    const ledger = importInto(
      costsCsvLedger(),
      meta('openai-completions-usage', completions.file),
      completions.records,
    );
    const w43 = groupActuals(ledger, 'week', BOOK).find((g) => g.key === '2026-W43');
    expect(text(w43?.billedUsd ?? null)).toBe('21.19528615');
    expect(text(w43?.usagePricedUsd ?? null)).toBe('21.19528615');
  });

  it('image counts without a quality stay counts, with the reason', () => {
    const p = preview(emptyActualsLedger(), meta('openai-images-usage', images.file), images.records);
    expect(p).toMatchObject({ measure: 'usage', amountUsd: null, rowsToImport: 57, periodStart: '2026-11-02' });
    const ledger = commit(emptyActualsLedger(), p);
    const totals = actualsTotals(ledger, BOOK);
    expect(totals.usagePricedUsd).toBeNull();
    expect(totals.byMeasure.usage).toMatchObject({ images: 265, requests: 203 });
    expect(totals.unpriced).toEqual([
      {
        reason:
          "image counts without a quality cannot be priced exactly (gpt-image-2's price per image depends on quality): kept as counts",
        buckets: 57,
        images: 265,
        requests: 203,
        tokens: 0,
      },
    ]);
    const byProject = groupActuals(ledger, 'project', BOOK);
    expect(byProject.map((g) => [g.key, g.byMeasure.usage.images, g.byMeasure.usage.requests])).toEqual([
      [SOCIAL, 101, 72],
      [STOREFRONT, 164, 131],
    ]);
  });

  it('images usage and completions usage are different exports: one never replaces the other', () => {
    const ledger = importInto(
      importInto(emptyActualsLedger(), meta('openai-images-usage', images.file), images.records),
      meta('openai-completions-usage', completions.file),
      completions.records,
    );
    expect(effectiveBuckets(ledger)).toHaveLength(57 + 23);
  });
});

describe('the LiteLLM spend log (per request)', () => {
  const log = litellmRecords();
  const logMeta = meta('litellm', log.file);
  const p = preview(emptyActualsLedger(), logMeta, log.records, read(log.records, { rowsRead: log.rowsRead }));
  const ledger = commit(emptyActualsLedger(), p);

  it('622 rows, 6 repeated request ids dropped: 616 requests, 56.6149570000000028533 USD', () => {
    expect(p).toMatchObject({
      measure: 'metered',
      dedupe: 'per-request',
      rowsRead: 622,
      rowsToImport: 616,
      rowsDuplicate: 6,
      rowsEmpty: 0,
      amountUsd: '56.6149570000000028533',
      periodStart: '2026-10-19',
      periodEnd: '2026-11-14',
    });
    expect(p.duplicateRequests.inFile).toBe(6);
    expect(p.duplicateRequests.inFileExamples).toHaveLength(6);
    expect(p.duplicateRequests.heldByEarlier).toEqual([]);
    const metered = actualsTotals(ledger, BOOK).byMeasure.metered;
    expect(metered).toMatchObject({ requests: 616, failedRequests: 31, images: 585 });
    expect(text(metered.amountUsd)).toBe('56.6149570000000028533');
  });

  it('per campaign and per ISO week, exact to the last digit', () => {
    expect(amountsBy(ledger, 'campaign', 'meteredUsd')).toEqual({
      '(unattributed)': '2.441230000000000095',
      'saas-hero': '9.9096000000000003741',
      'spring-catalog': '21.4371420000000010992',
      'ugc-hooks': '22.826985000000001285',
    });
    expect(amountsBy(ledger, 'week', 'meteredUsd')).toEqual({
      '2026-W43': '15.3473020000000009138',
      '2026-W44': '12.6968090000000006445',
      '2026-W45': '11.3469660000000005305',
      '2026-W46': '17.2238800000000007645',
    });
    expect(amountsBy(ledger, ['week', 'campaign'], 'meteredUsd')['2026-W45 / (unattributed)']).toBe(
      '1.252640000000000015',
    );
    const requests = groupActuals(ledger, 'campaign', BOOK).map((g) => [
      g.key,
      g.byMeasure.metered.requests - g.byMeasure.metered.failedRequests,
      g.byMeasure.metered.failedRequests,
    ]);
    expect(requests).toEqual([
      ['(unattributed)', 24, 2],
      ['saas-hero', 107, 6],
      ['spring-catalog', 251, 14],
      ['ugc-hooks', 203, 9],
    ]);
  });

  it('a request that crosses midnight counts on the day it started', () => {
    const day = groupActuals(ledger, 'day', BOOK).find((g) => g.key === '2026-10-29');
    expect(day?.byMeasure.metered).toMatchObject({ requests: 33, failedRequests: 4 });
  });

  it('two overlapping exports of the log import to the same ledger totals as the whole file', () => {
    const first = log.records.slice(0, 400);
    const second = log.records.slice(300);
    const a = meta('litellm', 'spendlogs-part-1.csv');
    const b = meta('litellm', 'spendlogs-part-2.csv');
    const split = importInto(importInto(emptyActualsLedger(), a, first), b, second);
    expect(text(actualsTotals(split, BOOK).meteredUsd)).toBe('56.6149570000000028533');
    expect(amountsBy(split, 'campaign', 'meteredUsd')).toEqual(amountsBy(ledger, 'campaign', 'meteredUsd'));
    // Removing the first export promotes what the second held back: exactly the second alone.
    const r = removeBatch(split, split.batches[0]?.id ?? '');
    expect(r.ok && r.value).toEqual(importInto(emptyActualsLedger(), b, second));
  });
});
