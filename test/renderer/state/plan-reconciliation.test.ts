import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import type { MatchRule } from '../../../shared/reconcile/match-rules';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { applyCommand, type Command, type EditableField } from '../../../renderer/src/state/commands';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../shared/reconcile/plan-reconciler';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

/** The sample plan (it ships its own actuals) with team and row rules, so cost edits move team splits. */
function base(): PlanDocument {
  const sample = createSamplePlan('2026-11-28');
  const rules: MatchRule[] = [
    { id: 'r1', when: { field: 'api-key', value: 'key-marketing' }, to: { kind: 'team', team: 'Product marketing' } },
    { id: 'r2', when: { field: 'model', value: 'gpt-image-2' }, to: { kind: 'row', rowId: 'ugc-ad-hooks' } },
  ];
  // Undated, so the team rule splits over both Product marketing rows by planned cost on every day.
  const rows = sample.rows.map((r) => (r.team === 'Product marketing' ? { ...r, startDate: null, endDate: null } : r));
  return { ...sample, rows, actuals: { ...sample.actuals, rules } };
}

const ROW_IDS = ['ecom-product-pages', 'ugc-ad-hooks', 'saas-hero', 'saas-ui-screens'];

type Edit = { field: EditableField; value: string | number | null };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ field: fc.constant<EditableField>('finals'), value: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ field: fc.constant<EditableField>('iterationFactor'), value: fc.constantFrom('1', '1.5', '3') }),
  fc.record({ field: fc.constant<EditableField>('approvedFinals'), value: fc.constantFrom(null, 0, 7, 30) }),
  fc.record({ field: fc.constant<EditableField>('team'), value: fc.constantFrom('Growth', 'Product marketing', '') }),
  fc.record({ field: fc.constant<EditableField>('name'), value: fc.constantFrom('Renamed', 'ugc-ad-hooks') }),
  fc.record({
    field: fc.constant<EditableField>('startDate'),
    value: fc.constantFrom(null, '2027-01-01', '2027-01-15'),
  }),
);

const step = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), rowId: fc.constantFrom(...ROW_IDS), edit }),
  fc.record({ kind: fc.constant('drop-rule' as const) }),
  fc.record({ kind: fc.constant('scenario' as const), on: fc.boolean() }),
);

function commandOf(doc: PlanDocument, s: StepValue): Command | null {
  if (s.kind === 'drop-rule') {
    const actuals = { ...doc.actuals, rules: doc.actuals.rules.slice(1) };
    return { kind: 'set-parts', label: 'Remove rule', before: { actuals: doc.actuals }, after: { actuals } };
  }
  if (s.kind === 'scenario') {
    const id = s.on ? (doc.scenarios[0]?.id ?? null) : null;
    return {
      kind: 'set-parts',
      label: 'Scenario',
      before: { activeScenarioId: doc.activeScenarioId },
      after: { activeScenarioId: id },
    };
  }
  const row = doc.rows.find((r) => r.id === s.rowId);
  if (!row) return null;
  const before = row[s.edit.field];
  return {
    kind: 'set-cells',
    label: 'Edit',
    changes: [{ rowId: s.rowId, field: s.edit.field, before, after: s.edit.value }],
  };
}

type StepValue =
  { kind: 'cell'; rowId: string; edit: Edit } | { kind: 'drop-rule' } | { kind: 'scenario'; on: boolean };

function full(doc: PlanDocument) {
  const r = reconcilePlan(doc);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('the open plan’s reconciliation, kept incrementally', () => {
  it('equals a full reconcilePlan after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const estimator = new PlanEstimator();
        const reconciler = new PlanReconciler();
        let doc = base();
        for (const s of steps as StepValue[]) {
          const command = commandOf(doc, s);
          if (command) doc = applyCommand(doc, command);
          const incremental = reconciler.reconcile(doc, estimator.view(doc));
          expect(incremental.ok).toBe(true);
          if (incremental.ok) expect(incremental.value).toEqual(full(doc));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the grid’s totals and subtotals equal to summing every row, edit after edit', () => {
    // Each grouping read at some steps only: a reconciliation whose groups the last one never summed
    // sums every row; one whose groups it did updates them by the rows that changed.
    const reads = fc.array(fc.record({ step, team: fc.boolean(), assetType: fc.boolean() }), { maxLength: 12 });
    fc.assert(
      fc.property(reads, (steps) => {
        const estimator = new PlanEstimator();
        const reconciler = new PlanReconciler();
        let doc = base();
        let grid: GridReconciliation | null = null;
        for (const { step: s, team, assetType } of steps) {
          const command = commandOf(doc, s);
          if (command) doc = applyCommand(doc, command);
          const rec = reconciler.reconcile(doc, estimator.view(doc));
          if (!rec.ok) throw new Error(rec.error);
          grid = new GridReconciliation(rec.value, doc.actuals.rules, grid);
          const fresh = new GridReconciliation(full(doc), doc.actuals.rules);
          expect(grid.totals).toEqual(fresh.totals);
          for (const by of [team ? 'team' : null, assetType ? 'assetType' : null] as const)
            if (by !== null) expect([...grid.groupTotals(by)]).toEqual([...fresh.groupTotals(by)]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a cost-only edit keeps the placements of every piece no team rule split', () => {
    const estimator = new PlanEstimator();
    const reconciler = new PlanReconciler();
    const doc = base();
    const first = reconciler.reconcile(doc, estimator.view(doc));
    const edited = applyCommand(doc, {
      kind: 'set-cells',
      label: 'Edit',
      changes: [{ rowId: 'ecom-product-pages', field: 'finals', before: 24, after: 48 }],
    });
    const second = reconciler.reconcile(edited, estimator.view(edited));
    if (!first.ok || !second.ok) throw new Error('reconcile');
    expect(second.value.parts).toBe(first.value.parts);
    expect(second.value.rows[1]).toBe(first.value.rows[1]);
    expect(second.value.rows[0]?.planned).toBeGreaterThan(first.value.rows[0]?.planned ?? 0);
  });
});
