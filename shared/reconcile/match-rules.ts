import * as z from 'zod';
import { parseExact } from '../money/exact';

/**
 * What reconciliation keeps in the plan (schema version 4), beside the ledger's batches: the user's
 * match rules and manual assignments. Both are plain data; the engine (reconcile.ts) applies them.
 */

/** The dimensions a rule can test, in the words of the CLI's `--when FIELD=VALUE`. */
export const MATCH_FIELDS = ['project', 'api-key', 'tag', 'campaign', 'user', 'vendor', 'model', 'line-item'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

const RowId = z.string().min(1).max(64);

/** Where matched spend goes: one row, or a team (split over its rows in proportion to their planned cost). */
export const MatchTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('row'), rowId: RowId }),
  z.object({ kind: z.literal('team'), team: z.string().min(1).max(100) }),
]);
export type MatchTarget = z.infer<typeof MatchTarget>;

/** `project = proj_growth → row ugc-ad-hooks`: applied in the order saved, the first that matches wins. */
export const MatchRule = z.object({
  id: z.string().min(1).max(64),
  when: z.object({ field: z.enum(MATCH_FIELDS), value: z.string().min(1).max(500) }),
  to: MatchTarget,
});
export type MatchRule = z.infer<typeof MatchRule>;

/** A percentage with at most 4 decimals, as text ("33.3333"). */
const Percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'expected a percentage such as "50" or "33.3333"');

/** Percentages that add up to exactly 100. */
function sumsToHundred(parts: readonly { readonly pct: string }[]): boolean {
  let tenThousandths = 0n;
  for (const p of parts) {
    const e = parseExact(p.pct);
    if (e === null) return false;
    tenThousandths += e.units * 10n ** BigInt(4 - e.scale);
  }
  return tenThousandths === 1_000_000n;
}

/**
 * One actual bucket (its key: reconcile's bucketKey) assigned by hand to one row, or split over rows by
 * percentages. Manual assignments come before every rule.
 */
export const ManualAssignment = z.object({
  bucket: z.string().min(1).max(4000),
  parts: z
    .array(z.object({ rowId: RowId, pct: Percent }))
    .min(1, 'name at least one row')
    .refine(sumsToHundred, 'the percentages must add up to exactly 100'),
});
export type ManualAssignment = z.infer<typeof ManualAssignment>;
