import type { PlanDocument } from '../../shared/plan/plan-schema';

/**
 * Plans read from a file that holds exactly them (readPlanFileAsWritten), with that file's JSON bytes:
 * the browser host sends the bytes in its reply in place of the plan (router.ts), so a 100k-row plan is
 * not written out again as JSON (and packed) only to be parsed back in the page. Held weakly: the bytes
 * go when the plan does. Plans are never changed in place (every edit makes a new document).
 */
const fileBytes = new WeakMap<PlanDocument, Uint8Array>();

export function rememberFileBytes(plan: PlanDocument, bytes: Uint8Array | null): PlanDocument {
  if (bytes !== null) fileBytes.set(plan, bytes);
  return plan;
}

export function fileBytesOf(plan: unknown): Uint8Array | undefined {
  return typeof plan === 'object' && plan !== null ? fileBytes.get(plan as PlanDocument) : undefined;
}
