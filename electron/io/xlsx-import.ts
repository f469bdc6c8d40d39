import ExcelJS from 'exceljs';
import { open, readFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/result';
import type { RawCell } from '../../shared/workbook/field-codec';
import { importPlanWorkbook as importFromCells, neededPlanColumns, type ImportedPlan, type RawSheet } from '../../shared/workbook/import-workbook';
import { PLAN_SHEET } from '../../shared/workbook/plan-columns';
import { checkZipLimits, readZipDirectory, sniffFileKind, type ZipLimits } from '../../shared/workbook/zip-guard';

/**
 * Reads a workbook Pixel Ledger exported (after edits in Excel or LibreOffice) into a plan. The file is
 * only read, never written. Before exceljs inflates anything, the bytes are checked: a zip at all, not
 * an encrypted (password-protected) Office file, and not a zip bomb. Rows are streamed, and the Plan
 * sheet keeps only the columns import reads.
 */

type ExcelValue = ExcelJS.CellValue;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function scalar(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (isObject(v)) {
    if (Array.isArray(v.richText)) return v.richText.map((t: unknown) => (isObject(t) && typeof t.text === 'string' ? t.text : '')).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return null;
}

export function rawCell(value: ExcelValue | undefined): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (isObject(value)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = typeof value.formula === 'string' ? value.formula : '';
      const result = 'result' in value ? value.result : undefined;
      if (isObject(result) && 'error' in result) return { error: String(result.error) };
      return { formula, result: scalar(result) };
    }
    if ('error' in value) return { error: String(value.error) };
    return scalar(value);
  }
  return null;
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function describeReadError(path: string, error: unknown): string {
  const code = isObject(error) && typeof error.code === 'string' ? error.code : '';
  if (code === 'ENOENT') return `${path} does not exist`;
  if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read (permission denied)`;
  if (code === 'EISDIR') return `${path} is a folder, not a workbook`;
  return `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

/** Checks the bytes of a would-be workbook; ok(true) when exceljs may open it. */
export async function checkWorkbookFile(path: string, limits?: ZipLimits): Promise<Result<true>> {
  let head: Uint8Array;
  try {
    head = await readHead(path, 8);
  } catch (error) {
    return fail(describeReadError(path, error));
  }
  const kind = sniffFileKind(head);
  if (kind === 'encrypted-office') {
    return fail(`${path} is password-protected (an encrypted Office file): in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and import again`);
  }
  if (kind !== 'zip') return fail(`${path} is not an Excel workbook (.xlsx): export the plan from Pixel Ledger and import that file`);
  const bytes = await readFile(path);
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return fail(`${path} is not a readable .xlsx: ${directory.error}`);
  const names = new Set(directory.value.map((e) => e.name.replace(/^\//, '')));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return fail(`${path} is password-protected: remove the password in Excel and import again`);
  if (!names.has('xl/workbook.xml')) return fail(`${path} is a zip archive but not an Excel workbook (it has no xl/workbook.xml)`);
  const limitsOk = checkZipLimits(directory.value, limits);
  if (!limitsOk.ok) return fail(`${path} was not opened: ${limitsOk.error}`);
  return ok(true);
}

async function readSheets(path: string): Promise<Map<string, RawSheet>> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  const sheets = new Map<string, RawSheet>();
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    const rows: (RawCell | undefined)[][] = [];
    let keep: Set<number> | null = null;
    for await (const row of worksheet) {
      const values = row.values;
      if (!Array.isArray(values)) continue;
      const cells: (RawCell | undefined)[] = [];
      if (row.number === 1 && name === PLAN_SHEET) {
        for (let c = 1; c < values.length; c++) cells[c - 1] = rawCell(values[c]);
        keep = neededPlanColumns(cells);
        if (keep.size === 0) keep = null;
      } else {
        for (let c = 1; c < values.length; c++) {
          if (keep && !keep.has(c)) continue;
          const v = values[c];
          if (v !== undefined && v !== null) cells[c - 1] = rawCell(v);
        }
      }
      rows[row.number - 1] = cells;
    }
    sheets.set(name, { name, rows });
  }
  return sheets;
}

/** Reads and checks an exported workbook; returns the plan it describes, or one clear error. */
export async function importPlanWorkbook(path: string, limits?: ZipLimits): Promise<Result<ImportedPlan>> {
  const checked = await checkWorkbookFile(path, limits);
  if (!checked.ok) return checked;
  let sheets: Map<string, RawSheet>;
  try {
    sheets = await readSheets(path);
  } catch (error) {
    return fail(`${path} is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`);
  }
  return importFromCells({ sheets });
}
