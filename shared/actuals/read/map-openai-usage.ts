import type { ActualRecord, RecordDimensions } from '../actual-record';
import { DimensionsCache } from './dimensions-cache';
import type { FieldSpec, Fields } from './field-access';
import { normaliseModel } from './line-item';
import { quoteForMessage } from './message-text';
import { readBoolean } from './number-text';
import type { ReadContext, RowSink } from './read-context';
import { dimensions, readCounts, readDay, tokenCounts } from './record-parts';

/**
 * OpenAI usage: counts and tokens, no money (`amountUsd: null`; the ledger prices them from the price book
 * as of each day). Images usage (`/v1/organization/usage/images` results and the dashboard's CSV) and
 * completions usage (results and the Activity export: counts written `10.0`, `batch` TRUE/FALSE). A row
 * whose counts are all empty is a bucket without usage: read, not a record.
 */

const START = 0;
const START_ISO = 1;
const PROJECT = 2;
const USER = 3;
const API_KEY = 4;
const MODEL = 5;
const REQUESTS = 6;

const COMMON: readonly FieldSpec[] = [
  { names: ['start_time'] },
  { names: ['start_time_iso'] },
  { names: ['project_id'] },
  { names: ['user_id'] },
  { names: ['api_key_id'] },
  { names: ['model'] },
  { names: ['num_model_requests'] },
];

const SIZE = 7;
const SOURCE = 8;
const IMAGES = 9;

export const IMAGES_USAGE_FIELDS: readonly FieldSpec[] = [
  ...COMMON,
  { names: ['size'] },
  { names: ['source'] },
  { names: ['images'] },
];

export const IMAGES_USAGE_REQUIRED: readonly (readonly number[])[] = [[START, START_ISO], [IMAGES]];

/** What every usage row says about itself: project, key, user, model (vendor OpenAI), plus the source's own. */
function usageDimensions(f: Fields, ctx: ReadContext, own: Partial<RecordDimensions>): RecordDimensions {
  return dimensions({
    project: ctx.pool.get(f.text(PROJECT)),
    apiKey: ctx.pool.get(f.text(API_KEY)),
    user: ctx.pool.get(f.text(USER)),
    vendor: 'openai',
    model: ctx.pool.get(normaliseModel(f.text(MODEL))),
    ...own,
  });
}

/** Day of the bucket (epoch `start_time`, else `start_time_iso`), or null after rejecting the row. */
function bucketDay(f: Fields, ctx: ReadContext, sink: RowSink): string | null {
  const epoch = f.text(START);
  return readDay(f, epoch ? START : START_ISO, epoch || f.text(START_ISO), ctx, sink);
}

export class ImagesUsageMapper {
  constructor(private readonly ctx: ReadContext) {}

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    if (f.text(IMAGES) === '' && f.text(REQUESTS) === '') {
      sink.empty();
      return;
    }
    const day = bucketDay(f, ctx, sink);
    if (day === null) return;
    const counts = readCounts(f, [IMAGES, REQUESTS], ctx, sink);
    if (counts === null) return;
    const [images = 0, requests = 0] = counts;
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: null,
      original: null,
      requestId: null,
      dims: usageDimensions(f, ctx, {
        modality: 'image',
        size: ctx.pool.get(f.text(SIZE)),
        imageSource: ctx.pool.get(f.text(SOURCE)),
      }),
      images,
      requests,
      failedRequests: 0,
      tokens: tokenCounts({}),
      quantity: null,
      flags: ctx.flags(day, null),
    };
    sink.record(record);
  }
}

const BATCH = 7;
const INPUT = 8;
const OUTPUT = 9;
const CACHED = 10;
const IN_TEXT = 11;
const IN_CACHED_TEXT = 12;
const IN_IMAGE = 13;
const IN_CACHED_IMAGE = 14;
const IN_AUDIO = 15;
const IN_CACHED_AUDIO = 16;
const OUT_TEXT = 17;
const OUT_IMAGE = 18;
const OUT_AUDIO = 19;

export const COMPLETIONS_USAGE_FIELDS: readonly FieldSpec[] = [
  ...COMMON,
  { names: ['batch'] },
  { names: ['input_tokens'] },
  { names: ['output_tokens'] },
  { names: ['input_cached_tokens'] },
  { names: ['input_text_tokens'] },
  { names: ['input_cached_text_tokens'] },
  { names: ['input_image_tokens'] },
  { names: ['input_cached_image_tokens'] },
  { names: ['input_audio_tokens'] },
  { names: ['input_cached_audio_tokens'] },
  { names: ['output_text_tokens'] },
  { names: ['output_image_tokens'] },
  { names: ['output_audio_tokens'] },
];

export const COMPLETIONS_USAGE_REQUIRED: readonly (readonly number[])[] = [[START, START_ISO], [INPUT], [OUTPUT]];

const COUNT_FIELDS = [
  REQUESTS,
  INPUT,
  OUTPUT,
  CACHED,
  IN_TEXT,
  IN_CACHED_TEXT,
  IN_IMAGE,
  IN_CACHED_IMAGE,
  IN_AUDIO,
  IN_CACHED_AUDIO,
  OUT_TEXT,
  OUT_IMAGE,
  OUT_AUDIO,
];

/** Where each count field sits in readCounts' result (a lookup table, not an indexOf per token kind per row). */
const COUNT_SLOT: readonly number[] = (() => {
  const slots: number[] = [];
  COUNT_FIELDS.forEach((field, slot) => (slots[field] = slot));
  return slots;
})();

function countOf(counts: readonly number[], field: number): number {
  return counts[COUNT_SLOT[field] ?? -1] ?? 0;
}

export class CompletionsUsageMapper {
  /** Project, key, user, model, surface: a usage export repeats a few thousand such tuples. */
  private readonly dimsCache = new DimensionsCache(5);

  constructor(private readonly ctx: ReadContext) {}

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    if (f.text(REQUESTS) === '' && f.text(INPUT) === '' && f.text(OUTPUT) === '') {
      sink.empty();
      return;
    }
    const day = bucketDay(f, ctx, sink);
    if (day === null) return;
    const counts = readCounts(f, COUNT_FIELDS, ctx, sink);
    if (counts === null) return;
    const batch = readBoolean(f.text(BATCH));
    if (batch === undefined) {
      sink.reject(f.line, f.column(BATCH), `${quoteForMessage(f.text(BATCH))} is not TRUE or FALSE`);
      return;
    }
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: null,
      original: null,
      requestId: null,
      dims: this.dims(f, batch === true ? 'batch' : ''),
      images: 0,
      requests: counts[0] ?? 0,
      failedRequests: 0,
      tokens: completionTokens(f, counts),
      quantity: null,
      flags: ctx.flags(day, null),
    };
    sink.record(record);
  }

  /** usageDimensions(f, ctx, { surface }), one object per distinct tuple. */
  private dims(f: Fields, surface: string): RecordDimensions {
    const pool = this.ctx.pool;
    const project = pool.get(f.text(PROJECT));
    const apiKey = pool.get(f.text(API_KEY));
    const user = pool.get(f.text(USER));
    const model = pool.get(normaliseModel(f.text(MODEL)));
    const cache = this.dimsCache;
    const key = cache.key;
    key[0] = project;
    key[1] = apiKey;
    key[2] = user;
    key[3] = model;
    key[4] = surface;
    return cache.find() ?? cache.keep(dimensions({ project, apiKey, user, vendor: 'openai', model, surface }));
  }
}

/**
 * Tokens by kind. With the breakdown columns: `input_text_tokens` etc. are the uncached parts (input =
 * cached + uncached; uncached = text + image + audio). Without them (older exports, API results without the
 * breakdown): input less cached and audio is text, output less audio is text. Cached audio has no kind of its
 * own in the ledger and counts as audio input.
 */
function completionTokens(f: Fields, counts: readonly number[]): ReturnType<typeof tokenCounts> {
  const audioIn = countOf(counts, IN_AUDIO) + countOf(counts, IN_CACHED_AUDIO);
  if (f.has(IN_TEXT) || f.has(IN_IMAGE)) {
    return tokenCounts({
      textIn: countOf(counts, IN_TEXT),
      textCachedIn: countOf(counts, IN_CACHED_TEXT),
      imageIn: countOf(counts, IN_IMAGE),
      imageCachedIn: countOf(counts, IN_CACHED_IMAGE),
      audioIn,
      textOut: countOf(counts, OUT_TEXT),
      imageOut: countOf(counts, OUT_IMAGE),
      audioOut: countOf(counts, OUT_AUDIO),
    });
  }
  return tokenCounts({
    textIn: Math.max(0, countOf(counts, INPUT) - countOf(counts, CACHED) - countOf(counts, IN_AUDIO)),
    textCachedIn: Math.max(0, countOf(counts, CACHED) - countOf(counts, IN_CACHED_AUDIO)),
    audioIn,
    textOut: Math.max(0, countOf(counts, OUTPUT) - countOf(counts, OUT_AUDIO)),
    audioOut: countOf(counts, OUT_AUDIO),
  });
}
