import { NO_DIMENSIONS, NO_TOKENS, type RecordDimensions, type TokenCounts } from '../actual-record';
import type { Exact } from '../../money/exact';
import type { Fields } from './field-access';
import { quoteForMessage } from './message-text';
import { readDecimal } from './number-text';
import type { ReadContext, RowSink } from './read-context';
import { detach } from './string-pool';
import type { TagInfo } from './tag-reader';

/** Shared pieces of records: dimension and token builders, token kinds of a line item. */

export const NO_TAGS: readonly string[] = NO_DIMENSIONS.tags;

export function tokenCounts(parts: Partial<TokenCounts>): TokenCounts {
  return tokens(
    parts.textIn ?? 0,
    parts.textCachedIn ?? 0,
    parts.imageIn ?? 0,
    parts.imageCachedIn ?? 0,
    parts.audioIn ?? 0,
    parts.textOut ?? 0,
    parts.imageOut ?? 0,
    parts.audioOut ?? 0,
  );
}

/** Token counts in TokenCounts order; the shared NO_TOKENS when all are 0. For the per-row hot paths. */
export function tokens(
  textIn: number,
  textCachedIn: number,
  imageIn: number,
  imageCachedIn: number,
  audioIn: number,
  textOut: number,
  imageOut: number,
  audioOut: number,
): TokenCounts {
  if (textIn + textCachedIn + imageIn + imageCachedIn + audioIn + textOut + imageOut + audioOut === 0) return NO_TOKENS;
  return { textIn, textCachedIn, imageIn, imageCachedIn, audioIn, textOut, imageOut, audioOut };
}

export function dimensions(parts: Partial<RecordDimensions>): RecordDimensions {
  return {
    project: parts.project ?? '',
    apiKey: parts.apiKey ?? '',
    user: parts.user ?? '',
    campaign: parts.campaign ?? '',
    tags: parts.tags ?? NO_TAGS,
    vendor: parts.vendor ?? '',
    model: parts.model ?? '',
    lineItem: parts.lineItem ?? '',
    modality: parts.modality ?? '',
    direction: parts.direction ?? '',
    size: parts.size ?? '',
    quality: parts.quality ?? '',
    imageSource: parts.imageSource ?? '',
    surface: parts.surface ?? '',
  };
}

/** Where a team's own file (its log, a mapped CSV) says who spent the money: field indexes of its columns. */
export interface SpenderFields {
  readonly project: number;
  readonly apiKey: number;
  readonly user: number;
  readonly campaign: number;
}

/**
 * The dimensions of a row of a team's own file: project, API key and user from their columns, the campaign
 * from its column, else from the row's `campaign:<slug>` tag; the rest (vendor, model, ...) the source's own.
 */
export function spenderDimensions(
  f: Fields,
  at: SpenderFields,
  tags: TagInfo,
  ctx: ReadContext,
  own: Partial<RecordDimensions>,
): RecordDimensions {
  return dimensions({
    ...own,
    project: ctx.pool.get(f.text(at.project)),
    apiKey: ctx.pool.get(f.text(at.apiKey)),
    user: ctx.pool.get(f.text(at.user)),
    campaign: ctx.pool.get(f.text(at.campaign) || tags.campaign),
    tags: tags.tags,
  });
}

/** A per-request row's request id, kept apart from the file's text; null when the column is empty. */
export function requestIdOf(f: Fields, field: number): string | null {
  const text = f.text(field);
  return text === '' ? null : detach(text);
}

/** The token count a (modality, direction) pair of a line item fills, or null (e.g. cache writes). */
export function tokenKind(modality: string, direction: string): keyof TokenCounts | null {
  const m = modality === '' ? 'text' : modality;
  if (direction === 'input') return m === 'image' ? 'imageIn' : m === 'audio' ? 'audioIn' : 'textIn';
  if (direction === 'cached input') return m === 'image' ? 'imageCachedIn' : m === 'audio' ? 'audioIn' : 'textCachedIn';
  if (direction === 'output') return m === 'image' ? 'imageOut' : m === 'audio' ? 'audioOut' : 'textOut';
  return null;
}

/** Tags sorted, without duplicates or empties. */
export function sortedTags(tags: readonly string[]): readonly string[] {
  if (tags.length === 0) return NO_TAGS;
  return Object.freeze([...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))].sort());
}

/** The slug of the first `campaign:<slug>` tag, else ''. */
export function campaignOfTags(tags: readonly string[]): string {
  for (const tag of tags) {
    if (tag.startsWith('campaign:')) return tag.slice(9).trim();
  }
  return '';
}

/**
 * Reads count fields into numbers; on the first bad one, rejects the row (naming the column) and returns
 * null. Counts are whole and non-negative ("16.0" is 16).
 */
export function readCounts(f: Fields, fields: readonly number[], ctx: ReadContext, sink: RowSink): number[] | null {
  const out: number[] = [];
  for (const field of fields) {
    const value = f.count(field, ctx.decimal);
    if (value === null) {
      sink.reject(f.line, f.column(field), ctx.notANumber(f.text(field), 'a whole number of 0 or more'));
      return null;
    }
    out.push(value);
  }
  return out;
}

/** The day of a row's date text, or null after rejecting the row. '' means it waits for the date order. */
export function readDay(f: Fields, field: number, text: string, ctx: ReadContext, sink: RowSink): string | null {
  if (text === '') {
    sink.reject(f.line, f.column(field), 'the date is empty');
    return null;
  }
  const day = ctx.dates.read(text, f.line, f.column(field));
  if (day === null) sink.reject(f.line, f.column(field), ctx.dates.reason);
  return day === null ? null : ctx.pool.get(day);
}

export interface Money {
  /** As written, in its currency. */
  readonly amount: Exact;
  readonly currency: string;
  readonly usd: Exact;
}

/** Reads an amount and its currency; on a bad one rejects the row (naming the column) and returns null. */
export function readMoney(
  f: Fields,
  amountField: number,
  amountText: string,
  currencyText: string,
  currencyColumn: string,
  ctx: ReadContext,
  sink: RowSink,
): Money | null {
  const amount = readDecimal(amountText, ctx.decimal);
  if (amount === null) {
    sink.reject(f.line, f.column(amountField), ctx.notANumber(amountText));
    return null;
  }
  const currency = ctx.currency(currencyText);
  if (currency === null) {
    sink.reject(f.line, currencyColumn, `${quoteForMessage(currencyText)} is not a currency code (like USD or EUR)`);
    return null;
  }
  const usd = ctx.toUsd(amount, currency);
  if (usd === null) {
    sink.reject(f.line, f.column(amountField), ctx.reason);
    return null;
  }
  return { amount, currency, usd };
}

/** The record's `original` for an amount not in USD (kept for audit), else null. */
export function originalOf(money: Money): { readonly amount: Exact; readonly currency: string } | null {
  return money.currency === 'USD' ? null : { amount: money.amount, currency: money.currency };
}
