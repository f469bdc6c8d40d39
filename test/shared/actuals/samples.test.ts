import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActualRecord, TokenCounts } from '../../../shared/actuals/actual-record';
import { add, type Exact, mul, parseDecimal, toDecimalString, ZERO } from '../../../shared/money/exact';
import {
  countBy,
  firstPerRequest,
  fixture,
  fixtureText,
  isoWeek,
  readActuals,
  total,
  totalsBy,
} from './support/read-actuals';

/** The figures ../../fixtures/actuals/samples-readme.md states for each sample file (expected.json). */
const expected = JSON.parse(fixtureText('expected.json')) as {
  rates_usd_per_1m_tokens: Record<string, Record<string, string>>;
  'openai-costs-export': Record<string, unknown> & { per_project_usd: object; per_model_usd: object };
  'openai-costs-api': Record<string, unknown>;
  'openai-usage-images-api': Record<string, unknown>;
  'openai-completions-usage-export': Record<string, unknown>;
  'litellm-spendlogs': Record<string, unknown>;
  sha256: Record<string, string>;
};

const SAMPLE_FILES = Object.keys(expected.sha256);

function read(name: string, chunk = 4_096): ReturnType<typeof readActuals> {
  return readActuals(fixture(name), { fileName: name }, chunk);
}

describe('sample exports read to the figures their README states', () => {
  it.each(SAMPLE_FILES)('%s is the unchanged sample', (name) => {
    expect(createHash('sha256').update(fixture(name)).digest('hex')).toBe(expected.sha256[name]);
  });

  it('openai-costs-export.csv: 556 rows read = 551 facts (33 of them $0) + 5 days without spend', () => {
    const e = expected['openai-costs-export'];
    const { outcome, records, rejected } = read('openai-costs-export.csv');
    expect(outcome.status).toBe('done');
    expect(outcome.source).toEqual({ source: 'openai-costs', how: 'detected', measure: 'billed', dedupe: 'keyed' });
    expect(outcome.dialect).toMatchObject({
      encoding: 'utf-8',
      container: 'csv',
      delimiter: ',',
      decimalSeparator: '.',
    });
    expect(rejected).toEqual([]);
    expect([outcome.rowsRead, outcome.recordCount, outcome.rowsEmpty]).toEqual([556, 551, 5]);
    expect(records).toHaveLength(551);
    expect(records.filter((r) => r.amountUsd?.units === 0n)).toHaveLength(e['fact_rows_with_zero_amount'] as number);
    const days = new Set(records.map((r) => r.day));
    expect((e['days_with_no_spend'] as string[]).filter((d) => days.has(d))).toEqual([]);
    expect(total(records)).toBe(e['total_usd']);
    expect(totalsBy(records, (r) => r.dims.project)).toEqual(e.per_project_usd);
    expect(totalsBy(records, (r) => r.dims.model)).toEqual(e.per_model_usd);
    expect(totalsBy(records, (r) => isoWeek(r.day))).toEqual(e['per_iso_week_usd']);
    expect(totalsBy(records, (r) => r.day)).toEqual(e['per_day_usd']);
    const kinds = totalsBy(records, (r) => `${r.dims.model}|${r.dims.modality}, ${r.dims.direction}`);
    expect(kinds).toEqual(flatten(e['per_model_and_line_kind_usd'] as Record<string, Record<string, string>>));
    expect(records[0]?.dims).toMatchObject({
      lineItem: 'gpt-image-2-2026-04-21 image, output',
      model: 'gpt-image-2',
      modality: 'image',
      direction: 'output',
      vendor: 'openai',
    });
    expect(records.every((r) => r.requestId === null && r.original === null && r.flags.length === 0)).toBe(true);
  });

  it('openai-costs-api.json: 8 buckets, 94 results (6 of them 0E-6176), quantities as tokens', () => {
    const e = expected['openai-costs-api'];
    const { outcome, records, rejected } = read('openai-costs-api.json');
    expect(outcome.status).toBe('done');
    expect(outcome.source.source).toBe('openai-costs-api');
    expect(outcome.dialect.container).toBe('json');
    expect(rejected).toEqual([]);
    expect([outcome.rowsRead, outcome.recordCount, outcome.rowsEmpty]).toEqual([95, 94, 1]);
    const zeroText = fixtureText('openai-costs-api.json').match(/"0E-6176"/g) ?? [];
    expect(zeroText).toHaveLength(6);
    expect(records.filter((r) => r.amountUsd?.units === 0n)).toHaveLength(e['results_with_amount_0E-6176'] as number);
    expect(total(records)).toBe(e['total_usd']);
    expect(totalsBy(records, (r) => r.dims.project)).toEqual(e['per_project_usd']);
    expect(totalsBy(records, (r) => r.dims.model)).toEqual(e['per_model_usd']);
    expect(totalsBy(records, (r) => r.day)).toEqual(e['per_day_usd']);
    // The first result: 5075.0 tokens of "gpt-5-mini-2025-08-07, cached input".
    expect(records[0]?.tokens.textCachedIn).toBe(5075);
    expect(records[0]?.dims).toMatchObject({ model: 'gpt-5-mini', modality: 'text', direction: 'cached input' });
    expect(records.every((r) => r.quantity === null)).toBe(true);
  });

  it('openai-usage-images-api.json: 57 results, 265 images, 203 requests, counts only', () => {
    const e = expected['openai-usage-images-api'];
    const { outcome, records, rejected } = read('openai-usage-images-api.json');
    expect(outcome.status).toBe('done');
    expect(outcome.source).toEqual({
      source: 'openai-images-usage',
      how: 'detected',
      measure: 'usage',
      dedupe: 'keyed',
    });
    expect(rejected).toEqual([]);
    expect([outcome.recordCount, outcome.rowsEmpty]).toEqual([57, 1]);
    expect(records.every((r) => r.amountUsd === null)).toBe(true);
    expect(sum(records, (r) => r.images)).toBe(265);
    expect(sum(records, (r) => r.requests)).toBe(203);
    expect(
      countBy(
        records,
        (r) => r.dims.model,
        (r) => r.images,
      ),
    ).toEqual(e['images_per_model']);
    const perSize = e['images_per_project_per_size'] as Record<string, Record<string, number>>;
    expect(
      countBy(
        records,
        (r) => `${r.dims.project}|${r.dims.size}`,
        (r) => r.images,
      ),
    ).toEqual(flatten(perSize));
    const perSource = e['images_per_project_per_source'] as Record<string, Record<string, number>>;
    expect(
      countBy(
        records,
        (r) => `${r.dims.project}|${r.dims.imageSource}`,
        (r) => r.images,
      ),
    ).toEqual(flatten(perSource));
    const perDay = e['requests_per_day_per_project'] as Record<string, Record<string, number>>;
    expect(
      countBy(
        records,
        (r) => `${r.day}|${r.dims.project}`,
        (r) => r.requests,
      ),
    ).toEqual(flatten(perDay));
  });

  it('openai-completions-usage-export.csv: 23 data rows + 1 empty day; priced with the sample rates: 21.19528615', () => {
    const e = expected['openai-completions-usage-export'];
    const { outcome, records, rejected } = read('openai-completions-usage-export.csv');
    expect(outcome.status).toBe('done');
    expect(outcome.source.measure).toBe('usage');
    expect(rejected).toEqual([]);
    expect([outcome.rowsRead, outcome.recordCount, outcome.rowsEmpty]).toEqual([24, 23, 1]);
    const models = e['totals_per_model'] as Record<string, Record<string, number>>;
    for (const [model, t] of Object.entries(models)) {
      const mine = records.filter((r) => r.dims.model === model);
      expect(sum(mine, (r) => r.requests)).toBe(t['num_model_requests']);
      expect(tokenSum(mine, 'textIn')).toBe(t['input_text_tokens']);
      expect(tokenSum(mine, 'textCachedIn')).toBe(t['input_cached_text_tokens']);
      expect(tokenSum(mine, 'imageIn')).toBe(t['input_image_tokens']);
      expect(tokenSum(mine, 'imageCachedIn')).toBe(t['input_cached_image_tokens']);
      expect(tokenSum(mine, 'textOut')).toBe(t['output_text_tokens']);
      expect(tokenSum(mine, 'imageOut')).toBe(t['output_image_tokens']);
    }
    expect(records.every((r) => r.amountUsd === null && r.dims.surface === '')).toBe(true);
    const priced = (e['priced_from_usage_usd'] as { total: string }).total;
    expect(toDecimalString(records.map(priceFromUsage).reduce(add, ZERO))).toBe(priced);
  });

  it('litellm-spendlogs.csv: 622 records (the 6 duplicate ids stay for the ledger), 56.6149570000000028533 once each', () => {
    const e = expected['litellm-spendlogs'];
    const { outcome, records, rejected } = read('litellm-spendlogs.csv', 65_536);
    expect(outcome.status).toBe('done');
    expect(outcome.source).toEqual({ source: 'litellm', how: 'detected', measure: 'metered', dedupe: 'per-request' });
    expect(rejected).toEqual([]);
    expect([outcome.rowsRead, outcome.recordCount]).toEqual([622, 622]);
    const kept = firstPerRequest(records);
    expect(kept).toHaveLength(616);
    expect(total(kept)).toBe(e['spend_total_usd_exact_sum_of_text_values']);
    expect(countBy(kept, (r) => (r.failedRequests ? 'failure' : 'success'))).toEqual(e['status_counts']);
    expect(kept.filter((r) => r.failedRequests === 1).every((r) => r.amountUsd?.units === 0n && r.requests === 1)).toBe(
      true,
    );
    expect(countBy(kept, (r) => r.dims.imageSource)).toEqual({ 'image.generation': 545, 'image.edit': 71 });
    const campaign = (r: ActualRecord): string => r.dims.campaign || '(unattributed)';
    expect(totalsBy(kept, campaign)).toEqual(e['per_campaign_usd']);
    expect(totalsBy(kept, (r) => isoWeek(r.day))).toEqual(e['per_iso_week_usd']);
    expect(totalsBy(kept, (r) => r.day)).toEqual(e['per_day_usd']);
    const requests = countBy(kept, (r) => `${campaign(r)}|${r.failedRequests ? 'failure' : 'success'}`);
    expect(requests).toEqual(flatten(e['per_campaign_request_counts'] as Record<string, Record<string, number>>));
    expect(tokenSum(kept, 'textIn')).toBe(252_941);
    expect(tokenSum(kept, 'imageOut')).toBe(1_831_594);
  });

  it('litellm-spendlogs.csv: campaign from a tag for 495 rows, metadata for 95, none for 26; the tag wins in 14', () => {
    const e = expected['litellm-spendlogs'];
    const kept = firstPerRequest(read('litellm-spendlogs.csv').records);
    const from = (r: ActualRecord): string =>
      r.dims.tags.some((t) => t.startsWith('campaign:'))
        ? 'request_tags'
        : r.dims.campaign
          ? 'metadata.spend_logs_metadata'
          : 'none';
    expect(countBy(kept, from)).toEqual(e['campaign_source_counts']);
    const disagree = e['rows_where_tag_and_metadata_disagree (tag wins)'] as {
      request_id: string;
      request_tags: string;
    }[];
    expect(disagree).toHaveLength(14);
    for (const row of disagree) {
      expect(kept.find((r) => r.requestId === row.request_id)?.dims.campaign).toBe(row.request_tags);
    }
    expect(kept[0]?.dims.tags).toEqual(['campaign:spring-catalog', 'team:growth']);
  });

  it('litellm-spendlogs.csv: a request is on the day it started (a failure crossing midnight counts on 10-29)', () => {
    const kept = firstPerRequest(read('litellm-spendlogs.csv').records);
    expect(kept.find((r) => r.requestId === 'd63ab462-4be8-4ae7-8233-22dfb87ed289')?.day).toBe('2026-10-29');
    const day = kept.filter((r) => r.day === '2026-10-29');
    expect([sum(day, (r) => r.requests - r.failedRequests), sum(day, (r) => r.failedRequests)]).toEqual([29, 4]);
  });

  it.each([1, 7, 1_000, 1 << 20])('reads the same records in chunks of %i bytes', (chunk) => {
    for (const name of ['openai-costs-export.csv', 'openai-costs-api.json']) {
      expect(read(name, chunk).records).toEqual(read(name, 1 << 24).records);
    }
  });
});

function sum(records: readonly ActualRecord[], value: (r: ActualRecord) => number): number {
  return records.reduce((s, r) => s + value(r), 0);
}

function tokenSum(records: readonly ActualRecord[], kind: keyof TokenCounts): number {
  return sum(records, (r) => r.tokens[kind]);
}

function flatten<T>(nested: Record<string, Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [a, inner] of Object.entries(nested)) for (const [b, v] of Object.entries(inner)) out[`${a}|${b}`] = v;
  return out;
}

/** Tokens × the sample's rates (USD per 1M tokens): the ledger's pricing, done here to check the counts. */
function priceFromUsage(r: ActualRecord): Exact {
  const rates = expected.rates_usd_per_1m_tokens[r.dims.model] ?? {};
  const kinds: [keyof TokenCounts, string][] = [
    ['textIn', 'text, input'],
    ['textCachedIn', 'text, cached input'],
    ['imageIn', 'image, input'],
    ['imageCachedIn', 'image, cached input'],
    ['textOut', 'text, output'],
    ['imageOut', 'image, output'],
  ];
  let usd = ZERO;
  for (const [kind, line] of kinds) {
    const rate = parseDecimal(rates[line] ?? '0') ?? ZERO;
    usd = add(usd, mul(mul(rate, { units: BigInt(r.tokens[kind]), scale: 0 }), { units: 1n, scale: 6 }));
  }
  return usd;
}
