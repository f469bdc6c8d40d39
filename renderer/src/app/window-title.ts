// The title's format itself is shared with the native title bar: shared/ipc/window-title.ts.

/** The file name shown for a plan: the file's own name, or the plan's name while it has no file. */
export function displayFileName(path: string | null, planName: string): string {
  if (path === null) return planName;
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || planName;
}

/** Today's date as YYYY-MM-DD in the user's time zone: the as-of date a new plan starts from. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
