import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../../shared/estimate/estimate-plan';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { planCellEdits, planResetOverride } from '../../../renderer/src/state/cell-edits';
import { applyCommand, invertCommand, type Command } from '../../../renderer/src/state/commands';
import { compareDocuments, compareScenarios, percentChange } from '../../../renderer/src/state/plan-comparison';
import { subtotalsBy } from '../../../renderer/src/grid/grouping';
import { PlanEstimator, ScenarioEstimates } from '../../../shared/estimate/plan-estimator';
import type { PlanDocument } from '../../../shared/plan/plan-schema';

const SAMPLE = createSamplePlan('2026-11-28');

function engineTotals(doc: typeof SAMPLE, scenario: string | null = doc.activeScenarioId) {
  const r = estimatePlan(doc, { scenario });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function fail(): never {
  throw new Error('no command');
}

describe('incremental plan estimates', () => {
  it('equal the engine’s estimate of the whole plan, before and after an edit', () => {
    const estimator = new PlanEstimator();
    const first = estimator.view(SAMPLE);
    expect(first.totals).toEqual(engineTotals(SAMPLE).totals);
    const command = planCellEdits(SAMPLE, [{ rowId: 'ugc-ad-hooks', field: 'finals', value: 75 }], 'Edit');
    if (!command) throw new Error('command');
    const edited = applyCommand(SAMPLE, command);
    const second = estimator.view(edited);
    expect(second.totals).toEqual(engineTotals(edited).totals);
    expect(second.rows.map((r) => r.result.estimate.totalCost)).toEqual(
      engineTotals(edited).rows.map((r) => r.estimate.totalCost),
    );
  });

  it('re-estimates only the rows that changed (unchanged rows keep their objects)', () => {
    const estimator = new PlanEstimator();
    const first = estimator.view(SAMPLE);
    const command = planCellEdits(SAMPLE, [{ rowId: 'saas-hero', field: 'finals', value: 2 }], 'Edit');
    if (!command) throw new Error('command');
    const second = estimator.view(applyCommand(SAMPLE, command));
    expect(second.rows.map((r, i) => r === first.rows[i])).toEqual([true, true, false, true]);
  });

  it('keeps unchanged rows when rows move, are added or removed, and equals a fresh estimate', () => {
    const estimator = new PlanEstimator();
    const first = estimator.view(SAMPLE);
    const [a, b, c, d] = SAMPLE.rows;
    if (!a || !b || !c || !d) throw new Error('the sample has four rows');
    const added = blankRow('added', { name: 'Added', surface: 'batch' });
    const moved = { ...SAMPLE, rows: [d, added, b, a] }; // c removed, d moved first, one added
    const second = estimator.view(moved);
    expect(second.rows.map((r) => r.id)).toEqual([d.id, 'added', b.id, a.id]);
    expect(second.rows[0]).toBe(first.rows[3]);
    expect(second.rows[2]).toBe(first.rows[1]);
    expect(second.rows[3]).toBe(first.rows[0]);
    const fresh = new PlanEstimator().view(moved);
    expect(second.totals).toEqual(fresh.totals);
    const shown = (rows: typeof second.rows) =>
      rows.map(({ id, result: { estimate: e, budgetRemaining } }) => [id, e.totalCost, e.warnings, budgetRemaining]);
    expect(shown(second.rows)).toEqual(shown(fresh.rows));
    expect(second.totals).toEqual(engineTotals(moved).totals);
  });

  it('follows the active scenario and marks its overridden cells', () => {
    const doc = { ...SAMPLE, activeScenarioId: 'from-scratch' };
    const view = new PlanEstimator().view(doc);
    expect(view.totals).toEqual(engineTotals(doc).totals);
    expect([...(view.rows[0]?.overridden ?? [])]).toEqual(['iterationFactor']);
    expect(view.rows[0]?.row.iterationFactor).toBe('2.5');
    expect(view.rows[0]?.base.iterationFactor).toBe('1.2');
  });

  it('re-estimates only the row whose override changed, and matches the engine', () => {
    const doc = { ...SAMPLE, activeScenarioId: 'from-scratch' };
    const estimator = new PlanEstimator();
    const first = estimator.view(doc);
    const command = planCellEdits(doc, [{ rowId: 'saas-hero', field: 'iterationFactor', value: '3' }], 'Edit');
    if (command?.kind !== 'set-overrides') throw new Error('an edit in a scenario is an override');
    const edited = applyCommand(doc, command);
    const second = estimator.view(edited);
    expect(second.rows.map((r, i) => r === first.rows[i])).toEqual([true, true, false, true]);
    expect([...(second.rows[2]?.overridden ?? [])]).toEqual(['iterationFactor']);
    expect(second.totals).toEqual(engineTotals(edited).totals);
    expect(second.rows.map((r) => r.result.estimate.totalCost)).toEqual(
      engineTotals(edited).rows.map((r) => r.estimate.totalCost),
    );
  });

  it('overrides for every row ("*") and for one row apply in the scenario’s order, as the engine applies them', () => {
    const overrides = [
      { rowId: 'ugc-ad-hooks', field: 'iterationFactor' as const, value: '3' },
      { rowId: '*', field: 'iterationFactor' as const, value: '2' },
      { rowId: 'saas-hero', field: 'iterationFactor' as const, value: '4' },
    ];
    const doc = {
      ...SAMPLE,
      scenarios: [{ id: 'mixed', name: 'Mixed', description: '', overrides }],
      activeScenarioId: 'mixed',
    };
    const view = new PlanEstimator().view(doc);
    expect(view.rows.map((r) => r.row.iterationFactor)).toEqual(['2', '2', '4', '2']);
    expect(view.totals).toEqual(engineTotals(doc).totals);
  });

  it('keeps reporting an override that does not fit after unrelated edits', () => {
    const bad = { rowId: 'saas-hero', field: 'finals' as const, value: 'many' };
    const doc = {
      ...SAMPLE,
      scenarios: [{ id: 'bad', name: 'Bad', description: '', overrides: [bad] }],
      activeScenarioId: 'bad',
    };
    const estimator = new PlanEstimator();
    const first = estimator.view(doc);
    expect(first.scenarioError).toMatch(/override of finals for row saas-hero/);
    const command = planCellEdits(doc, [{ rowId: 'ugc-ad-hooks', field: 'name', value: 'Renamed' }], 'Edit');
    if (!command) throw new Error('command');
    expect(estimator.view(applyCommand(doc, command)).scenarioError).toBe(first.scenarioError);
  });

  it('keeps one incremental estimate per scenario, equal to the engine’s, across edits', () => {
    const estimates = new ScenarioEstimates();
    let doc = SAMPLE;
    for (const finals of [24, 40, 7]) {
      const command = planCellEdits(
        doc,
        [{ rowId: 'ecom-product-pages', field: 'finals', value: finals }],
        'Edit',
        null,
      );
      if (command) doc = applyCommand(doc, command);
      for (const id of [null, ...doc.scenarios.map((s) => s.id)]) {
        const incremental = estimates.of(doc, id);
        if (!incremental.ok) throw new Error(incremental.error);
        expect(incremental.value.totals, `${id} at ${finals} finals`).toEqual(engineTotals(doc, id).totals);
      }
    }
    const missing = estimates.of(doc, 'no-such-scenario');
    const engine = estimatePlan(doc, { scenario: 'no-such-scenario' });
    expect(missing.ok || engine.ok ? 'one of them priced a missing scenario' : missing.error).toBe(
      engine.ok ? '' : engine.error,
    );
  });

  it('takes the grid’s view of the active scenario as it is, and only for the plan it shows', () => {
    const scenarioId = SAMPLE.scenarios[0]?.id ?? null;
    const doc = { ...SAMPLE, activeScenarioId: scenarioId };
    const view = new PlanEstimator().view(doc);
    const estimates = new ScenarioEstimates();
    estimates.useShownView(doc, view);
    const reused = estimates.of(doc, scenarioId);
    if (!reused.ok) throw new Error(reused.error);
    expect(reused.value.rows[0]).toBe(view.rows[0]?.result);
    expect(reused.value.totals).toEqual(engineTotals(doc, scenarioId).totals);
    const edited = applyCommand(
      doc,
      planCellEdits(doc, [{ rowId: 'ecom-product-pages', field: 'finals', value: 3 }], 'Edit', null) ?? fail(),
    );
    const fresh = estimates.of(edited, scenarioId);
    if (!fresh.ok) throw new Error(fresh.error);
    expect(fresh.value.rows[0]).not.toBe(view.rows[0]?.result);
    expect(fresh.value.totals).toEqual(engineTotals(edited, scenarioId).totals);
  });

  it('re-prices when the price book or the as-of date changes', () => {
    const estimator = new PlanEstimator();
    estimator.view(SAMPLE);
    const early = { ...SAMPLE, meta: { ...SAMPLE.meta, priceBookAsOf: '2026-01-15' } };
    const view = estimator.view(early);
    expect(view.totals.rowsWithErrors).toBe(4);
  });

  it('sums subtotals by team and asset type to the plan total', () => {
    const view = new PlanEstimator().view(SAMPLE);
    for (const by of ['team', 'assetType'] as const) {
      const groups = subtotalsBy(view.rows, by);
      expect(groups.reduce((sum, g) => sum + g.totalCost, 0)).toBe(view.totals.totalCost);
      expect(groups.reduce((sum, g) => sum + g.rowCount, 0)).toBe(4);
    }
    expect(subtotalsBy(view.rows, 'assetType').map((g) => g.key)).toEqual([
      'Product photo',
      'Social ad',
      'Landing page',
    ]);
  });
});

describe('a scenario that overrides every row (a plan priced on another model)', () => {
  it('stays equal to the engine across edits, resets and undos of its overrides', () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      blankRow(`r${i}`, { name: `Row ${i}`, finals: 1 + (i % 13), size: i % 2 ? '1024x1536' : '1024x1024' }),
    );
    const overrides = rows.flatMap((r, i) => [
      { rowId: r.id, field: 'iterationFactor' as const, value: i % 3 ? '1.2' : '2.5' },
      { rowId: r.id, field: 'quality' as const, value: 'low' },
    ]);
    let doc: PlanDocument = {
      ...blankPlan('2026-11-28'),
      rows,
      scenarios: [{ id: 'on', name: 'On model', description: '', overrides }],
      activeScenarioId: 'on',
    };
    const estimator = new PlanEstimator();
    const done: Command[] = [];
    const check = () => {
      const view = estimator.view(doc);
      const engine = engineTotals(doc);
      expect(view.totals).toEqual(engine.totals);
      expect(view.rows.map((r) => r.row)).toEqual(engine.rows.map((r) => r.row));
      expect(view.rows.map((r) => [...r.overridden].sort())).toEqual(
        doc.rows.map((r) =>
          [...new Set(doc.scenarios[0]?.overrides.filter((o) => o.rowId === r.id).map((o) => o.field))].sort(),
        ),
      );
    };
    check();
    const steps: (() => Command | null)[] = [
      () => planCellEdits(doc, [{ rowId: 'r7', field: 'finals', value: 40 }], 'Edit'),
      () => planCellEdits(doc, [{ rowId: 'r8', field: 'iterationFactor', value: '3' }], 'Edit'),
      () => planResetOverride(doc, 'on', 'r9', 'quality'),
      () =>
        planCellEdits(
          doc,
          rows.slice(0, 40).map((r) => ({ rowId: r.id, field: 'finals' as const, value: 2 })),
          'Fill',
        ),
      () => planCellEdits(doc, [{ rowId: 'r7', field: 'finals', value: rows[7]?.finals ?? 0 }], 'Edit'),
    ];
    for (const step of steps) {
      const command = step();
      if (!command) throw new Error('each step changes the plan');
      doc = applyCommand(doc, command);
      done.push(command);
      check();
    }
    for (const command of done.reverse()) {
      doc = applyCommand(doc, invertCommand(command));
      check();
    }
  });
});

describe('comparisons', () => {
  it('compares scenarios row by row with exact deltas', () => {
    const result = compareScenarios(SAMPLE, null, 'from-scratch');
    if (!result.ok) throw new Error(result.error);
    const base = engineTotals(SAMPLE, null);
    const scratch = engineTotals(SAMPLE, 'from-scratch');
    expect(result.value.delta).toBe(scratch.totals.totalCost - base.totals.totalCost);
    expect(result.value.rows.map((r) => r.delta === 0)).toEqual([false, true, true, true]);
  });

  it('previews a re-pricing old → new, rows without a price showing as errors', () => {
    const early = { ...SAMPLE, meta: { ...SAMPLE.meta, priceBookAsOf: '2026-01-15' } };
    const result = compareDocuments(SAMPLE, early);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.rows.every((r) => r.before !== null && r.after === null)).toBe(true);
    expect(result.value.afterTotal).toBe(0);
  });

  it.each([
    [100, 150, '+50.0%'],
    [200, 150, '−25.0%'],
    [300, 300, '0.0%'],
    [0, 5, 'new'],
    [0, 0, '0%'],
    [null, 5, '—'],
    [3, 4, '+33.3%'],
  ])('percent change %s → %s is %s', (before, after, text) => {
    expect(percentChange(before, after)).toBe(text);
  });
});

describe('a plan too large to total exactly', () => {
  it('shows the row that would carry the total past $9.007 billion as a row error, as estimatePlan does', () => {
    // 10M finals x 3000 generations x $0.16464 (1536x1024 high) = $4.94 billion a row
    const big = (id: string) =>
      blankRow(id, {
        finals: 10_000_000,
        iterationFactor: '3000',
        size: '1536x1024',
        quality: 'high',
        promptChars: null,
      });
    const doc = { ...blankPlan('2026-11-28'), rows: [big('a'), big('b')] };
    const view = new PlanEstimator().view(doc);
    const engine = engineTotals(doc, null);
    expect(view.rows.map((r) => r.result.estimate.ok)).toEqual([true, false]);
    expect(view.rows[1]?.result.estimate.errors[0]?.message).toContain('split the plan');
    expect(view.totals).toEqual(engine.totals);
  });
});
