import type { GridApi, IRowNode } from 'ag-grid-community';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { columnTooltips } from './cell-tooltip';
import type { SheetRow } from './sheet-row';

/** As AG Grid's tooltipShowDelay was. */
const SHOW_DELAY_MS = 350;

/** A tooltip on screen: its text, at the mouse position it was asked for (client coordinates). */
export interface ShownTooltip {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** The one tooltip of the grid, read by GridTooltip. */
export class TooltipStore {
  private shown: ShownTooltip | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): ShownTooltip | null => this.shown;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: ShownTooltip | null): void {
    if (next === this.shown) return;
    this.shown = next;
    for (const l of this.listeners) l();
  }
}

function rowElementOf(cell: Element | null): Element | null {
  return cell?.closest('.ag-row') ?? null;
}

/** The plan row (not a pinned totals row) a body cell belongs to. */
function planRowIdOf(cell: Element | null): string | null {
  const row = rowElementOf(cell);
  if (!row || row.classList.contains('ag-row-pinned')) return null;
  return row.getAttribute('row-id');
}

function rowNodeOf(api: GridApi<SheetRow>, cell: Element): IRowNode<SheetRow> | undefined {
  const row = rowElementOf(cell);
  const rowId = row?.getAttribute('row-id');
  if (!row || rowId === null || rowId === undefined) return undefined;
  if (!row.classList.contains('ag-row-pinned')) return api.getRowNode(rowId);
  for (let i = 0; i < api.getPinnedBottomRowCount(); i++) {
    const node = api.getPinnedBottomRow(i);
    if (node?.id === rowId) return node;
  }
  return undefined;
}

/** The tooltip of a header or body cell, from its column's tooltips (cell-tooltip.ts). */
function tooltipTextOf(api: GridApi<SheetRow>, cell: Element, context: unknown): string | undefined {
  const colId = cell.getAttribute('col-id');
  if (colId === null) return undefined;
  const tooltips = columnTooltips(api.getColumnDef(colId));
  if (cell.classList.contains('ag-header-cell')) return tooltips.header;
  const node = rowNodeOf(api, cell);
  return node ? tooltips.cell?.({ data: node.data, context }) : undefined;
}

/**
 * What the mouse is over, from one listener on the grid rather than listeners in every cell: the tooltip
 * of the cell or header it rests on (after SHOW_DELAY_MS, gone on a click, a key, a scroll or leaving),
 * and the plan row whose name cell shows the drag handle (row-drag-handle.ts).
 */
export function useGridHover(
  wrapperRef: RefObject<HTMLElement | null>,
  apiRef: RefObject<GridApi<SheetRow> | null>,
  contextRef: RefObject<unknown>,
): { tooltips: TooltipStore; dragHandleRowId: () => string | null } {
  const [tooltips] = useState(() => new TooltipStore());
  const hoveredRow = useRef<string | null>(null);
  const dragHandleRowId = useCallback(() => hoveredRow.current, []);

  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return undefined;
    let cell: Element | null = null;
    let timer: number | undefined;
    const hide = () => {
      window.clearTimeout(timer);
      timer = undefined;
      tooltips.set(null);
    };
    const showHandleOn = (rowId: string | null) => {
      const before = hoveredRow.current;
      if (before === rowId) return;
      hoveredRow.current = rowId;
      const api = apiRef.current;
      if (!api) return;
      const rowNodes: IRowNode<SheetRow>[] = [];
      for (const id of [before, rowId]) {
        const node = id === null ? undefined : api.getRowNode(id);
        if (node) rowNodes.push(node);
      }
      if (rowNodes.length > 0) api.refreshCells({ rowNodes, columns: ['name'], force: true });
    };
    const onOver = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target.closest('.ag-cell, .ag-header-cell') : null;
      // With a button held (a row being dragged, a selection being drawn) the handle stays where it was.
      if (e.buttons === 0) showHandleOn(target?.classList.contains('ag-cell') ? planRowIdOf(target) : null);
      if (target === cell) return;
      hide();
      cell = target;
      if (target === null) return;
      const { clientX: x, clientY: y } = e;
      timer = window.setTimeout(() => {
        timer = undefined;
        const api = apiRef.current;
        const text = api && target.isConnected ? tooltipTextOf(api, target, contextRef.current) : undefined;
        if (text !== undefined && text !== '') tooltips.set({ text, x, y });
      }, SHOW_DELAY_MS);
    };
    const onLeave = (e: MouseEvent) => {
      hide();
      cell = null;
      if (e.buttons === 0) showHandleOn(null);
    };
    wrapper.addEventListener('mouseover', onOver);
    wrapper.addEventListener('mouseleave', onLeave);
    // Capture: the grid stops some of these from bubbling (scroll never bubbles).
    for (const type of ['mousedown', 'keydown', 'wheel', 'scroll'] as const)
      wrapper.addEventListener(type, hide, { capture: true, passive: true });
    return () => {
      hide();
      wrapper.removeEventListener('mouseover', onOver);
      wrapper.removeEventListener('mouseleave', onLeave);
      for (const type of ['mousedown', 'keydown', 'wheel', 'scroll'] as const)
        wrapper.removeEventListener(type, hide, { capture: true });
    };
  }, [wrapperRef, apiRef, contextRef, tooltips]);

  return { tooltips, dragHandleRowId };
}
