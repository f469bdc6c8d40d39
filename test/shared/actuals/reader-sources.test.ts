import { describe, expect, it } from 'vitest';
import type { ActualRecord } from '../../../shared/actuals/actual-record';
import { createMappingProfile, type MappingProfile } from '../../../shared/actuals/read/mapping-profile';
import { toDecimalString } from '../../../shared/money/exact';
import { COSTS_HEADER_B, csv, LITELLM_HEADER, spendLogRow } from './support/generate';
import { fixtureText, readActuals, total } from './support/read-actuals';

function profileFor(
  header: string[],
  columns: MappingProfile['columns'],
  extra: Partial<MappingProfile> = {},
): MappingProfile {
  const p = createMappingProfile({ name: 'test', header, columns, ...extra });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

const amounts = (records: readonly ActualRecord[]): (string | null)[] =>
  records.map((r) => (r.amountUsd === null ? null : toDecimalString(r.amountUsd)));

describe('OpenAI cost export, header variant B (17 columns)', () => {
  const text = csv([
    COSTS_HEADER_B,
    [
      '1790812800',
      '1790899200',
      '2026-10-01T00:00:00',
      '2026-10-02T00:00:00',
      '0.000004500000000000000000000000000',
      'usd',
      '30.0',
      'tokens',
      'gpt-image-2-2026-04-21 text, input',
      'user-1',
      'key_1',
      'proj_A',
      'org-1',
      'Storefront',
      'Org',
      'mara@example.com',
      'api',
    ],
    [
      '1790812800',
      '1790899200',
      '2026-10-01T00:00:00',
      '2026-10-02T00:00:00',
      '0.0412',
      'usd',
      '1374.0',
      'tokens',
      'gpt-image-2-2026-04-21 image, output',
      'user-1',
      'key_1',
      'proj_A',
      'org-1',
      'Storefront',
      'Org',
      'mara@example.com',
      'api',
    ],
    [
      '1790812800',
      '1790899200',
      '2026-10-01T00:00:00',
      '2026-10-02T00:00:00',
      '0.25',
      'usd',
      '12.0',
      'characters',
      'tts-1, input',
      'user-1',
      'key_1',
      'proj_A',
      'org-1',
      'Storefront',
      'Org',
      'mara@example.com',
      'api',
    ],
    [
      '1790899200',
      '1790985600',
      '2026-10-02T00:00:00+00:00',
      '2026-10-03T00:00:00+00:00',
      ...Array<string>(13).fill(''),
    ],
  ]);

  it('reads quantities, keys, users and the no-spend row', () => {
    const { outcome, records, rejected } = readActuals(text);
    expect(outcome.source.source).toBe('openai-costs');
    expect(rejected).toEqual([]);
    expect([outcome.rowsRead, records.length, outcome.rowsEmpty]).toEqual([4, 3, 1]);
    expect(amounts(records)).toEqual(['0.0000045', '0.0412', '0.25']);
    expect(records.map((r) => [r.tokens.textIn, r.tokens.imageOut])).toEqual([
      [30, 0],
      [0, 1374],
      [0, 0],
    ]);
    expect(records[2]?.quantity).toEqual({ value: { units: 12n, scale: 0 }, unit: 'characters' });
    expect(records[0]?.dims).toMatchObject({ project: 'proj_A', apiKey: 'key_1', user: 'user-1' });
    expect(records[0]?.day).toBe('2026-10-01');
  });
});

describe('OpenAI Costs API saved as several pages', () => {
  const page = JSON.parse(fixtureText('openai-costs-api.json')) as {
    data: unknown[];
    has_more: boolean;
    next_page: string | null;
  };
  const pages = [0, 3, 6].map((from, i, all) => ({
    object: 'page',
    data: page.data.slice(from, all[i + 1] ?? page.data.length),
    has_more: i < 2,
    next_page: i < 2 ? `page_${i + 1}` : null,
  }));
  const whole = readActuals(fixtureText('openai-costs-api.json'), { fileName: 'costs.json' });

  it.each([
    { why: 'a JSON array of pages', text: JSON.stringify(pages, null, 2), container: 'json' },
    { why: 'one page per line', text: pages.map((p) => JSON.stringify(p)).join('\n') + '\n', container: 'jsonl' },
    { why: 'one page per line, CRLF', text: pages.map((p) => JSON.stringify(p)).join('\r\n'), container: 'jsonl' },
  ])('$why reads to the same records and total', ({ text, container }) => {
    const read = readActuals(text, { fileName: 'costs.json' }, 1_000);
    expect(read.outcome.status).toBe('done');
    expect(read.outcome.dialect.container).toBe(container);
    expect(read.outcome.source.source).toBe('openai-costs-api');
    expect([read.outcome.rowsRead, read.outcome.rowsEmpty]).toEqual([95, 1]);
    expect(total(read.records)).toBe('24.7872685');
    expect(read.records.map((r) => ({ ...r, line: 0 }))).toEqual(whole.records.map((r) => ({ ...r, line: 0 })));
  });

  it('names the JSON path of a bad amount', () => {
    const bad = JSON.parse(JSON.stringify(page)) as { data: { results: { amount: { value: string } }[] }[] };
    const first = bad.data[0]?.results[1];
    if (first) first.amount.value = 'twelve';
    const read = readActuals(JSON.stringify(bad), { fileName: 'costs.json' });
    expect(read.rejected).toEqual([
      { file: 'costs.json', line: 2, column: 'data[0].results[1].amount_value', reason: '"twelve" is not a number' },
    ]);
    expect(read.records).toHaveLength(93);
  });
});

describe('OpenAI usage: images (dashboard CSV) and completions (API JSON)', () => {
  it('reads the images usage CSV header', () => {
    const text = csv([
      [
        'start_time',
        'end_time',
        'start_time_iso',
        'end_time_iso',
        'project_id',
        'num_model_requests',
        'user_id',
        'api_key_id',
        'model',
        'size',
        'source',
        'images',
      ],
      [
        '1793577600',
        '1793664000',
        '2026-11-02T00:00:00+00:00',
        '2026-11-03T00:00:00+00:00',
        'proj_A',
        '2.0',
        '',
        '',
        'gpt-image-2',
        '1024x1024',
        'image.generation',
        '3.0',
      ],
      [
        '1793664000',
        '1793750400',
        '2026-11-03T00:00:00+00:00',
        '2026-11-04T00:00:00+00:00',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
    const read = readActuals(text);
    expect(read.outcome.source).toMatchObject({ source: 'openai-images-usage', measure: 'usage' });
    expect(
      read.records.map((r) => [r.day, r.images, r.requests, r.dims.size, r.dims.imageSource, r.amountUsd]),
    ).toEqual([['2026-11-02', 3, 2, '1024x1024', 'image.generation', null]]);
    expect(read.outcome.rowsEmpty).toBe(1);
  });

  it('reads a completions usage API page (totals without the breakdown, batch as a boolean)', () => {
    const page = {
      object: 'page',
      data: [
        {
          object: 'bucket',
          start_time: 1792368000,
          end_time: 1792454400,
          results: [
            {
              object: 'organization.usage.completions.result',
              input_tokens: 9832,
              output_tokens: 2256,
              input_cached_tokens: 2161,
              input_audio_tokens: 0,
              output_audio_tokens: 0,
              num_model_requests: 3,
              project_id: 'proj_B',
              model: 'gpt-5-mini-2025-08-07',
              batch: true,
            },
          ],
        },
      ],
      has_more: false,
      next_page: null,
    };
    const read = readActuals(JSON.stringify(page), { fileName: 'usage.json' });
    expect(read.outcome.source.source).toBe('openai-completions-usage');
    expect(read.records).toHaveLength(1);
    expect(read.records[0]).toMatchObject({
      day: '2026-10-19',
      amountUsd: null,
      requests: 3,
      tokens: { textIn: 7671, textCachedIn: 2161, textOut: 2256 },
      dims: { model: 'gpt-5-mini', project: 'proj_B', surface: 'batch' },
    });
  });
});

describe('LiteLLM', () => {
  const logs = [
    {
      id: 'r1',
      spend: '0.10576500000000001',
      start: '2026-10-19 06:02:31.747',
      tags: ['campaign:spring-catalog', 'team:growth'],
    },
    { id: 'r2', spend: '0.033', start: '2026-10-19 23:59:58.64', tags: ['team:growth'], metadataCampaign: 'ugc-hooks' },
    { id: 'r3', spend: '0.5', start: '2026-10-20 00:00:01', status: 'failure' as const, tags: [] },
    {
      id: 'r4',
      spend: '0.04',
      start: '2026-10-20 08:00:00',
      tags: ['campaign:saas-hero'],
      metadataCampaign: 'spring-catalog',
      callType: 'aimage_edit',
    },
  ];

  it('reads spend-log columns in any order', () => {
    const order = [...LITELLM_HEADER.keys()].reverse();
    const rows = [LITELLM_HEADER, ...logs.map(spendLogRow)].map((r) => order.map((i) => r[i] ?? ''));
    const read = readActuals(csv(rows));
    expect(read.outcome.source.source).toBe('litellm');
    expect(
      read.records.map((r) => [r.requestId, r.day, r.dims.campaign, r.failedRequests, r.dims.imageSource]),
    ).toEqual([
      ['r1', '2026-10-19', 'spring-catalog', 0, 'image.generation'],
      ['r2', '2026-10-19', 'ugc-hooks', 0, 'image.generation'],
      ['r3', '2026-10-20', '', 1, 'image.generation'],
      ['r4', '2026-10-20', 'saas-hero', 0, 'image.edit'],
    ]);
    expect(amounts(read.records)).toEqual(['0.10576500000000001', '0.033', '0', '0.04']);
    expect(read.records[0]?.dims).toMatchObject({
      project: 'team-growth',
      vendor: 'openai',
      model: 'gpt-image-2',
      apiKey: 'hash-1',
    });
  });

  it('reads /spend/logs JSON, numbers exactly as written', () => {
    const json =
      '[' +
      logs
        .map(
          (l) =>
            `{"request_id":"${l.id}","call_type":"aimage_generation","spend":${l.spend},"startTime":"${l.start.replace(' ', 'T')}Z",` +
            `"model":"openai/gpt-image-2-2026-04-21","custom_llm_provider":"openai","status":"${l.status ?? 'success'}",` +
            `"request_tags":${JSON.stringify(l.tags)},"metadata":{"spend_logs_metadata":${l.metadataCampaign ? `{"campaign":"${l.metadataCampaign}"}` : 'null'}},"prompt_tokens":46,"completion_tokens":1756}`,
        )
        .join(',') +
      ']';
    const read = readActuals(json, { fileName: 'spend-logs.json' });
    expect(read.outcome.source).toMatchObject({ source: 'litellm', dedupe: 'per-request' });
    expect(read.rejected).toEqual([]);
    expect(amounts(read.records)).toEqual(['0.10576500000000001', '0.033', '0', '0.04']);
    expect(read.records.map((r) => r.dims.campaign)).toEqual(['spring-catalog', 'ugc-hooks', '', 'saas-hero']);
    expect(read.records[0]?.dims.model).toBe('gpt-image-2');
  });

  it.each([
    {
      table: 'LiteLLM_DailyTagSpend',
      key: 'tag',
      value: 'campaign:spring-catalog',
      dims: { tags: ['campaign:spring-catalog'], campaign: 'spring-catalog' },
    },
    { table: 'LiteLLM_DailyTeamSpend', key: 'team_id', value: 'team-growth', dims: { project: 'team-growth' } },
    { table: 'LiteLLM_DailyUserSpend', key: 'user_id', value: 'u-mara', dims: { user: 'u-mara' } },
  ])('reads the daily roll-up $table', ({ key, value, dims }) => {
    const header = [
      'id',
      key,
      'date',
      'api_key',
      'model',
      'model_group',
      'custom_llm_provider',
      'mcp_namespaced_tool_name',
      'endpoint',
      'prompt_tokens',
      'completion_tokens',
      'cache_read_input_tokens',
      'cache_creation_input_tokens',
      'spend',
      'api_requests',
      'successful_requests',
      'failed_requests',
      'created_at',
      'updated_at',
    ];
    const row = [
      'x1',
      value,
      '2026-10-19',
      'hash-1',
      'gpt-image-2',
      'gpt-image-2',
      'openai',
      '',
      '/images/generations',
      '1200',
      '50000',
      '100',
      '0',
      '3.5872310000000002839',
      '33',
      '31',
      '2',
      '2026-10-20 00:05:00',
      '2026-10-20 00:05:00',
    ];
    const read = readActuals(csv([header, row]));
    expect(read.outcome.source).toEqual({
      source: 'litellm-daily',
      how: 'detected',
      measure: 'metered',
      dedupe: 'keyed',
    });
    expect(read.records).toHaveLength(1);
    expect(read.records[0]).toMatchObject({
      day: '2026-10-19',
      requests: 33,
      failedRequests: 2,
      tokens: { textIn: 1100, textCachedIn: 100, imageOut: 50000 },
      dims: { model: 'gpt-image-2', vendor: 'openai', modality: 'image', ...dims },
    });
    expect(amounts(read.records)).toEqual(['3.5872310000000002839']);
  });
});

describe("a team's own per-request log (JSON Lines of Images API usage)", () => {
  const line = (o: Record<string, unknown>): string => JSON.stringify(o);
  const usage = {
    input_tokens: 50,
    input_tokens_details: { text_tokens: 40, image_tokens: 10 },
    output_tokens: 4160,
    total_tokens: 4210,
  };

  it('reads usage when the lines carry no cost, all output counted as image output', () => {
    const text = [
      line({
        time: '2026-11-02T09:00:00Z',
        model: 'gpt-image-2',
        size: '1024x1536',
        quality: 'high',
        campaign: 'spring-catalog',
        request_id: 'req_1',
        usage,
      }),
      '',
      line({
        created: 1793577600,
        model: 'gpt-image-2-2026-04-21',
        size: '1024x1024',
        quality: 'low',
        request_id: 'req_2',
        n: 2,
        usage: { ...usage, output_tokens_details: { text_tokens: 10, image_tokens: 4150 } },
      }),
    ].join('\n');
    const read = readActuals(text, { fileName: 'log.jsonl' });
    expect(read.outcome.source).toEqual({ source: 'jsonl', how: 'detected', measure: 'usage', dedupe: 'per-request' });
    expect(read.outcome.notes).toEqual([
      'the log has no cost on its lines: read as usage (tokens, priced from the price book)',
    ]);
    expect(
      read.records.map((r) => [r.line, r.day, r.requestId, r.images, r.dims.quality, r.dims.campaign, r.amountUsd]),
    ).toEqual([
      [1, '2026-11-02', 'req_1', 1, 'high', 'spring-catalog', null],
      [3, '2026-11-02', 'req_2', 2, 'low', '', null],
    ]);
    expect(read.records.map((r) => [r.tokens.textIn, r.tokens.imageIn, r.tokens.textOut, r.tokens.imageOut])).toEqual([
      [40, 10, 0, 4160],
      [40, 10, 10, 4150],
    ]);
  });

  it('reads metered spend when the first line has a cost, and rejects a later line without one', () => {
    const text = [
      line({ time: '2026-11-02T09:00:00Z', model: 'gpt-image-2', cost_usd: '0.1664', request_id: 'a', usage }),
      line({
        time: '2026-11-02T09:01:00Z',
        model: 'gpt-image-2',
        cost_usd: 0.10640000000000001,
        request_id: 'b',
        usage,
      }),
      line({ time: '2026-11-02T09:02:00Z', model: 'gpt-image-2', request_id: 'c', usage }),
      '{"time": "2026-11-02T09:03:00Z", not json',
    ].join('\n');
    const read = readActuals(text, { fileName: 'log.jsonl' });
    expect(read.outcome.source.measure).toBe('metered');
    expect(amounts(read.records)).toEqual(['0.1664', '0.10640000000000001']);
    expect(read.rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      [3, 'cost_usd', 'the cost is empty (earlier lines of this log have one)'],
      [4, null, 'the line is not JSON: invalid JSON at column 34: expected a key in quotes'],
    ]);
    expect(read.outcome.rowsRead).toBe(4);
  });
});

describe('dates: unix milliseconds, and the day/month order', () => {
  const header = ['date', 'amount'];

  it('reads unix milliseconds', () => {
    const profile = profileFor(header, { date: 'date', amount: 'amount' });
    const read = readActuals(csv([header, ['1790812800000', '1'], ['1794528000123', '2']]), { profile });
    expect(read.records.map((r) => r.day)).toEqual(['2026-10-01', '2026-11-13']);
  });

  const ambiguous = [header, ['03/04/2026', '1'], ['04/05/2026', '2'], ['12/12/2026', '3']];

  it('asks when every date reads both ways, and reads the choice', () => {
    const profile = profileFor(header, { date: 'date', amount: 'amount' });
    const asked = readActuals(csv(ambiguous), { profile });
    expect(asked.outcome.status).toBe('needs-choice');
    expect(asked.records).toEqual([]);
    expect(asked.outcome.choices).toEqual([
      {
        kind: 'date-order',
        column: 'date',
        examples: ['03/04/2026', '04/05/2026'],
        message: expect.stringContaining('--date-format DMY or MDY'),
      },
    ]);
    expect(asked.outcome.dialect.dateOrder.how).toBe('ambiguous');
    const dmy = readActuals(csv(ambiguous), { profile, dateOrder: 'DMY' });
    expect(dmy.outcome.status).toBe('done');
    expect(dmy.records.map((r) => r.day)).toEqual(['2026-04-03', '2026-05-04', '2026-12-12']);
    expect(dmy.outcome.dialect.dateOrder.how).toBe('given');
    const mdy = readActuals(csv(ambiguous), { profile: { ...profile, dateOrder: 'MDY' } });
    expect(mdy.records.map((r) => r.day)).toEqual(['2026-03-04', '2026-04-05', '2026-12-12']);
  });

  it.each([
    { proof: '25/12/2026', order: 'DMY', days: ['2026-04-03', '2026-05-04', '2026-12-12', '2026-12-25'] },
    { proof: '12/25/2026', order: 'MDY', days: ['2026-03-04', '2026-04-05', '2026-12-12', '2026-12-25'] },
  ])('infers $order from a later $proof, reads the rows before it, and says so', ({ proof, order, days }) => {
    const profile = profileFor(header, { date: 'date', amount: 'amount' });
    const read = readActuals(csv([...ambiguous, [proof, '4']]), { profile }, 3);
    expect(read.outcome.status).toBe('done');
    expect(read.records.map((r) => r.day)).toEqual(days);
    expect(read.records.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(read.outcome.dialect.dateOrder).toMatchObject({ order, how: 'inferred', proof: { line: 5, text: proof } });
    expect(read.outcome.notes[0]).toContain(`as line 5 shows: ${proof}`);
  });

  it('rejects a date the inferred order cannot read', () => {
    const profile = profileFor(header, { date: 'date', amount: 'amount' });
    const read = readActuals(csv([header, ['25/12/2026', '1'], ['12/25/2026', '2']]), { profile });
    expect(read.records.map((r) => r.day)).toEqual(['2026-12-25']);
    expect(read.rejected).toEqual([
      { file: 'file.csv', line: 3, column: 'date', reason: '"12/25/2026" is not a valid day/month/year date' },
    ]);
  });
});

describe('amounts in another currency', () => {
  const header = ['Date', 'Amount', 'Currency', 'Vendor'];
  const rows = [
    header,
    ['2026-10-01', '9.20', 'EUR', 'fal.ai'],
    ['2026-10-01', '5', 'USD', 'openai'],
    ['2026-10-02', '4.60', 'eur', 'fal.ai'],
  ];
  const profile = profileFor(header, { date: 'Date', amount: 'Amount', currency: 'Currency', vendor: 'Vendor' });

  it('refuses the rows without a rate, saying which currency and how to give one', () => {
    const read = readActuals(csv(rows), { profile });
    expect(read.outcome.status).toBe('done');
    expect(amounts(read.records)).toEqual(['5']);
    expect(read.outcome.missingRates).toEqual(['EUR']);
    expect(read.rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 'Amount', 'the amount is in EUR and no rate was given: give a rate for EUR (units per USD)'],
      [4, 'Amount', 'the amount is in EUR and no rate was given: give a rate for EUR (units per USD)'],
    ]);
  });

  it('converts with the rate given (units per USD), keeping the original amount', () => {
    const read = readActuals(csv(rows), { profile, rates: { EUR: '0.92' } });
    expect(read.rejected).toEqual([]);
    expect(amounts(read.records)).toEqual(['10', '5', '5']);
    expect(read.records[0]?.original).toEqual({ amount: { units: 92n, scale: 1 }, currency: 'EUR' });
    expect(read.records[1]?.original).toBeNull();
    expect(read.records.map((r) => r.dims.vendor)).toEqual(['fal.ai', 'openai', 'fal.ai']);
  });

  it('rounds a conversion that does not terminate once, at 12 decimals', () => {
    const read = readActuals(csv([header, ['2026-10-01', '1', 'GBP', '']]), { profile, rates: { GBP: '0.75' } });
    expect(amounts(read.records)).toEqual(['1.333333333333']);
  });
});

describe('usage profiles', () => {
  it('reads quantities in tokens by the line item kind, images and requests, with no amount', () => {
    const header = ['day', 'line', 'qty', 'unit', 'imgs'];
    const profile = profileFor(
      header,
      { date: 'day', 'line-item': 'line', quantity: 'qty', unit: 'unit', images: 'imgs' },
      { measure: 'usage' },
    );
    const read = readActuals(
      csv([
        header,
        ['2026-10-01', 'gpt-image-2 image, output', '4160', 'tokens', '1'],
        ['2026-10-01', 'gpt-image-2', '3', 'images', ''],
        ['2026-10-02', '', '', '', ''],
      ]),
      { profile },
    );
    expect(read.outcome.source).toMatchObject({ source: 'csv', measure: 'usage' });
    expect(read.records.map((r) => [r.amountUsd, r.tokens.imageOut, r.images, r.dims.model])).toEqual([
      [null, 4160, 1, 'gpt-image-2'],
      [null, 0, 3, 'gpt-image-2'],
    ]);
    expect(read.outcome.rowsEmpty).toBe(1);
  });
});
