import path from 'node:path';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../../shared/plan/plan-schema';
import { fail, type Result } from '../../shared/result';
import { writeFileAtomically } from './atomic-write';
import { describeFsError } from './describe-fs-error';
import { nodeFs, type FsPort } from './fs-port';

/** Far above any real plan (100k rows is ~60 MB of JSON); stops a wrong file from exhausting memory. */
const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a plan file. Only reads: a file that is too new, corrupt or not a plan is left exactly as it
 * was, and the error says which file and why.
 */
export async function readPlanFile(filePath: string, fs: FsPort = nodeFs): Promise<Result<PlanDocument>> {
  const absolute = path.resolve(filePath);
  const name = path.basename(absolute);
  let bytes: Uint8Array;
  try {
    const info = await fs.stat(absolute);
    if (info === null) return fail(`Could not open “${name}”: the file does not exist (${absolute})`);
    if (!info.isFile) return fail(`Could not open “${name}”: it is a folder, not a plan file`);
    if (info.size > MAX_PLAN_FILE_BYTES) {
      return fail(
        `Could not open “${name}”: at ${Math.round(info.size / 1024 / 1024)} MB it is too large to be a Pixel Ledger plan`,
      );
    }
    bytes = await fs.readFile(absolute);
  } catch (error) {
    return fail(`Could not open “${name}”: ${describeFsError(error, 'read')}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(
      `Could not open “${name}”: the file is not text (it may be a different kind of file), so it is not a Pixel Ledger plan`,
    );
  }
  const parsed = parsePlanText(text);
  if (!parsed.ok) return fail(`Could not open “${name}”: ${parsed.error}`);
  return parsed;
}

/** Saves with the plan-file extension added when the chosen name lacks it. */
export function withPlanExtension(filePath: string): string {
  return path.extname(filePath).toLowerCase() === PLAN_FILE_EXTENSION ? filePath : `${filePath}${PLAN_FILE_EXTENSION}`;
}

/** Saves atomically, keeping the previous version as `<name>.pxplan.bak`. */
export async function savePlanFile(
  filePath: string,
  document: PlanDocument,
  fs: FsPort = nodeFs,
): Promise<Result<{ path: string }>> {
  const absolute = path.resolve(filePath);
  const written = await writeFileAtomically(absolute, serializePlan(document), { keepBackup: true, fs });
  if (written.ok) return written;
  const kept = written.error.existed ? 'The previous version is unchanged.' : 'Nothing was written.';
  return fail(`Could not save “${path.basename(absolute)}”: ${written.error.reason}. ${kept}`);
}

/** A file name for Save dialogs, from the plan's name: no characters that some file systems refuse. */
export function suggestedPlanFileName(planName: string): string {
  const cleaned = planName
    // eslint-disable-next-line no-control-regex -- control characters are what some file systems refuse
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  return `${cleaned === '' ? 'Untitled plan' : cleaned}${PLAN_FILE_EXTENSION}`;
}
