import type { Locator, Page } from 'playwright-core';

/** One cell of a plan row (never the pinned totals row), by the grid's row id and column id. */
export function gridCell(page: Page, rowId: string, colId: string): Locator {
  return page.locator(`.ag-row:not(.ag-row-pinned)[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
}

/** The texts of one column, top to bottom as displayed (plan rows only, not the totals row). */
export async function gridColumnTexts(page: Page, colId: string): Promise<string[]> {
  // A script string: the node tsconfig has no DOM types, the page has the DOM.
  const texts: unknown = await page.evaluate(`(() => {
    const rows = [...document.querySelectorAll('.ag-row:not(.ag-row-pinned)')];
    rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')));
    return rows.map((r) => r.querySelector('.ag-cell[col-id="${colId}"]')?.textContent ?? '');
  })()`);
  return Array.isArray(texts) ? texts.map(String) : [];
}
