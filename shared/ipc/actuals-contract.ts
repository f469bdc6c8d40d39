import * as z from 'zod';
import { ACTUAL_SOURCES, MEASURES } from '../actuals/actual-record';
import { ActualsLedger, StoredBatch } from '../actuals/ledger/ledger-schema';
import { MappingProfileSchema } from '../actuals/read/mapping-profile';
import { DECIMAL_SEPARATORS, DELIMITERS } from '../actuals/read/csv-dialect';
import { DATE_ORDERS } from '../actuals/read/day-text';
import { PriceEntry } from '../pricing/price-entry';

/**
 * The import-actuals flow's part of the IPC contract (shared/ipc/contract.ts lists the channels): pick or
 * drop a file → sniff → (mapping) → preview, with progress and cancel → the renderer commits the preview
 * as one plan edit. Arrays are readonly so the shared modules' own types pass through unchanged.
 */

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const FilePath = z.string().min(1).max(4096);

/** Bytes of a dropped file a plain browser sent (it never reveals paths): base64, at most 64 MiB of file. */
const MAX_SENT_CHARS = Math.ceil((64 * 1024 * 1024) / 3) * 4;

/** Where the file is: a path (the desktop app, a picked file) or its bytes (a file dropped in a plain browser). */
export const ActualsFileRef = z.union([
  z.object({ kind: z.literal('path'), path: FilePath }),
  z.object({ kind: z.literal('bytes'), name: z.string().min(1).max(1000), base64: z.string().max(MAX_SENT_CHARS) }),
]);
export type ActualsFileRef = z.infer<typeof ActualsFileRef>;

export const ActualsSourceChoice = z.enum(['auto', ...ACTUAL_SOURCES]);

/** What the user confirmed or changed on the "detected source and dialect" and mapping steps. */
export const ActualsReadChoices = z.object({
  source: ActualsSourceChoice,
  profile: MappingProfileSchema.nullable(),
  dateOrder: z.enum(DATE_ORDERS).nullable(),
  delimiter: z.enum(DELIMITERS).nullable(),
  decimalSeparator: z.enum(DECIMAL_SEPARATORS).nullable(),
  rates: z.record(z.string().max(3), z.string().max(40)),
});
export type ActualsReadChoices = z.infer<typeof ActualsReadChoices>;

const DateOrderState = z.object({
  order: z.enum(DATE_ORDERS).nullable(),
  how: z.enum(['given', 'inferred', 'not-needed', 'ambiguous']),
  proof: z.object({ line: z.number(), text: z.string() }).nullable(),
  examples: list(z.string()),
});

const FieldMap = z.partialRecord(z.string(), z.string());

/** The sniff of a file's first bytes: what it looks like, for the user to confirm or change. */
export const ActualsSniff = z.object({
  fileName: z.string(),
  sizeBytes: z.number(),
  error: z.string().nullable(),
  encoding: z.string().nullable(),
  container: z.enum(['csv', 'json', 'jsonl']).nullable(),
  delimiter: z.enum(DELIMITERS).nullable(),
  decimalSeparator: z.enum(DECIMAL_SEPARATORS),
  source: z.enum(ACTUAL_SOURCES).nullable(),
  header: list(z.string()),
  rows: list(list(z.string())),
  dateOrder: DateOrderState,
  suggested: FieldMap,
  profile: MappingProfileSchema.nullable(),
});
export type ActualsSniff = z.infer<typeof ActualsSniff>;

const Choice = z.union([
  z.object({
    kind: z.literal('date-order'),
    column: z.string().nullable(),
    examples: list(z.string()),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('mapping'),
    columns: list(z.string()),
    missing: list(z.string()),
    suggested: FieldMap,
    message: z.string(),
  }),
]);

/** What the read found besides its records. */
export const ActualsReadFindings = z.object({
  status: z.enum(['done', 'needs-choice', 'refused']),
  source: z.enum(ACTUAL_SOURCES).nullable(),
  measure: z.enum(MEASURES).nullable(),
  how: z.enum(['given', 'detected']),
  encoding: z.string().nullable(),
  container: z.enum(['csv', 'json', 'jsonl']).nullable(),
  delimiter: z.enum(DELIMITERS).nullable(),
  decimalSeparator: z.enum(DECIMAL_SEPARATORS),
  dateOrder: DateOrderState,
  header: list(z.string()),
  choices: list(Choice),
  notes: list(z.string()),
});
export type ActualsReadFindings = z.infer<typeof ActualsReadFindings>;

const RejectedRow = z.object({ file: z.string(), line: z.number(), column: z.string().nullable(), reason: z.string() });

const PreviewTotal = z.object({
  key: z.string(),
  amountUsd: z.string().nullable(),
  images: z.number(),
  requests: z.number(),
  failedRequests: z.number(),
  tokens: z.number(),
});

const Dimensions = z.object({
  project: z.string(),
  apiKey: z.string(),
  user: z.string(),
  campaign: z.string(),
  tags: list(z.string()),
  vendor: z.string(),
  model: z.string(),
  lineItem: z.string(),
  modality: z.string(),
  direction: z.string(),
  size: z.string(),
  quality: z.string(),
  imageSource: z.string(),
  surface: z.string(),
});

/** shared/actuals/ledger/import-types.ts ImportPreview, as it crosses the boundary. */
export const ActualsImportPreview = z.object({
  base: list(z.string()),
  batch: StoredBatch.nullable(),
  sameFileAs: z.object({ batchId: z.string(), fileName: z.string(), importedAt: z.string() }).nullable(),
  source: z.enum(ACTUAL_SOURCES),
  measure: z.enum(MEASURES),
  dedupe: z.enum(['keyed', 'per-request']),
  fileName: z.string(),
  rowsRead: z.number(),
  rowsToImport: z.number(),
  rowsRejected: z.number(),
  rowsDuplicate: z.number(),
  rowsReplacing: z.number(),
  rowsEmpty: z.number(),
  rowsWithoutAmount: z.number(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  amountUsd: z.string().nullable(),
  changeUsd: z.string().nullable(),
  byDay: list(PreviewTotal),
  byModel: list(PreviewTotal),
  revised: list(
    z.object({
      batchId: z.string(),
      fileName: z.string(),
      day: z.string(),
      dimensions: Dimensions,
      oldAmountUsd: z.string().nullable(),
      newAmountUsd: z.string().nullable(),
      oldImages: z.number(),
      newImages: z.number(),
      oldRequests: z.number(),
      newRequests: z.number(),
    }),
  ),
  identical: list(z.object({ batchId: z.string(), fileName: z.string(), keys: z.number(), rows: z.number() })),
  overlap: z.object({ days: list(z.string()), keysOnlyInFile: z.number(), keysOnlyEarlier: z.number() }).nullable(),
  summedInFile: z.object({
    keys: z.number(),
    rows: z.number(),
    examples: list(z.object({ day: z.string(), lines: list(z.number()) })),
  }),
  duplicateRequests: z.object({
    inFile: z.number(),
    inFileExamples: list(z.object({ line: z.number(), requestId: z.string() })),
    heldByEarlier: list(z.object({ batchId: z.string(), fileName: z.string(), requests: z.number() })),
  }),
  negativeAmounts: z.number(),
  futureDates: z.number(),
  rejected: list(RejectedRow),
  rules: list(z.string()),
  warnings: list(z.string()),
  unpricedUsage: z
    .object({
      buckets: z.number(),
      byModel: list(z.object({ model: z.string(), buckets: z.number(), reason: z.string() })),
    })
    .nullable(),
});

/** shared/reconcile/spend-groups.ts SpendChange, as it crosses the boundary. */
const SpendChange = z.object({
  day: z.string(),
  measure: z.enum(['billed', 'metered']),
  project: z.string(),
  model: z.string(),
  micro: z.number().int(),
});

export const ActualsPreviewResult = z.union([
  z.object({
    ok: z.literal(true),
    findings: ActualsReadFindings,
    preview: ActualsImportPreview,
    /**
     * What the preview's import changes in billed and metered money, by day × project × model
     * (spendChangeOf): the page adds it to its ledger's grouping to find the gateway spend the import would
     * count beside the bill, without reading the file's batch (that takes long on a large file).
     */
    spendChange: list(SpendChange),
  }),
  /** The user must choose (date order, mapping); the rejected rows seen so far are shown with the question. */
  z.object({ ok: z.literal(false), findings: ActualsReadFindings, rejected: list(RejectedRow) }),
  z.object({ ok: z.literal(false), canceled: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ActualsPreviewResult = z.infer<typeof ActualsPreviewResult>;

export const ActualsProgress = z.object({
  phase: z.enum(['hash', 'read']),
  bytesDone: z.number(),
  bytesTotal: z.number(),
});

/** The request channels of the actuals import (spread into REQUESTS in contract.ts). */
export const ACTUALS_REQUESTS = {
  /** The Open dialog for a CSV, JSON or JSON Lines export (the browser host answers with a test path). */
  'actuals:pick': {
    args: z.object({}),
    result: z.union([
      z.object({ ok: z.literal(true), path: FilePath }),
      z.object({ ok: z.literal(false), canceled: z.literal(true) }),
    ]),
  },
  /** The first 64 KB of the file: encoding, container, delimiter, source, header, sample rows, date order. */
  'actuals:sniff': {
    args: z.object({ file: ActualsFileRef, profiles: list(MappingProfileSchema) }),
    result: ActualsSniff,
  },
  /** Reads the whole file (streamed) against the plan's ledger: nothing changes until the renderer commits. */
  'actuals:preview': {
    args: z.object({
      readId: z.string().min(1).max(100),
      file: ActualsFileRef,
      ledger: ActualsLedger,
      /** The plan's own price entries: the preview names the file's usage they (and the catalog) cannot price. */
      priceEntries: list(PriceEntry),
      choices: ActualsReadChoices,
      today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    result: ActualsPreviewResult,
  },
  /** How far a running preview has read, or null when none runs under that id. */
  'actuals:progress': { args: z.object({ readId: z.string().max(100) }), result: ActualsProgress.nullable() },
  /** Stops a running preview between two chunks (it then answers canceled). */
  'actuals:cancel': { args: z.object({ readId: z.string().max(100) }), result: z.object({ ok: z.boolean() }) },
  /** The saved column mappings (kept with the user's preferences), newest first. */
  'actuals:profiles': { args: z.object({}), result: z.object({ profiles: list(MappingProfileSchema) }) },
  /** Keeps a mapping for next time (replacing one of the same name). */
  'actuals:save-profile': { args: z.object({ profile: MappingProfileSchema }), result: z.object({ ok: z.boolean() }) },
  /** Writes a mapping to a JSON file a colleague can load; without a path main asks with a Save dialog. */
  'actuals:export-profile': {
    args: z.object({ profile: MappingProfileSchema, path: FilePath.nullable() }),
    result: z.union([
      z.object({ ok: z.literal(true), path: FilePath }),
      z.object({ ok: z.literal(false), canceled: z.literal(true) }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
  /** Loads a mapping from a JSON file (Open dialog without a path) and keeps it with the saved ones. */
  'actuals:load-profile': {
    args: z.object({ path: FilePath.nullable() }),
    result: z.union([
      z.object({ ok: z.literal(true), profile: MappingProfileSchema }),
      z.object({ ok: z.literal(false), canceled: z.literal(true) }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
  /** Writes rejected rows as CSV (formula-like text neutralised); without a path main asks with a Save dialog. */
  'actuals:export-rejected': {
    args: z.object({ rows: list(RejectedRow), suggestedName: z.string().max(260), path: FilePath.nullable() }),
    result: z.union([
      z.object({ ok: z.literal(true), path: FilePath }),
      z.object({ ok: z.literal(false), canceled: z.literal(true) }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
} as const;
