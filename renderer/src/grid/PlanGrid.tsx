import {
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type ColDef,
  type Column,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type RowDragEndEvent,
  themeQuartz,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import {
  forwardRef,
  memo,
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { type CellEdit, isScenarioField, planCellEdits, planResetOverride } from '../state/cell-edits';
import { applyCommand, type Command, type EditableField, type SetOverrides } from '../state/commands';
import type { PlanView } from '../state/plan-estimator';
import { planMoveRowTo } from '../state/row-ops';
import {
  type BlockPlan,
  type BlockProblem,
  type SheetAccess,
  cellLabel,
  copyBlock,
  planFillDown,
  planFillValue,
  planPaste,
} from './block-edits';
import { parseCellInput } from './cell-input';
import { parseTsv, toTsv } from './clipboard';
import { EDITABLE_COLUMN_IDS, createColumnDefs } from './columns';
import { FORMULA_COLUMNS } from './formula-columns';
import { PresetEditor } from './PresetEditor';
import {
  type Bounds,
  type CellPosition,
  type Selection,
  boundsOf,
  cellCount,
  cellsOf,
  contains,
  extendTo,
  movedFocus,
  singleCell,
} from './selection';
import type { GroupBy } from './grouping';
import { asGridRow, type SheetContext, type SheetRow, TOTALS_ROW_ID, type TotalsRow } from './sheet-row';
import { SizeEditor } from './SizeEditor';
import { useGridClipboard } from './use-grid-clipboard';
import { rowClassOf, useRowSync } from './use-row-sync';

export interface BlockReport {
  readonly action: string;
  readonly applied: number;
  readonly problems: readonly BlockProblem[];
}

/** What the app (toolbar, Edit menu) can ask of the grid. */
export interface PlanGridHandle {
  /** TSV of the selected block, or null when nothing is selected. */
  copySelection(): string | null;
  pasteText(text: string): void;
  cutSelection(): string | null;
  fillDown(): void;
  fillValue(text: string): void;
  selectAll(): void;
  /** Plan row ids under the selection, in displayed order. */
  selectedRowIds(): string[];
  focusRow(rowId: string): void;
}

interface PlanGridProps {
  readonly view: PlanView;
  readonly document: PlanDocument;
  /** Shows only rows containing this text (AG Grid's quick filter; the plan keeps every row). */
  readonly quickFilter: string;
  /** Groups rows by team or asset type, each group followed by its subtotal row. */
  readonly groupBy: GroupBy;
  onCommand: (command: Command | null) => void;
  onBlockReport: (report: BlockReport | null) => void;
  onCellError: (message: string | null) => void;
  onSelectionSummary?: (summary: string) => void;
}

const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 12, spacing: 5, wrapperBorderRadius: 4 });

const FORMULA_BY_ID = new Map(FORMULA_COLUMNS.map((c) => [c.colId, c]));
// Grid options are module constants: a new object or function on each render makes AG Grid re-process them.
const COLUMN_DEFS = createColumnDefs({ sizeEditor: SizeEditor, presetEditor: PresetEditor });
const DEFAULT_COL_DEF: ColDef<SheetRow> = { sortable: true, resizable: true };
const getRowId = (p: GetRowIdParams<SheetRow>): string => p.data.id;

function isEditableField(colId: string): colId is EditableField {
  return EDITABLE_COLUMN_IDS.has(colId);
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * The planning grid. AG Grid renders and edits; it never owns the data: every edit, paste and fill becomes
 * a command for the app's store, and the grid shows whatever view the store publishes. The rectangular
 * selection, clipboard and fill live here because AG Grid Community has none of them.
 */
export const PlanGrid = memo(
  forwardRef<PlanGridHandle, PlanGridProps>(function PlanGrid(props, ref) {
    const {
      view,
      document: planDocument,
      quickFilter,
      groupBy,
      onCommand,
      onBlockReport,
      onCellError,
      onSelectionSummary,
    } = props;
    const apiRef = useRef<GridApi<SheetRow> | null>(null);
    const wrapperRef = useRef<HTMLDivElement>(null);
    const selectionRef = useRef<Selection | null>(null);
    const extendOnFocus = useRef(false);
    const latest = useRef({ view, planDocument, onCommand, onBlockReport, onCellError, onSelectionSummary });
    latest.current = { view, planDocument, onCommand, onBlockReport, onCellError, onSelectionSummary };

    const columns = useCallback((): Column[] => apiRef.current?.getAllDisplayedColumns() ?? [], []);

    const context = useMemo<SheetContext>(
      () => ({
        isSelected(rowIndex: number, colId: string) {
          const selection = selectionRef.current;
          if (!selection) return false;
          const colIndex = columns().findIndex((c) => c.getColId() === colId);
          return colIndex >= 0 && contains(selection, rowIndex, colIndex);
        },
        get estimateContext() {
          return latest.current.view.context;
        },
      }),
      [columns],
    );

    const sheet = useCallback((): SheetAccess => {
      const api = apiRef.current;
      const cols = columns();
      return {
        rowCount: api?.getDisplayedRowCount() ?? 0,
        colCount: cols.length,
        cell(rowIndex, colIndex) {
          const gridRow = asGridRow(api?.getDisplayedRowAtIndex(rowIndex)?.data);
          const column = cols[colIndex];
          if (!gridRow || !column) return null;
          const colId = column.getColId();
          return {
            rowId: gridRow.id,
            row: gridRow.row,
            colId,
            header: column.getColDef().headerName ?? colId,
            field: isEditableField(colId) ? colId : null,
          };
        },
      };
    }, [columns]);

    /** The text a cell copies as: stored values for inputs (so they paste back exactly), shown text for formulas. */
    const textOf = useCallback(
      (rowIndex: number, colIndex: number): string => {
        const gridRow = asGridRow(apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data);
        const colId = columns()[colIndex]?.getColId();
        if (!gridRow || !colId) return '';
        if (isEditableField(colId)) {
          const value = gridRow.row[colId];
          return value === null ? '' : String(value);
        }
        return FORMULA_BY_ID.get(colId)?.text(gridRow) ?? '';
      },
      [columns],
    );

    /** Restyles only the cells entering or leaving the selection (a full refresh costs a frame at 10k rows). */
    const refreshSelectionCells = useCallback(
      (previous: Selection | null, next: Selection | null) => {
        const api = apiRef.current;
        if (!api) return;
        const cols = columns();
        const spans = [previous, next].filter((x): x is Selection => x !== null).map(boundsOf);
        if (spans.length === 0) return;
        const top = Math.min(...spans.map((b) => b.top));
        const bottom = Math.max(...spans.map((b) => b.bottom));
        const left = Math.min(...spans.map((b) => b.left));
        const right = Math.max(...spans.map((b) => b.right));
        const firstRendered = api.getFirstDisplayedRowIndex();
        const lastRendered = api.getLastDisplayedRowIndex();
        const rowNodes = [];
        for (let r = Math.max(top, firstRendered); r <= Math.min(bottom, lastRendered); r++) {
          const node = api.getDisplayedRowAtIndex(r);
          if (node) rowNodes.push(node);
        }
        if (rowNodes.length > 0) api.refreshCells({ rowNodes, columns: cols.slice(left, right + 1), force: true });
      },
      [columns],
    );

    const setSelection = useCallback(
      (next: Selection | null) => {
        const previous = selectionRef.current;
        selectionRef.current = next;
        refreshSelectionCells(previous, next);
        const summary = latest.current.onSelectionSummary;
        if (summary) {
          if (!next) summary('');
          else {
            const b = boundsOf(next);
            const cols = columns();
            const first = cols[b.left]?.getColDef().headerName ?? '';
            summary(
              cellCount(next) === 1
                ? cellLabel(first, b.top)
                : `${b.bottom - b.top + 1} × ${b.right - b.left + 1} cells selected`,
            );
          }
        }
      },
      [columns, refreshSelectionCells],
    );

    const applyBlock = useCallback((plan: BlockPlan, action: string) => {
      const { planDocument: doc, onCommand: run, onBlockReport: report } = latest.current;
      run(planCellEdits(doc, plan.edits, action));
      report(
        plan.problems.length > 0 || plan.edits.length > 1
          ? { action, applied: plan.edits.length, problems: plan.problems }
          : null,
      );
    }, []);

    /**
     * The selection, kept in step with the grid's focused cell: AG Grid may report a click's focus after the
     * next key press, so a focused cell outside the selection starts a new selection right here.
     */
    const currentBounds = useCallback((): Bounds | null => {
      const focused = apiRef.current?.getFocusedCell();
      const colIndex = focused ? columns().findIndex((c) => c === focused.column) : -1;
      if (focused && !focused.rowPinned && colIndex >= 0) {
        const selection = selectionRef.current;
        if (!selection || !contains(selection, focused.rowIndex, colIndex)) {
          const cell = { rowIndex: focused.rowIndex, colIndex };
          setSelection(extendOnFocus.current && selection ? extendTo(selection, cell) : singleCell(cell));
          extendOnFocus.current = false;
        }
      }
      const selection = selectionRef.current;
      return selection ? boundsOf(selection) : null;
    }, [columns, setSelection]);

    const clearSelectionCells = useCallback(() => {
      const bounds = currentBounds();
      if (!bounds) return;
      const { planDocument: doc, onCommand: run } = latest.current;
      const access = sheet();
      const scenarioId = doc.activeScenarioId;
      const resets: SetOverrides[] = [];
      const clears: CellEdit[] = [];
      const problems: BlockProblem[] = [];
      let working = doc;
      for (const p of cellsOf(bounds)) {
        const cell = access.cell(p.rowIndex, p.colIndex);
        if (!cell || cell.field === null) continue;
        const gridRow = asGridRow(apiRef.current?.getDisplayedRowAtIndex(p.rowIndex)?.data);
        if (scenarioId !== null && gridRow?.overridden.has(cell.field) && isScenarioField(cell.field)) {
          const reset = planResetOverride(working, scenarioId, cell.rowId, cell.field);
          if (reset) {
            resets.push(reset);
            working = applyCommand(working, reset);
          }
          continue;
        }
        const parsed = parseCellInput(cell.field, '', cell.row);
        if (parsed.ok) clears.push({ rowId: cell.rowId, field: cell.field, value: parsed.value });
        else problems.push({ cell: cellLabel(cell.header, p.rowIndex), reason: `${parsed.error} (left as it was)` });
      }
      // Resets and clears of one key press make one undo step.
      const steps: Command[] = [];
      const first = resets[0];
      const last = resets[resets.length - 1];
      if (first && last) {
        steps.push({
          kind: 'set-overrides',
          label: 'Reset to base',
          scenarioId: first.scenarioId,
          before: first.before,
          after: last.after,
        });
      }
      const cleared = planCellEdits(working, clears, 'Clear cells');
      if (cleared) steps.push(cleared);
      const [only] = steps;
      run(steps.length > 1 ? { kind: 'compound', label: 'Clear cells', commands: steps } : (only ?? null));
      latest.current.onBlockReport(
        problems.length > 0 ? { action: 'Clear cells', applied: clears.length, problems } : null,
      );
    }, [currentBounds, sheet]);

    const handle: PlanGridHandle = useMemo(
      () => ({
        copySelection() {
          const bounds = currentBounds();
          return bounds ? toTsv(copyBlock(bounds, textOf)) : null;
        },
        cutSelection() {
          const bounds = currentBounds();
          if (!bounds) return null;
          const text = toTsv(copyBlock(bounds, textOf));
          clearSelectionCells();
          return text;
        },
        pasteText(text: string) {
          const bounds = currentBounds();
          if (!bounds) {
            latest.current.onCellError('Select a cell to paste into first.');
            return;
          }
          const block = parseTsv(text);
          if (block.length === 0) return;
          applyBlock(planPaste(sheet(), bounds, block), 'Paste');
        },
        fillDown() {
          const bounds = currentBounds();
          if (bounds) applyBlock(planFillDown(sheet(), bounds, textOf), 'Fill down');
        },
        fillValue(text: string) {
          const bounds = currentBounds();
          if (bounds) applyBlock(planFillValue(sheet(), bounds, text), 'Fill selection');
        },
        selectAll() {
          const api = apiRef.current;
          const rowCount = api?.getDisplayedRowCount() ?? 0;
          const colCount = columns().length;
          if (rowCount === 0 || colCount === 0) return;
          setSelection({
            anchor: { rowIndex: 0, colIndex: 0 },
            focus: { rowIndex: rowCount - 1, colIndex: colCount - 1 },
          });
        },
        selectedRowIds() {
          const bounds = currentBounds();
          if (!bounds) return [];
          const ids: string[] = [];
          for (let r = bounds.top; r <= bounds.bottom; r++) {
            const gridRow = asGridRow(apiRef.current?.getDisplayedRowAtIndex(r)?.data);
            if (gridRow) ids.push(gridRow.id);
          }
          return ids;
        },
        focusRow(rowId: string) {
          const api = apiRef.current;
          const node = api?.getRowNode(rowId);
          const first = columns()[0];
          if (!api || !node || node.rowIndex === null || !first) return;
          api.ensureIndexVisible(node.rowIndex);
          api.setFocusedCell(node.rowIndex, first);
        },
      }),
      [applyBlock, clearSelectionCells, columns, currentBounds, setSelection, sheet, textOf],
    );
    useImperativeHandle(ref, () => handle, [handle]);

    const isEditing = useCallback(() => (apiRef.current?.getEditingCells().length ?? 0) > 0, []);
    useGridClipboard(wrapperRef, isEditing, handle);

    const onKeyDownCapture = useCallback(
      (e: ReactKeyboardEvent<HTMLDivElement>) => {
        const api = apiRef.current;
        if (!api) return;
        if (api.getEditingCells().length > 0) {
          // Ctrl/Cmd+Enter while typing into a cell of a larger selection fills the whole selection.
          const selection = selectionRef.current;
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && selection && cellCount(selection) > 1) {
            e.preventDefault();
            e.stopPropagation();
            const typed: unknown = api.getCellEditorInstances()[0]?.getValue();
            api.stopEditing(true);
            handle.fillValue(typed === null || typed === undefined ? '' : String(typed));
          }
          return;
        }
        if (
          e.target instanceof HTMLInputElement ||
          e.target instanceof HTMLTextAreaElement ||
          e.target instanceof HTMLSelectElement
        )
          return;
        const mod = e.ctrlKey || e.metaKey;
        const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
        const stop = () => {
          e.preventDefault();
          e.stopPropagation();
        };
        if (mod && !e.shiftKey && key === 'd') {
          stop();
          handle.fillDown();
          return;
        }
        if (mod && key === 'a') {
          stop();
          handle.selectAll();
          return;
        }
        const arrow = ARROWS[e.key];
        if (arrow && e.shiftKey && !mod) {
          stop();
          currentBounds();
          const selection = selectionRef.current;
          const cols = columns();
          if (!selection) return;
          const next = movedFocus(selection, arrow[0], arrow[1], api.getDisplayedRowCount(), cols.length);
          const column = cols[next.colIndex];
          setSelection(extendTo(selection, next));
          if (column) {
            api.ensureIndexVisible(next.rowIndex);
            api.ensureColumnVisible(column);
            api.setFocusedCell(next.rowIndex, column);
          }
          return;
        }
        if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
          stop();
          clearSelectionCells();
          return;
        }
        if (e.key === 'Escape' && currentBounds() && selectionRef.current && cellCount(selectionRef.current) > 1) {
          setSelection(singleCell(selectionRef.current.focus));
        }
      },
      [clearSelectionCells, columns, currentBounds, handle, setSelection],
    );

    const onCellFocused = useCallback(
      (e: CellFocusedEvent<SheetRow>) => {
        if (e.rowPinned || e.rowIndex === null || e.rowIndex === undefined || !e.column) return;
        const colId = typeof e.column === 'string' ? e.column : e.column.getColId();
        const colIndex = columns().findIndex((c) => c.getColId() === colId);
        if (colIndex < 0) return;
        const cell: CellPosition = { rowIndex: e.rowIndex, colIndex };
        // Focus events can arrive after later key presses moved the focus on: only the current one counts.
        const now = apiRef.current?.getFocusedCell();
        if (now && (now.rowIndex !== cell.rowIndex || now.column.getColId() !== colId)) return;
        const selection = selectionRef.current;
        if (extendOnFocus.current && selection) setSelection(extendTo(selection, cell));
        else if (!selection || selection.focus.rowIndex !== cell.rowIndex || selection.focus.colIndex !== cell.colIndex)
          setSelection(singleCell(cell));
        extendOnFocus.current = false;
      },
      [columns, setSelection],
    );

    /** Dropping a dragged row onto another moves it there in the plan (one undo step). */
    const onRowDragEnd = useCallback((e: RowDragEndEvent<SheetRow>) => {
      const dragged = asGridRow(e.node.data);
      const over = asGridRow(e.overNode?.data);
      if (!dragged || !over || dragged.id === over.id) return;
      const sorted = e.api.getColumnState().some((c) => c.sort !== null && c.sort !== undefined);
      if (sorted || groupByRef.current !== 'none') {
        latest.current.onCellError(
          'Rows are reordered in the plan’s own order: clear the sort and the grouping first.',
        );
        return;
      }
      latest.current.onCommand(planMoveRowTo(latest.current.planDocument, dragged.id, over.id));
    }, []);

    const onCellEditRequest = useCallback((e: CellEditRequestEvent<SheetRow>) => {
      const gridRow = asGridRow(e.data);
      const colId = e.column.getColId();
      if (!gridRow || !isEditableField(colId)) return;
      const header = e.colDef.headerName ?? colId;
      const parsed = parseCellInput(colId, e.newValue, gridRow.row);
      const { planDocument: doc, onCommand: run, onCellError: report } = latest.current;
      if (!parsed.ok) {
        report(`${cellLabel(header, e.rowIndex ?? 0)}: ${parsed.error}. The cell keeps its value.`);
        return;
      }
      report(null);
      run(planCellEdits(doc, [{ rowId: gridRow.id, field: colId, value: parsed.value }], `Edit ${header}`));
    }, []);

    const totalsRow = useMemo<TotalsRow[]>(() => {
      const errors = view.totals.rowsWithErrors;
      const label = `Total · ${view.rows.length} row${view.rows.length === 1 ? '' : 's'}${errors > 0 ? ` (${errors} with errors left out)` : ''}`;
      return [{ kind: 'totals', id: TOTALS_ROW_ID, label, totals: view.totals }];
    }, [view]);

    const { pushAll, postSortRows } = useRowSync(apiRef, view.rows, groupBy);
    const groupByRef = useRef(groupBy);
    groupByRef.current = groupBy;

    return (
      <div
        ref={wrapperRef}
        className="pl-grid"
        data-testid="plan-grid"
        onKeyDownCapture={onKeyDownCapture}
        onMouseDownCapture={(e) => {
          extendOnFocus.current = e.shiftKey;
        }}
      >
        <AgGridReact<SheetRow>
          theme={gridTheme}
          columnDefs={COLUMN_DEFS}
          getRowId={getRowId}
          pinnedBottomRowData={totalsRow}
          context={context}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          onCellFocused={onCellFocused}
          onGridReady={(e: GridReadyEvent<SheetRow>) => {
            apiRef.current = e.api;
            pushAll();
          }}
          defaultColDef={DEFAULT_COL_DEF}
          tooltipShowDelay={350}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          animateRows={false}
          suppressMovableColumns={false}
          rowBuffer={15}
          quickFilterText={quickFilter}
          postSortRows={postSortRows}
          onRowDragEnd={onRowDragEnd}
          getRowClass={rowClassOf}
        />
      </div>
    );
  }),
);
