import type { GridApi } from 'ag-grid-community';
import { type RefObject, useCallback, useEffect } from 'react';
import { useLatest } from '../app/use-latest';
import { columnLayoutState } from './column-groups';
import type { SheetRow } from './sheet-row';

/**
 * Keeps the grid's columns as the user chose (hidden groups) and as the window allows (the money pinned
 * right when there is room). Call `apply` once the grid is ready; it re-applies on resize and on a change.
 */
export function useColumnLayout(
  apiRef: RefObject<GridApi<SheetRow> | null>,
  wrapperRef: RefObject<HTMLDivElement | null>,
  hiddenGroups: readonly string[],
) {
  const hidden = useLatest(hiddenGroups);
  const apply = useCallback(() => {
    const api = apiRef.current;
    const width = wrapperRef.current?.clientWidth ?? 0;
    if (api && width > 0) api.applyColumnState({ state: columnLayoutState(hidden.current, width) });
  }, [apiRef, wrapperRef, hidden]);
  useEffect(apply, [apply, hiddenGroups]);
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(apply);
    observer.observe(wrapper);
    return () => observer.disconnect();
  }, [apply, wrapperRef]);
  return apply;
}
