import type { PlanDocument } from './plan-schema';

/**
 * The plan documents this process has validated (parsePlanDocument's output), so a result that only
 * carries one on — the browser host answering plan:open with a 100k-row plan — is not walked by the
 * schema a second time. Plans are never changed in place (every edit makes a new document), so a
 * document, once valid, stays valid. Held weakly: a plan no longer referenced is forgotten.
 */
const validated = new WeakSet<object>();

export function rememberValidatedPlan(plan: PlanDocument): PlanDocument {
  validated.add(plan);
  return plan;
}

export function isValidatedPlan(value: unknown): value is PlanDocument {
  return typeof value === 'object' && value !== null && validated.has(value);
}
