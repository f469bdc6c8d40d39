import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sheetCsvName } from '../../support/xlsx-recalc';

/** Reading the CSVs LibreOffice writes for a recalculated workbook (test/support/xlsx-recalc.ts). */

/** RFC 4180 CSV (quotes doubled, fields may span lines). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export async function readSheetCsv(outDir: string, workbookFile: string, sheet: string): Promise<string[][]> {
  return parseCsv(await readFile(join(outDir, sheetCsvName(workbookFile, sheet)), 'utf8'));
}
