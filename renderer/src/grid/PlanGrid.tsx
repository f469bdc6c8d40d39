import type { GridApi, GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { forwardRef, memo, useCallback, useImperativeHandle, useMemo, useRef } from 'react';
import { useLatest } from '../app/use-latest';
import { COLUMN_DEFS, DEFAULT_COL_DEF, GRID_THEME, getRowId } from './grid-options';
import type { PlanGridHandle, PlanGridProps } from './plan-grid-types';
import type { SheetContext, SheetRow } from './sheet-row';
import { totalsRowOf } from './totals-row';
import { useEditRequests } from './use-edit-requests';
import { useGridClipboard } from './use-grid-clipboard';
import { useGridHandle } from './use-grid-handle';
import { useGridKeyboard } from './use-grid-keyboard';
import { useGridSelection } from './use-grid-selection';
import { rowClassOf, useRowSync } from './use-row-sync';

/**
 * The planning grid. AG Grid renders and edits; it never owns the data: every edit, paste and fill becomes
 * a command for the app's store, and the grid shows whatever view the store publishes. The rectangular
 * selection (use-grid-selection), clipboard and fill (use-grid-handle) and the spreadsheet keys
 * (use-grid-keyboard) live beside it because AG Grid Community has none of them.
 */
export const PlanGrid = memo(
  forwardRef<PlanGridHandle, PlanGridProps>(function PlanGrid(props, ref) {
    const { view, quickFilter, groupBy } = props;
    const apiRef = useRef<GridApi<SheetRow> | null>(null);
    const wrapperRef = useRef<HTMLDivElement>(null);
    const latest = useLatest(props);
    const selection = useGridSelection(apiRef, latest);
    const actions = useGridHandle(apiRef, latest, selection);
    useImperativeHandle(ref, () => actions, [actions]);
    const isEditing = useCallback(() => (apiRef.current?.getEditingCells().length ?? 0) > 0, []);
    useGridClipboard(wrapperRef, isEditing, actions);
    const onKeyDownCapture = useGridKeyboard(apiRef, selection, actions);
    const { onCellEditRequest, onRowDragEnd } = useEditRequests(latest);
    const { pushAll, postSortRows } = useRowSync(apiRef, view.rows, groupBy);

    const context = useMemo<SheetContext>(
      () => ({
        isSelected: (rowIndex, colId) => selection.isSelected(rowIndex, colId),
        get estimateContext() {
          return latest.current.view.context;
        },
      }),
      [latest, selection],
    );
    const totalsRow = useMemo(() => totalsRowOf(view), [view]);
    const onGridReady = useCallback(
      (e: GridReadyEvent<SheetRow>) => {
        apiRef.current = e.api;
        pushAll();
      },
      [pushAll],
    );

    return (
      <div
        ref={wrapperRef}
        className="pl-grid"
        data-testid="plan-grid"
        onKeyDownCapture={onKeyDownCapture}
        onMouseDownCapture={(e) => selection.extendOnNextFocus(e.shiftKey)}
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
