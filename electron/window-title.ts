/** "Q1 plan.pxplan • — Pixel Ledger": the file name, a dot while there are unsaved changes, the app. */
export function formatWindowTitle(fileName: string, dirty: boolean): string {
  const name = fileName.trim() === '' ? 'Untitled' : fileName.trim();
  return `${name}${dirty ? ' •' : ''} — Pixel Ledger`;
}
