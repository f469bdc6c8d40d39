import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finding the command-line tools the workbook proofs run (LibreOffice, poppler). On a developer machine
 * without one, its tests are skipped with one line saying what to install; in CI (CI set) a missing tool
 * is an install mistake in .ci/run, so the test file fails instead of skipping.
 */

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function inCi(): boolean {
  const ci = process.env.CI ?? '';
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Whether every command is on PATH. `purpose` says what the tests prove and `install` which package
 * brings the commands (e.g. "poppler-utils").
 */
export function toolsAvailable(commands: readonly string[], install: string, purpose: string): boolean {
  const missing = commands.filter((c) => !onPath(c));
  if (missing.length === 0) return true;
  const what = `${missing.join(', ')} (${install}) not found on PATH`;
  if (inCi()) throw new Error(`${what}: ${purpose} cannot run; .ci/run must install ${install}`);
  console.warn(`skipped: ${purpose}: ${what}`);
  return false;
}
