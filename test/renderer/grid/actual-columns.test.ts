import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import {
  ACTUAL_COLUMN_IDS,
  actualColumnDefs,
  factorText,
  signedPct,
  signedUsd,
} from '../../../renderer/src/grid/actual-columns';
import { COLUMN_GROUPS } from '../../../renderer/src/grid/column-groups';
import type { SheetRow, TotalsRow } from '../../../renderer/src/grid/sheet-row';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

const SAMPLE = createSamplePlan('2026-11-28');

function sample(): { g: GridReconciliation; rows: readonly SheetRow[] } {
  const rec = reconcilePlan(SAMPLE);
  if (!rec.ok) throw new Error(rec.error);
  return { g: new GridReconciliation(rec.value, SAMPLE.actuals.rules), rows: new PlanEstimator().view(SAMPLE).rows };
}

function cellText(colId: string, data: SheetRow, g: GridReconciliation): string {
  const def = actualColumnDefs(null).find((c) => c.colId === colId) as ColDef<SheetRow>;
  const context = { isSelected: () => false, reconciliation: g };
  const value = typeof def.valueGetter === 'function' ? def.valueGetter({ data, context } as never) : null;
  const format = def.valueFormatter as (p: Partial<ValueFormatterParams<SheetRow>>) => string;
  return format({ data, value, context } as Partial<ValueFormatterParams<SheetRow>>);
}

describe('Plan vs actual columns', () => {
  it('form one group the column chooser can hide, approved finals among them', () => {
    const group = COLUMN_GROUPS.find((c) => c.id === 'actuals');
    expect(group?.label).toBe('Plan vs actual');
    expect(group?.colIds).toEqual(ACTUAL_COLUMN_IDS);
    expect(group?.colIds).toContain('approvedFinals');
  });

  it('show each row’s actual with its measure, variance, the observed factor with its sample and the flag', () => {
    const { g, rows } = sample();
    const ecom = rows.find((r) => r.id === 'ecom-product-pages') as SheetRow;
    const r = g.row('ecom-product-pages');
    expect(r?.flag).toBe('over-plan');
    expect(cellText('actualToDate', ecom, g)).toMatch(/^\$7\.60 · (billed|mixed measures)$/);
    expect(cellText('actualVariance', ecom, g)).toBe(signedUsd(r?.variance ?? 0));
    expect(cellText('observedFactor', ecom, g)).toBe('3.00× · 20 finals');
    expect(cellText('actualFlag', ecom, g)).toContain('Over plan');
  });

  it('a row not started by as-of (nothing spent) shows "not started", and the total variance leaves its plan out', () => {
    const { g, rows } = sample();
    const saasHero = rows.find((r) => r.id === 'saas-hero') as SheetRow;
    expect(g.row('saas-hero')?.variance).toBeNull();
    expect(cellText('actualVariance', saasHero, g)).toBe('not started');
    expect(cellText('actualVariancePct', saasHero, g)).toBe('');
    const totals: TotalsRow = { kind: 'totals', id: '__totals', label: 'Total', totals: {} as TotalsRow['totals'] };
    const started = g.rec.rows.filter((r) => r.variance !== null).reduce((s, r) => s + r.planned, 0);
    expect(g.totals.plannedStarted).toBe(started);
    expect(cellText('actualVariance', totals, g)).toBe(signedUsd(g.totals.actual - started));
    expect(cellText('actualVariancePct', totals, g)).toBe(signedPct(g.totals.actual - started, started));
  });

  it('total every row plus Unassigned, and say so', () => {
    const { g } = sample();
    const totals: TotalsRow = { kind: 'totals', id: '__totals', label: 'Total', totals: {} as TotalsRow['totals'] };
    const sumRows = g.rec.rows.reduce((s, r) => s + r.actual, 0);
    expect(g.totals.actual).toBe(sumRows + g.rec.unassigned);
    expect(g.totals.actual).toBe(g.rec.ledgerTotal);
    expect(g.rec.unassigned).toBeGreaterThan(0);
    expect(cellText('actualToDate', totals, g)).toBe(`$9.75 · incl. $0.22 Unassigned`);
  });

  it('format signs and factors plainly', () => {
    expect(signedUsd(1_200_000)).toBe('+$1.20');
    expect(signedUsd(-500_000)).toBe('-$0.50');
    expect(signedPct(250_000, 1_000_000)).toBe('+25.00%');
    expect(signedPct(1, 0)).toBe('—');
    expect(factorText('2.10', 14)).toBe('2.10× · 14 finals');
    expect(factorText(null, 0)).toBe('');
  });
});
