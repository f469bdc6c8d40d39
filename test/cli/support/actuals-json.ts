import { z } from 'zod';

/** The --json contracts of import-actuals and actuals (issue 11 §10), strict: no field more, none less. */
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
export const ImportJson = z
  .object({
    batches: z.array(
      z
        .object({
          id: z.string(),
          source: z.string(),
          measure: z.enum(['billed', 'metered', 'usage']),
          file: z.string(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          rowsRead: z.number(),
          rowsImported: z.number(),
          rowsRejected: z.number(),
          rowsDuplicate: z.number(),
          rowsReplaced: z.number(),
          periodStart: z.string().nullable(),
          periodEnd: z.string().nullable(),
          amountUsd: Decimal.nullable(),
          /** Its usage the plan's price book cannot price: what reconcile's unpricedUsageByModel will list. */
          unpricedUsageByModel: z.array(
            z.object({ model: z.string(), buckets: z.number().int().min(1), reason: z.string().min(1) }).strict(),
          ),
        })
        .strict(),
    ),
    rejected: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() }).strict()),
  })
  .strict();
const Group = z
  .object({
    key: z.string(),
    billedUsd: Decimal.nullable(),
    meteredUsd: Decimal.nullable(),
    usagePricedUsd: Decimal.nullable(),
    images: z.number(),
    requests: z.number(),
    failedRequests: z.number(),
  })
  .strict();
export const ActualsJson = z
  .object({
    billedUsd: Decimal.nullable(),
    meteredUsd: Decimal.nullable(),
    usagePricedUsd: Decimal.nullable(),
    groups: z.array(Group),
  })
  .strict();
