import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../../shared/estimate/estimate-plan';
import { formatUsd } from '../../../shared/money/format';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { columnTooltips } from '../../../renderer/src/grid/cell-tooltip';
import { EDITABLE_COLUMN_IDS, createColumnDefs, displayInput } from '../../../renderer/src/grid/columns';
import { FORMULA_COLUMN_IDS } from '../../../renderer/src/grid/formula-columns';
import { inputColumn } from '../../../renderer/src/grid/input-columns';
import type { SheetRow, TotalsRow } from '../../../renderer/src/grid/sheet-row';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';

const SAMPLE = createSamplePlan('2026-11-28');
const columns = createColumnDefs({ sizeEditor: 'sizeEditor', choiceEditor: 'choiceEditor' });
const view = new PlanEstimator().view(SAMPLE);
const ecom = view.rows[0];

function column(colId: string): ColDef<SheetRow> {
  const found = columns.find((c) => c.colId === colId);
  if (!found) throw new Error(`no column ${colId}`);
  return found;
}

function getValue(colId: string, data: SheetRow): unknown {
  const getter = column(colId).valueGetter;
  if (typeof getter !== 'function') throw new Error('no valueGetter');
  return getter({ data } as unknown as ValueGetterParams<SheetRow>);
}

function shown(colId: string, data: SheetRow): string {
  const formatter = column(colId).valueFormatter;
  if (typeof formatter !== 'function') throw new Error('no valueFormatter');
  return formatter({ data, value: getValue(colId, data) } as unknown as ValueFormatterParams<SheetRow>);
}

function tooltip(colId: string, data: SheetRow): unknown {
  return columnTooltips(column(colId)).cell?.({ data, context: undefined });
}

describe('column factory', () => {
  it('gives every column a unique, stable id, inputs and formulas alike', () => {
    const ids = columns.map((c) => c.colId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(createColumnDefs({ sizeEditor: 'a', choiceEditor: 'b' }).map((c) => c.colId)).toEqual(ids);
    for (const id of FORMULA_COLUMN_IDS) expect(ids).toContain(id);
    for (const id of EDITABLE_COLUMN_IDS) expect(ids).toContain(id);
  });

  it('makes formula columns read-only and visibly distinct', () => {
    for (const id of FORMULA_COLUMN_IDS) {
      const c = column(id);
      expect(c.editable).toBe(false);
      expect(c.cellClass).toContain('pl-formula');
      expect(c.headerClass).toBe('pl-formula-header');
    }
  });

  it('fits editors to the inputs', () => {
    for (const id of ['model', 'quality', 'surface', 'draftQuality', 'iterationFactor'])
      expect(column(id).cellEditor).toBe('choiceEditor');
    expect(column('size').cellEditor).toBe('sizeEditor');
    expect(column('finals').cellEditor).toBe('agTextCellEditor');
  });

  it('computes formula cells with the shared engine', () => {
    if (!ecom) throw new Error('sample has rows');
    const engine = estimatePlan(SAMPLE);
    if (!engine.ok) throw new Error(engine.error);
    const expected = engine.value.rows[0]?.estimate;
    expect(shown('rowTotal', ecom)).toBe(formatUsd(expected?.totalCost ?? -1));
    expect(getValue('requests', ecom)).toBe(expected?.requests);
    expect(shown('generations', ecom)).toBe('28.8 + 24');
  });

  it('explains a formula cell with the row’s own numbers', () => {
    if (!ecom) throw new Error('sample has rows');
    expect(tooltip('generations', ecom)).toContain('24 finals × 1.2 = 28.8 generations');
    expect(String(tooltip('rowTotal', ecom))).toMatch(/^28\.8 generations × \$[\d.]+ = \$[\d.]+/);
    expect(String(tooltip('costPerApprovedFinal', ecom))).toContain('÷ 24 finals');
  });

  it('shows totals in the pinned row', () => {
    const totals: TotalsRow = { kind: 'totals', id: '__totals', label: 'Total · 4 rows', totals: view.totals };
    expect(shown('rowTotal', totals)).toBe(formatUsd(view.totals.totalCost));
    expect(shown('name', totals)).toBe('Total · 4 rows');
    expect(shown('finals', totals)).toBe('63');
  });

  it('shows inputs the way planners read them', () => {
    const factor = inputColumn('iterationFactor');
    const cap = inputColumn('budgetCapUsd');
    if (!factor || !cap) throw new Error('columns exist');
    expect(displayInput(factor, '1.8')).toBe('1.8 · exploring');
    expect(displayInput(factor, '2.2')).toBe('2.2 · custom');
    expect(displayInput(cap, '12.00')).toBe('$12.00');
  });

  it('colours the budget and gives the reason on hover', () => {
    const over = new PlanEstimator().view({
      ...SAMPLE,
      rows: SAMPLE.rows.map((r) => (r.id === 'saas-hero' ? { ...r, budgetCapUsd: '0.10' } : r)),
    });
    const hero = over.rows.find((r) => r.id === 'saas-hero');
    if (!hero) throw new Error('row');
    const rules = column('budgetRemaining').cellClassRules ?? {};
    const rule = rules['pl-budget-over'];
    expect(
      typeof rule === 'function' && rule({ data: hero, node: { rowIndex: 0 }, colDef: {}, context: null } as never),
    ).toBe(true);
    expect(String(tooltip('budgetCapUsd', hero))).toMatch(
      /Over budget: the row costs \$[\d.]+, \$[\d.]+ more than its \$0\.10 cap/,
    );
  });

  it('marks an end date before the start date, and says on hover why the row is in no week', () => {
    const reversed = new PlanEstimator().view({
      ...SAMPLE,
      rows: SAMPLE.rows.map((r) =>
        r.id === 'saas-hero' ? { ...r, startDate: '2027-02-01', endDate: '2027-01-15' } : r,
      ),
    });
    const hero = reversed.rows.find((r) => r.id === 'saas-hero');
    const other = reversed.rows.find((r) => r.id !== 'saas-hero');
    if (!hero || !other) throw new Error('rows');
    const invalid = (colId: string, data: SheetRow) => {
      const rule = (column(colId).cellClassRules ?? {})['pl-invalid'];
      return typeof rule === 'function' && rule({ data, node: { rowIndex: 0 }, colDef: {}, context: null } as never);
    };
    expect([invalid('endDate', hero), invalid('startDate', hero), invalid('endDate', other)]).toEqual([
      true,
      false,
      false,
    ]);
    expect(tooltip('endDate', hero)).toBe(
      'The end date is before the start date: the row is spread over no day, so Reconcile leaves it out of the weeks.',
    );
    expect(tooltip('endDate', other)).toBeUndefined();
  });
});
