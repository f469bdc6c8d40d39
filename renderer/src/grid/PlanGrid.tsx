import type { GridApi, GridReadyEvent, OverlayType } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import {
  forwardRef,
  memo,
  type RefObject,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useLatest } from '../app/use-latest';
import { planAddRow } from '../state/row-ops';
import { ACTUAL_COLUMN_IDS } from './actual-columns';
import { EmptyGridMessage } from './EmptyGridMessage';
import { GridTooltip } from './GridTooltip';
import { ROW_ISSUE_COLUMN_ID } from './row-issue';
import { COLUMN_DEFS, DEFAULT_COL_DEF, GRID_THEME, getRowId } from './grid-options';
import type { PlanGridHandle, PlanGridProps } from './plan-grid-types';
import type { SheetContext, SheetRow } from './sheet-row';
import { totalsRowOf } from './totals-row';
import { useEditRequests } from './use-edit-requests';
import { useColumnLayout } from './use-column-layout';
import { useGridClipboard } from './use-grid-clipboard';
import { useGridHandle } from './use-grid-handle';
import { TypeAhead } from './type-ahead';
import { useGridKeyboard } from './use-grid-keyboard';
import { useGridHover } from './use-grid-hover';
import { useGridSelection } from './use-grid-selection';
import { useShownRows } from './use-shown-rows';
import { rowClassOf, useRowSync } from './use-row-sync';

/**
 * The Plan vs actual columns: hidden while the plan has no actuals. Their cells read the reconciliation
 * through the context, and it can change while the rows do not (a rule moved spend, an edit re-split a
 * team), so its cells are redrawn on every change (the rows in view only). Returns the groups to hide.
 */
function useActualColumns(
  apiRef: RefObject<GridApi<SheetRow> | null>,
  hidden: readonly string[] | undefined,
  reconciliation: unknown,
): readonly string[] {
  const hasActuals = reconciliation !== null;
  useEffect(() => {
    apiRef.current?.refreshCells({ columns: [...ACTUAL_COLUMN_IDS], force: true });
  }, [apiRef, reconciliation]);
  return useMemo(
    () => (hasActuals ? (hidden ?? NO_GROUPS_HIDDEN) : [...(hidden ?? []), 'actuals']),
    [hasActuals, hidden],
  );
}

/** AG Grid's own "No Rows To Show" and "No Matching Rows": EmptyGridMessage says more. */
const SUPPRESSED_OVERLAYS: OverlayType[] = ['noRows', 'noMatchingRows'];

const NO_GROUPS_HIDDEN: readonly string[] = [];

/**
 * What keeps 100k rows quick. Rows drawn beyond the view: 4 each way. Rows placed by `top` rather than a
 * transform each: a transformed row became a composited layer of its own beside its pinned (sticky)
 * cells, some 20 more layers for the compositor to build on every scroll frame (issue 9 §6). The quick
 * filter keeps each row's text until the row changes: worked out afresh, each letter typed cost ~0.5 s.
 */
const AT_SCALE = { rowBuffer: 4, suppressRowTransform: true, cacheQuickFilter: true } as const;

/** What cell renderers and rules read: the selection, type-ahead and the estimate context (always current). */
function useSheetContext(
  latest: RefObject<PlanGridProps>,
  selection: { isSelected(rowIndex: number, colId: string): boolean },
  typeAhead: TypeAhead,
  dragHandleRowId: () => string | null,
): SheetContext {
  return useMemo<SheetContext>(
    () => ({
      isSelected: (rowIndex, colId) => selection.isSelected(rowIndex, colId),
      typeAhead,
      dragHandleRowId,
      get estimateContext() {
        return latest.current.view.context;
      },
      get reconciliation() {
        return latest.current.reconciliation ?? null;
      },
    }),
    [latest, selection, typeAhead, dragHandleRowId],
  );
}

/**
 * The planning grid. AG Grid renders and edits; it never owns the data: every edit, paste and fill becomes
 * a command for the app's store, and the grid shows whatever view the store publishes. The rectangular
 * selection (use-grid-selection), clipboard and fill (use-grid-handle) and the spreadsheet keys
 * (use-grid-keyboard) live beside it because AG Grid Community has none of them.
 */
export const PlanGrid = memo(
  forwardRef<PlanGridHandle, PlanGridProps>(function PlanGrid(props, ref) {
    const { view, quickFilter, groupBy, hiddenColumnGroups } = props;
    const apiRef = useRef<GridApi<SheetRow> | null>(null);
    const wrapperRef = useRef<HTMLDivElement>(null);
    const latest = useLatest(props);
    const selection = useGridSelection(apiRef, latest);
    const actions = useGridHandle(apiRef, latest, selection);
    useImperativeHandle(ref, () => actions, [actions]);
    const isEditing = useCallback(() => (apiRef.current?.getEditingCells().length ?? 0) > 0, []);
    useGridClipboard(wrapperRef, isEditing, actions);
    const [typeAhead] = useState(() => new TypeAhead());
    const onKeyDownCapture = useGridKeyboard(apiRef, latest, selection, actions, typeAhead);
    const { onCellEditRequest, onRowDragEnd } = useEditRequests(latest);
    const { pushAll, postSortRows } = useRowSync(apiRef, view.rows, groupBy);

    const contextRef = useRef<SheetContext | null>(null);
    const { tooltips, dragHandleRowId } = useGridHover(wrapperRef, apiRef, contextRef);
    const context = useSheetContext(latest, selection, typeAhead, dragHandleRowId);
    contextRef.current = context;
    const totalsRow = useMemo(() => totalsRowOf(view), [view]);
    const { shown, update: updateShown } = useShownRows(apiRef, view.rows.length);
    useEffect(() => latest.current.onShownRows?.(shown), [latest, shown]);
    const addFirstRow = useCallback(() => {
      const command = planAddRow(latest.current.document);
      latest.current.onCommand(command);
      if (command.kind === 'insert-rows' && command.rows[0]) actions.focusRow(command.rows[0].row.id);
    }, [actions, latest]);
    const noRowsShown = view.rows.length === 0 || shown?.shown === 0;
    const anyUnpriced = view.totals.rowsWithErrors > 0;
    useEffect(() => apiRef.current?.setColumnsVisible([ROW_ISSUE_COLUMN_ID], anyUnpriced), [anyUnpriced]);
    const hiddenGroups = useActualColumns(apiRef, hiddenColumnGroups, props.reconciliation ?? null);
    const applyColumnLayout = useColumnLayout(apiRef, wrapperRef, hiddenGroups);
    const onGridReady = useCallback(
      (e: GridReadyEvent<SheetRow>) => {
        apiRef.current = e.api;
        e.api.setColumnsVisible([ROW_ISSUE_COLUMN_ID], latest.current.view.totals.rowsWithErrors > 0);
        applyColumnLayout();
        pushAll();
      },
      [latest, pushAll, applyColumnLayout],
    );

    return (
      <div
        ref={wrapperRef}
        className="pl-grid"
        data-testid="plan-grid"
        data-focus-region="grid"
        tabIndex={-1}
        onKeyDownCapture={onKeyDownCapture}
        onMouseDownCapture={(e) => selection.pressed(e.target, e.shiftKey)}
      >
        <AgGridReact<SheetRow>
          theme={GRID_THEME}
          columnDefs={COLUMN_DEFS}
          getRowId={getRowId}
          pinnedBottomRowData={totalsRow}
          context={context}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          onCellFocused={selection.onCellFocused}
          onGridReady={onGridReady}
          defaultColDef={DEFAULT_COL_DEF}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          animateRows={false}
          // No tooltip wiring in each cell (editing needs AG Grid's tooltip module): the grid's own
          // tooltip (use-grid-hover.ts) shows the columns' texts, and no column sets an AG Grid tooltip.
          enableBrowserTooltips
          suppressMovableColumns={false}
          {...AT_SCALE}
          quickFilterText={quickFilter}
          postSortRows={postSortRows}
          onRowDragEnd={onRowDragEnd}
          getRowClass={rowClassOf}
          onModelUpdated={updateShown}
          suppressOverlays={SUPPRESSED_OVERLAYS}
        />
        {noRowsShown && <EmptyGridMessage planRows={view.rows.length} onAddRow={addFirstRow} />}
        <GridTooltip store={tooltips} />
      </div>
    );
  }),
);
