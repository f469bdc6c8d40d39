import type { Exact } from '../money/exact';

/**
 * The boundary between reading an actuals file and keeping it in the ledger.
 *
 * Reading (decode → dialect → parse → detect source → map → validate) turns each data row of any source into
 * one `ActualRecord`, or into a `RejectedRow` with the reason. The ledger (dedupe → aggregate → batch) only
 * ever sees records, so a new source is a new mapper and nothing else.
 *
 * Three measures of money are never added together:
 * - billed: what the provider invoices (OpenAI Costs export and Costs API);
 * - metered: what a gateway computed per request (LiteLLM logs and roll-ups, a team's own log);
 * - usage: counts and tokens, priced with the plan's price book as of each day ("priced from usage").
 */

export const MEASURES = ['billed', 'metered', 'usage'] as const;
export type Measure = (typeof MEASURES)[number];

/** Every source the importer recognises; `csv` is any other CSV read through a column mapping profile. */
export const ACTUAL_SOURCES = [
  'openai-costs',
  'openai-costs-api',
  'openai-images-usage',
  'openai-completions-usage',
  'litellm',
  'litellm-daily',
  'jsonl',
  'csv',
] as const;
export type ActualSource = (typeof ACTUAL_SOURCES)[number];

/**
 * How duplicates across imports are resolved for a source's records:
 * - `keyed`: aggregated exports (one fact per day × grouping key). Where two batches have the same key, the
 *   later import wins (providers revise the current, partial day); identical figures are one fact.
 * - `per-request`: one record per request. A request id counts once across all batches (the earliest batch
 *   still in the ledger holds it); records without an id are never deduplicated (they are distinct requests).
 */
export type DedupeKind = 'keyed' | 'per-request';

/** Token counts by kind; absent kinds are 0. */
export interface TokenCounts {
  readonly textIn: number;
  readonly textCachedIn: number;
  readonly imageIn: number;
  readonly imageCachedIn: number;
  readonly audioIn: number;
  readonly textOut: number;
  readonly imageOut: number;
  readonly audioOut: number;
}

/**
 * What a record is about. '' means "the file does not say" (kept distinct from any real value). These are
 * the dimensions the ledger aggregates by and reconciliation matches on.
 */
export interface RecordDimensions {
  readonly project: string;
  readonly apiKey: string;
  readonly user: string;
  /** The team's campaign: a `campaign:<slug>` tag, else metadata, else '' (unattributed). */
  readonly campaign: string;
  /** Every tag on the request, sorted, without duplicates (e.g. "campaign:spring-catalog", "team:growth"). */
  readonly tags: readonly string[];
  /** Who billed or metered it: "openai", a gateway's provider, a reseller. */
  readonly vendor: string;
  /** Normalised model: snapshot date and modality word removed ("gpt-image-2-2026-04-21 image" → "gpt-image-2"). */
  readonly model: string;
  /** The provider's line item as written (billed sources), else ''. */
  readonly lineItem: string;
  /** From the line item or the token kind: "image" | "text" | "audio" | ''. */
  readonly modality: string;
  /** "input" | "output" | "cached input" | "cache writes" | '' (the line item's last part). */
  readonly direction: string;
  /** Output size when the source says it ("1024x1536"), else ''. */
  readonly size: string;
  /** Quality when the source says it (a team's own log), else ''. */
  readonly quality: string;
  /** "image.generation" | "image.edit" | "image.variation" | '' (images usage, gateway call types). */
  readonly imageSource: string;
  /** "batch" when the provider says the request went through the Batch API, else ''. */
  readonly surface: string;
}

/** No tokens of any kind: the tokens of a record that counts none, and a starting point for sums. */
export const NO_TOKENS: TokenCounts = Object.freeze({
  textIn: 0,
  textCachedIn: 0,
  imageIn: 0,
  imageCachedIn: 0,
  audioIn: 0,
  textOut: 0,
  imageOut: 0,
  audioOut: 0,
});

/** Dimensions of a record whose file says nothing about them: every one '' and no tags. */
export const NO_DIMENSIONS: RecordDimensions = Object.freeze({
  project: '',
  apiKey: '',
  user: '',
  campaign: '',
  tags: Object.freeze([]),
  vendor: '',
  model: '',
  lineItem: '',
  modality: '',
  direction: '',
  size: '',
  quality: '',
  imageSource: '',
  surface: '',
});

export interface ActualRecord {
  /** 1-based line in the file where the record starts (for errors and the preview), or the JSON item index. */
  readonly line: number;
  /** The UTC calendar day the bucket or request started, YYYY-MM-DD. */
  readonly day: string;
  /**
   * Money in USD, exact as written in the file (never through a binary float: "0E-6176", "4.5E-06" and
   * "0.10640000000000001" keep every digit), in the batch's measure (converted with the user's rate when the file is in another
   * currency), or null for usage records, which carry counts only and are priced later from the price book.
   */
  readonly amountUsd: Exact | null;
  /** The amount as written and its currency, when it was not USD (kept for audit). */
  readonly original: { readonly amount: Exact; readonly currency: string } | null;
  /** Per-request sources: the request id, or null when the file has none. Aggregated sources: null. */
  readonly requestId: string | null;
  readonly dims: RecordDimensions;
  readonly images: number;
  readonly requests: number;
  /** Requests that failed (gateway status failure): counted, $0. */
  readonly failedRequests: number;
  readonly tokens: TokenCounts;
  /** Provider quantity when it is not tokens or images (e.g. "characters"), with its unit; else null. */
  readonly quantity: { readonly value: Exact; readonly unit: string } | null;
  /** Warnings that do not stop the record: a negative amount (credit or refund), a date in the future. */
  readonly flags: readonly RecordFlag[];
}

export type RecordFlag = 'negative-amount' | 'future-date';

/** A data row that could not be imported, with where and why, so the user can fix the file. */
export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  /** The column header (or JSON path) the problem is in, or null for the whole row. */
  readonly column: string | null;
  readonly reason: string;
}
