import type { ActualSource, DedupeKind, Measure } from '../actual-record';
import { type FieldSpec, type Fields, normaliseHeader } from './field-access';
import { COST_FIELDS, COST_REQUIRED, OpenAiCostsMapper } from './map-openai-costs';
import {
  COMPLETIONS_USAGE_FIELDS,
  COMPLETIONS_USAGE_REQUIRED,
  CompletionsUsageMapper,
  IMAGES_USAGE_FIELDS,
  IMAGES_USAGE_REQUIRED,
  ImagesUsageMapper,
} from './map-openai-usage';
import { LITELLM_FIELDS, LITELLM_REQUIRED, LiteLlmMapper } from './map-litellm';
import { LITELLM_DAILY_FIELDS, LITELLM_DAILY_REQUIRED, LiteLlmDailyMapper } from './map-litellm-daily';
import { OWN_LOG_FIELDS, OwnLogMapper } from './map-own-log';
import type { ReadContext, RowSink } from './read-context';

/**
 * The sources the reader knows: how each is recognised from a CSV header, which fields its mapper reads,
 * which columns it cannot do without, its measure and how the ledger deduplicates it.
 */

export interface RowMapper {
  map(fields: Fields, sink: RowSink): void;
}

/** Sources with a fixed mapper ('csv' goes through a profile). */
export type KnownSource = Exclude<ActualSource, 'csv'>;

export interface SourceDefinition {
  readonly fields: readonly FieldSpec[];
  /** Groups of fields of which the file must have at least one each. */
  readonly required: readonly (readonly number[])[];
  readonly measure: Measure;
  readonly dedupe: DedupeKind;
  create(ctx: ReadContext, metered: boolean): RowMapper;
}

export const SOURCES: Readonly<Record<KnownSource, SourceDefinition>> = {
  'openai-costs': {
    fields: COST_FIELDS,
    required: COST_REQUIRED,
    measure: 'billed',
    dedupe: 'keyed',
    create: (ctx) => new OpenAiCostsMapper(ctx),
  },
  'openai-costs-api': {
    fields: COST_FIELDS,
    required: COST_REQUIRED,
    measure: 'billed',
    dedupe: 'keyed',
    create: (ctx) => new OpenAiCostsMapper(ctx),
  },
  'openai-images-usage': {
    fields: IMAGES_USAGE_FIELDS,
    required: IMAGES_USAGE_REQUIRED,
    measure: 'usage',
    dedupe: 'keyed',
    create: (ctx) => new ImagesUsageMapper(ctx),
  },
  'openai-completions-usage': {
    fields: COMPLETIONS_USAGE_FIELDS,
    required: COMPLETIONS_USAGE_REQUIRED,
    measure: 'usage',
    dedupe: 'keyed',
    create: (ctx) => new CompletionsUsageMapper(ctx),
  },
  litellm: {
    fields: LITELLM_FIELDS,
    required: LITELLM_REQUIRED,
    measure: 'metered',
    dedupe: 'per-request',
    create: (ctx) => new LiteLlmMapper(ctx),
  },
  'litellm-daily': {
    fields: LITELLM_DAILY_FIELDS,
    required: LITELLM_DAILY_REQUIRED,
    measure: 'metered',
    dedupe: 'keyed',
    create: (ctx) => new LiteLlmDailyMapper(ctx),
  },
  jsonl: {
    fields: OWN_LOG_FIELDS,
    required: [[0]],
    measure: 'metered',
    dedupe: 'per-request',
    create: (ctx, metered) => new OwnLogMapper(ctx, metered),
  },
};

/** Which known source a CSV header is, by the columns it has (any order, any case), else 'csv'. */
export function detectCsvSource(header: readonly string[]): ActualSource {
  const has = new Set(header.map(normaliseHeader));
  const all = (...names: string[]): boolean => names.every((n) => has.has(n));
  if (all('request_id', 'spend', 'starttime')) return 'litellm';
  if (all('date', 'spend', 'api_requests')) return 'litellm-daily';
  if (all('amount_value') && (has.has('start_time') || has.has('start_time_iso'))) return 'openai-costs';
  if (all('num_model_requests', 'input_tokens', 'output_tokens')) return 'openai-completions-usage';
  if (all('num_model_requests', 'images')) return 'openai-images-usage';
  return 'csv';
}

/** The required fields a header lacks, as readable alternatives ("start_time or start_time_iso"), or []. */
export function missingColumns(definition: SourceDefinition, has: (field: number) => boolean): string[] {
  return definition.required
    .filter((group) => !group.some(has))
    .map((group) => group.map((f) => definition.fields[f]?.names[0] ?? '').join(' or '));
}
