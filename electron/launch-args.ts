import path from 'node:path';
import { PLAN_FILE_EXTENSION } from '../shared/plan/plan-schema';

/**
 * The plan file named on a command line ("Open with…", a double-click in the file manager, or a second
 * launch while the app runs): the first argument that is not a switch and ends in .pxplan, resolved
 * against the folder it was launched from. argv[0] is the executable, so it is skipped.
 */
export function planPathFromArgv(argv: readonly string[], workingDirectory: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(PLAN_FILE_EXTENSION)) return path.resolve(workingDirectory, arg);
  }
  return null;
}
