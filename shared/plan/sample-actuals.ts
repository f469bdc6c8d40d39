import {
  type ActualRecord,
  type ActualSource,
  NO_DIMENSIONS,
  NO_TOKENS,
  type RecordDimensions,
} from '../actuals/actual-record';
import { commitImport } from '../actuals/ledger/commit-import';
import { previewImport } from '../actuals/ledger/import-accumulator';
import { type ActualsLedger, emptyActualsLedger } from '../actuals/ledger/ledger-schema';
import { parseExact } from '../money/exact';
import { microToDecimalString } from '../money/format';
import { addDays, daysBetween } from '../reconcile/day-math';

/**
 * The sample plan's actuals: about two and a half weeks of a gateway's request log (LiteLLM, metered)
 * and the provider's Costs export (billed, three days behind), dated from the sample rows' start, and
 * imported through the ledger's own preview → commit path. So the first start shows reconciliation at
 * work: billed cost attributed to campaigns, a day where the meters disagree, Unassigned spend and an
 * observed iteration factor above the plan's.
 */

const PROJECT = 'proj_marketing';
const FIRST_DAY = '2027-01-11'; // the product page drop's start date

/** What every sample record says about itself; each adds its own campaign, key, line item. */
const SAMPLE_DIMS: RecordDimensions = {
  ...NO_DIMENSIONS,
  project: PROJECT,
  vendor: 'openai',
  model: 'gpt-image-2',
  modality: 'image',
  imageSource: 'image.generation',
};

function actual(
  day: string,
  micro: number,
  extra: Partial<Omit<ActualRecord, 'dims'>> & { dims?: Partial<RecordDimensions> },
): ActualRecord {
  const { dims, ...rest } = extra;
  return {
    line: 0,
    day,
    amountUsd: parseExact(microToDecimalString(micro)),
    original: null,
    requestId: null,
    images: 0,
    requests: 0,
    failedRequests: 0,
    tokens: NO_TOKENS,
    quantity: null,
    flags: [],
    ...rest,
    dims: { ...SAMPLE_DIMS, ...dims },
  };
}

interface Requests {
  readonly campaign: string;
  readonly first: number;
  readonly last: number;
  /** [micro-USD, images] of each request made on each of those days. */
  readonly perDay: readonly (readonly [number, number])[];
}

/** Day offsets from FIRST_DAY: the product drop runs days 0-11, the UGC hooks 7-16; some requests carry no campaign. */
const REQUESTS: readonly Requests[] = [
  {
    campaign: 'ecom-product-pages',
    first: 0,
    last: 11,
    perDay: [
      [192_662, 1],
      [192_662, 1],
      [192_662, 1],
      [14_282, 1],
      [14_282, 1],
    ],
  },
  {
    campaign: 'ugc-ad-hooks',
    first: 7,
    last: 16,
    perDay: [
      [90_000, 4],
      [90_000, 4],
    ],
  },
  { campaign: '', first: 8, last: 12, perDay: [[48_000, 1]] },
];

function gatewayLog(): { records: ActualRecord[]; byDay: Map<string, number> } {
  const records: ActualRecord[] = [];
  const byDay = new Map<string, number>();
  for (const r of REQUESTS) {
    for (const day of daysBetween(addDays(FIRST_DAY, r.first), addDays(FIRST_DAY, r.last))) {
      for (const [micro, images] of r.perDay) {
        const tags = r.campaign === '' ? [] : [`campaign:${r.campaign}`];
        records.push(
          actual(day, micro, {
            line: records.length + 2,
            requestId: `sample-${String(records.length + 1).padStart(5, '0')}`,
            images,
            requests: 1,
            dims: { campaign: r.campaign, tags, apiKey: 'key-marketing' },
          }),
        );
        byDay.set(day, (byDay.get(day) ?? 0) + micro);
      }
    }
  }
  return { records, byDay };
}

/** The Costs export: the gateway's days up to three days before its last, 0.4% above it; one day $0.40 above. */
function costsExport(byDay: ReadonlyMap<string, number>): ActualRecord[] {
  const days = [...byDay.keys()].sort().slice(0, -3);
  return days.map((day, i) => {
    const metered = byDay.get(day) ?? 0;
    const billed = day === addDays(FIRST_DAY, 9) ? metered + 400_000 : Math.round((metered * 1004) / 1000);
    return actual(day, billed, {
      line: i + 2,
      dims: { lineItem: 'gpt-image-2, output', direction: 'output', imageSource: '' },
    });
  });
}

function importInto(
  ledger: ActualsLedger,
  source: ActualSource,
  fileName: string,
  sha256: string,
  importedAt: string,
  records: ActualRecord[],
): ActualsLedger {
  const preview = previewImport(ledger, {
    meta: { source, profile: null, fileName, sha256, importedAt, conversion: null },
    records,
    read: { rowsRead: records.length, rowsRejected: 0, rejected: [] },
  });
  const next = preview.ok ? commitImport(ledger, preview.value) : preview;
  // The sample is fixed data: an import that fails here is a programming error, caught by its tests.
  if (!next.ok) throw new Error(`sample actuals: ${next.error}`);
  return next.value;
}

/** The sample ledger; `importedAt` is when the (pretend) files were imported, an ISO UTC time. */
export function sampleActuals(importedAt: string): ActualsLedger {
  const log = gatewayLog();
  let ledger = importInto(
    emptyActualsLedger(),
    'litellm',
    'sample-litellm-spend-logs.csv',
    '5a3c1e0000000000000000000000000000000000000000000000000000000001',
    importedAt,
    log.records,
  );
  ledger = importInto(
    ledger,
    'openai-costs',
    'sample-openai-costs.csv',
    '5a3c1e0000000000000000000000000000000000000000000000000000000002',
    importedAt,
    costsExport(log.byDay),
  );
  return ledger;
}
