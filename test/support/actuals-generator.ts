import { closeSync, openSync, writeSync } from 'node:fs';
import { type ActualRecord, NO_DIMENSIONS, NO_TOKENS, type RecordDimensions } from '../../shared/actuals/actual-record';
import { commitImport } from '../../shared/actuals/ledger/commit-import';
import { previewImport } from '../../shared/actuals/ledger/import-accumulator';
import type { ImportMeta } from '../../shared/actuals/ledger/import-types';
import { type ActualsLedger, emptyActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { parseExact } from '../../shared/money/exact';

/**
 * A year of daily actuals for 50 campaigns, as a team would import it: each month the OpenAI Costs export
 * (15 line items a day over 3 projects, amounts with 16 decimals as the dashboard writes them) and the
 * gateway's daily roll-up per campaign (metered, 19-decimal sums of float spends, with requests, images
 * and tokens). Each monthly export re-pulls the last 3 days of the month before, as teams do, so keys
 * are replaced. Deterministic: the same ledger every time.
 */
export const YEAR_START = '2026-01-01';
export const CAMPAIGNS = 50;
export const LINE_ITEMS = 15;

const DAY_MS = 86_400_000;
const PROJECTS = ['proj_pcP8Bl3r8uiQGjUd9BSv40CQ', 'proj_BeqPMIFJh7lIS7ydevhqqfuV', 'proj_ZnvgdxvT3Vmtfrht9gLZOZfH'];
const LINE_ITEM_NAMES = [
  'gpt-image-2-2026-04-21 image, output',
  'gpt-image-2-2026-04-21 image, input',
  'gpt-image-2-2026-04-21 text, input',
  'gpt-image-2-2026-04-21 image, cached input',
  'gpt-5-mini-2025-08-07, output',
];

function dayAt(i: number): string {
  return new Date(Date.parse(YEAR_START + 'T00:00:00Z') + i * DAY_MS).toISOString().slice(0, 10);
}

function decimal(text: string) {
  const e = parseExact(text);
  if (!e) throw new Error(`generator wrote a bad decimal ${text}`);
  return e;
}

function dims(d: Partial<RecordDimensions>): RecordDimensions {
  return { ...NO_DIMENSIONS, vendor: 'openai', ...d };
}

function fact(day: string, line: number, amount: string, d: RecordDimensions, extra: Partial<ActualRecord> = {}) {
  const r: ActualRecord = {
    line,
    day,
    amountUsd: decimal(amount),
    original: null,
    requestId: null,
    dims: d,
    images: 0,
    requests: 0,
    failedRequests: 0,
    tokens: NO_TOKENS,
    quantity: null,
    flags: [],
    ...extra,
  };
  return r;
}

/** The billed facts of days [from, to): 15 line items a day. */
function costRecords(from: number, to: number): ActualRecord[] {
  const out: ActualRecord[] = [];
  for (let i = from; i < to; i++) {
    for (let k = 0; k < LINE_ITEMS; k++) {
      const lineItem = LINE_ITEM_NAMES[k % LINE_ITEM_NAMES.length] ?? '';
      const project = PROJECTS[Math.floor(k / LINE_ITEM_NAMES.length)] ?? '';
      const units = ((i * 7919 + k * 104_729) % 9_000_000) + 1000;
      const amount = `${Math.floor(units / 1_000_000)}.${String(units % 1_000_000).padStart(6, '0')}0000000000`;
      out.push(fact(dayAt(i), out.length + 2, amount, dims({ project, lineItem, model: lineItem.split(/[- ]20/)[0] })));
    }
  }
  return out;
}

/** The gateway's daily roll-up of days [from, to): one metered fact per campaign a day. */
function rollupRecords(from: number, to: number): ActualRecord[] {
  const out: ActualRecord[] = [];
  for (let i = from; i < to; i++) {
    for (let c = 0; c < CAMPAIGNS; c++) {
      const requests = 20 + ((i * 31 + c * 17) % 180);
      const units = requests * 52_910 + ((i + c) % 97);
      const amount = `${Math.floor(units / 1_000_000)}.${String(units % 1_000_000).padStart(6, '0')}0000000000${(i * 13 + c) % 1000}`;
      const campaign = `campaign-${String(c).padStart(2, '0')}`;
      out.push(
        fact(
          dayAt(i),
          out.length + 2,
          amount,
          dims({
            project: PROJECTS[c % 3],
            apiKey: `08e786012190eec893d5a82b1c1431223d214077e24f3ded8a0902d3729e08${String(c % 10).padStart(2, '0')}`,
            campaign,
            tags: [`campaign:${campaign}`, `team:team-${c % 6}`],
            model: 'gpt-image-2',
          }),
          {
            requests,
            images: requests - (c % 3),
            failedRequests: c % 3,
            tokens: { ...NO_TOKENS, textIn: requests * 46, imageOut: requests * 1756 },
          },
        ),
      );
    }
  }
  return out;
}

function importMonth(ledger: ActualsLedger, m: ImportMeta, records: readonly ActualRecord[]): ActualsLedger {
  const preview = previewImport(ledger, {
    meta: m,
    records,
    read: { rowsRead: records.length, rowsRejected: 0, rejected: [] },
  });
  if (!preview.ok) throw new Error(preview.error);
  const committed = commitImport(ledger, preview.value);
  if (!committed.ok) throw new Error(committed.error);
  return committed.value;
}

function sha(n: number, kind: string): string {
  return (kind === 'costs' ? 'c' : 'd') + String(n).padStart(63, '0');
}

/** The ledger of a year (365 days) of monthly imports. */
export function yearOfActuals(): ActualsLedger {
  let ledger = emptyActualsLedger();
  const monthStarts = Array.from({ length: 13 }, (_, m) => Math.round((m * 365) / 12));
  for (let m = 0; m < 12; m++) {
    const from = Math.max(0, (monthStarts[m] ?? 0) - 3);
    const to = monthStarts[m + 1] ?? 365;
    const base = { profile: null, conversion: null, importedAt: `${dayAt(to)}T06:00:00Z` } as const;
    ledger = importMonth(
      ledger,
      {
        ...base,
        source: 'openai-costs',
        fileName: `cost_${dayAt(from)}_${dayAt(to - 1)}.csv`,
        sha256: sha(m, 'costs'),
      },
      costRecords(from, to),
    );
    ledger = importMonth(
      ledger,
      { ...base, source: 'litellm-daily', fileName: `daily_spend_${dayAt(from)}.csv`, sha256: sha(m, 'daily') },
      rollupRecords(from, to),
    );
  }
  return ledger;
}

/** Writes text to a file in large pieces, so generating 150 MB holds only one piece at a time. */
function writeInPieces(path: string, header: string, rows: number, rowAt: (i: number) => string): number {
  const fd = openSync(path, 'w');
  let size = 0;
  try {
    let text = header + '\n';
    for (let i = 0; i < rows; i++) {
      text += rowAt(i) + '\n';
      if (text.length > 1 << 20) {
        size += writeSync(fd, text);
        text = '';
      }
    }
    size += writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return size;
}

export const LITELLM_SPENDLOG_HEADER =
  'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,custom_llm_provider,metadata,request_tags,team_id,status';
const LITELLM_CAMPAIGNS = ['spring-catalog', 'ugc-hooks', 'saas-hero'];

/**
 * A LiteLLM_SpendLogs CSV export of `rows` requests (about 150 bytes a row), as psql writes it: float spends
 * with their noise, naive UTC times, a campaign tag on most rows and in the metadata on some, failures at $0,
 * and one request in 500 repeated (an overlapping export). Returns the file's size in bytes.
 */
export function writeLiteLlmSpendLogs(path: string, rows: number): number {
  return writeInPieces(path, LITELLM_SPENDLOG_HEADER, rows, (i) => {
    const n = i % 500 === 499 ? i - 1 : i; // a repeated request id
    const id = n.toString(16).padStart(8, '0') + '-8fd8-407f-a111-4b0166ee4aec';
    const day = `2026-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    const failed = n % 40 === 0;
    const spend = failed ? '0.0' : String(0.01 + (n % 997) * 0.000131);
    const campaign = LITELLM_CAMPAIGNS[n % 3] ?? '';
    const tags = n % 5 === 0 ? '[]' : `"[""campaign:${campaign}""]"`;
    const metadata = n % 5 === 0 ? `"{""spend_logs_metadata"": {""campaign"": ""${campaign}""}}"` : '{}';
    const model = n % 4 === 0 ? 'gpt-5-mini' : 'gpt-image-2';
    return `${id},aimage_generation,sk-${n % 7},${spend},1802,46,1756,${day} 06:02:31.747,${day} 06:03:09.976,${model},openai,${metadata},${tags},team-${n % 3},${failed ? 'failure' : 'success'}`;
  });
}

export const COMPLETIONS_USAGE_HEADER =
  'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens,input_uncached_tokens,input_text_tokens,output_text_tokens,input_cached_text_tokens,input_audio_tokens,input_cached_audio_tokens,output_audio_tokens,input_image_tokens,input_cached_image_tokens,output_image_tokens';
const USAGE_MODELS = ['gpt-image-2', 'gpt-5-mini-2025-08-07', 'gpt-image-1.5'];

/**
 * An OpenAI completions usage CSV of `rows` daily buckets as the dashboard exports it (numbers written "10.0",
 * batch TRUE/FALSE), spread over a year: about 2,740 rows a day over 3 projects and models, 40 keys, 7 users
 * and the Batch API, so about 400,000 distinct facts (day × project × key × user × model × surface): the
 * ledger keeps one bucket per fact, so this file measures the buckets' memory as much as the reading.
 * Returns the file's size in bytes.
 */
export function writeCompletionsUsage(path: string, rows: number): number {
  const perDay = Math.ceil(rows / 365);
  return writeInPieces(path, COMPLETIONS_USAGE_HEADER, rows, (i) => {
    const start = Date.parse(`${YEAR_START}T00:00:00Z`) / 1000 + Math.floor(i / perDay) * 86_400;
    const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
    const project = PROJECTS[i % 3] ?? '';
    const model = USAGE_MODELS[i % 3] ?? '';
    const image = model.startsWith('gpt-image');
    const n = (v: number) => `${v}.0`;
    const textIn = 1000 + (i % 977);
    const cached = i % 13;
    const imageOut = image ? 4000 + (i % 2000) : 0;
    const textOut = image ? 0 : 300 + (i % 211);
    return [
      start,
      start + 86_400,
      iso(start),
      iso(start + 86_400),
      project,
      n(1 + (i % 9)),
      `user-${i % 7}`,
      `key_${i % 40}`,
      model,
      i % 11 === 0 ? 'TRUE' : 'FALSE',
      'default',
      n(textIn + cached),
      n(imageOut + textOut),
      n(cached),
      n(textIn),
      n(textIn),
      n(textOut),
      n(cached),
      '0.0',
      '0.0',
      '0.0',
      '0.0',
      '0.0',
      n(imageOut),
    ].join(',');
  });
}

export const COSTS_EXPORT_HEADER =
  'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name';

/**
 * The OpenAI Costs CSV export of days [from, to) counted from YEAR_START, as the dashboard writes it: the
 * amounts of costRecords (15 line items a day over 3 projects, on gpt-image-2 and gpt-5-mini). Returns the
 * file's size in bytes.
 */
export function writeCostsExport(path: string, from: number, to: number): number {
  return writeInPieces(path, COSTS_EXPORT_HEADER, (to - from) * LINE_ITEMS, (n) => {
    const i = from + Math.floor(n / LINE_ITEMS);
    const k = n % LINE_ITEMS;
    const start = Date.parse(`${YEAR_START}T00:00:00Z`) / 1000 + i * 86_400;
    const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
    const units = ((i * 7919 + k * 104_729) % 9_000_000) + 1000;
    const amount = `${Math.floor(units / 1_000_000)}.${String(units % 1_000_000).padStart(6, '0')}0000000000`;
    const lineItem = LINE_ITEM_NAMES[k % LINE_ITEM_NAMES.length] ?? '';
    const project = PROJECTS[Math.floor(k / LINE_ITEM_NAMES.length)] ?? '';
    return `${start},${start + 86_400},${iso(start)},${iso(start + 86_400)},${amount},usd,"${lineItem}",${project},org-rpgG1fYkk2rKGW7xqpPpxRTL,Harbor & Pine Studio`;
  });
}

/**
 * A year of a gateway's requests as a LiteLLM_SpendLogs CSV export: `rows` requests spread evenly over the
 * 365 days from YEAR_START, by 4 teams (the gateway's own names, not the provider's projects), each with 3
 * keys and 5 campaigns, on gpt-image-2 and (one in four) gpt-5-mini: about 120 buckets a day, so the ledger
 * keeps tens of thousands. Returns the file's size in bytes.
 */
export function writeGatewayYearLog(path: string, rows: number): number {
  return writeInPieces(path, LITELLM_SPENDLOG_HEADER, rows, (i) => {
    const day = dayAt(Math.floor((i * 365) / rows));
    const team = i % 4;
    const campaign = `campaign-${team}-${(i >> 4) % 5}`;
    const model = (i >> 3) % 4 === 0 ? 'gpt-5-mini' : 'gpt-image-2';
    const id = i.toString(16).padStart(8, '0') + '-8fd8-407f-a111-4b0166ee4aec';
    const spend = String(0.01 + (i % 997) * 0.000131);
    return `${id},aimage_generation,sk-${team}-${(i >> 2) % 3},${spend},1802,46,1756,${day} 06:02:31.747,${day} 06:03:09.976,${model},openai,{},"[""campaign:${campaign}""]",team-${team},success`;
  });
}
