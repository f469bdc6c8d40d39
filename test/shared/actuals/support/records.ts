import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ActualRecord,
  type ActualSource,
  NO_DIMENSIONS,
  NO_TOKENS,
  type RecordDimensions,
  type TokenCounts,
} from '../../../../shared/actuals/actual-record';
import type { ImportMeta, ReadSummary } from '../../../../shared/actuals/ledger/import-types';
import { type Exact, parseExact } from '../../../../shared/money/exact';

export { NO_DIMENSIONS, NO_TOKENS };

export function exact(text: string): Exact {
  const e = parseExact(text);
  if (!e) throw new Error(`not a decimal: ${text}`);
  return e;
}

/** A hand-made record: day and amount, everything else defaulted (override what the test is about). */
export function record(
  day: string,
  amount: string | null,
  extra: Partial<Omit<ActualRecord, 'dims' | 'tokens'>> & {
    readonly dims?: Partial<RecordDimensions>;
    readonly tokens?: Partial<TokenCounts>;
  } = {},
): ActualRecord {
  const { dims, tokens, ...rest } = extra;
  return {
    line: 2,
    day,
    amountUsd: amount === null ? null : exact(amount),
    original: null,
    requestId: null,
    images: 0,
    requests: 0,
    failedRequests: 0,
    quantity: null,
    flags: [],
    ...rest,
    dims: { ...NO_DIMENSIONS, ...dims },
    tokens: { ...NO_TOKENS, ...tokens },
  };
}

/** Import metadata for a test file: its name stands for its content (the hash is derived from it). */
export function meta(source: ActualSource, fileName: string, extra: Partial<ImportMeta> = {}): ImportMeta {
  return {
    source,
    profile: null,
    fileName,
    sha256: fakeSha(fileName),
    importedAt: '2026-11-21T09:30:00Z',
    conversion: null,
    ...extra,
  };
}

/** A deterministic 64-hex "hash" of a name (tests stand in for the Node layer's SHA-256). */
export function fakeSha(name: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const c of `${round}:${name}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function read(records: readonly ActualRecord[], extra: Partial<ReadSummary> = {}): ReadSummary {
  return { rowsRead: records.length, rowsRejected: 0, rejected: [], ...extra };
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/actuals');

function fixture(name: string): { file: string; rowsRead: number; rows: unknown[][] } {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as {
    file: string;
    rowsRead: number;
    rows: unknown[][];
  };
}

function lineItemParts(lineItem: string): { model: string; modality: string; direction: string } {
  const comma = lineItem.lastIndexOf(',');
  if (comma < 0) return { model: lineItem, modality: '', direction: '' };
  let head = lineItem.slice(0, comma).trim();
  let modality = 'text';
  const word = / (image|text|audio)$/.exec(head);
  if (word) {
    modality = word[1] ?? 'text';
    head = head.slice(0, word.index);
  }
  return { model: head.replace(/-\d{4}-\d{2}-\d{2}$/, ''), modality, direction: lineItem.slice(comma + 1).trim() };
}

export interface SampleFile {
  readonly file: string;
  readonly rowsRead: number;
  readonly records: readonly ActualRecord[];
}

/** The Costs export (Variant A CSV) or the Costs API page: billed facts by day, project and line item. */
export function costRecords(which: 'export' | 'api'): SampleFile {
  const f = fixture(which === 'export' ? 'costs-export.records.json' : 'costs-api.records.json');
  const records = f.rows.map((r) => {
    const [line, day, amount, project, lineItem, quantity, unit] = r as [
      number,
      string,
      string,
      string,
      string,
      string | null | undefined,
      string | undefined,
    ];
    return record(day, amount, {
      line,
      quantity: quantity ? { value: exact(quantity), unit: unit ?? '' } : null,
      dims: { project, lineItem, vendor: 'openai', ...lineItemParts(lineItem) },
    });
  });
  return { file: f.file, rowsRead: f.rowsRead, records };
}

/** The images usage page: counts by day, project, model, size and source. */
export function imagesUsageRecords(): SampleFile {
  const f = fixture('images-usage.records.json');
  const records = f.rows.map((r) => {
    const [line, day, project, model, size, imageSource, images, requests] = r as [
      number,
      string,
      string,
      string,
      string,
      string,
      number,
      number,
    ];
    return record(day, null, {
      line,
      images,
      requests,
      dims: { project, model, size, imageSource, vendor: 'openai', modality: 'image' },
    });
  });
  return { file: f.file, rowsRead: f.rowsRead, records };
}

/** The completions usage export: tokens by day, project, user, key and model. */
export function completionsUsageRecords(): SampleFile {
  const f = fixture('completions-usage.records.json');
  const records = f.rows.map((r) => {
    const [line, day, project, user, apiKey, model, batch, requests, ...t] = r as [
      number,
      string,
      string,
      string,
      string,
      string,
      boolean,
      number,
      ...number[],
    ];
    const [textIn, textCachedIn, imageIn, imageCachedIn, audioIn, textOut, imageOut, audioOut] = t;
    return record(day, null, {
      line,
      requests,
      dims: { project, user, apiKey, model, vendor: 'openai', surface: batch ? 'batch' : '' },
      tokens: { textIn, textCachedIn, imageIn, imageCachedIn, audioIn, textOut, imageOut, audioOut },
    });
  });
  return { file: f.file, rowsRead: f.rowsRead, records };
}

/** The LiteLLM spend log: one record per row (622, six of them repeated ids). */
export function litellmRecords(): SampleFile {
  const f = fixture('litellm-spendlogs.records.json');
  const records = f.rows.map((r) => {
    const [line, requestId, day, spend, failed, imageSource, model, campaign, tags, apiKey, prompt, completion] = r as [
      number,
      string,
      string,
      string,
      boolean,
      string,
      string,
      string,
      string[],
      string,
      number,
      number,
    ];
    return record(day, spend, {
      line,
      requestId,
      requests: 1,
      failedRequests: failed ? 1 : 0,
      images: failed ? 0 : 1,
      dims: {
        project: 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ',
        apiKey,
        campaign,
        tags,
        model,
        imageSource,
        vendor: 'openai',
        modality: 'image',
      },
      tokens: { textIn: prompt, imageOut: completion },
    });
  });
  return { file: f.file, rowsRead: f.rowsRead, records };
}
