import { columnLetter } from './a1';
import { xmlSafeText } from './cell-text';
import { isoToSerial } from './excel-date';
import type { CellValue, FormulaResult, SheetModel } from './workbook-types';

/**
 * The SpreadsheetML writer's pure half, beside its reader (sheet-xml.ts): a sheet's header and data rows
 * rendered as `<row>` XML. Pure: style attributes (` s="3"`) come in from the file writer, which owns the
 * styles part (node/io/exceljs-adapter.ts); shared formula masters get their `si` as they are met.
 */

/** XML text: what XML cannot carry is dropped, and CR is written as a reference so no parser folds it. */
function escapeXml(text: string): string {
  return xmlSafeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function inlineString(ref: string, style: string, text: string): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

function resultXml(result: FormulaResult): { type: string; value: string } {
  if (typeof result === 'number') return { type: '', value: Number.isFinite(result) ? `<v>${result}</v>` : '' };
  if (typeof result === 'boolean') return { type: ' t="b"', value: `<v>${result ? 1 : 0}</v>` };
  return { type: ' t="str"', value: `<v>${escapeXml(result)}</v>` };
}

/** Renders the data rows of one sheet; shared formula masters get their `si` as they are met. */
export class RowRenderer {
  private readonly letters: string[];
  private readonly sharedIndex = new Map<string, number>();

  constructor(
    columnCount: number,
    private readonly columnStyles: readonly string[],
    private readonly dateStyle: string,
  ) {
    this.letters = Array.from({ length: columnCount }, (_, i) => columnLetter(i + 1));
  }

  row(cells: readonly CellValue[], r: number): string {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      const ref = `${this.letters[i] ?? columnLetter(i + 1)}${r}`;
      const style = this.columnStyles[i] ?? '';
      if (typeof cell === 'string') xml += inlineString(ref, style, cell);
      else if (typeof cell === 'number') xml += Number.isFinite(cell) ? `<c r="${ref}"${style}><v>${cell}</v></c>` : '';
      else if (typeof cell === 'boolean') xml += `<c r="${ref}"${style} t="b"><v>${cell ? 1 : 0}</v></c>`;
      else if (cell.kind === 'date') xml += `<c r="${ref}"${this.dateStyle}><v>${isoToSerial(cell.iso)}</v></c>`;
      else if (cell.kind === 'formula') {
        const res = resultXml(cell.result);
        let f: string;
        if (cell.sharedRange) {
          const si = this.sharedIndex.size;
          this.sharedIndex.set(ref, si);
          f = `<f t="shared" ref="${cell.sharedRange}" si="${si}">${escapeXml(cell.formula)}</f>`;
        } else {
          f = `<f>${escapeXml(cell.formula)}</f>`;
        }
        xml += `<c r="${ref}"${style}${res.type}>${f}${res.value}</c>`;
      } else {
        const si = this.sharedIndex.get(cell.master);
        if (si === undefined) throw new RangeError(`shared formula ${ref} comes before its master ${cell.master}`);
        const res = resultXml(cell.result);
        xml += `<c r="${ref}"${style}${res.type}><f t="shared" si="${si}"/>${res.value}</c>`;
      }
    }
    return `${xml}</row>`;
  }
}

/** Row 1: the column headers, computed columns with their own style. */
export function headerRow(sheet: SheetModel, normal: string, computed: string): string {
  const letters = sheet.columns.map((_, i) => columnLetter(i + 1));
  const cells = sheet.columns.map((c, i) =>
    inlineString(`${letters[i] ?? ''}1`, c.computed ? computed : normal, c.header),
  );
  return `<row r="1">${cells.join('')}</row>`;
}
