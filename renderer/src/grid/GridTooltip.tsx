import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TooltipStore } from './use-grid-hover';

/** Below the mouse, as AG Grid placed its tooltips. */
const BELOW_MOUSE_PX = 18;
const EDGE_PX = 4;

/** The grid's one tooltip (use-grid-hover.ts), kept inside the window. */
export function GridTooltip({ store }: { store: TooltipStore }) {
  const shown = useSyncExternalStore(store.subscribe, store.get);
  const ref = useRef<HTMLDivElement>(null);
  const [shift, setShift] = useState({ x: 0, y: 0 });
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || !shown) return;
    const x = Math.min(0, window.innerWidth - EDGE_PX - (shown.x + box.width));
    // No room below: above the mouse instead.
    const y = shown.y + BELOW_MOUSE_PX + box.height > window.innerHeight ? -(box.height + 2 * BELOW_MOUSE_PX) : 0;
    setShift((s) => (s.x === x && s.y === y ? s : { x, y }));
  }, [shown]);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      role="tooltip"
      className="pl-grid-tooltip"
      data-testid="grid-tooltip"
      style={{ left: Math.max(EDGE_PX, shown.x + shift.x), top: Math.max(EDGE_PX, shown.y + BELOW_MOUSE_PX + shift.y) }}
    >
      {shown.text}
    </div>
  );
}
