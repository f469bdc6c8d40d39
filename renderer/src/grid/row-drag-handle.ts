import type {
  CellRendererSelectorFunc,
  CellRendererSelectorResult,
  ICellRendererComp,
  ICellRendererParams,
} from 'ag-grid-community';
import { isTotalsRow, type SheetRow, sheetContext } from './sheet-row';

/**
 * The handle that drags a plan row to another place, drawn in the name cell of the row under the mouse
 * only. AG Grid's `rowDrag` builds a handle, with its drag source and listeners, into every row it
 * draws, most of them never touched: at 10k rows that was a sixth of a scroll frame's script (issue 9
 * §6). The handle registers with AG Grid's own row dragging, so the drop (onRowDragEnd), the auto-scroll
 * and the drag image are AG Grid's as before. The name cell keeps room for it (.pl-name-cell), so the
 * text does not move when the mouse comes. Moving rows by keyboard is the toolbar's Move up / Move down.
 */
export class RowDragNameRenderer implements ICellRendererComp<SheetRow> {
  private readonly gui = document.createElement('span');
  private readonly text = document.createElement('span');

  init(params: ICellRendererParams<SheetRow>): void {
    this.gui.className = 'pl-row-drag-cell';
    const handle = document.createElement('span');
    handle.className = 'ag-drag-handle ag-row-drag pl-row-drag';
    handle.setAttribute('aria-hidden', 'true');
    handle.dataset.testid = 'row-drag-handle';
    const icon = document.createElement('span');
    icon.className = 'ag-icon ag-icon-grip';
    icon.setAttribute('role', 'presentation');
    handle.append(icon);
    this.text.className = 'pl-row-drag-text';
    this.gui.append(handle, this.text);
    this.showText(params);
    params.registerRowDragger(handle);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ICellRendererParams<SheetRow>): boolean {
    this.showText(params);
    return true;
  }

  private showText(params: ICellRendererParams<SheetRow>): void {
    const shown: unknown = params.valueFormatted ?? params.value;
    this.text.textContent = typeof shown === 'string' || typeof shown === 'number' ? String(shown) : '';
  }
}

const WITH_HANDLE: CellRendererSelectorResult = { component: RowDragNameRenderer };

/** The name cell of the plan row the grid says is under the mouse gets the handle; others plain text. */
export const rowDragHandleSelector: CellRendererSelectorFunc<SheetRow> = (params) => {
  if (params.node.rowPinned || isTotalsRow(params.data)) return undefined;
  const rowId = sheetContext(params.context)?.dragHandleRowId?.();
  return rowId !== undefined && rowId !== null && rowId === params.node.id ? WITH_HANDLE : undefined;
};
