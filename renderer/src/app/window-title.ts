// The title's format itself is shared with the native title bar: shared/ipc/window-title.ts.

/** The file name shown for a plan: the file's own name, or the plan's name while it has no file. */
export function displayFileName(path: string | null, planName: string): string {
  if (path === null) return planName;
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || planName;
}
