import { writeFileAtomically } from '../node/files/atomic-write';
import { readPlanFile, readPlanText } from '../node/files/plan-file';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../shared/plan/plan-schema';
import { CliError, type ParsedArgs, UsageError } from './args';
import type { CliIo } from './command';

/**
 * Writes a command's output file (-o) with the app's atomic writer: a temporary file in the same folder,
 * flushed, then put in place, so an interrupted run never leaves half a file. Without --force an
 * existing file is refused rather than replaced; with keepBackup a replaced one is kept as `<name>.bak`.
 */
export async function writeOutputFile(
  io: CliIo,
  path: string,
  data: string | Uint8Array,
  overwrite: boolean,
  keepBackup = false,
): Promise<void> {
  const written = await writeFileAtomically(path, data, { keepBackup, replace: overwrite, fs: io.fs });
  if (written.ok) return;
  if (written.error.code === 'EEXIST')
    throw new CliError(`${path} already exists: add --force to overwrite it, or choose another path`);
  throw new CliError(`${path}: ${written.error.reason}`);
}

/** node/files' readPlanFile for a command: a bad file is one CliError, "<path>: <why>". */
export async function loadPlanFile(io: CliIo, path: string): Promise<PlanDocument> {
  const plan = await readPlanFile(path, io.fs);
  if (!plan.ok) throw new CliError(`${path}: ${plan.error.reason}`);
  return plan.value;
}

/** A plan file's text, checked like loadPlanFile's (exists, a file, not too large, UTF-8) but not parsed. */
export async function loadPlanText(io: CliIo, path: string): Promise<string> {
  const text = await readPlanText(path, io.fs);
  if (!text.ok) throw new CliError(`${path}: ${text.error.reason}`);
  return text.value;
}

/**
 * The file a command writes (its required -o). When it is missing the message shows `what` is needed and
 * a whole example command line: `usage` is what follows the command name, e.g. "plan.xlsx -o plan.pxplan".
 */
export function outputPath(args: ParsedArgs, what: string, usage: string): string {
  const path = args.string('output');
  if (path === undefined) throw new UsageError(`${args.command} needs ${what}: pixel-ledger ${args.command} ${usage}`);
  return path;
}

/** A required -o that must name a plan file; `example` (a file name) is suggested when it does not. */
export function planOutputPath(args: ParsedArgs, what: string, usage: string, example?: string): string {
  const path = outputPath(args, what, usage);
  if (!path.toLowerCase().endsWith(PLAN_FILE_EXTENSION)) {
    throw new UsageError(
      `-o ${path}: plan files end in ${PLAN_FILE_EXTENSION}${example === undefined ? '' : `, e.g. -o ${example}`}`,
    );
  }
  return path;
}
