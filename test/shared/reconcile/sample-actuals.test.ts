import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';

/** The first start shows reconciliation working before a user imports anything (issue 12 §9). */
describe('the sample plan’s actuals', () => {
  const plan = createSamplePlan('2026-11-28');
  const rec = reconcilePlan(plan);
  if (!rec.ok) throw new Error(rec.error);
  const byId = new Map(rec.value.rows.map((r) => [r.row.id, r]));

  it('cover the weeks the sample rows run, from a gateway log and a billed export, through the ledger', () => {
    expect(plan.actuals.batches.map((b) => [b.source, b.measure, b.periodStart, b.periodEnd])).toEqual([
      ['litellm', 'metered', '2027-01-11', '2027-01-27'],
      ['openai-costs', 'billed', '2027-01-11', '2027-01-24'],
    ]);
    expect(rec.value.asOf).toBe('2027-01-27');
  });

  it('show billed cost attributed to campaigns, a flag, Unassigned spend and a learned iteration factor', () => {
    expect(byId.get('ecom-product-pages')?.measure).toBe('billed');
    expect(byId.get('ecom-product-pages')?.flag).toBe('over-plan');
    expect(byId.get('ecom-product-pages')?.observedFactor).toBe('3.00');
    expect(byId.get('ugc-ad-hooks')?.measure).toBe('mixed');
    expect(rec.value.unassigned).toBeGreaterThan(0);
    expect(rec.value.crossChecks.filter((c) => c.flagged).map((c) => c.day)).toEqual(['2027-01-20']);
    const matched = rec.value.rows.reduce((s, r) => s + r.actual, 0);
    expect(matched + rec.value.unassigned).toBe(rec.value.ledgerTotal);
  });
});
