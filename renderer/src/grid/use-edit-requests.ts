import type { CellEditRequestEvent, RowDragEndEvent } from 'ag-grid-community';
import { type RefObject, useCallback } from 'react';
import { planCellEdits } from '../state/cell-edits';
import { planMoveRowTo } from '../state/row-ops';
import { cellLabel } from './block-edits';
import { parseCellInput } from './cell-input';
import { modelSwitchEdits } from './model-switch-edits';
import { isEditableField } from './grid-options';
import type { PlanGridProps } from './plan-grid-types';
import { asGridRow, type SheetRow } from './sheet-row';

/**
 * What the grid asks of the plan (it never changes data itself, `readOnlyEdit`): a typed value becomes a
 * cell edit (or a message saying why the cell keeps its value), a dropped row a move in the plan's order.
 */
export function useEditRequests(latest: RefObject<PlanGridProps>) {
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<SheetRow>) => {
      const gridRow = asGridRow(e.data);
      const colId = e.column.getColId();
      if (!gridRow || !isEditableField(colId)) return;
      const header = e.colDef.headerName ?? colId;
      const parsed = parseCellInput(colId, e.newValue, gridRow.row);
      const { document: doc, onCommand: run, onCellError: report } = latest.current;
      if (!parsed.ok) {
        report(`${cellLabel(header, e.rowIndex ?? 0)}: ${parsed.error}. The cell keeps its value.`);
        return;
      }
      report(null);
      if (colId === 'model' && typeof parsed.value === 'string' && parsed.value !== gridRow.row.model) {
        // A model switch maps size and quality to the nearest the model offers, in the same undo step.
        const switched = modelSwitchEdits(gridRow.row, gridRow.id, parsed.value, latest.current.view.context);
        run(planCellEdits(doc, switched.edits, `Edit ${header}`));
        if (switched.lines.length > 0)
          latest.current.onNotice?.(
            `${cellLabel(header, e.rowIndex ?? 0)} → ${parsed.value}: ${switched.lines.join('; ')}`,
          );
        return;
      }
      run(planCellEdits(doc, [{ rowId: gridRow.id, field: colId, value: parsed.value }], `Edit ${header}`));
    },
    [latest],
  );

  /** Dropping a dragged row onto another moves it there in the plan (one undo step). */
  const onRowDragEnd = useCallback(
    (e: RowDragEndEvent<SheetRow>) => {
      const dragged = asGridRow(e.node.data);
      const over = asGridRow(e.overNode?.data);
      if (!dragged || !over || dragged.id === over.id) return;
      const sorted = e.api.getColumnState().some((c) => c.sort !== null && c.sort !== undefined);
      if (sorted || latest.current.groupBy !== 'none') {
        latest.current.onCellError(
          'Rows are reordered in the plan’s own order: clear the sort and the grouping first.',
        );
        return;
      }
      latest.current.onCommand(planMoveRowTo(latest.current.document, dragged.id, over.id));
    },
    [latest],
  );

  return { onCellEditRequest, onRowDragEnd };
}
