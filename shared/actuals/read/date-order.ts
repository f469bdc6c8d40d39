import { detach } from './string-pool';
import { type DateOrder, type DayText, readDayText, resolveAmbiguous } from './day-text';

/**
 * The file's day/month order across all its rows: given by the user, proved by the file (the first date
 * with a number over 12 in one place), or still unknown while every D/M/Y date seen could be read either way.
 * Records whose date is ambiguous wait (the reader holds them) until the order is known, and if it never is,
 * the reader asks; nothing is guessed.
 */

export type DateOrderHow = 'given' | 'inferred' | 'not-needed' | 'ambiguous';

export interface DateOrderState {
  readonly order: DateOrder | null;
  readonly how: DateOrderHow;
  /** Where the order was proved (inferred), else null. */
  readonly proof: { readonly line: number; readonly text: string } | null;
  /** Some D/M/Y dates of the file that could be read either way (for the question to the user). */
  readonly examples: readonly string[];
}

export interface AmbiguousDate {
  readonly first: number;
  readonly second: number;
  readonly year: number;
}

const MAX_CACHED = 4_096;

export class DayReader {
  private orderValue: DateOrder | null;
  private proofAt: { line: number; text: string } | null = null;
  private sawDmy = false;
  private readonly examples: string[] = [];
  /** Short date texts repeat (one per day); full timestamps do not and are not cached. */
  private cache = new Map<string, DayText>();
  /** Why the last read returned null. */
  reason = '';
  /** The last ambiguous date (when read returned ''), its text and column. */
  ambiguous: AmbiguousDate | null = null;
  ambiguousText = '';
  ambiguousColumn: string | null = null;

  constructor(private readonly given: DateOrder | null) {
    this.orderValue = given;
  }

  get order(): DateOrder | null {
    return this.orderValue;
  }

  /** The day; '' when it waits for the order (see `ambiguous`); null when it is not a date (see `reason`). */
  read(text: string, line: number, column: string | null = null): string | null {
    let r = text.length <= 16 ? this.cache.get(text) : undefined;
    if (r === undefined) {
      r = readDayText(text, this.orderValue);
      if (text.length <= 16 && this.cache.size < MAX_CACHED) this.cache.set(detach(text), r);
    }
    switch (r.kind) {
      case 'day':
        return r.day;
      case 'bad':
        this.reason = r.reason;
        return null;
      case 'proof':
        this.sawDmy = true;
        if (this.orderValue === null) {
          this.orderValue = r.order;
          this.proofAt = { line, text };
          this.cache = new Map(); // ambiguous entries now read in the proved order
        }
        return r.day;
      case 'ambiguous':
        this.sawDmy = true;
        if (this.examples.length < 5 && !this.examples.includes(text)) this.examples.push(text);
        this.ambiguous = r;
        this.ambiguousText = text;
        this.ambiguousColumn = column;
        return '';
    }
  }

  /** The day of a date that waited, now that the order is known; null if it is invalid in that order. */
  resolve(date: AmbiguousDate): string | null {
    const order = this.orderValue;
    if (order !== 'DMY' && order !== 'MDY') return null;
    return resolveAmbiguous(date, order);
  }

  state(): DateOrderState {
    const how: DateOrderHow =
      this.given !== null ? 'given' : this.proofAt !== null ? 'inferred' : this.sawDmy ? 'ambiguous' : 'not-needed';
    return { order: this.orderValue, how, proof: this.proofAt, examples: [...this.examples] };
  }
}
