import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { describeFsError } from './describe-fs-error';
import { describeFileKind, nodeFs, type FsPort } from './fs-port';
import { MAX_PLAN_FILE_BYTES } from './plan-file';

export type ExportFormat = 'xlsx' | 'csv';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { xlsx: '.xlsx', csv: '.csv' };

const FORMAT_NAMES: Record<ExportFormat, string> = { xlsx: 'an Excel workbook', csv: 'a CSV text file' };

/** Where an export may write, once checked: the path (with the format's extension) and whether it replaces a file. */
export interface ExportTarget {
  readonly path: string;
  /** An export of the same kind is there: it is kept as `<name>.bak`, as saves keep plans. */
  readonly replacesExisting: boolean;
}

/** "Q1.xlsx" stays; "Q1" and "Q1.pxplan" become "Q1.xlsx" and "Q1.pxplan.xlsx": the name says what the file is. */
export function withExportExtension(filePath: string, format: ExportFormat): string {
  const extension = EXPORT_EXTENSIONS[format];
  return path.extname(filePath).toLowerCase() === extension ? filePath : `${filePath}${extension}`;
}

/**
 * The Save dialog's suggestion for an export: the plan file's own name with the export's extension, in
 * the plan's folder ("~/plans/Q1.pxplan" → "Q1.xlsx" in "~/plans"); for a plan with no file yet, the
 * plan's name and no folder (the dialog starts where it last was).
 */
export function exportSuggestion(
  planPath: string | null,
  fallbackName: string,
  format: ExportFormat,
): { name: string; folder: string | null } {
  if (planPath === null) return { name: fallbackName, folder: null };
  const base = path.basename(planPath, path.extname(planPath));
  return { name: `${base}${EXPORT_EXTENSIONS[format]}`, folder: path.dirname(path.resolve(planPath)) };
}

/** Plans are JSON objects with a schemaVersion (any version, even one newer than this app reads). */
function looksLikePlan(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (!/^\uFEFF?\s*\{/.test(text)) return false;
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'schemaVersion' in value;
  } catch {
    return false;
  }
}

/** Whether an existing file is what this format writes, so replacing it (with a backup) loses no other kind of file. */
function isOfKind(bytes: Uint8Array, format: ExportFormat): boolean {
  if (bytes.byteLength === 0) return true;
  if (format === 'xlsx') return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  // CSV: text, so no NUL bytes and valid UTF-8 (the export writes UTF-8 with a BOM).
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks where an export is about to write, so an export never costs the user a plan: the format's
 * extension is forced; the open plan's own file, any file that parses as a plan and anything that is not
 * an earlier export of the same kind (another document, a folder, a device) are refused with the reason;
 * an earlier export of the same kind may be replaced, and is then kept as a backup.
 */
export async function checkExportTarget(
  requested: string,
  format: ExportFormat,
  openPlanPath: string | null,
  fs: FsPort = nodeFs,
): Promise<Result<ExportTarget>> {
  const target = path.resolve(withExportExtension(requested, format));
  const name = path.basename(target);
  const refuse = (why: string) => fail(`“${name}” ${why}; choose another name (nothing was written)`);
  if (openPlanPath !== null && path.resolve(openPlanPath) === target) return refuse('is the plan you have open');
  try {
    const info = await fs.stat(target);
    if (info === null) return ok({ path: target, replacesExisting: false });
    if (!info.isFile) return refuse(`is ${describeFileKind(info)}`);
    // Too large to look at in memory, and larger than any export of a plan that opens.
    if (info.size > MAX_PLAN_FILE_BYTES) return refuse('is larger than an export of a plan could be');
    const bytes = await fs.readFile(target);
    if (looksLikePlan(bytes)) return refuse('is a Pixel Ledger plan, which the export would replace');
    if (!isOfKind(bytes, format))
      return refuse(`exists and is not ${FORMAT_NAMES[format]}, which the export would replace`);
    return ok({ path: target, replacesExisting: true });
  } catch (error) {
    return fail(`Could not check “${name}”: ${describeFsError(error, 'read')}`);
  }
}
