import type { ActualRecord, RecordDimensions } from '../actual-record';
import { type Exact, ZERO } from '../../money/exact';
import { DimensionsCache } from './dimensions-cache';
import type { FieldSpec, Fields } from './field-access';
import { normaliseModel } from './line-item';
import { metadataCampaign, TagReader } from './tag-reader';
import { readDecimal } from './number-text';
import type { ReadContext, RowSink } from './read-context';
import { readDay, requestIdOf, tokens } from './record-parts';
import { detach } from './string-pool';

/**
 * LiteLLM spend logs (`LiteLLM_SpendLogs` as CSV, columns in any order, or `/spend/logs` JSON): one record per
 * request, metered spend summed exactly from the text (`0.10576500000000001` keeps its digits). A `failure`
 * status is $0 and a failed request. Campaign: a `campaign:<slug>` request tag, else
 * `metadata.spend_logs_metadata.campaign`, else ''. LiteLLM has no project: its team (the grouping budgets
 * are set on) is the record's project. Duplicates (the same request in two exports) stay: the ledger drops them.
 *
 * This is the hot path of a million-row import: fields are read once, values repeated across rows are pooled,
 * the big `metadata` column is parsed only when the tags name no campaign.
 */

const F = {
  requestId: 0,
  callType: 1,
  apiKey: 2,
  spend: 3,
  prompt: 4,
  completion: 5,
  start: 6,
  model: 7,
  modelGroup: 8,
  provider: 9,
  user: 10,
  endUser: 11,
  metadata: 12,
  tags: 13,
  team: 14,
  status: 15,
} as const;

export const LITELLM_FIELDS: readonly FieldSpec[] = [
  { names: ['request_id'] },
  { names: ['call_type'] },
  { names: ['api_key'] },
  { names: ['spend'] },
  { names: ['prompt_tokens'] },
  { names: ['completion_tokens'] },
  { names: ['startTime', 'start_time'] },
  { names: ['model'] },
  { names: ['model_group'] },
  { names: ['custom_llm_provider'] },
  { names: ['user'] },
  { names: ['end_user'] },
  { names: ['metadata'] },
  { names: ['request_tags'] },
  { names: ['team_id'] },
  { names: ['status'] },
];

export const LITELLM_REQUIRED: readonly (readonly number[])[] = [[F.start], [F.spend]];

interface CallKind {
  readonly imageSource: string;
  readonly modality: string;
}

export class LiteLlmMapper {
  private readonly tags = new TagReader();
  private readonly calls = new Map<string, CallKind>();
  private readonly models = new Map<string, string>();
  /** Team, key, user, campaign, tags, provider, model, call kind: a log repeats a few thousand such tuples. */
  private readonly dimsCache = new DimensionsCache(8);

  constructor(private readonly ctx: ReadContext) {}

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    const day = readDay(f, F.start, f.text(F.start), ctx, sink);
    if (day === null) return;
    const status = f.text(F.status);
    const failed = status === 'failure' || (status.length === 7 && status.toLowerCase() === 'failure');
    const amount = failed ? ZERO : this.spend(f, sink);
    if (amount === null) return;
    const counts = this.counts(f, sink);
    if (counts === null) return;
    const [prompt, completion] = counts;
    const tagInfo = this.tags.read(f.value(F.tags));
    if (tagInfo === null) {
      sink.reject(f.line, f.column(F.tags), 'request_tags is not a JSON list of strings');
      return;
    }
    const call = this.callKind(f.text(F.callType));
    const campaign = tagInfo.campaign || ctx.pool.get(metadataCampaign(f.value(F.metadata)));
    const dims = this.dims(f, campaign, tagInfo.tags, call);
    const image = call.modality === 'image';
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: amount,
      original: null,
      requestId: requestIdOf(f, F.requestId),
      dims,
      images: 0,
      requests: 1,
      failedRequests: failed ? 1 : 0,
      tokens: image ? tokens(prompt, 0, 0, 0, 0, 0, completion, 0) : tokens(prompt, 0, 0, 0, 0, completion, 0, 0),
      quantity: null,
      flags: ctx.flags(day, amount),
    };
    sink.record(record);
  }

  /** The row's dimensions, one object per distinct tuple. */
  private dims(f: Fields, campaign: string, tags: readonly string[], call: CallKind): RecordDimensions {
    const pool = this.ctx.pool;
    const project = pool.get(f.text(F.team));
    const apiKey = pool.get(f.text(F.apiKey));
    const user = pool.get(f.text(F.user) || f.text(F.endUser));
    const vendor = pool.get(f.text(F.provider));
    const model = this.model(f);
    const cache = this.dimsCache;
    const key = cache.key;
    key[0] = project;
    key[1] = apiKey;
    key[2] = user;
    key[3] = campaign;
    key[4] = tags;
    key[5] = vendor;
    key[6] = model;
    key[7] = call;
    const known = cache.find();
    if (known !== null) return known;
    return cache.keep({
      project,
      apiKey,
      user,
      campaign,
      tags,
      vendor,
      model,
      lineItem: '',
      modality: call.modality,
      direction: '',
      size: '',
      quality: '',
      imageSource: call.imageSource,
      surface: '',
    });
  }

  private spend(f: Fields, sink: RowSink): Exact | null {
    const text = f.text(F.spend);
    const amount = text === '' ? null : readDecimal(text, this.ctx.decimal);
    if (amount === null) sink.reject(f.line, f.column(F.spend), this.ctx.notANumber(text));
    return amount;
  }

  private counts(f: Fields, sink: RowSink): [number, number] | null {
    const prompt = f.count(F.prompt, this.ctx.decimal);
    const completion = f.count(F.completion, this.ctx.decimal);
    if (prompt !== null && completion !== null) return [prompt, completion];
    const field = prompt === null ? F.prompt : F.completion;
    sink.reject(f.line, f.column(field), this.ctx.notANumber(f.text(field), 'a whole number of 0 or more'));
    return null;
  }

  /** `aimage_generation` → image.generation; text calls have no image source. */
  private callKind(callType: string): CallKind {
    let kind = this.calls.get(callType);
    if (kind === undefined) {
      const t = callType.toLowerCase();
      const imageSource = t.includes('image_generation')
        ? 'image.generation'
        : t.includes('image_edit')
          ? 'image.edit'
          : t.includes('image_variation')
            ? 'image.variation'
            : '';
      kind = { imageSource, modality: imageSource === '' ? '' : 'image' };
      if (this.calls.size < 1_000) this.calls.set(detach(callType), kind);
    }
    return kind;
  }

  /** The model without the provider prefix LiteLLM may give it (`openai/gpt-image-2`) or a snapshot date. */
  private model(f: Fields): string {
    const raw = f.text(F.model) || f.text(F.modelGroup);
    let model = this.models.get(raw);
    if (model === undefined) {
      const slash = raw.lastIndexOf('/');
      model = this.ctx.pool.get(normaliseModel(slash === -1 ? raw : raw.slice(slash + 1)));
      if (this.models.size < 10_000) this.models.set(detach(raw), model);
    }
    return model;
  }
}
