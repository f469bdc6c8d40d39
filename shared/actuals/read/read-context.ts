import type { ActualRecord, RecordFlag } from '../actual-record';
import { type Exact, parseDecimal } from '../../money/exact';
import { roundHalfAwayFromZero } from '../../money/rounding';
import type { DecimalSeparator } from './csv-dialect';
import { DayReader } from './date-order';
import type { DateOrder } from './day-text';
import { quoteForMessage } from './message-text';
import { StringPool } from './string-pool';

/** Where mappers put what a row became. */
export interface RowSink {
  record(record: ActualRecord): void;
  reject(line: number, column: string | null, reason: string): void;
  /** A row read that carries nothing: a cost export's day without spend, an empty usage bucket. */
  empty(): void;
}

/** Decimals kept when an amount in another currency is converted to USD (far below a micro-dollar). */
export const CONVERTED_DECIMALS = 12;

const NO_FLAGS: readonly RecordFlag[] = Object.freeze([]);
const NEGATIVE: readonly RecordFlag[] = Object.freeze(['negative-amount']);
const FUTURE: readonly RecordFlag[] = Object.freeze(['future-date']);
const BOTH: readonly RecordFlag[] = Object.freeze(['negative-amount', 'future-date']);

const SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

/** Per-read state the mappers share: the file's dialect, the user's rates and date order, today. */
export class ReadContext {
  readonly pool = new StringPool();
  readonly dates: DayReader;
  /** Currencies met without a rate (the rows were rejected; the user is asked for a rate). */
  readonly missingRates = new Set<string>();
  /** Why the last toUsd returned null. */
  reason = '';

  constructor(
    readonly fileName: string,
    readonly today: string,
    readonly decimal: DecimalSeparator,
    private readonly rates: ReadonlyMap<string, Exact>,
    dateOrder: DateOrder | null,
  ) {
    this.dates = new DayReader(dateOrder);
  }

  /** The currency code a cell names ('' and "usd" are USD), or null when it is not a currency code. */
  currency(text: string): string | null {
    const t = text.trim();
    if (t === '' || t === 'usd' || t === 'USD') return 'USD';
    const symbol = SYMBOLS[t];
    if (symbol !== undefined) return symbol;
    const upper = t.toUpperCase();
    return /^[A-Z]{3}$/.test(upper) ? upper : null;
  }

  /** The amount in USD: as it is for USD, else divided by the user's rate (units per USD); null without a rate. */
  toUsd(amount: Exact, currency: string): Exact | null {
    if (currency === 'USD') return amount;
    const rate = this.rates.get(currency);
    if (rate === undefined) {
      this.missingRates.add(currency);
      this.reason = missingRateReason(currency);
      return null;
    }
    // usd = amount / rate: scale the amount by the rate's decimals, divide by its units, round once.
    const scaled = { units: amount.units * 10n ** BigInt(rate.scale), scale: amount.scale };
    return { units: roundHalfAwayFromZero(scaled, CONVERTED_DECIMALS, rate.units), scale: CONVERTED_DECIMALS };
  }

  flags(day: string, amount: Exact | null): readonly RecordFlag[] {
    const negative = amount !== null && amount.units < 0n;
    const future = day !== '' && day > this.today;
    return negative ? (future ? BOTH : NEGATIVE) : future ? FUTURE : NO_FLAGS;
  }

  /** A reason naming the cell: `column "Kosten (USD)": "abc" is not a number`. */
  notANumber(text: string, what = 'a number'): string {
    const format = this.decimal === ',' ? ' in this file (decimal comma)' : '';
    return `${quoteForMessage(text)} is not ${what}${format}`;
  }
}

/**
 * Why a row in a currency without a rate is rejected. Worded for any surface (the app has a Rates field,
 * the CLI a --rate flag: each adds its own hint, see missingRateCurrency).
 */
export function missingRateReason(currency: string): string {
  return `the amount is in ${currency} and no rate was given: give a rate for ${currency} (units per USD)`;
}

/** The currency a missingRateReason names, or null for any other reason. */
export function missingRateCurrency(reason: string): string | null {
  const m = /^the amount is in ([A-Z]{3}) and no rate was given: /.exec(reason);
  return m?.[1] ?? null;
}

/** Parses the user's rates ({EUR: "0.92"}: units per USD); an error names the bad one. */
export function parseRates(rates: Readonly<Record<string, string>>): { rates: Map<string, Exact> } | { error: string } {
  const out = new Map<string, Exact>();
  for (const [code, text] of Object.entries(rates)) {
    const upper = code.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(upper)) return { error: `${quoteForMessage(code)} is not a currency code (like EUR)` };
    const value = parseDecimal(text.trim());
    if (value === null || value.units <= 0n) {
      return {
        error: `the rate for ${upper} must be a positive number of ${upper} per USD, not ${quoteForMessage(text)}`,
      };
    }
    out.set(upper, value);
  }
  return { rates: out };
}
