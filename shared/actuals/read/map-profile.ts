import { type ActualRecord, NO_TOKENS, type TokenCounts } from '../actual-record';
import type { Exact } from '../../money/exact';
import { type FieldSpec, type Fields } from './field-access';
import { type LineItemParts, normaliseModel, parseLineItem } from './line-item';
import { TagReader } from './tag-reader';
import { MAPPING_FIELDS, type MappingField, type MappingProfile } from './mapping-profile';
import { quoteForMessage } from './message-text';
import { readDecimal } from './number-text';
import type { ReadContext, RowSink } from './read-context';
import {
  type Money,
  originalOf,
  readCounts,
  readDay,
  readMoney,
  requestIdOf,
  spenderDimensions,
  tokenCounts,
  tokenKind,
} from './record-parts';

/**
 * Any other CSV, read through a mapping profile: each mapped field from its column. Amounts are the
 * profile's measure (billed by default) in the row's currency (a currency column, else the profile's); an
 * empty amount is a day without spend. A quantity in tokens fills the kind the line item names; in images or
 * requests it counts those; any other unit is kept as a quantity.
 */

/** One spec per mapping field, in MAPPING_FIELDS order, naming the profile's column. */
export function profileFieldSpecs(profile: MappingProfile): FieldSpec[] {
  return MAPPING_FIELDS.map((field) => ({
    names: profile.columns[field] === undefined ? [] : [profile.columns[field]],
  }));
}

const at = (field: MappingField): number => MAPPING_FIELDS.indexOf(field);
const F = {
  date: at('date'),
  amount: at('amount'),
  currency: at('currency'),
  quantity: at('quantity'),
  unit: at('unit'),
  images: at('images'),
  requests: at('requests'),
  model: at('model'),
  project: at('project'),
  apiKey: at('api-key'),
  tag: at('tag'),
  campaign: at('campaign'),
  user: at('user'),
  vendor: at('vendor'),
  requestId: at('request-id'),
  lineItem: at('line-item'),
};

interface Quantity {
  readonly tokens: TokenCounts;
  readonly images: number;
  readonly requests: number;
  readonly other: { readonly value: Exact; readonly unit: string } | null;
}

export class ProfileMapper {
  private readonly tags = new TagReader();
  private readonly usage: boolean;

  constructor(
    private readonly ctx: ReadContext,
    private readonly profile: MappingProfile,
  ) {
    this.usage = profile.measure === 'usage';
  }

  map(f: Fields, sink: RowSink): void {
    const ctx = this.ctx;
    const amountText = f.text(F.amount);
    const nothing = this.usage
      ? f.text(F.quantity) === '' && f.text(F.images) === '' && f.text(F.requests) === ''
      : amountText === '';
    if (nothing) {
      sink.empty();
      return;
    }
    const day = readDay(f, F.date, f.text(F.date), ctx, sink);
    if (day === null) return;
    const money = this.money(f, amountText, sink);
    if (money === undefined) return;
    const lineItemText = f.text(F.lineItem);
    const parts = lineItemText === '' ? null : parseLineItem(lineItemText);
    const quantity = this.quantity(f, parts, sink);
    if (quantity === null) return;
    const tags = this.tags.readLoose(f.value(F.tag));
    const modelText = f.text(F.model);
    const record: ActualRecord = {
      line: f.line,
      day,
      amountUsd: money === null ? null : money.usd,
      original: money === null ? null : originalOf(money),
      requestId: requestIdOf(f, F.requestId),
      dims: spenderDimensions(f, F, tags, ctx, {
        vendor: ctx.pool.get(f.text(F.vendor) || this.profile.vendor),
        model: ctx.pool.get(modelText !== '' ? normaliseModel(modelText) : (parts?.model ?? '')),
        lineItem: ctx.pool.get(lineItemText),
        modality: parts?.modality ?? '',
        direction: parts?.direction ?? '',
        surface: parts?.surface ?? '',
      }),
      images: quantity.images,
      requests: quantity.requests,
      failedRequests: 0,
      tokens: quantity.tokens,
      quantity: quantity.other,
      flags: ctx.flags(day, money === null ? null : money.amount),
    };
    sink.record(record);
  }

  /** The amount (null for usage profiles), or undefined after a rejection. */
  private money(f: Fields, amountText: string, sink: RowSink): Money | null | undefined {
    if (this.usage) return null;
    const currency = f.has(F.currency) ? f.text(F.currency) || this.profile.currency : this.profile.currency;
    return readMoney(f, F.amount, amountText, currency, f.column(F.currency), this.ctx, sink) ?? undefined;
  }

  private quantity(f: Fields, parts: LineItemParts | null, sink: RowSink): Quantity | null {
    const counts = readCounts(f, [F.images, F.requests], this.ctx, sink);
    if (counts === null) return null;
    let [images = 0, requests = 0] = counts;
    const text = f.text(F.quantity);
    if (text === '') return { tokens: NO_TOKENS, images, requests, other: null };
    const value = readDecimal(text, this.ctx.decimal);
    if (value === null) {
      sink.reject(f.line, f.column(F.quantity), this.ctx.notANumber(text));
      return null;
    }
    const unit = f.text(F.unit).toLowerCase();
    const whole = value.scale === 0 && value.units >= 0n ? Number(value.units) : null;
    const kind = unit === 'tokens' && parts !== null ? tokenKind(parts.modality, parts.direction) : null;
    if (whole !== null && kind !== null)
      return { tokens: tokenCounts({ [kind]: whole }), images, requests, other: null };
    if (whole !== null && unit === 'images') images += whole;
    else if (whole !== null && unit === 'requests') requests += whole;
    else if (unit === '') {
      sink.reject(f.line, f.column(F.unit), `the quantity ${quoteForMessage(text)} has no unit`);
      return null;
    } else return { tokens: NO_TOKENS, images, requests, other: { value, unit: this.ctx.pool.get(unit) } };
    return { tokens: NO_TOKENS, images, requests, other: null };
  }
}
