import { type ActualRecord, NO_TOKENS, type TokenCounts } from '../actual-record';
import { type Exact, parseDecimal } from '../../money/exact';
import type { FieldSpec, Fields } from './field-access';
import { type LineItemParts, parseLineItem } from './line-item';
import { quoteForMessage } from './message-text';
import { readCount, readDecimal } from './number-text';
import type { ReadContext, RowSink } from './read-context';
import { dimensions, originalOf, readDay, readMoney, tokenCounts, tokenKind } from './record-parts';

/**
 * OpenAI billed cost: the dashboard's Cost export (header variants A and B) and the Costs API's results
 * (`/v1/organization/costs`, with the bucket's times merged in). One record per day × line item × project
 * (and key/user when grouped); an empty amount is a day without spend (read, not a record); `0` and `0E-6176`
 * are facts worth $0. A `quantity` in tokens fills the token kind the line item names.
 */

const F = {
  start: 0,
  startIso: 1,
  amount: 2,
  currency: 3,
  lineItem: 4,
  project: 5,
  apiKey: 6,
  user: 7,
  quantity: 8,
  unit: 9,
} as const;

export const COST_FIELDS: readonly FieldSpec[] = [
  { names: ['start_time'] },
  { names: ['start_time_iso'] },
  { names: ['amount_value', 'amount.value'] },
  { names: ['amount_currency', 'amount.currency'] },
  { names: ['line_item'] },
  { names: ['project_id'] },
  { names: ['api_key_id'] },
  { names: ['user_id'] },
  { names: ['quantity'] },
  { names: ['quantity_unit'] },
];

/** Columns a Cost export must have (one of the two start times, and the amount). */
export const COST_REQUIRED: readonly (readonly number[])[] = [[F.start, F.startIso], [F.amount]];

export class OpenAiCostsMapper {
  private readonly lineItems = new Map<string, LineItemParts>();

  constructor(private readonly ctx: ReadContext) {}

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    const amountText = f.text(F.amount);
    if (amountText === '') {
      sink.empty();
      return;
    }
    const start = f.text(F.start) || f.text(F.startIso);
    const day = readDay(f, f.text(F.start) ? F.start : F.startIso, start, ctx, sink);
    if (day === null) return;
    const money = readMoney(f, F.amount, amountText, f.text(F.currency), f.column(F.currency), ctx, sink);
    if (money === null) return;
    const lineItem = ctx.pool.get(f.text(F.lineItem));
    const parts = this.parts(lineItem);
    const quantity = readQuantity(f, parts, ctx, sink);
    if (quantity === null) return;
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: money.usd,
      original: originalOf(money),
      requestId: null,
      dims: dimensions({
        project: ctx.pool.get(f.text(F.project)),
        apiKey: ctx.pool.get(f.text(F.apiKey)),
        user: ctx.pool.get(f.text(F.user)),
        vendor: 'openai',
        model: parts.model,
        lineItem,
        modality: parts.modality,
        direction: parts.direction,
        surface: parts.surface,
      }),
      images: quantity.images,
      requests: 0,
      failedRequests: 0,
      tokens: quantity.tokens,
      quantity: quantity.other,
      flags: ctx.flags(day, money.amount),
    };
    sink.record(record);
  }

  private parts(lineItem: string): LineItemParts {
    let parts = this.lineItems.get(lineItem);
    if (parts === undefined) {
      const p = parseLineItem(lineItem);
      parts = { ...p, model: this.ctx.pool.get(p.model), surface: this.ctx.pool.get(p.surface) };
      if (this.lineItems.size < 10_000) this.lineItems.set(lineItem, parts);
    }
    return parts;
  }
}

interface Quantity {
  readonly tokens: TokenCounts;
  readonly images: number;
  readonly other: { readonly value: Exact; readonly unit: string } | null;
}

const NO_QUANTITY: Quantity = { tokens: NO_TOKENS, images: 0, other: null };

/** `quantity` + `quantity_unit`: tokens of the line item's kind, images, or kept as a quantity with its unit. */
function readQuantity(f: Fields, parts: LineItemParts, ctx: ReadContext, sink: RowSink): Quantity | null {
  const text = f.text(F.quantity);
  if (text === '') return NO_QUANTITY;
  const unit = f.text(F.unit).toLowerCase();
  const kind = unit === 'tokens' ? tokenKind(parts.modality, parts.direction) : null;
  if (kind !== null || unit === 'images') {
    const count = readCount(text, ctx.decimal);
    if (count !== null)
      return kind !== null
        ? { ...NO_QUANTITY, tokens: tokenCounts({ [kind]: count }) }
        : { ...NO_QUANTITY, images: count };
  }
  const value = readDecimal(text, ctx.decimal) ?? parseDecimal(text);
  if (value === null) {
    sink.reject(f.line, f.column(F.quantity), `${quoteForMessage(text)} is not a number`);
    return null;
  }
  return { ...NO_QUANTITY, other: { value, unit: ctx.pool.get(unit) } };
}
