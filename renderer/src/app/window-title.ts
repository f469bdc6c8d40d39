/** The file name shown for a plan: the file's own name, or the plan's name while it has no file. */
export function displayFileName(path: string | null, planName: string): string {
  if (path === null) return planName;
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || planName;
}

/** "<name>[ •] — Pixel Ledger": the dot marks unsaved changes. */
export function windowTitle(fileName: string, dirty: boolean): string {
  return `${fileName}${dirty ? ' •' : ''} — Pixel Ledger`;
}
