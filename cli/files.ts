import { parsePlanText } from '../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../shared/plan/plan-schema';
import { CliError, type ParsedArgs, UsageError } from './args';
import type { CliIo } from './command';

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** One readable line for a failed file operation, by errno code (no stack, no internals). */
function describeFileError(error: unknown, path: string, action: 'read' | 'write'): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return action === 'read'
        ? `${path}: no such file: check the path`
        : `${path}: the folder does not exist: create it first or choose another path`;
    case 'EISDIR':
      return `${path} is a folder, not a file: give a file path`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied: check the file's permissions`;
    case 'EEXIST':
      return `${path} already exists: add --force to overwrite it, or choose another path`;
    case 'ENOTDIR':
      return `${path}: a part of the path is a file, not a folder: check the path`;
    default:
      return `${path}: could not ${action} the file (${error instanceof Error ? error.message : String(error)})`;
  }
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
