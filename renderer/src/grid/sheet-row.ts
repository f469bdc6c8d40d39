import type { PlanTotals } from '../../../shared/estimate/estimate-plan';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import type { GridRow } from '../../../shared/estimate/plan-estimator';
import type { GridReconciliation } from '../state/reconciliation-totals';
import type { TypeAhead } from './type-ahead';

/** A summary row: the pinned plan totals at the bottom, or a group's subtotal when grouping is on. */
export interface TotalsRow {
  readonly kind: 'totals' | 'subtotal';
  readonly id: string;
  readonly label: string;
  readonly totals: PlanTotals;
  /** For a subtotal: the team or asset type it sums. */
  readonly groupKey?: string;
}

/** Any row the grid shows: a plan row or a summary row. */
export type SheetRow = GridRow | TotalsRow;

export const TOTALS_ROW_ID = '__totals';

export function isTotalsRow(row: SheetRow | undefined | null): row is TotalsRow {
  return row !== undefined && row !== null && 'kind' in row;
}

export function asGridRow(row: SheetRow | undefined | null): GridRow | null {
  return row === undefined || row === null || isTotalsRow(row) ? null : row;
}

/** What cell styling needs from the grid component, passed as AG Grid's `context`. */
export interface SheetContext {
  isSelected(rowIndex: number, colId: string): boolean;
  /** Keys typed while a cell editor opens (type-ahead.ts): the editor adds them to its text. */
  readonly typeAhead: TypeAhead;
  /** Price book and as-of date, for editors that price alternatives (cheaper sizes). */
  readonly estimateContext: EstimateContext;
  /** The plan's reconciliation with its actuals (null: the plan has none): the Plan vs actual columns read it. */
  readonly reconciliation?: GridReconciliation | null;
  /** The plan row under the mouse, whose name cell shows the drag handle (row-drag-handle.ts). */
  dragHandleRowId?(): string | null;
}

export function sheetContext(value: unknown): SheetContext | null {
  return typeof value === 'object' && value !== null && 'isSelected' in value && typeof value.isSelected === 'function'
    ? (value as SheetContext)
    : null;
}
