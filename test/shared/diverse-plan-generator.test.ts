import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import { parsePlanDocument } from '../../shared/plan/plan-document';

describe('the diverse plan generator (issue 14: a plan a user could make)', () => {
  const plan = generateDiversePlan({ rows: 20_000, seed: 7 });

  it('is deterministic: the same seed gives the same plan, another seed another', () => {
    expect(generateDiversePlan({ rows: 500, seed: 7 }).rows).toEqual(plan.rows.slice(0, 500));
    expect(generateDiversePlan({ rows: 500, seed: 8 }).rows).not.toEqual(plan.rows.slice(0, 500));
  });

  it('writes a valid plan whose every row is priced', () => {
    expect(parsePlanDocument(JSON.parse(JSON.stringify(plan))).ok).toBe(true);
    const estimate = estimatePlan(plan);
    if (!estimate.ok) throw new Error(estimate.error);
    expect(estimate.value.totals.rowsWithErrors).toBe(0);
    expect(estimate.value.totals.totalCost).toBeGreaterThan(0);
  });

  it('types most gpt-image-2 sizes by hand, almost every row its own, in the spellings people use', () => {
    const gpt2 = plan.rows.filter((r) => r.model === 'gpt-image-2');
    expect(gpt2.length).toBeGreaterThan(plan.rows.length * 0.8);
    expect(new Set(gpt2.map((r) => r.size)).size).toBeGreaterThan(gpt2.length * 0.9);
    const spellings = new Set(gpt2.map((r) => r.size.replace(/\d+/g, 'N')));
    expect(spellings).toEqual(new Set(['NxN', 'N x N', 'NXN', 'N×N', 'N × N', 'N*N', 'N:N', 'auto']));
  });

  it('mixes qualities, drafts, references, surfaces and other models', () => {
    const distinct = (pick: (r: (typeof plan.rows)[number]) => unknown) => new Set(plan.rows.map(pick)).size;
    expect(distinct((r) => r.quality)).toBeGreaterThanOrEqual(4);
    expect(distinct((r) => r.surface)).toBeGreaterThanOrEqual(5);
    expect(distinct((r) => r.model)).toBeGreaterThanOrEqual(8);
    expect(distinct((r) => r.draftsPerFinal)).toBeGreaterThan(4);
    expect(plan.rows.filter((r) => r.referenceImages > 0).length).toBeGreaterThan(plan.rows.length / 3);
  });
});
