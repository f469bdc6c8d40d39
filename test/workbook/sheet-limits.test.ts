import { describe, expect, it } from 'vitest';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { parsePlanText } from '../../shared/plan/plan-document';
import { SheetRowScanner, type ScannedRow } from '../../shared/workbook/sheet-xml';
import { writePlanSheetWorkbook } from './support/zip-parts';
import { useWorkbookFiles } from './support/workbook-files';

/** Issue 13 §1: no crafted workbook or plan hangs the import; each limit is refused with a clear message. */

const files = useWorkbookFiles('pl-limits-');

async function importError(sheetData: string): Promise<string> {
  const file = files.inTemp(`crafted-${Math.random().toString(36).slice(2)}.xlsx`);
  await writePlanSheetWorkbook(sheetData, file);
  const r = await importPlanWorkbook(file);
  if (r.ok) throw new Error('the crafted workbook was imported');
  return r.error;
}

/** Feeds XML to a scanner in chunks of `size` characters, as the inflater does. */
function scanInChunks(xml: string, size: number): ScannedRow[] {
  const scanner = new SheetRowScanner([]);
  const rows: ScannedRow[] = [];
  for (let i = 0; i < xml.length; i += size) rows.push(...scanner.push(xml.slice(i, i + size)));
  rows.push(...scanner.end());
  return rows;
}

describe('row numbers a sheet cannot have', () => {
  it.each(['4294967295', '1000000000', '1048577', 'NaN', '-3', '0', '1e3'])('refuses row r="%s"', async (r) => {
    const error = await importError(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Row id</t></is></c></row><row r="${r}"/>`,
    );
    expect(error).toContain(
      `sheet Plan: the row numbered "${r}" is not a row number a sheet can have (1 to 1,048,576)`,
    );
  });

  it('refuses rows out of order or repeated, which would overwrite each other', async () => {
    expect(await importError('<row r="5"/><row r="3"/>')).toMatch(/row 3 comes after row 5/);
  });

  it('refuses a cell beyond column XFD and a cell longer than 32,767 characters', async () => {
    expect(await importError('<row r="1"><c r="XFE1"><v>1</v></c></row>')).toMatch(/beyond the last column/);
    const long = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(5 * 1024 * 1024)}</t></is></c></row>`;
    expect(await importError(long)).toMatch(/holds 5,242,880 characters, more than a cell can \(32,767\)/);
  });
});

describe('the sheet scanner', () => {
  it('reads a 5 MB single row of 16,000 cells, fed in 64 KB chunks, to the same rows as in one piece', () => {
    const cells = Array.from(
      { length: 16_000 },
      (_, i) => `<c r="${columnName(i + 1)}1" t="inlineStr"><is><t>${'v'.repeat(300)}</t></is></c>`,
    ).join('');
    const xml = `<sheetData><row r="1">${cells}</row><row r="2"><c r="A2"><v>7</v></c></row></sheetData>`;
    expect(xml.length).toBeGreaterThan(5_000_000);
    const rows = scanInChunks(xml, 65_536);
    expect(rows.map((r) => [r.row, r.cells.size])).toEqual([
      [1, 16_000],
      [2, 1],
    ]);
    expect(scanInChunks(xml, 7).map((r) => r.cells.size)).toEqual([16_000, 1]);
  });

  it('reads 0x10 and 0b11000 as the text they are, not as numbers', () => {
    const rows = scanInChunks(
      '<row r="1"><c r="A1"><v>0x10</v></c><c r="B1"><v>0b11000</v></c><c r="C1"><v>1.5e3</v></c></row>',
      5,
    );
    expect([...(rows[0]?.cells.values() ?? [])]).toEqual(['0x10', '0b11000', 1500]);
  });

  it('keeps a reference to no character as written instead of throwing', () => {
    const rows = scanInChunks('<row r="1"><c r="A1" t="inlineStr"><is><t>&#99999999;</t></is></c></row>', 64);
    expect(rows[0]?.cells.get(1)).toBe('&#99999999;');
  });
});

describe('nesting', () => {
  it('refuses a plan nested deeper than 64 levels before parsing it', () => {
    const deep = `{"schemaVersion":3,"meta":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const r = parsePlanText(deep);
    expect(r.ok ? '' : r.error).toMatch(/nests more than 64 levels deep/);
  });
});

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
