/** The parts of the window Ctrl/Cmd+F6 moves between, in order. */
export const FOCUS_REGIONS = ['grid', 'toolbar', 'panels'] as const;
export type FocusRegion = (typeof FOCUS_REGIONS)[number];

/** Each region's element, found by what marks it in the page. */
const SELECTORS: Record<FocusRegion, string> = {
  grid: '[data-focus-region="grid"]',
  toolbar: '[data-focus-region="toolbar"]',
  panels: '[data-focus-region="panels"]',
};

export function regionElement(region: FocusRegion): HTMLElement | null {
  return document.querySelector<HTMLElement>(SELECTORS[region]);
}

/** The region holding `el`, or null (a dialog, the banners, nothing focused). */
export function regionOf(el: Element | null): FocusRegion | null {
  if (!el) return null;
  return FOCUS_REGIONS.find((r) => regionElement(r)?.contains(el)) ?? null;
}

/** The region after (or before) `from`, wrapping around; the grid when focus is in none of them. */
export function nextRegion(from: FocusRegion | null, backwards: boolean): FocusRegion {
  if (from === null) return 'grid';
  const i = FOCUS_REGIONS.indexOf(from);
  const n = FOCUS_REGIONS.length;
  return FOCUS_REGIONS[(i + (backwards ? n - 1 : 1)) % n] ?? 'grid';
}

/** Whether a remembered element can take the focus again (still in the page, enabled, visible). */
export function canFocus(el: HTMLElement | null): el is HTMLElement {
  return el !== null && el.isConnected && !(el as HTMLButtonElement).disabled && el.offsetParent !== null;
}

/** The first control of a region that takes the focus. */
export function firstFocusable(root: HTMLElement): HTMLElement | null {
  const candidates = root.querySelectorAll<HTMLElement>(
    'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])',
  );
  return [...candidates].find((el) => canFocus(el)) ?? null;
}
