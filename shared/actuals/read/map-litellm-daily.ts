import type { ActualRecord } from '../actual-record';
import type { FieldSpec, Fields } from './field-access';
import { normaliseModel } from './line-item';
import type { ReadContext, RowSink } from './read-context';
import { campaignOfTags, dimensions, NO_TAGS, readCounts, readDay, readMoney, tokenCounts } from './record-parts';

/**
 * LiteLLM's daily roll-ups (`LiteLLM_DailyTagSpend`, `LiteLLM_DailyTeamSpend`, `LiteLLM_DailyUserSpend` and
 * the organisation / end-user / agent tables of `schema.prisma`: `date, api_key, model, custom_llm_provider,
 * prompt_tokens, completion_tokens, cache_read_input_tokens, spend, api_requests, successful_requests,
 * failed_requests` plus the table's own key). How a gateway with billions of requests is brought in: the
 * aggregation runs in its database, one row per day × key × model × tag/team/user arrives here. Note that
 * the tag table counts a request once per tag it carries.
 */

const F = {
  date: 0,
  apiKey: 1,
  model: 2,
  modelGroup: 3,
  provider: 4,
  prompt: 5,
  completion: 6,
  cacheRead: 7,
  spend: 8,
  requests: 9,
  successful: 10,
  failed: 11,
  tag: 12,
  team: 13,
  user: 14,
  endUser: 15,
  endpoint: 16,
} as const;

export const LITELLM_DAILY_FIELDS: readonly FieldSpec[] = [
  { names: ['date'] },
  { names: ['api_key'] },
  { names: ['model'] },
  { names: ['model_group'] },
  { names: ['custom_llm_provider'] },
  { names: ['prompt_tokens'] },
  { names: ['completion_tokens'] },
  { names: ['cache_read_input_tokens'] },
  { names: ['spend'] },
  { names: ['api_requests'] },
  { names: ['successful_requests'] },
  { names: ['failed_requests'] },
  { names: ['tag'] },
  { names: ['team_id'] },
  { names: ['user_id'] },
  { names: ['end_user_id'] },
  { names: ['endpoint'] },
];

export const LITELLM_DAILY_REQUIRED: readonly (readonly number[])[] = [[F.date], [F.spend], [F.requests]];

const IMAGE_MODEL = /image|dall-e/i;

export class LiteLlmDailyMapper {
  constructor(private readonly ctx: ReadContext) {}

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    const day = readDay(f, F.date, f.text(F.date), ctx, sink);
    if (day === null) return;
    const money = readMoney(f, F.spend, f.text(F.spend) || '0', 'USD', '', ctx, sink);
    if (money === null) return;
    const counts = readCounts(f, [F.prompt, F.completion, F.cacheRead, F.requests, F.successful, F.failed], ctx, sink);
    if (counts === null) return;
    const [prompt = 0, completion = 0, cacheRead = 0, requests = 0, successful = 0, failed = 0] = counts;
    const rawModel = f.text(F.model) || f.text(F.modelGroup);
    const slash = rawModel.lastIndexOf('/');
    const model = normaliseModel(slash === -1 ? rawModel : rawModel.slice(slash + 1));
    const image = IMAGE_MODEL.test(model) || f.text(F.endpoint).includes('image');
    const tag = f.text(F.tag);
    const tags = tag === '' ? NO_TAGS : [ctx.pool.get(tag)];
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: money.usd,
      original: null,
      requestId: null,
      dims: dimensions({
        project: ctx.pool.get(f.text(F.team)),
        apiKey: ctx.pool.get(f.text(F.apiKey)),
        user: ctx.pool.get(f.text(F.user) || f.text(F.endUser)),
        campaign: ctx.pool.get(campaignOfTags(tags)),
        tags,
        vendor: ctx.pool.get(f.text(F.provider)),
        model: ctx.pool.get(model),
        modality: image ? 'image' : '',
      }),
      images: 0,
      requests: requests || successful + failed,
      failedRequests: failed,
      tokens: tokenCounts({
        textIn: Math.max(0, prompt - cacheRead),
        textCachedIn: cacheRead,
        [image ? 'imageOut' : 'textOut']: completion,
      }),
      quantity: null,
      flags: ctx.flags(day, money.amount),
    };
    sink.record(record);
  }
}
