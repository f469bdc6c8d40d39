import type { ActualRecord, RecordDimensions } from '../shared/actuals/actual-record';
import { actualsTotals } from '../shared/actuals/ledger/actuals-report';
import { effectiveBuckets } from '../shared/actuals/ledger/effective-buckets';
import { startImport } from '../shared/actuals/ledger/import-accumulator';
import type { ImportMeta } from '../shared/actuals/ledger/import-types';
import { emptyActualsLedger } from '../shared/actuals/ledger/ledger-schema';
import { type Exact, ZERO, add, parseExact } from '../shared/money/exact';
import { ExactSum } from '../shared/money/exact-sum';
import { parsePlanText, serializePlan } from '../shared/plan/plan-document';
import { createSamplePlan } from '../shared/plan/sample-plan';
import { createPriceBook } from '../shared/pricing/price-book';
import { yearOfActuals } from '../test/support/actuals-generator';
import { type BenchModule, type BenchResult, formatInt, median, timeRuns } from './bench-result';

/**
 * The actuals ledger (issue 11): aggregating a million records (per-request, LiteLLM-like, and keyed
 * roll-up rows), exact sums of a million amounts, and a year of actuals for 50 campaigns in a plan file
 * (size, and open = parse + validate + rebuild indexes + totals). Records are built from a split CSV line
 * as a reader would (new strings per row); the cost of building them alone is measured and taken off.
 */
const ROWS = 1_000_000;
/** A million rows warm the code up within a run: two runs, no warm-up, keep the benchmark short. */
const RUNS = 2;
const WARMUP = 0;
const LINE =
  '021e2a73-8fd8-407f-a111-4b0166ee4aec,aimage_generation,08e786012190eec893d5a82b1c1431223d214077e24f3ded8a0902d3729e0846,0.052910000000000006,1802,46,1756,2026-10-19 06:02:31.747,gpt-image-2,campaign:spring-catalog,team:growth,success';
const CAMPAIGNS = ['spring-catalog', 'ugc-hooks', 'saas-hero', ''];
const AMOUNTS = ['0.052910000000000006', '0.033', '0.10576500000000001', '0.0425', '0.21100000000000002'];

function lineAt(i: number): string {
  // Vary the id, key, campaign, day and amount per row, as a log does; every field a fresh string.
  return LINE.replace('4b0166ee4aec', i.toString(16).padStart(12, '0'))
    .replace('0846', String(1000 + (i % 12)))
    .replace('spring-catalog', CAMPAIGNS[i % 4] ?? '')
    .replace('2026-10-19', `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)
    .replace('0.052910000000000006', AMOUNTS[i % 5] ?? '0');
}

/**
 * The record a LiteLLM reader would make of line i. Every field is written out: in Node 20 an object
 * literal that spreads a template and then adds properties ({ ...defaults, project }) costs about 20 µs,
 * a hundred times a plain literal.
 */
function recordAt(i: number, withId: boolean): ActualRecord {
  const f = lineAt(i).split(',');
  const campaign = (f[9] ?? '').slice('campaign:'.length);
  const dims: RecordDimensions = {
    project: 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ',
    apiKey: f[2] ?? '',
    user: '',
    campaign,
    tags: campaign ? [f[9] ?? '', f[10] ?? ''] : [f[10] ?? ''],
    vendor: 'openai',
    model: f[8] ?? '',
    lineItem: '',
    modality: 'image',
    direction: '',
    size: i % 3 ? '1024x1024' : '1024x1536',
    quality: '',
    imageSource: f[1] === 'aimage_edit' ? 'image.edit' : 'image.generation',
    surface: '',
  };
  return {
    line: i + 2,
    day: (f[7] ?? '').slice(0, 10),
    amountUsd: parseExact(f[3] ?? '0'),
    original: null,
    requestId: withId ? (f[0] ?? null) : null,
    dims,
    images: 1,
    requests: 1,
    failedRequests: 0,
    tokens: {
      textIn: Number(f[5]),
      textCachedIn: 0,
      imageIn: 0,
      imageCachedIn: 0,
      audioIn: 0,
      textOut: 0,
      imageOut: Number(f[6]),
      audioOut: 0,
    },
    quantity: null,
    flags: [],
  };
}

const META: ImportMeta = {
  source: 'litellm',
  profile: null,
  fileName: 'spendlogs.csv',
  sha256: 'a'.repeat(64),
  importedAt: '2026-11-21T09:30:00Z',
  conversion: null,
};

function aggregationResult(perRequest: boolean): BenchResult {
  let sink = 0;
  const build = timeRuns(
    () => {
      for (let i = 0; i < ROWS; i++) sink += recordAt(i, perRequest).line;
    },
    RUNS,
    WARMUP,
  );
  let finishMs = 0;
  const full = timeRuns(
    () => {
      const acc = startImport(emptyActualsLedger(), { ...META, source: perRequest ? 'litellm' : 'litellm-daily' });
      if (!acc.ok) throw new Error(acc.error);
      for (let i = 0; i < ROWS; i++) acc.value.add(recordAt(i, perRequest));
      const start = performance.now();
      const preview = acc.value.finish({ rowsRead: ROWS, rowsRejected: 0, rejected: [] });
      finishMs = performance.now() - start;
      sink += preview.rowsToImport;
    },
    RUNS,
    WARMUP,
  );
  const perRow = ((median(full.cpu) - median(build.cpu)) * 1e6) / ROWS;
  return {
    name: `aggregate 1M ${perRequest ? 'per-request (LiteLLM-like, dedupe by id)' : 'keyed rows (no ids)'} records`,
    measured: `${formatInt(perRow)} ns/row of ledger work (CPU, median of ${RUNS}); ${formatInt(median(full.wall))} ms wall in all`,
    target: 'reference: the whole importer (read, parse, map, ledger) targets ~1.5 s per 1M rows',
    pass: null,
    notes: [
      `building the records alone: ${formatInt(median(build.cpu))} ms CPU; with the ledger: ${formatInt(median(full.cpu))} ms CPU`,
      `finish (sort ids, encode the batch, preview): ${formatInt(finishMs)} ms`,
      sink > 0 ? '' : 'no rows',
    ].filter(Boolean),
  };
}

function lineSplitResult(): BenchResult {
  let sink = 0;
  const times = timeRuns(
    () => {
      for (let i = 0; i < ROWS; i++) sink += lineAt(i).split(',').length;
    },
    RUNS,
    WARMUP,
  );
  return {
    name: 'baseline: make and split 1M CSV lines',
    measured: `${formatInt((median(times.cpu) * 1e6) / ROWS)} ns/row (CPU)`,
    target: 'reference',
    pass: sink > 0 ? null : false,
  };
}

function exactSumResult(): BenchResult {
  const amounts = Array.from({ length: ROWS }, (_, i) => parseExact(AMOUNTS[i % 5] ?? '0') ?? ZERO);
  let naive: Exact = ZERO;
  const naiveTimes = timeRuns(
    () => {
      naive = ZERO;
      for (const a of amounts) naive = add(naive, a);
    },
    RUNS,
    WARMUP,
  );
  let total: Exact = ZERO;
  const sumTimes = timeRuns(
    () => {
      const s = new ExactSum();
      for (const a of amounts) s.add(a);
      total = s.total();
    },
    RUNS,
    WARMUP,
  );
  const same =
    naive.units * 10n ** BigInt(Math.max(0, total.scale - naive.scale)) ===
    total.units * 10n ** BigInt(Math.max(0, naive.scale - total.scale));
  return {
    name: 'exact sum of 1M amounts (3/5 of them 17-18 digits: the BigInt path)',
    measured: `${formatInt((median(sumTimes.cpu) * 1e6) / ROWS)} ns/amount with ExactSum; ${formatInt((median(naiveTimes.cpu) * 1e6) / ROWS)} ns/amount with BigInt add`,
    target: 'reference',
    pass: same ? null : false,
  };
}

function yearResults(): BenchResult[] {
  const ledger = yearOfActuals();
  const text = serializePlan({ ...createSamplePlan('2026-11-28'), actuals: ledger });
  const bytes = new TextEncoder().encode(text).length;
  const book = createPriceBook();
  let buckets = 0;
  const open = timeRuns(
    () => {
      const r = parsePlanText(text);
      if (!r.ok) throw new Error(r.error);
      buckets = effectiveBuckets(r.value.actuals).length;
      actualsTotals(r.value.actuals, book);
    },
    5,
    1,
  );
  return [
    {
      name: 'a year of daily actuals for 50 campaigns (365 x (50 metered + 15 billed) buckets): plan file size',
      measured: `${(bytes / 1024 / 1024).toFixed(2)} MB (${formatInt(buckets)} buckets in effect, ${ledger.batches.length} batches)`,
      target: '< 5 MB',
      pass: bytes < 5 * 1024 * 1024,
    },
    {
      name: 'open that plan: parse + validate + rebuild indexes + totals',
      measured: `${formatInt(median(open.wall))} ms (median of 5; CPU ${formatInt(median(open.cpu))} ms)`,
      target: '< 1 s',
      pass: median(open.wall) < 1000,
    },
  ];
}

export const ledgerBench: BenchModule = {
  name: 'ledger',
  async run(): Promise<BenchResult[]> {
    return [lineSplitResult(), aggregationResult(false), aggregationResult(true), exactSumResult(), ...yearResults()];
  },
};
