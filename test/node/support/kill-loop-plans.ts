import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';

/** A plan of `rows` rows (≈ 0.5–1 MB of JSON), named so a test can tell which version a file holds. */
export function bigPlan(name: string, rows: number): PlanDocument {
  const sample = createSamplePlan('2026-11-28');
  const template = sample.rows[0];
  if (template === undefined) throw new Error('the sample plan has no rows');
  return {
    ...sample,
    meta: { ...sample.meta, name },
    rows: Array.from({ length: rows }, (_, i) => ({ ...template, id: `row-${i}`, name: `${name} line ${i}` })),
  };
}
