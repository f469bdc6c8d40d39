import type { CellClassParams, ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { CellValue } from '../state/commands';
import { isScenarioField } from '../state/cell-edits';
import { actualColumnDefs } from './actual-columns';
import { budgetStatus } from './budget-status';
import { type CellTooltipParams, tooltipContext } from './cell-tooltip';
import { FORMULA_COLUMNS, type FormulaColumn } from './formula-columns';
import { ALL_INPUTS, BUDGET_INPUT, type InputColumn, LEADING_INPUTS, TRAILING_INPUTS } from './input-columns';
import { grouped, usd } from './money-text';
import { rowDragHandleSelector } from './row-drag-handle';
import { ROW_ISSUE_COLUMN_ID, rowIssueText } from './row-issue';
import { asGridRow, isTotalsRow, type SheetRow, sheetContext } from './sheet-row';
import { datesProblem } from '../../../shared/reconcile/phasing';

/** Custom editors are injected so this factory stays free of React and testable on its own. */
export interface ColumnFactoryOptions {
  readonly sizeEditor: unknown;
  /** The list editor of choice cells and of generations per final (presets or a custom factor). */
  readonly choiceEditor: unknown;
}

function selectedRule(params: CellClassParams<SheetRow>): boolean {
  const ctx = sheetContext(params.context);
  const rowIndex = params.node.rowIndex;
  if (!ctx || rowIndex === null || params.node.rowPinned) return false;
  return ctx.isSelected(rowIndex, params.colDef.colId ?? '');
}

/** The text a plan value is shown as in its cell. */
export function displayInput(column: InputColumn, value: CellValue): string {
  if (value === null || value === undefined) return '';
  const spec = column.spec;
  switch (spec.kind) {
    case 'decimal': {
      if (spec.presets.length === 0) return String(value);
      const preset = spec.presets.find((p) => Number(p.factor) === Number(value));
      return preset ? `${value} · ${preset.id}` : `${value} · custom`;
    }
    case 'money':
      return `$${value}`;
    case 'integer':
      if (spec.unit === '%') return `${value}%`;
      return typeof value === 'number' ? grouped(value) : String(value);
    default:
      return String(value);
  }
}

function totalsInputText(column: InputColumn, row: SheetRow): string {
  if (!isTotalsRow(row)) return '';
  if (column.field === 'name') return row.label;
  if (column.field === 'finals') return grouped(row.totals.finals);
  // The caps add up under the caps (the budget left column has no sum: rows without a cap have none).
  if (column.field === 'budgetCapUsd') return row.totals.budgetCap === 0 ? '' : usd(row.totals.budgetCap);
  return '';
}

function editorFor(column: InputColumn, options: ColumnFactoryOptions): Partial<ColDef<SheetRow>> {
  const spec = column.spec;
  switch (column.editor) {
    case 'choice':
    case 'preset':
      return { cellEditor: options.choiceEditor, cellEditorPopup: true, cellEditorPopupPosition: 'under' };
    case 'size':
      return { cellEditor: options.sizeEditor, cellEditorPopup: true, cellEditorPopupPosition: 'under' };
    case 'long-text':
      return {
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
        cellEditorParams: { maxLength: spec.kind === 'text' ? spec.maxLength : undefined },
      };
    default:
      return { cellEditor: 'agTextCellEditor' };
  }
}

function inputColumnDef(column: InputColumn, options: ColumnFactoryOptions): ColDef<SheetRow> {
  const field = column.field;
  const numeric = column.editor === 'number' || column.editor === 'money';
  return {
    colId: field,
    headerName: column.header,
    headerClass: 'pl-input-header',
    width: column.width,
    pinned: column.pinned ?? null,
    // The first column carries the drag handle that reorders plan rows, drawn on the row under the mouse.
    cellRendererSelector: field === 'name' ? rowDragHandleSelector : undefined,
    editable: (p) => !isTotalsRow(p.data),
    valueGetter: (p: ValueGetterParams<SheetRow>) => {
      const gridRow = asGridRow(p.data);
      return gridRow ? gridRow.row[field] : null;
    },
    valueFormatter: (p: ValueFormatterParams<SheetRow>) => {
      if (isTotalsRow(p.data)) return totalsInputText(column, p.data);
      const value: unknown = p.value;
      return displayInput(column, typeof value === 'string' || typeof value === 'number' ? value : null);
    },
    comparator: numeric ? (a: unknown, b: unknown) => Number(a ?? -1) - Number(b ?? -1) : undefined,
    filter: numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
    filterValueGetter: numeric
      ? (p: ValueGetterParams<SheetRow>) => {
          const gridRow = asGridRow(p.data);
          const v = gridRow ? gridRow.row[field] : null;
          return v === null ? null : Number(v);
        }
      : undefined,
    cellClass: numeric
      ? ['pl-input', 'ag-right-aligned-cell']
      : field === 'name'
        ? ['pl-input', 'pl-name-cell']
        : 'pl-input',
    cellClassRules: {
      'pl-selected': selectedRule,
      'pl-overridden': (p) => asGridRow(p.data)?.overridden.has(field) ?? false,
      'pl-invalid': (p) => {
        const gridRow = asGridRow(p.data);
        if (gridRow === null) return false;
        if (field === 'endDate' && datesProblem(gridRow.row.startDate, gridRow.row.endDate) !== null) return true;
        return gridRow.result.estimate.errors.some((e) => e.field === field);
      },
      ...(field === 'budgetCapUsd' ? budgetRules() : {}),
    },
    ...tooltipContext({
      header: column.headerTooltip,
      cell: (p) => inputCellTooltip(column, p),
    }),
    ...editorFor(column, options),
  };
}

function inputCellTooltip(column: InputColumn, p: CellTooltipParams): string | undefined {
  const field = column.field;
  const gridRow = asGridRow(p.data);
  if (!gridRow) return undefined;
  const notes: string[] = [];
  for (const e of gridRow.result.estimate.errors) if (e.field === field) notes.push(e.message);
  if (gridRow.overridden.has(field) && isScenarioField(field)) {
    notes.push(
      `Scenario override. Base plan value: ${displayInput(column, gridRow.base[field]) || '(empty)'}. Press Delete to reset it to the base value.`,
    );
  }
  if (field === 'budgetCapUsd' && gridRow.row.budgetCapUsd !== null) notes.push(budgetStatus(gridRow).reason);
  const dates = field === 'endDate' ? datesProblem(gridRow.row.startDate, gridRow.row.endDate) : null;
  if (dates !== null) notes.push(`${dates.charAt(0).toUpperCase()}${dates.slice(1)}.`);
  return notes.length > 0 ? notes.join('\n') : undefined;
}

function budgetRules() {
  return {
    'pl-budget-warning': (p: CellClassParams<SheetRow>) => {
      const gridRow = asGridRow(p.data);
      return gridRow !== null && budgetStatus(gridRow).level === 'warning';
    },
    'pl-budget-over': (p: CellClassParams<SheetRow>) => {
      const gridRow = asGridRow(p.data);
      return gridRow !== null && budgetStatus(gridRow).level === 'over';
    },
  };
}

function formulaColumnDef(column: FormulaColumn): ColDef<SheetRow> {
  return {
    colId: column.colId,
    headerName: column.header,
    headerClass: 'pl-formula-header',
    width: column.width,
    editable: false,
    valueGetter: (p: ValueGetterParams<SheetRow>) => {
      const gridRow = asGridRow(p.data);
      return gridRow ? column.value(gridRow) : null;
    },
    valueFormatter: (p: ValueFormatterParams<SheetRow>) => {
      if (isTotalsRow(p.data)) return column.total?.(p.data.totals) ?? '';
      const gridRow = asGridRow(p.data);
      return gridRow ? column.text(gridRow) : '';
    },
    filter: 'agNumberColumnFilter',
    cellClass: ['pl-formula', 'ag-right-aligned-cell'],
    cellClassRules: {
      'pl-selected': selectedRule,
      'pl-error': (p) => asGridRow(p.data)?.result.estimate.ok === false,
      ...(column.colId === 'budgetRemaining' ? budgetRules() : {}),
    },
    ...tooltipContext({
      header: `${column.headerTooltip} (computed, read-only)`,
      cell: (p) => {
        const gridRow = asGridRow(p.data);
        if (!gridRow)
          return isTotalsRow(p.data) && column.total
            ? `Sum of the ${column.header.toLowerCase()} of every row without errors`
            : undefined;
        return column.explain(gridRow);
      },
    }),
  };
}

/** Computed columns that scroll with the inputs: how the money is made up. */
const DETAIL_FORMULAS = [
  'generations',
  'costPerFinalImage',
  'costPerDraftImage',
  'outputTokens',
  'requests',
  'credits',
] as const;

/** The money a planner looks at stays in view at the right edge while the inputs scroll (issue 9 §4). */
export const MONEY_IN_VIEW = ['rowTotal', 'costPerApprovedFinal', 'budgetRemaining'] as const;

function formulaColumnsOf(colIds: readonly string[], pinned: 'right' | null): ColDef<SheetRow>[] {
  return colIds.flatMap((colId) => {
    const column = FORMULA_COLUMNS.find((c) => c.colId === colId);
    // Pinned columns are narrow: their headers wrap rather than cut "Cost / approved final".
    return column ? [{ ...formulaColumnDef(column), pinned, wrapHeaderText: true, autoHeaderHeight: true }] : [];
  });
}

/**
 * Every column of the planning grid, in display order: the campaign line pinned left, the inputs that drive
 * the cost (the budget cap closing them), the computed details, the other inputs, plan vs actual (approved
 * finals among them), then the money pinned right.
 */
export function createColumnDefs(options: ColumnFactoryOptions): ColDef<SheetRow>[] {
  const [first, ...leading] = LEADING_INPUTS;
  const approvedFinals = TRAILING_INPUTS.find((c) => c.field === 'approvedFinals');
  return [
    ...(first ? [inputColumnDef(first, options)] : []),
    rowIssueColumnDef(),
    ...leading.map((c) => inputColumnDef(c, options)),
    inputColumnDef(BUDGET_INPUT, options),
    ...formulaColumnsOf(DETAIL_FORMULAS, null),
    ...TRAILING_INPUTS.filter((c) => c.field !== 'approvedFinals').map((c) => inputColumnDef(c, options)),
    ...actualColumnDefs(approvedFinals ? inputColumnDef(approvedFinals, options) : null),
    ...formulaColumnsOf(MONEY_IN_VIEW, 'right'),
  ];
}

export const EDITABLE_COLUMN_IDS: ReadonlySet<string> = new Set(ALL_INPUTS.map((c) => c.field));

/**
 * "Not priced because": the reasons of a row that has no price, in the row itself (hovering shows them
 * whole). PlanGrid shows the column only while some row is not priced; block edits skip it.
 */
export function rowIssueColumnDef(): ColDef<SheetRow> {
  return {
    colId: ROW_ISSUE_COLUMN_ID,
    headerName: 'Not priced because',
    width: 280,
    hide: true,
    editable: false,
    sortable: true,
    valueGetter: (p: ValueGetterParams<SheetRow>) => {
      const gridRow = asGridRow(p.data);
      return gridRow ? rowIssueText(gridRow) : '';
    },
    valueFormatter: (p: ValueFormatterParams<SheetRow>) => {
      if (isTotalsRow(p.data))
        return p.data.totals.rowsWithErrors > 0 ? `${p.data.totals.rowsWithErrors} not priced` : '';
      return typeof p.value === 'string' && p.value !== '' ? `⚠ ${p.value}` : '';
    },
    cellClass: 'pl-issue',
    ...tooltipContext({
      header: 'Why a row has no price: fix the input named, or add the price the message asks for',
      cell: (p) => {
        const gridRow = asGridRow(p.data);
        const text = gridRow ? rowIssueText(gridRow) : '';
        return text === '' ? undefined : text.split(' · ').join('\n');
      },
    }),
  };
}
