import { type RefObject, useEffect, useRef } from 'react';
import type { PlanGridHandle } from '../grid/plan-grid-types';
import { canFocus, type FocusRegion, firstFocusable, nextRegion, regionElement, regionOf } from './focus-regions';

/** Ctrl+F6 (Cmd+F6 on macOS); with Shift, backwards. */
export function isRegionKey(e: KeyboardEvent): boolean {
  return e.key === 'F6' && (e.ctrlKey || e.metaKey) && !e.altKey;
}

/**
 * Ctrl/Cmd+F6 moves the focus between the grid, the toolbar and the panels (Shift: backwards), as F6 moves
 * between panes in desktop apps. Each region gets back the control that had the focus when it was left:
 * the grid its cell, the toolbar its button, the panels their tab or field.
 */
export function useFocusRegions(grid: RefObject<PlanGridHandle | null>): void {
  const lastFocused = useRef(new Map<FocusRegion, HTMLElement>());
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target;
      const region = target instanceof HTMLElement ? regionOf(target) : null;
      if (region && target instanceof HTMLElement) lastFocused.current.set(region, target);
    };
    const focusRegion = (region: FocusRegion) => {
      if (region === 'grid') {
        grid.current?.focusGrid();
        return;
      }
      const root = regionElement(region);
      if (!root) return;
      const remembered = lastFocused.current.get(region) ?? null;
      const active = region === 'panels' ? root.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') : null;
      (canFocus(remembered) ? remembered : (active ?? firstFocusable(root)))?.focus();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isRegionKey(e)) return;
      e.preventDefault();
      e.stopPropagation();
      focusRegion(nextRegion(regionOf(document.activeElement), e.shiftKey));
    };
    document.addEventListener('focusin', onFocusIn);
    // Capture: the grid must not take the key as one of its own.
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [grid]);
}
