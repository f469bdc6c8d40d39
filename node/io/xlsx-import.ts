import { open, readFile, stat } from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { fail, ok, type Result } from '../../shared/result';
import { describeFsError } from '../files/describe-fs-error';
import type { RawCell } from '../../shared/workbook/field-codec';
import { DATA_SHEET } from '../../shared/workbook/info-sheets';
import {
  importPlanWorkbook as importFromCells,
  neededPlanColumns,
  type ImportedPlan,
  type RawSheet,
} from '../../shared/workbook/import-workbook';
import { PLAN_SHEET } from '../../shared/workbook/plan-columns';
import { PRICES_SHEET } from '../../shared/workbook/price-lines';
import {
  parseSharedStrings,
  parseWorkbookParts,
  SheetFormatError,
  SheetRowScanner,
} from '../../shared/workbook/sheet-xml';
import { showValue } from '../../shared/safe-text';
import {
  checkZipLimits,
  Crc32,
  entryDataOffset,
  readZipDirectory,
  sniffFileKind,
  type ZipEntryInfo,
  type ZipLimits,
} from '../../shared/workbook/zip-guard';

/**
 * Reads a workbook Pixel Ledger exported (after edits in Excel or LibreOffice) into a plan. The file is
 * only read, never written. Before anything is inflated the bytes are checked: a zip at all, not an
 * encrypted (password-protected) Office file, not a zip bomb. Only the sheets import needs (Plan,
 * Prices and the hidden Data) are inflated, as streams, and the Plan sheet keeps only the columns
 * import reads, so a 100k-row workbook is read in seconds and modest memory.
 */

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
  return `${path} cannot be read: ${describeFsError(error, 'read')}`;
}

interface CheckedZip {
  readonly bytes: Buffer;
  readonly entries: ReadonlyMap<string, ZipEntryInfo>;
  readonly limits: ZipLimits | undefined;
}

/** A sheet's part: read only when it is a sheet the import needs (NEEDED_SHEETS). */
function isSheetPart(name: string): boolean {
  return name.startsWith('xl/worksheets/');
}

/** An entry's part name as the workbook's relationships name it (no leading slash). */
function zipPartName(entry: ZipEntryInfo): string {
  return entry.name.replace(/^\//, '');
}

/** Checks the bytes of a would-be workbook before anything is inflated. */
async function checkWorkbookFile(path: string, limits?: ZipLimits): Promise<Result<CheckedZip>> {
  let head: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail(`${path} is a folder, not a workbook: choose the .xlsx file`);
    if (!info.isFile())
      return fail(`${path} is a device, pipe or socket (such as /dev/zero), not a workbook: choose the .xlsx file`);
    head = await readHead(path, 8);
  } catch (error) {
    return fail(describeReadError(path, error));
  }
  const kind = sniffFileKind(head);
  if (kind === 'encrypted-office') {
    return fail(
      `${path} is password-protected (an encrypted Office file): in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and import again`,
    );
  }
  if (kind !== 'zip')
    return fail(`${path} is not an Excel workbook (.xlsx): export the plan from Pixel Ledger and import that file`);
  const bytes = await readFile(path);
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return fail(`${path} is not a readable .xlsx: ${directory.error}`);
  const entries = new Map(directory.value.map((e) => [zipPartName(e), e]));
  if (entries.has('EncryptionInfo') || entries.has('EncryptedPackage'))
    return fail(`${path} is password-protected: remove the password in Excel and import again`);
  if (!entries.has('xl/workbook.xml'))
    return fail(`${path} is a zip archive but not an Excel workbook (it has no xl/workbook.xml)`);
  // Sheets count once the workbook says which are read (readSheets); the parts read before that, now.
  const limitsOk = checkZipLimits(directory.value, limits, (e) => !isSheetPart(zipPartName(e)));
  if (!limitsOk.ok) return fail(`${path} was not opened: ${limitsOk.error}`);
  return ok({ bytes, entries, limits });
}

/** A reason the file cannot be read, worded for the person who chose it (not a stack of zlib words). */
class DamagedWorkbook extends Error {}

function compressed(zip: CheckedZip, entry: ZipEntryInfo): Buffer {
  const start = entryDataOffset(zip.bytes, entry);
  if (start === null || start + entry.compressedSize > zip.bytes.length)
    throw new DamagedWorkbook(`the zip entry ${showValue(entry.name)} is damaged or cut short`);
  return zip.bytes.subarray(start, start + entry.compressedSize);
}

function checkCrc(entry: ZipEntryInfo, crc: Crc32, produced: number): void {
  if (produced !== entry.uncompressedSize)
    throw new DamagedWorkbook(
      `${showValue(entry.name)} inflates to ${produced.toLocaleString('en-US')} bytes, not the ${entry.uncompressedSize.toLocaleString('en-US')} its zip entry declares: the file is damaged or was altered`,
    );
  if (crc.value() !== entry.crc32)
    throw new DamagedWorkbook(
      `${showValue(entry.name)} is damaged (its checksum does not match): the file was cut or altered`,
    );
}

function inflateError(entry: ZipEntryInfo, error: unknown): Error {
  if (error instanceof DamagedWorkbook || error instanceof SheetFormatError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
    return new DamagedWorkbook(
      `${showValue(entry.name)} inflates to more than the ${entry.uncompressedSize.toLocaleString('en-US')} bytes its zip entry declares: the file is damaged or was altered`,
    );
  return new DamagedWorkbook(`the compressed data of ${showValue(entry.name)} is damaged: the file was cut or altered`);
}

/** A small part (workbook, relationships, shared strings) as text. */
function partText(zip: CheckedZip, name: string): string | null {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const data = compressed(zip, entry);
  let raw: Buffer;
  try {
    raw = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    throw inflateError(entry, error);
  }
  const crc = new Crc32();
  crc.update(raw);
  checkCrc(entry, crc, raw.length);
  return raw.toString('utf8');
}

/** Streams a sheet part through the row scanner. */
async function scanSheet(
  zip: CheckedZip,
  path: string,
  name: string,
  sharedStrings: readonly string[],
): Promise<RawSheet> {
  try {
    return await scanSheetRows(zip, path, name, sharedStrings);
  } catch (error) {
    if (error instanceof SheetFormatError) throw new SheetFormatError(`sheet ${showValue(name)}: ${error.message}`);
    throw error;
  }
}

async function scanSheetRows(
  zip: CheckedZip,
  path: string,
  name: string,
  sharedStrings: readonly string[],
): Promise<RawSheet> {
  const entry = zip.entries.get(path);
  const rows: (RawCell | undefined)[][] = [];
  if (!entry)
    throw new DamagedWorkbook(
      `the workbook lists the sheet ${showValue(name)} but the file has no ${showValue(path)}: the file is damaged`,
    );
  const scanner = new SheetRowScanner(sharedStrings);
  const decoder = new TextDecoder('utf-8');
  const take = (scanned: ReturnType<SheetRowScanner['push']>) => {
    for (const r of scanned) {
      const cells: (RawCell | undefined)[] = [];
      for (const [column, cell] of r.cells) cells[column - 1] = cell;
      rows[r.row - 1] = cells;
      if (r.row === 1 && name === PLAN_SHEET) {
        const keep = neededPlanColumns(cells);
        if (keep.size > 0) scanner.setKeep((column, row) => row === 1 || keep.has(column));
      }
    }
  };
  const source = Readable.from([compressed(zip, entry)]);
  // Inflate with an output cap taken from the directory, so a lying size cannot inflate without end.
  const inflater = entry.method === 0 ? source : source.pipe(createInflateRaw());
  let produced = 0;
  const cap = entry.uncompressedSize;
  const crc = new Crc32();
  try {
    for await (const chunk of inflater) {
      const bytes = chunk as Buffer;
      produced += bytes.length;
      if (produced > cap)
        throw new DamagedWorkbook(
          `${showValue(path)} inflates beyond the ${cap.toLocaleString('en-US')} bytes its zip entry declares: the file is damaged or altered (a zip bomb?)`,
        );
      crc.update(bytes);
      take(scanner.push(decoder.decode(bytes, { stream: true })));
    }
  } catch (error) {
    throw inflateError(entry, error);
  }
  checkCrc(entry, crc, produced);
  take(scanner.push(decoder.decode()));
  take(scanner.end());
  return { name, rows };
}

const NEEDED_SHEETS = [PLAN_SHEET, PRICES_SHEET, DATA_SHEET];

async function readSheets(zip: CheckedZip): Promise<{ sheets: Map<string, RawSheet>; date1904: boolean }> {
  const workbookXml = partText(zip, 'xl/workbook.xml') ?? '';
  const relsXml = partText(zip, 'xl/_rels/workbook.xml.rels') ?? '';
  const parts = parseWorkbookParts(workbookXml, relsXml);
  const sharedXml = partText(zip, 'xl/sharedStrings.xml');
  const sharedStrings = sharedXml === null ? [] : parseSharedStrings(sharedXml);
  const needed = parts.sheets.filter((sheet) => NEEDED_SHEETS.includes(sheet.name));
  const read = new Set(needed.map((sheet) => sheet.path));
  const limitsOk = checkZipLimits([...zip.entries.values()], zip.limits, (e) => {
    const name = zipPartName(e);
    return !isSheetPart(name) || read.has(name);
  });
  if (!limitsOk.ok) throw new DamagedWorkbook(limitsOk.error);
  const sheets = new Map<string, RawSheet>();
  for (const sheet of needed) {
    sheets.set(sheet.name, await scanSheet(zip, sheet.path, sheet.name, sharedStrings));
  }
  return { sheets, date1904: parts.date1904 };
}

/** Reads and checks an exported workbook; returns the plan it describes, or one clear error. */
export async function importPlanWorkbook(path: string, limits?: ZipLimits): Promise<Result<ImportedPlan>> {
  const checked = await checkWorkbookFile(path, limits);
  if (!checked.ok) return checked;
  let read: { sheets: Map<string, RawSheet>; date1904: boolean };
  try {
    read = await readSheets(checked.value);
  } catch (error) {
    if (error instanceof DamagedWorkbook || error instanceof SheetFormatError)
      return fail(`${path} cannot be imported: ${error.message}`);
    const message = error instanceof Error ? error.message : String(error);
    return fail(`${path} is not a readable .xlsx workbook: ${showValue(message, 300)}`);
  }
  return importFromCells(read);
}
