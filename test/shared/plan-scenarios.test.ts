import { describe, expect, it } from 'vitest';
import { estimatePlan, sumRows } from '../../shared/estimate/estimate-plan';
import { ITERATION_PRESETS, iterationPresetOf } from '../../shared/plan/iteration-presets';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import { parsePlanDocument } from '../../shared/plan/plan-document';
import type { PlanDocument, Scenario } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { applyScenario, ScenarioOverrides } from '../../shared/plan/scenarios';

const AS_OF = '2026-11-28';

function estimated(plan: PlanDocument, scenario?: string | null) {
  const r = estimatePlan(plan, scenario === undefined ? {} : { scenario });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function rowTotal(plan: PlanDocument, rowId: string, scenario: string | null) {
  return estimated(plan, scenario).rows.find((r) => r.row.id === rowId)?.estimate.totalCost;
}

describe('the sample plan', () => {
  const plan = createSamplePlan(AS_OF);

  it('is a valid plan document', () => {
    const r = parsePlanDocument(JSON.parse(JSON.stringify(plan)));
    expect(r.ok ? [] : r.error).toEqual([]);
  });

  it('holds the seed workflows: 24 product finals at 4:5, UGC hooks in 6 variants, a SaaS hero and 8 screenshots at 16:9', () => {
    const byId = new Map(plan.rows.map((r) => [r.id, r]));
    expect(byId.get('ecom-product-pages')).toMatchObject({ finals: 24, size: '1024x1280' });
    expect(byId.get('ugc-ad-hooks')?.finals).toBe(30);
    expect(byId.get('saas-hero')).toMatchObject({ finals: 1, size: '1536x864' });
    expect(byId.get('saas-ui-screens')).toMatchObject({ finals: 8, size: '1536x864' });
    expect(plan.scenarios.map((s) => s.name)).toEqual(['Strict baselines', 'Re-prompting from scratch']);
  });

  it.each([null, 'strict-baselines', 'from-scratch'])('estimates with no row errors under scenario %s', (scenario) => {
    const e = estimated(plan, scenario);
    expect(e.totals.rowsWithErrors).toBe(0);
    for (const r of e.rows) expect(r.estimate.errors, r.row.id).toEqual([]);
    expect(e.totals.totalCost).toBe(e.rows.reduce((sum, r) => sum + r.estimate.totalCost, 0));
    expect(e.totals.totalCost).toBeGreaterThan(0);
  });

  it('prices the product drop at $5.891434 with strict baselines (1.2x) and $11.902488 re-prompting from scratch (2.5x)', () => {
    expect(rowTotal(plan, 'ecom-product-pages', 'strict-baselines')).toBe(5_891_434);
    expect(rowTotal(plan, 'ecom-product-pages', 'from-scratch')).toBe(11_902_488);
    // The other rows do not move.
    expect(rowTotal(plan, 'saas-hero', 'strict-baselines')).toBe(rowTotal(plan, 'saas-hero', 'from-scratch'));
  });

  it('reports what is left of each row budget', () => {
    const e = estimated(plan, 'from-scratch');
    const ecom = e.rows.find((r) => r.row.id === 'ecom-product-pages');
    expect(ecom?.budgetRemaining).toBe(12_000_000 - 11_902_488);
    expect(e.totals.budgetCap).toBe(22_000_000);
  });
});

describe('scenarios', () => {
  const base = (): PlanDocument => {
    const plan = blankPlan(AS_OF, 'Scenario test');
    plan.rows.push(
      blankRow('a', { finals: 10, iterationFactor: '1.2' }),
      blankRow('b', { finals: 5, iterationFactor: '1.2' }),
    );
    return plan;
  };
  const scenario = (overrides: Scenario['overrides'], name = 'What if'): Scenario => ({
    id: 'what-if',
    name,
    description: '',
    overrides,
  });

  it('applies an override to one row, to every row with "*", later overrides winning', () => {
    const rows = base().rows;
    const r = applyScenario(
      rows,
      scenario([
        { rowId: '*', field: 'iterationFactor', value: '2.5' },
        { rowId: 'b', field: 'iterationFactor', value: '1.8' },
        { rowId: 'a', field: 'quality', value: 'high' },
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((x) => [x.id, x.iterationFactor, x.quality])).toEqual([
      ['a', '2.5', 'high'],
      ['b', '1.8', 'medium'],
    ]);
    // The base rows are untouched.
    expect(rows.map((x) => x.iterationFactor)).toEqual(['1.2', '1.2']);
  });

  it('is found by id or by name, and the active scenario is the default', () => {
    const plan = base();
    plan.scenarios.push(scenario([{ rowId: '*', field: 'finals', value: 20 }], 'Double volume'));
    expect(estimated(plan, 'double volume').totals.finals).toBe(40);
    expect(estimated(plan, 'what-if').totals.finals).toBe(40);
    expect(estimated(plan).totals.finals).toBe(15);
    plan.activeScenarioId = 'what-if';
    expect(estimated(plan).totals.finals).toBe(40);
    expect(estimated(plan, null).totals.finals).toBe(15);
  });

  it('reports an override whose value does not fit the field, instead of applying it', () => {
    const plan = base();
    plan.scenarios.push(scenario([{ rowId: 'a', field: 'finals', value: 'many' }]));
    const r = estimatePlan(plan, { scenario: 'what-if' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^scenario "What if": override of finals for row a has value "many", which .+/);
  });

  it('checks a value repeated over many rows once, yet per field, and names the row a refused value is on', () => {
    const rows = Array.from({ length: 50 }, (_, i) => blankRow(`r${i}`, { finals: 1, iterationFactor: '1.2' }));
    const perRow = rows.map((r) => ({ rowId: r.id, field: 'iterationFactor' as const, value: '2.5' }));
    const applied = applyScenario(rows, scenario(perRow));
    expect(applied.ok && applied.value.map((r) => r.iterationFactor)).toEqual(rows.map(() => '2.5'));
    // Rows without an override come back as the very rows given.
    const few = applyScenario(rows, scenario(perRow.slice(0, 1)));
    expect(few.ok && few.value.slice(1).every((r, i) => r === rows[i + 1])).toBe(true);
    // "2.5" is a valid factor, not a valid number of finals: accepted for one field, refused for another.
    const wrongField = applyScenario(rows, scenario([...perRow, { rowId: 'r7', field: 'finals', value: '2.5' }]));
    expect(wrongField.ok).toBe(false);
    if (!wrongField.ok) expect(wrongField.error).toMatch(/override of finals for row r7 has value "2.5"/);
    // A refused value is not remembered as refused for a row it was first met on.
    const refused = (rowId: string) => applyScenario(rows, scenario([{ rowId, field: 'finals', value: -3 }]));
    const first = refused('r1');
    const second = refused('r2');
    expect(!first.ok && first.error).toMatch(/for row r1 /);
    expect(!second.ok && second.error).toMatch(/for row r2 /);
    // 0 and -0 are told apart (a Map would take one for the other).
    const zeroes = applyScenario(
      rows.slice(0, 2),
      scenario([
        { rowId: 'r0', field: 'promptTokens', value: 0 },
        { rowId: 'r1', field: 'promptTokens', value: -0 },
      ]),
    );
    expect(zeroes.ok && zeroes.value.map((r) => Object.is(r.promptTokens, -0))).toEqual([false, true]);
  });

  it('names the scenarios there are when asked for one that does not exist', () => {
    const plan = base();
    expect(estimatePlan(plan, { scenario: 'nope' })).toEqual({
      ok: false,
      error: 'there is no scenario "nope" in this plan (it has none)',
    });
    plan.scenarios.push(scenario([]));
    expect(estimatePlan(plan, { scenario: 'nope' })).toEqual({
      ok: false,
      error: 'there is no scenario "nope" in this plan: choose one of "What if"',
    });
  });

  it('lists the overridden fields of a row for the grid', () => {
    const s = scenario([
      { rowId: '*', field: 'iterationFactor', value: '2.5' },
      { rowId: 'b', field: 'quality', value: 'low' },
    ]);
    const index = new ScenarioOverrides(s);
    expect([...index.fieldsOf('a')]).toEqual(['iterationFactor']);
    expect([...index.fieldsOf('b')].sort()).toEqual(['iterationFactor', 'quality']);
    expect(new ScenarioOverrides(null).fieldsOf('a').size).toBe(0);
  });
});

describe('plan totals', () => {
  it('leave rows with errors out of the sums and count them', () => {
    const plan = blankPlan(AS_OF);
    plan.rows.push(
      blankRow('ok', { finals: 3 }),
      blankRow('bad', { size: '1000x1000' }),
      blankRow('ok2', { finals: 2, draftsPerFinal: '1' }),
    );
    const e = estimated(plan);
    expect(e.totals.rowsWithErrors).toBe(1);
    expect(e.totals.finals).toBe(5);
    expect(e.totals.totalCost).toBe((e.rows[0]?.estimate.totalCost ?? 0) + (e.rows[2]?.estimate.totalCost ?? 0));
    expect(e.totals.totalCost).toBe(e.totals.finalCost + e.totals.draftCost);
    expect(sumRows(e.rows)).toEqual(e.totals);
  });

  it('iteration presets are 1.2 / 1.8 / 2.5', () => {
    expect(ITERATION_PRESETS.map((p) => [p.id, p.factor])).toEqual([
      ['strict', '1.2'],
      ['exploring', '1.8'],
      ['scratch', '2.5'],
    ]);
    expect(iterationPresetOf('2.50')?.id).toBe('scratch');
    expect(iterationPresetOf('2.2')).toBeUndefined();
  });
});

describe('re-estimating after an edit', () => {
  it('sees a price entry edited in place (the engine caches lookups per price book content)', () => {
    const plan = blankPlan(AS_OF);
    plan.priceEntries.push({
      id: 'plan/reseller',
      provider: 'test',
      model: 'gpt-image-2',
      snapshot: null,
      surfaces: ['reseller'],
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.04' } } },
      batch: null,
      effectiveFrom: '2026-01-01',
      effectiveUntil: null,
      shutdownDate: null,
      sourceClass: 'user',
      sources: [],
      notes: '',
    });
    plan.rows.push(blankRow('r', { surface: 'reseller', finals: 10, iterationFactor: '1' }));
    expect(estimated(plan).totals.totalCost).toBe(400_000);
    const entry = plan.priceEntries[0];
    if (!entry || entry.pricing.unit !== 'usd-per-image') throw new Error('entry lost');
    entry.pricing.perImage['*'] = { '*': '0.05' };
    expect(estimated(plan).totals.totalCost).toBe(500_000);
  });

  it('sees a row edited in place', () => {
    const plan = blankPlan(AS_OF);
    const row = blankRow('r', { finals: 10, iterationFactor: '1', quality: 'low', promptChars: null });
    plan.rows.push(row);
    expect(estimated(plan).totals.totalCost).toBe(58_800); // 10 x 196 x $30/1M
    row.quality = 'high';
    row.size = '1536x1024';
    expect(estimated(plan).totals.totalCost).toBe(1_646_400); // 10 x 5488 x $30/1M
  });
});

describe('amounts beyond what stays exact ($9,007,199,254.740991)', () => {
  const huge = (id: string, iterationFactor: string) =>
    blankRow(id, { finals: 10_000_000, iterationFactor, quality: 'high', size: '1536x1024', promptChars: null });

  it('a row costing more is a row error that says so, never a rounded amount', () => {
    const plan = blankPlan(AS_OF);
    plan.rows.push(huge('big', '9999')); // 10M x 9999 x $0.16464
    const e = estimated(plan);
    const row = e.rows[0]?.estimate;
    expect(row?.ok).toBe(false);
    expect(row?.errors[0]?.field).toBe('finals');
    expect(row?.errors[0]?.message).toContain('split the row');
    expect(e.totals.rowsWithErrors).toBe(1);
    expect(e.totals.totalCost).toBe(0);
  });

  it('the row that would carry the plan total past it becomes a row error; the total stays the exact sum of the rows shown', () => {
    const plan = blankPlan(AS_OF);
    plan.rows.push(huge('a', '3000'), huge('b', '3000')); // $4.94 billion each
    const e = estimated(plan);
    expect(e.rows[0]?.estimate.ok).toBe(true);
    expect(e.rows[1]?.estimate.ok).toBe(false);
    expect(e.rows[1]?.estimate.errors[0]?.message).toContain('split the plan');
    expect(e.totals.rowsWithErrors).toBe(1);
    expect(e.totals.totalCost).toBe(e.rows[0]?.estimate.totalCost);
    expect(Number.isSafeInteger(e.totals.totalCost)).toBe(true);
    expect(sumRows(e.rows)).toEqual(e.totals);
  });
});
