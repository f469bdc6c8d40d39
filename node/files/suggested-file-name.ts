/**
 * A file name for a Save dialog from the plan's name, e.g. "Q1 launch (v2).xlsx": the characters some
 * file systems refuse (Windows: <>:"/\|?* and control characters) become spaces, spaces are collapsed,
 * trailing dots and spaces (which Windows drops) are removed and the name is kept short. The one
 * sanitiser for plan files and exports.
 */
export function suggestedFileName(planName: string, extension: string): string {
  const cleaned = planName
    // eslint-disable-next-line no-control-regex -- control characters are what some file systems refuse
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  return `${cleaned === '' ? 'Untitled plan' : cleaned}${extension}`;
}
