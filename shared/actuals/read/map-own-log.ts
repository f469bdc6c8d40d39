import type { ActualRecord } from '../actual-record';
import { type Exact, ZERO } from '../../money/exact';
import { JsonNumber } from './exact-json';
import type { FieldSpec, Fields } from './field-access';
import { normaliseModel } from './line-item';
import type { ReadContext, RowSink } from './read-context';
import {
  originalOf,
  readCounts,
  readDay,
  readMoney,
  requestIdOf,
  spenderDimensions,
  tokenCounts,
} from './record-parts';
import { TagReader } from './tag-reader';

/**
 * A team's own per-request log, JSON Lines: each line an Images API response's `usage`
 * (`input_tokens_details {text_tokens, image_tokens}`, `output_tokens`, often without
 * `output_tokens_details`: then all output is image output) plus the team's fields: time, model, size,
 * quality, campaign, request id, and optionally its cost. Lines with a cost are metered spend; a log without
 * costs is usage (counts priced by the ledger), decided by its first line.
 */

const F = {
  time: 0,
  model: 1,
  size: 2,
  quality: 3,
  campaign: 4,
  project: 5,
  user: 6,
  apiKey: 7,
  tags: 8,
  requestId: 9,
  images: 10,
  data: 11,
  input: 12,
  inText: 13,
  inImage: 14,
  inCached: 15,
  output: 16,
  outText: 17,
  outImage: 18,
  cost: 19,
  currency: 20,
  vendor: 21,
  status: 22,
} as const;

export const OWN_LOG_FIELDS: readonly FieldSpec[] = [
  { names: ['time', 'timestamp', 'created_at', 'created', 'date', 'ts'] },
  { names: ['model'] },
  { names: ['size'] },
  { names: ['quality'] },
  { names: ['campaign'] },
  { names: ['project', 'project_id'] },
  { names: ['user', 'user_id'] },
  { names: ['api_key', 'api_key_id'] },
  { names: ['tags'] },
  { names: ['request_id', 'requestId', 'id'] },
  { names: ['images', 'n'] },
  { names: ['data'] },
  { names: ['usage.input_tokens'] },
  { names: ['usage.input_tokens_details.text_tokens'] },
  { names: ['usage.input_tokens_details.image_tokens'] },
  { names: ['usage.input_tokens_details.cached_tokens'] },
  { names: ['usage.output_tokens'] },
  { names: ['usage.output_tokens_details.text_tokens'] },
  { names: ['usage.output_tokens_details.image_tokens'] },
  { names: ['cost_usd', 'cost', 'spend', 'amount_usd'] },
  { names: ['currency'] },
  { names: ['vendor', 'provider'] },
  { names: ['status'] },
];

/** Whether a log line carries a cost (the log is then metered spend, else usage). */
export function ownLogHasCost(f: Fields): boolean {
  return f.text(F.cost) !== '';
}

const FAILED = new Set(['failure', 'failed', 'error']);

export class OwnLogMapper {
  private readonly tags = new TagReader();

  constructor(
    private readonly ctx: ReadContext,
    /** Metered (lines carry a cost) or usage (they do not). */
    private readonly metered: boolean,
  ) {}

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    const time = f.value(F.time);
    // A number is unix time; created: 1713833628 in an Images API response.
    const timeText = time instanceof JsonNumber ? time.text : f.text(F.time);
    const day = readDay(f, F.time, timeText, ctx, sink);
    if (day === null) return;
    const failed = FAILED.has(f.text(F.status).toLowerCase());
    const amount = this.amount(f, failed, sink);
    if (amount === undefined) return;
    const counts = readCounts(
      f,
      [F.input, F.inText, F.inImage, F.inCached, F.output, F.outText, F.outImage, F.images],
      ctx,
      sink,
    );
    if (counts === null) return;
    const [input = 0, inText = 0, inImage = 0, inCached = 0, output = 0, outText = 0, outImage = 0, n = 0] = counts;
    const details = f.has(F.inText) || f.has(F.inImage);
    const outDetails = f.has(F.outText) || f.has(F.outImage);
    const tags = this.tags.readLoose(f.value(F.tags));
    const data = f.value(F.data);
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: amount === null ? null : amount.usd,
      original: amount === null ? null : originalOf(amount),
      requestId: requestIdOf(f, F.requestId),
      dims: spenderDimensions(f, F, tags, ctx, {
        vendor: ctx.pool.get(f.text(F.vendor) || 'openai'),
        model: ctx.pool.get(normaliseModel(f.text(F.model))),
        modality: 'image',
        size: ctx.pool.get(f.text(F.size)),
        quality: ctx.pool.get(f.text(F.quality)),
        imageSource: 'image.generation',
      }),
      images: failed ? 0 : f.has(F.images) ? n : Array.isArray(data) ? data.length : 1,
      requests: 1,
      failedRequests: failed ? 1 : 0,
      tokens: tokenCounts({
        textIn: details ? inText : Math.max(0, input - inCached),
        imageIn: details ? inImage : 0,
        textCachedIn: details ? 0 : inCached,
        textOut: outDetails ? outText : 0,
        imageOut: outDetails ? outImage : output,
      }),
      quantity: null,
      flags: ctx.flags(day, amount === null ? null : amount.amount),
    };
    sink.record(record);
  }

  /** The line's cost (metered logs; $0 when failed), null for usage logs, undefined after a rejection. */
  private amount(
    f: Fields,
    failed: boolean,
    sink: RowSink,
  ): { usd: Exact; amount: Exact; currency: string } | null | undefined {
    if (!this.metered) return null;
    if (failed) return { usd: ZERO, amount: ZERO, currency: 'USD' };
    const text = f.text(F.cost);
    if (text === '') {
      sink.reject(f.line, f.column(F.cost), 'the cost is empty (earlier lines of this log have one)');
      return undefined;
    }
    return readMoney(f, F.cost, text, f.text(F.currency), f.column(F.currency), this.ctx, sink) ?? undefined;
  }
}
