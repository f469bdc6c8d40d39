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

/** Where the grid's cursor is: the focused cell's row id and column id (null when no cell has the focus). */
export async function focusedCell(page: Page): Promise<{ row: string | null; col: string | null }> {
  const cell = page.locator('.ag-cell-focus');
  if ((await cell.count()) === 0) return { row: null, col: null };
  return {
    row: await page.locator('.ag-row:has(.ag-cell-focus)').first().getAttribute('row-id'),
    col: await cell.first().getAttribute('col-id'),
  };
}

/** Dispatches a paste of `text` at the focused element, as Ctrl/Cmd+V of a block copied from a spreadsheet does. */
export async function pasteInto(page: Page, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** The plan row ids top to bottom as displayed (not the totals row). */
export async function gridRowIds(page: Page): Promise<string[]> {
  const ids: unknown = await page.evaluate(`(() => {
    const rows = [...document.querySelectorAll('.ag-row:not(.ag-row-pinned)')];
    rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')));
    return rows.map((r) => r.getAttribute('row-id') ?? '');
  })()`);
  return Array.isArray(ids) ? ids.map(String) : [];
}

/** What the focused element is, for focus checks: its test id, role or tag. */
export async function activeElementName(page: Page): Promise<string> {
  const name: unknown = await page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    return el.getAttribute('data-testid') ?? el.getAttribute('role') ?? el.tagName.toLowerCase();
  })()`);
  return String(name);
}

/**
 * Puts the grid's cursor on a cell whatever its column's place: clicks the row's first cell, then moves
 * right with the arrow keys, so the grid scrolls the column into view as a user's keys would.
 */
export async function focusGridCell(page: Page, rowId: string, colId: string): Promise<void> {
  await page.locator(`.ag-row:not(.ag-row-pinned)[row-id="${rowId}"] .ag-cell[col-id="name"]`).click();
  for (let i = 0; i < 60; i++) {
    if ((await focusedCell(page)).col === colId) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no column ${colId} to the right of the campaign line`);
}
