// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { learnedFactors } from '../../../shared/reconcile/learned-factors';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { actualColumnDefs } from '../../../renderer/src/grid/actual-columns';
import type { SheetRow, TotalsRow } from '../../../renderer/src/grid/sheet-row';
import { LearnedFactorsTable } from '../../../renderer/src/panels/reconcile/ReconcileTables';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

/**
 * Rows with approved finals but no generation seen (no actuals by as-of, or billed cost with no image
 * counts) show "no generations observed", never an observed iteration of 0.00.
 */

afterEach(cleanup);

const SAMPLE = createSamplePlan('2026-11-28');

/** The sample as of before its first actual: finals typed on two rows, nothing spent. */
function beforeAnyActual() {
  const rec = reconcilePlan(SAMPLE, { asOf: '2026-12-08' });
  if (!rec.ok) throw new Error(rec.error);
  return rec.value;
}

function factorCell(data: SheetRow, g: GridReconciliation): string {
  const def = actualColumnDefs(null).find((c) => c.colId === 'observedFactor') as ColDef<SheetRow>;
  const format = def.valueFormatter as (p: Partial<ValueFormatterParams<SheetRow>>) => string;
  return format({ data, value: null, context: { isSelected: () => false, reconciliation: g } });
}

describe('no generations observed', () => {
  it('the grid: the row says so and the totals row is blank, not 0.00×', () => {
    const g = new GridReconciliation(beforeAnyActual());
    const rows = new PlanEstimator().view(SAMPLE).rows;
    const ecom = rows.find((r) => r.id === 'ecom-product-pages') as SheetRow;
    expect(factorCell(ecom, g)).toBe('no generations observed');
    const totals: TotalsRow = { kind: 'totals', id: '__totals', label: 'Total', totals: {} as TotalsRow['totals'] };
    expect(factorCell(totals, g)).toBe('');
    expect(g.totals.observedFactor).toBeNull();
  });

  it('Reconcile › Plans that learn: "no generations observed", not 0.00', () => {
    render(<LearnedFactorsTable factors={learnedFactors(beforeAnyActual())} />);
    const byRow = screen.getByTestId('reconcile-factors');
    const ecom = [...byRow.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes('Product page'));
    const cells = [...(ecom?.querySelectorAll('td') ?? [])].map((c) => c.textContent);
    // Row, observed, planned, finals, generations.
    expect(cells[1]).toBe('no generations observed');
    expect(cells[3]).toBe('20');
    expect(cells[4]).toBe('0');
    expect(screen.getByTestId('reconcile-factors-types').textContent).not.toContain('0.00');
    expect(byRow.textContent).not.toContain('0.00');
  });
});
