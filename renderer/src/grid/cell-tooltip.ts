import type { ColDef } from 'ag-grid-community';
import type { SheetRow } from './sheet-row';

/**
 * The planning grid's tooltips, shown by one grid-wide listener (GridTooltip.tsx) instead of AG Grid's
 * tooltip module, which wires five listeners into every cell it draws: at 10k rows most of a scroll
 * frame's script was spent adding and removing them (issue 9 §6). A column keeps its texts in its
 * colDef's `context`, which AG Grid leaves to the application.
 */

/** What a cell's tooltip is made from: its row (a plan row or a summary row) and the grid's context. */
export interface CellTooltipParams {
  readonly data: SheetRow | undefined;
  readonly context: unknown;
}

export interface ColumnTooltips {
  /** The column header's tooltip. */
  readonly header?: string;
  /** A cell's tooltip, or undefined for none. */
  readonly cell?: (p: CellTooltipParams) => string | undefined;
}

/** The colDef `context` a column's tooltips travel in. */
export function tooltipContext(tooltips: ColumnTooltips): { context: { tooltips: ColumnTooltips } } {
  return { context: { tooltips } };
}

/** A column's tooltips (none for a column without them). */
export function columnTooltips(colDef: ColDef<SheetRow> | null | undefined): ColumnTooltips {
  const context: unknown = colDef?.context;
  if (typeof context !== 'object' || context === null || !('tooltips' in context)) return {};
  const tooltips: unknown = context.tooltips;
  return typeof tooltips === 'object' && tooltips !== null ? tooltips : {};
}
