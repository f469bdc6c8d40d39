/**
 * "Q1 plan.pxplan • — Pixel Ledger": the file name (or the plan's name before it has a file), a dot
 * while there are unsaved changes, the app. The one format for the page's title (renderer) and the
 * native title bar (electron/, from window:document-state).
 */
export function formatWindowTitle(fileName: string, dirty: boolean): string {
  const name = fileName.trim() === '' ? 'Untitled' : fileName.trim();
  return `${name}${dirty ? ' •' : ''} — Pixel Ledger`;
}
