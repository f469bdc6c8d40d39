import type { ActualSource } from '../actual-record';
import type { Exact } from '../../money/exact';
import { fail, ok, type Result } from '../../result';
import { type Container, decideContainer } from './container';
import {
  type DecimalSeparator,
  type Delimiter,
  sampleRecords,
  sniffDecimalSeparator,
  sniffDelimiter,
} from './csv-dialect';
import { CsvTokenizer, type CsvLimits, DEFAULT_CSV_LIMITS } from './csv-tokenizer';
import { ByteDecoder } from './decode-bytes';
import type { DateOrder } from './day-text';
import type { MappingProfile } from './mapping-profile';
import { parseRates, ReadContext } from './read-context';
import { CsvRead } from './read-csv';
import { JsonLinesRead, JsonRead } from './read-json';
import { type ReadBatch, EMPTY_BATCH, ReadOutput } from './read-output';
import type { Choice, Dialect, ReadStop, SourceInfo } from './read-types';
import { SOURCES } from './sources';

/**
 * THE entry point for reading an actuals file: bytes in (pushed in chunks as they are read), records and
 * rejected rows out in batches as they are produced, so a million-row file never holds all its records at
 * once. Pure: the caller reads the file (Node stream, browser File) and keeps or forwards the batches.
 *
 * decode → container and dialect (sniffed from the first text) → header / shape → source → mapper → records.
 *
 * A read ends `done` (the batches are the file's records), `needs-choice` (the user must choose the date
 * order or a column mapping: discard the batches and read the file again with the choice) or `refused`
 * (not a file this importer can read; the error says why and what to do).
 */

export interface ReadLimits extends CsvLimits {
  /** Characters of a JSON document, which is read whole. */
  readonly maxJsonChars: number;
  /** Characters of one JSON Lines line. */
  readonly maxJsonLineChars: number;
  /** Records held while waiting for a later row to prove the day/month order, before asking instead. */
  readonly maxWaitingForDateOrder: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  ...DEFAULT_CSV_LIMITS,
  maxJsonChars: 100_000_000,
  maxJsonLineChars: 4_194_304,
  maxWaitingForDateOrder: 200_000,
};

export interface ReadOptions {
  /** For messages and rejected rows. */
  readonly fileName: string;
  /** The source, when the user chose it; 'auto' or absent: detected from the header or shape. */
  readonly source?: ActualSource | 'auto';
  /** A column mapping for "any other CSV" (its dialect settings apply unless given here). */
  readonly profile?: MappingProfile | null;
  /** The day/month order (`--date-format`); absent: proved by the file or asked. */
  readonly dateOrder?: DateOrder | null;
  readonly delimiter?: Delimiter | null;
  readonly decimalSeparator?: DecimalSeparator | null;
  /** Rates for amounts not in USD, as units of the currency per USD: {EUR: "0.92"}. */
  readonly rates?: Readonly<Record<string, string>>;
  /** YYYY-MM-DD, for flagging dates in the future. */
  readonly today: string;
  readonly limits?: Partial<ReadLimits>;
}

export type ReadStatus = 'done' | 'needs-choice' | 'refused';

export interface ReadOutcome extends ReadBatch {
  readonly status: ReadStatus;
  /** Why the file was refused, else null. */
  readonly error: string | null;
  /** What to ask the user (status needs-choice). */
  readonly choices: readonly Choice[];
  readonly source: SourceInfo;
  readonly dialect: Dialect;
  /** The CSV header as read (trimmed), else []. */
  readonly header: readonly string[];
  /** Data rows read (after the header; JSON results and empty buckets); empty-spend rows are read. */
  readonly rowsRead: number;
  /** Rows read that carry nothing (a day without spend, an empty bucket): neither imported nor rejected. */
  readonly rowsEmpty: number;
  readonly rowsRejected: number;
  /** Records produced over the whole read. */
  readonly recordCount: number;
  /** Currencies whose rows were rejected for want of a rate. */
  readonly missingRates: readonly string[];
  /** What the user should know (an inferred date order, a team log read as usage). */
  readonly notes: readonly string[];
}

export interface ActualsReader {
  push(bytes: Uint8Array): ReadBatch;
  end(): ReadOutcome;
  /** The source as known so far: set once the header or the first item is read (before any record). */
  sourceInfo(): SourceInfo;
}

export function createActualsReader(options: ReadOptions): Result<ActualsReader> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) return fail(`today must be YYYY-MM-DD, not "${options.today}"`);
  const rates = parseRates(options.rates ?? {});
  if ('error' in rates) return fail(rates.error);
  return ok(new Reader(options, rates.rates));
}

const SNIFF_CHARS = 65_536;

const CSV_ONLY: ReadonlySet<ActualSource | null> = new Set(['csv', 'openai-costs']);

type Part =
  | { kind: 'csv'; csv: CsvRead; tokenizer: CsvTokenizer }
  | { kind: 'json'; json: JsonRead }
  | { kind: 'jsonl'; jsonl: JsonLinesRead };

class Reader implements ActualsReader {
  private readonly decoder = new ByteDecoder();
  private readonly limits: ReadLimits;
  private readonly givenSource: ActualSource | null;
  private head = '';
  private part: Part | null = null;
  private ctx: ReadContext | null = null;
  private out: ReadOutput | null = null;
  private delimiter: Delimiter | null = null;
  private stop: ReadStop | null = null;

  constructor(
    private readonly options: ReadOptions,
    private readonly rates: ReadonlyMap<string, Exact>,
  ) {
    this.limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
    const source = options.source ?? 'auto';
    this.givenSource = source !== 'auto' ? source : options.profile ? 'csv' : null;
  }

  push(bytes: Uint8Array): ReadBatch {
    if (this.stop !== null) return EMPTY_BATCH;
    const text = this.decoder.push(bytes);
    if (!text.ok) this.stop = { kind: 'refused', error: text.error };
    else this.text(text.value, false);
    return this.out?.take() ?? EMPTY_BATCH;
  }

  end(): ReadOutcome {
    if (this.stop === null) {
      const text = this.decoder.end();
      if (!text.ok) this.stop = { kind: 'refused', error: text.error };
      else this.text(text.value, true);
    }
    if (this.stop === null) this.finish();
    return this.outcome();
  }

  private text(text: string, final: boolean): void {
    if (this.part === null) {
      this.head += text;
      if (!this.start(final)) return;
      text = this.head;
      this.head = '';
    }
    const part = this.part;
    if (part === null) return;
    if (part.kind === 'csv') part.tokenizer.push(text);
    else if (part.kind === 'json') part.json.push(text);
    else part.jsonl.push(text);
    this.checkStop();
  }

  /** Decides the container and dialect once enough text has arrived; false while it waits for more. */
  private start(final: boolean): boolean {
    let kind = decideContainer(this.head, final, this.limits.maxJsonLineChars);
    if (kind === 'wait') return false;
    // A source only ever written as CSV is read as CSV even if its header starts like JSON ("[Date],…").
    if ((kind === 'json' || kind === 'jsonl') && CSV_ONLY.has(this.givenSource)) kind = 'csv';
    if (kind === 'blank') {
      this.stop = { kind: 'refused', error: 'the file has no data (only blank lines)' };
      return false;
    }
    this.open(kind, final);
    return true;
  }

  private open(kind: Container, final: boolean): void {
    const profile = this.options.profile ?? null;
    let decimal: DecimalSeparator = '.';
    if (kind === 'csv') {
      const sep = /^sep=([,;\t|])\r?\n/i.exec(this.head); // Excel's "sep=;" first line names the delimiter
      if (sep) this.head = this.head.slice(sep[0].length);
      // The dialect is sniffed from the first 64 KB, however large the first chunk.
      const sample = this.head.length > SNIFF_CHARS ? this.head.slice(0, SNIFF_CHARS) : this.head;
      const whole = final && sample.length === this.head.length;
      const delimiter =
        this.options.delimiter ??
        profile?.delimiter ??
        (sep?.[1] as Delimiter | undefined) ??
        sniffDelimiter(sample, whole);
      this.delimiter = delimiter;
      decimal =
        this.options.decimalSeparator ??
        profile?.decimalSeparator ??
        sniffDecimalSeparator(sampleRecords(sample, delimiter, whole), delimiter);
      this.setup(decimal);
      const csv = new CsvRead(this.context(), this.output(), this.givenSource, profile);
      const tokenizer = new CsvTokenizer(delimiter, csv, this.limits, sep ? 2 : 1);
      this.part = { kind: 'csv', csv, tokenizer };
      return;
    }
    this.setup(decimal);
    this.part =
      kind === 'json'
        ? { kind, json: new JsonRead(this.context(), this.output(), this.givenSource, this.limits.maxJsonChars) }
        : {
            kind,
            jsonl: new JsonLinesRead(this.context(), this.output(), this.givenSource, this.limits.maxJsonLineChars),
          };
  }

  private setup(decimal: DecimalSeparator): void {
    const dateOrder = this.options.dateOrder ?? this.options.profile?.dateOrder ?? null;
    this.ctx = new ReadContext(this.options.fileName, this.options.today, decimal, this.rates, dateOrder);
    this.out = new ReadOutput(this.ctx, this.limits.maxWaitingForDateOrder);
  }

  private context(): ReadContext {
    if (this.ctx === null) throw new Error('internal: read context before setup');
    return this.ctx;
  }

  private output(): ReadOutput {
    if (this.out === null) throw new Error('internal: read output before setup');
    return this.out;
  }

  private checkStop(): void {
    const part = this.part;
    if (part === null || this.stop !== null) return;
    const stop = part.kind === 'csv' ? part.csv.stop : part.kind === 'json' ? part.json.stop : part.jsonl.stop;
    if (stop !== null) this.stop = stop;
    else if (this.out?.overflow === true) this.stop = { kind: 'choice', choice: this.dateOrderChoice() };
  }

  private finish(): void {
    const part = this.part;
    if (part === null) return;
    if (part.kind === 'csv') part.tokenizer.end();
    else if (part.kind === 'json') part.json.end();
    else part.jsonl.end();
    this.checkStop();
    if (this.stop === null && part.kind === 'csv' && part.csv.header === null) {
      this.stop = { kind: 'refused', error: 'the file has no header row' };
    }
    this.out?.settle();
    if (this.stop === null && this.out?.waitingForDateOrder === true) {
      this.stop = { kind: 'choice', choice: this.dateOrderChoice() };
    }
  }

  private dateOrderChoice(): Choice {
    const state = this.context().dates.state();
    this.out?.dropWaiting();
    const examples = state.examples.join(', ');
    return {
      kind: 'date-order',
      column: this.context().dates.ambiguousColumn,
      examples: state.examples,
      message:
        `the dates (${examples}) can be read as day/month/year or month/day/year and no row settles it: ` +
        'choose the date format (--date-format DMY or MDY)',
    };
  }

  private outcome(): ReadOutcome {
    const stop = this.stop;
    const out = this.out;
    const batch = stop === null ? (out?.take() ?? EMPTY_BATCH) : dropRecords(out?.take() ?? EMPTY_BATCH);
    return {
      ...batch,
      status: stop === null ? 'done' : stop.kind === 'refused' ? 'refused' : 'needs-choice',
      error: stop?.kind === 'refused' ? stop.error : null,
      choices: stop?.kind === 'choice' ? [stop.choice] : [],
      source: this.sourceInfo(),
      dialect: this.dialect(),
      header: this.part?.kind === 'csv' ? (this.part.csv.header ?? []) : [],
      rowsRead: out?.rowsRead ?? 0,
      rowsEmpty: out?.rowsEmpty ?? 0,
      rowsRejected: out?.rowsRejected ?? 0,
      recordCount: out?.recordCount ?? 0,
      missingRates: [...(this.ctx?.missingRates ?? [])].sort(),
      notes: this.notes(),
    };
  }

  sourceInfo(): SourceInfo {
    const part = this.part;
    const source =
      part === null
        ? null
        : part.kind === 'csv'
          ? part.csv.source
          : part.kind === 'json'
            ? part.json.source
            : part.jsonl.source;
    const how = this.givenSource !== null ? 'given' : 'detected';
    if (source === null) return { source, how, measure: null, dedupe: null };
    if (source === 'csv') {
      const profile = this.options.profile ?? null;
      return {
        source,
        how,
        measure: profile?.measure ?? 'billed',
        dedupe: profile?.columns['request-id'] !== undefined ? 'per-request' : 'keyed',
      };
    }
    const metered = part?.kind === 'json' ? part.json.metered : part?.kind === 'jsonl' ? part.jsonl.metered : true;
    const definition = SOURCES[source];
    return {
      source,
      how,
      measure: source === 'jsonl' && !metered ? 'usage' : definition.measure,
      dedupe: definition.dedupe,
    };
  }

  private dialect(): Dialect {
    const part = this.part;
    return {
      encoding: this.decoder.encoding,
      bom: this.decoder.bom,
      container: part?.kind ?? null,
      delimiter: this.delimiter,
      decimalSeparator: this.ctx?.decimal ?? '.',
      dateOrder: this.ctx?.dates.state() ?? {
        order: this.options.dateOrder ?? null,
        how: 'not-needed',
        proof: null,
        examples: [],
      },
    };
  }

  private notes(): string[] {
    const notes: string[] = [];
    const state = this.ctx?.dates.state();
    if (state?.how === 'inferred' && state.proof !== null) {
      const order = state.order === 'DMY' ? 'day/month/year' : 'month/day/year';
      notes.push(`dates read as ${order} (${state.order}), as line ${state.proof.line} shows: ${state.proof.text}`);
    }
    const info = this.sourceInfo();
    if (info.source === 'jsonl' && info.measure === 'usage') {
      notes.push('the log has no cost on its lines: read as usage (tokens, priced from the price book)');
    }
    return notes;
  }
}

/** A read that stopped keeps its rejected rows (to show) but no records (the file is read again). */
function dropRecords(batch: ReadBatch): ReadBatch {
  return { records: [], rejected: batch.rejected };
}
