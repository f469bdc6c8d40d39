import type { ActualSource, DedupeKind, Measure, RejectedRow } from '../actual-record';
import type { BucketDimensions } from './bucket-format';
import type { CurrencyConversion, StoredBatch } from './ledger-schema';
import type { UnpricedUsage } from './unpriced-usage';

/** How many distinct days one import may cover (a bucket key packs the day in 16 bits): 179 years. */
export const MAX_IMPORT_DAYS = 65_536;
/** Examples a preview lists (repeated ids, keys summed in the file); its counts are always complete. */
export const PREVIEW_EXAMPLES = 20;

/** What the importer knows about a file besides its records. Time and hashes come in: shared/ is pure. */
export interface ImportMeta {
  readonly source: ActualSource;
  /** Defaults to the source's measure (defaultMeasure); a csv profile may say another. */
  readonly measure?: Measure;
  /** Defaults to the source's kind (defaultDedupe); a csv mapping with a request-id column is per-request. */
  readonly dedupe?: DedupeKind;
  readonly profile: string | null;
  readonly fileName: string;
  /**
   * SHA-256 of the file's bytes, 64 lowercase hex digits; '' when the caller hashes the file in the same pass
   * as it reads it and names the hash with ImportAccumulator.identify() before finish.
   */
  readonly sha256: string;
  /** ISO 8601 UTC, e.g. "2026-11-21T09:30:00Z". */
  readonly importedAt: string;
  /** The rate the amounts were converted with, when the file was not in USD. */
  readonly conversion: CurrencyConversion | null;
  /** Defaults to the first 12 hex digits of sha256. */
  readonly batchId?: string;
}

/** What the reader saw that is not a record. */
export interface ReadSummary {
  /** Data records after the header, including rows with no spend (neither imported nor rejected). */
  readonly rowsRead: number;
  readonly rowsRejected: number;
  /** The rejected rows the reader kept (it may cap them); the preview passes them on. */
  readonly rejected: readonly RejectedRow[];
  /** Days the file covers even where it has no record (an empty-spend day at either end), if the reader knows. */
  readonly coveredStart?: string | null;
  readonly coveredEnd?: string | null;
}

/** Money as exact decimal strings, so a preview crosses IPC and worker boundaries as plain JSON. */
export interface PreviewTotal {
  readonly key: string;
  /** In the batch's measure; null for usage (counts only: priced from the price book in reports). */
  readonly amountUsd: string | null;
  readonly images: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly tokens: number;
}

/** A fact of an earlier import that this one changes (keyed sources: the later import wins). */
export interface RevisedFact {
  readonly batchId: string;
  readonly fileName: string;
  readonly day: string;
  readonly dimensions: BucketDimensions;
  readonly oldAmountUsd: string | null;
  readonly newAmountUsd: string | null;
  /** Usage facts are compared by their counts: the images and requests before and after. */
  readonly oldImages: number;
  readonly newImages: number;
  readonly oldRequests: number;
  readonly newRequests: number;
}

/** Per earlier batch: facts this import repeats with the same figures (kept once; this import's copy is in effect). */
export interface IdenticalFacts {
  readonly batchId: string;
  readonly fileName: string;
  readonly keys: number;
  readonly rows: number;
}

export interface ImportPreview {
  /** Batch ids of the ledger the preview was made against: commit refuses another ledger. */
  readonly base: readonly string[];
  /** The batch commit appends, or null when nothing is added (same file, or no valid record). */
  readonly batch: StoredBatch | null;
  /** The file was imported before (same SHA-256): nothing is added. */
  readonly sameFileAs: { readonly batchId: string; readonly fileName: string; readonly importedAt: string } | null;
  readonly source: ActualSource;
  readonly measure: Measure;
  readonly dedupe: DedupeKind;
  readonly fileName: string;
  readonly rowsRead: number;
  readonly rowsToImport: number;
  readonly rowsRejected: number;
  readonly rowsDuplicate: number;
  /** Keyed: records (among rowsToImport) that revise an earlier import's fact. */
  readonly rowsReplacing: number;
  /** Rows read that are no record (a day without spend): neither imported nor rejected. */
  readonly rowsEmpty: number;
  /** Billed or metered records without an amount: counted (images, requests), adding no money. */
  readonly rowsWithoutAmount: number;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  /** The batch's own total in its measure (keyed: all its facts; per-request: the requests it holds). */
  readonly amountUsd: string | null;
  /** How much the measure's total changes on commit (keyed: new facts minus the facts they replace). */
  readonly changeUsd: string | null;
  readonly byDay: readonly PreviewTotal[];
  readonly byModel: readonly PreviewTotal[];
  readonly revised: readonly RevisedFact[];
  readonly identical: readonly IdenticalFacts[];
  /** Keyed: on the days both this file and earlier imports have facts, keys only one side has. */
  readonly overlap: {
    readonly days: readonly string[];
    readonly keysOnlyInFile: number;
    readonly keysOnlyEarlier: number;
  } | null;
  /** Keyed: keys that several rows of the file share, summed into one fact (lines of the first few). */
  readonly summedInFile: {
    readonly keys: number;
    readonly rows: number;
    readonly examples: readonly { readonly day: string; readonly lines: readonly number[] }[];
  };
  /** Per-request: repeated ids in the file, and requests earlier batches already hold. */
  readonly duplicateRequests: {
    readonly inFile: number;
    readonly inFileExamples: readonly { readonly line: number; readonly requestId: string }[];
    readonly heldByEarlier: readonly {
      readonly batchId: string;
      readonly fileName: string;
      readonly requests: number;
    }[];
  };
  readonly negativeAmounts: number;
  readonly futureDates: number;
  /** Every rejected row: the reader's, then the ledger's own checks. */
  readonly rejected: readonly RejectedRow[];
  /** How this file's duplicates were decided, in words for the preview screen. */
  readonly rules: readonly string[];
  readonly warnings: readonly string[];
  /**
   * Usage in this file that the price book the preview was given cannot price, by model (reconciliation
   * counts usage it cannot price as $0); null when all of it prices, for billed and metered files, and for a
   * preview made without a price book.
   */
  readonly unpricedUsage: { readonly buckets: number; readonly byModel: readonly UnpricedUsage[] } | null;
}

/**
 * A preview's money in words, as the CLI and the import dialog show it: the batch's own total in its
 * measure; for usage (counts only), that reports price it; a billed or metered file with no amount (its
 * header only, or no row with one) says so rather than read as usage.
 */
export function previewAmountText(
  amountUsd: string | null,
  measure: Measure,
  /** How the amount is written: exact by default (the CLI), to cents in the app (with the exact on hover). */
  usd: (decimal: string) => string = (decimal) => `$${decimal}`,
): string {
  if (amountUsd !== null) return `${usd(amountUsd)} ${measure}`;
  return measure === 'usage' ? 'priced from usage in reports' : `no ${measure} amount`;
}
