import { neutralizeText } from '../workbook/cell-text';
import type { RejectedRow } from './actual-record';

/**
 * Rejected rows as a CSV the user opens in a spreadsheet to fix the file: UTF-8 with a BOM (Excel reads
 * it as UTF-8), one row per rejected row. Text that could start a formula (`=HYPERLINK(…)`, `+cmd`, `@SUM`)
 * is neutralised, as in every export: a hostile export's text never runs in the user's spreadsheet.
 */
export function rejectedRowsCsv(rows: readonly RejectedRow[]): string {
  const cell = (text: string) => {
    const safe = neutralizeText(text);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = ['file,line,column,reason'];
  for (const r of rows) lines.push([cell(r.file), String(r.line), cell(r.column ?? ''), cell(r.reason)].join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
