import { parsePlanText } from '../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../shared/plan/plan-schema';
import { CliError, type ParsedArgs, UsageError } from './args';
import type { CliIo } from './command';
import { describeFsError, type FileAction } from '../node/files/describe-fs-error';
import { errorCode } from '../node/files/fs-port';

/** One readable line for a failed file operation: the path, then what went wrong (no stack, no internals). */
function describeFileError(error: unknown, path: string, action: FileAction): string {
  // EEXIST on write is the CLI refusing to overwrite (no --force), not a file-system failure.
  if (action === 'write' && errorCode(error) === 'EEXIST')
    return `${path} already exists: add --force to overwrite it, or choose another path`;
  return `${path}: ${describeFsError(error, action)}`;
}

export async function readTextFile(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new CliError(describeFileError(error, path, 'read'));
  }
}

export async function writeOutputFile(
  io: CliIo,
  path: string,
  data: string | Uint8Array,
  overwrite: boolean,
): Promise<void> {
  try {
    await io.writeFile(path, data, { overwrite });
  } catch (error) {
    throw new CliError(describeFileError(error, path, 'write'));
  }
}

/** Reads and validates a .pxplan file; a bad file is one CliError naming the file and the problem. */
export async function readPlanFile(io: CliIo, path: string): Promise<PlanDocument> {
  const text = await readTextFile(io, path);
  const plan = parsePlanText(text);
  if (!plan.ok) throw new CliError(`${path}: ${plan.error}`);
  return plan.value;
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
