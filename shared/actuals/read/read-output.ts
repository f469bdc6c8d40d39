import type { ActualRecord, RejectedRow } from '../actual-record';
import type { AmbiguousDate } from './date-order';
import { boundMessage, quoteForMessage } from './message-text';
import type { ReadContext, RowSink } from './read-context';
import { detach } from './string-pool';

/** Records and rejected rows produced since the last batch was taken. */
export interface ReadBatch {
  readonly records: readonly ActualRecord[];
  readonly rejected: readonly RejectedRow[];
}

interface Waiting {
  readonly record: ActualRecord;
  readonly date: AmbiguousDate | null;
  readonly text: string;
  readonly column: string | null;
}

/**
 * Collects what rows became, in file order, and counts them. Records whose date waits for the day/month
 * order are held (with every record after them, to keep the order) until a later row proves the order;
 * past `maxWaiting` held records the read stops and asks.
 */
export class ReadOutput implements RowSink {
  private records: ActualRecord[] = [];
  private rejected: RejectedRow[] = [];
  private waiting: Waiting[] = [];
  rowsRead = 0;
  rowsEmpty = 0;
  rowsRejected = 0;
  recordCount = 0;
  /** Too many records waited for the date order: the read must stop and ask. */
  overflow = false;

  constructor(
    private readonly ctx: ReadContext,
    private readonly maxWaiting: number,
  ) {}

  record(record: ActualRecord): void {
    const dates = this.ctx.dates;
    if (record.day === '') {
      this.waiting.push({
        record,
        date: dates.ambiguous,
        text: detach(dates.ambiguousText),
        column: dates.ambiguousColumn,
      });
    } else if (this.waiting.length > 0) {
      this.waiting.push({ record, date: null, text: '', column: null });
    } else {
      this.records.push(record);
      this.recordCount++;
      return;
    }
    if (dates.order !== null) this.flush();
    else if (this.waiting.length > this.maxWaiting) this.overflow = true;
  }

  reject(line: number, column: string | null, reason: string): void {
    this.rowsRejected++;
    this.rejected.push({ file: this.ctx.fileName, line, column, reason: boundMessage(reason) });
  }

  empty(): void {
    this.rowsEmpty++;
  }

  /** Whether records still wait for the date order (after settle()). */
  get waitingForDateOrder(): boolean {
    return this.waiting.length > 0;
  }

  /** Releases held records once the order is known (a rejected row may have proved it). */
  settle(): void {
    if (this.waiting.length > 0 && this.ctx.dates.order !== null) this.flush();
  }

  /** Drops held records (the read ends asking for the date order; it will be read again with it). */
  dropWaiting(): void {
    this.waiting = [];
  }

  private flush(): void {
    const dates = this.ctx.dates;
    const held = this.waiting;
    this.waiting = [];
    for (const w of held) {
      if (w.date === null) {
        this.records.push(w.record);
        this.recordCount++;
        continue;
      }
      const day = dates.resolve(w.date);
      if (day === null) {
        this.reject(w.record.line, w.column, `${quoteForMessage(w.text)} is not a valid ${dates.order ?? ''} date`);
        continue;
      }
      const own = this.ctx.pool.get(day);
      this.records.push({ ...w.record, day: own, flags: this.ctx.flags(own, w.record.amountUsd) });
      this.recordCount++;
    }
  }

  take(): ReadBatch {
    this.settle();
    if (this.records.length === 0 && this.rejected.length === 0) return EMPTY_BATCH;
    const batch = { records: this.records, rejected: this.rejected };
    this.records = [];
    this.rejected = [];
    return batch;
  }
}

export const EMPTY_BATCH: ReadBatch = Object.freeze({ records: Object.freeze([]), rejected: Object.freeze([]) });
