import * as z from 'zod';
import { ACTUAL_SOURCES, MEASURES } from '../actual-record';
import { DecimalText, IsoDate } from '../../pricing/price-entry';
import { ManualAssignment, MatchRule } from '../../reconcile/match-rules';

/**
 * The actuals ledger as a plan file keeps it (schema version 2): the import batches, in import order,
 * each with its buckets in the compact text rows of bucket-format.ts, plus reconciliation's match rules
 * and manual assignments (typed in schema version 4: shared/reconcile/match-rules.ts). Everything a report needs is derived from
 * the batches: which fact is in effect, which request a batch holds, totals.
 */

/** A signed exact decimal (credits and refunds are negative), as text. */
export const SignedDecimalText = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'expected an exact decimal such as "-1.25" (digits, optional point, no exponent)');

const Count = z.number().int('expected a whole number').min(0).max(Number.MAX_SAFE_INTEGER);

export const CurrencyConversion = z.object({
  /** The currency the file's amounts were in (ISO code). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO currency code such as EUR'),
  /** Units of that currency per 1 USD, as the user gave it. */
  perUsd: DecimalText,
});
export type CurrencyConversion = z.infer<typeof CurrencyConversion>;

export const StoredBatch = z.object({
  id: z.string().min(1).max(64),
  source: z.enum(ACTUAL_SOURCES),
  /** billed | metered | usage: never added to another measure. */
  measure: z.enum(MEASURES),
  dedupe: z.enum(['keyed', 'per-request']),
  /** The CSV mapping profile used, by name; null for recognised sources and unsaved mappings. */
  profile: z.string().max(200).nullable(),
  fileName: z.string().max(1000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits'),
  /** When it was imported (ISO 8601, UTC), as the app passed it in. */
  importedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/, 'expected an ISO UTC time'),
  /** First and last UTC day the file covers; null for a file without one valid record. */
  periodStart: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
  /** Data records after the header (rows with no spend included). */
  rowsRead: Count,
  /** Records this batch counts: per-request, the requests it holds; keyed, records not identical to an earlier fact. */
  rowsImported: Count,
  rowsRejected: Count,
  /** Per-request: repeated ids in the file plus requests an earlier batch holds. Keyed: records identical to an earlier fact. */
  rowsDuplicate: Count,
  /** Keyed: records (among rowsImported) that revise an earlier batch's fact. Per-request: 0. */
  rowsReplaced: Count,
  /** Exact total of the facts (keyed) or held requests (per-request) in the batch's measure; null for usage. */
  amountUsd: SignedDecimalText.nullable(),
  conversion: CurrencyConversion.nullable(),
  /** The dimension dictionary (bucket-format.ts). */
  dimensions: z.array(z.string()),
  /** One row per bucket (bucket-format.ts). */
  buckets: z.array(z.string()),
  /** Per-request: the 96-bit hashes of every request id in the file, sorted, base64 (request-ids.ts); keyed: "". */
  requestIds: z.string(),
  /** Per-request: the requests an earlier batch holds, `<id hash>|<bucket row>`, sorted; keyed: []. */
  heldBack: z.array(z.string()),
});
export type StoredBatch = z.infer<typeof StoredBatch>;

/**
 * Metered spend that is on a provider's bill too: a gateway's team or key (LiteLLM's team_id) whose
 * requests the provider bills under one of its projects. Reconciliation then counts the two as one
 * day × project (billed cost, split by the gateway's campaigns) instead of adding them.
 */
export const ProjectLink = z.object({
  /** The metered records' project (a LiteLLM team id). */
  metered: z.string().min(1).max(200),
  /** The billed records' project it is billed under (an OpenAI proj_… id). */
  billed: z.string().min(1).max(200),
});
export type ProjectLink = z.infer<typeof ProjectLink>;

export const ActualsLedger = z.object({
  batches: z.array(StoredBatch),
  /** Absent in plans written before links existed (and when there are none). */
  projectLinks: z.array(ProjectLink).optional(),
  /** Reconciliation's match rules, in the order they are tried (shared/reconcile/match-rules.ts). */
  rules: z.array(MatchRule),
  /** Buckets assigned or split by hand; they come before every rule. */
  assignments: z.array(ManualAssignment),
});
export type ActualsLedger = z.infer<typeof ActualsLedger>;

export function emptyActualsLedger(): ActualsLedger {
  return { batches: [], rules: [], assignments: [] };
}
