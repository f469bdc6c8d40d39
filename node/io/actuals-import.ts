import type { RejectedRow } from '../../shared/actuals/actual-record';
import { type ImportAccumulator, startImport } from '../../shared/actuals/ledger/import-accumulator';
import type { ImportMeta, ImportPreview } from '../../shared/actuals/ledger/import-types';
import type { ActualsLedger, CurrencyConversion } from '../../shared/actuals/ledger/ledger-schema';
import { createActualsReader, type ReadBatch, type ReadOptions, type ReadOutcome } from '../../shared/actuals/read';
import { parseRates } from '../../shared/actuals/read/read-context';
import { toDecimalString, ZERO } from '../../shared/money/exact';
import type { PriceBook } from '../../shared/pricing/price-book';
import {
  type ActualsFileSource,
  CANCELED,
  type Canceled,
  checkReadable,
  type ReadHooks,
  sourceFileName,
  streamActualsFile,
} from './actuals-file';

/**
 * One actuals file, from its bytes to the ledger's preview, in one pass: read and hash (decode, dialect, parse,
 * map, validate; shared/actuals/read) → dedupe and aggregate against the ledger (shared/actuals/ledger) →
 * name the content hash (a file imported before adds nothing) → preview.
 * Records stream from the reader into the accumulator and are never all held, so memory stays bounded
 * whatever the file's size. Nothing changes the ledger here: commitImport applies the preview.
 */

/** Rejected rows kept for the preview and its CSV export; the count stays exact beyond this. */
export const MAX_KEPT_REJECTED = 100_000;

/** What the read found (the reader's outcome without its records, which went to the ledger). */
export type ReadFindings = Omit<ReadOutcome, 'records' | 'rejected'>;

export type FileImport =
  /** Read: the preview says what committing it would do (it may add nothing: same file, nothing valid). */
  | { readonly kind: 'preview'; readonly read: ReadFindings; readonly preview: ImportPreview }
  /** The user must choose (the date order, a column mapping): read the file again with the choice. */
  | { readonly kind: 'needs-choice'; readonly read: ReadFindings; readonly rejected: readonly RejectedRow[] }
  /** Not a file this importer can read (missing, binary, unknown encoding, no header...): why, in words. */
  | { readonly kind: 'refused'; readonly error: string };

export interface FileImportOptions {
  /** The reader's options, less the file name (taken from the source). */
  readonly read: Omit<ReadOptions, 'fileName'>;
  /** ISO 8601 UTC, e.g. "2026-11-21T09:30:00Z": the batch's imported-at (time comes in from outside). */
  readonly importedAt: string;
  /** The mapping profile's name, kept with the batch; null for recognised sources. */
  readonly profileName?: string | null;
  /** Overrides the file name shown in messages and kept with the batch. */
  readonly fileName?: string;
  /** The plan's price book: the preview then names the file's usage it cannot price. */
  readonly priceBook?: PriceBook;
}

/** Reads one file and previews its import into `ledger`. Resolves `canceled` when the hooks' signal aborts. */
export async function previewActualsFile(
  ledger: ActualsLedger,
  source: ActualsFileSource,
  options: FileImportOptions,
  hooks: ReadHooks = {},
): Promise<FileImport | Canceled> {
  const unreadable = await checkReadable(source);
  if (unreadable !== null) return { kind: 'refused', error: unreadable };
  const fileName = options.fileName ?? sourceFileName(source);
  const created = createActualsReader({ ...options.read, fileName });
  if (!created.ok) return { kind: 'refused', error: created.error };
  const reader = created.value;
  const sink = new RecordSink(ledger, options, fileName);
  const streamed = await streamActualsFile(source, reader, (batch) => sink.take(batch, reader.sourceInfo()), hooks);
  if (streamed === CANCELED) return CANCELED;
  const outcome = streamed.outcome;
  const { records: _records, rejected: _rejected, ...read } = outcome;
  if (outcome.status === 'refused')
    return { kind: 'refused', error: `${fileName}: ${outcome.error ?? 'not readable'}` };
  if (outcome.status === 'needs-choice') return { kind: 'needs-choice', read, rejected: sink.rejected };
  if (sink.problem !== null) return { kind: 'refused', error: sink.problem };
  const accumulator = sink.accumulator ?? sink.start(outcome.source);
  if (accumulator === null) return { kind: 'refused', error: sink.problem ?? `${fileName}: no source recognised` };
  const identified = accumulator.identify(streamed.sha256);
  if (!identified.ok) return { kind: 'refused', error: identified.error };
  const rejected = sink.rejected;
  const preview = accumulator.finish(
    { rowsRead: outcome.rowsRead, rowsRejected: outcome.rowsRejected, rejected },
    options.priceBook ?? null,
  );
  return { kind: 'preview', read, preview };
}

/** Takes the reader's batches: records into the accumulator (started once the source is known), rejected rows kept. */
class RecordSink {
  accumulator: ImportAccumulator | null = null;
  readonly rejected: RejectedRow[] = [];
  problem: string | null = null;

  constructor(
    private readonly ledger: ActualsLedger,
    private readonly options: FileImportOptions,
    private readonly fileName: string,
  ) {}

  take(batch: ReadBatch, info: ReadOutcome['source']): void {
    for (const row of batch.rejected) if (this.rejected.length < MAX_KEPT_REJECTED) this.rejected.push(row);
    if (batch.records.length === 0 || this.problem !== null) return;
    const accumulator = this.accumulator ?? this.start(info);
    if (accumulator === null) return;
    for (const record of batch.records) accumulator.add(record);
  }

  start(info: ReadOutcome['source']): ImportAccumulator | null {
    if (info.source === null) {
      this.problem = `${this.fileName}: the reader gave records before it knew the source (a bug)`;
      return null;
    }
    const meta: ImportMeta = {
      source: info.source,
      ...(info.measure !== null ? { measure: info.measure } : {}),
      ...(info.dedupe !== null ? { dedupe: info.dedupe } : {}),
      profile: this.options.profileName ?? null,
      fileName: this.fileName,
      sha256: '', // named once the whole file was read and hashed (identify)
      importedAt: this.options.importedAt,
      conversion: null,
    };
    const started = startImport(this.ledger, { ...meta, conversion: this.conversion() });
    if (!started.ok) {
      this.problem = started.error;
      return null;
    }
    this.accumulator = started.value;
    return started.value;
  }

  /**
   * The rate a batch keeps for audit. The accumulator is started before the records are seen, so the rate
   * is the user's only one; with several rates given, none is recorded (each record keeps its original).
   */
  private conversion(): CurrencyConversion | null {
    const parsed = parseRates(this.options.read.rates ?? {});
    if (!('rates' in parsed) || parsed.rates.size !== 1) return null;
    const [[currency, perUsd] = ['', ZERO]] = [...parsed.rates];
    return { currency, perUsd: toDecimalString(perUsd) };
  }
}
