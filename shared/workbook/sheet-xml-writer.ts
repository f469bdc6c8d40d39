import { columnLetter } from './a1';
import { cellText, isPlainXmlText, xmlSafeText } from './cell-text';
import { hasDateSerial, isoToSerial } from './excel-date';
import type { CellValue, ColumnLayout, FormulaResult, HeaderInput, SheetModel } from './workbook-types';

/**
 * The SpreadsheetML writer's pure half, beside its reader (sheet-xml.ts): a sheet's header and data rows
 * rendered as `<row>` XML. Pure: style attributes (` s="3"`) come in from the file writer, which owns the
 * styles part (node/io/exceljs-adapter.ts); shared formula masters get their `si` as they are met.
 */

/** XML text: what XML cannot carry is dropped, and CR is written as a reference so no parser folds it. */
function escapeXml(text: string): string {
  if (isPlainXmlText(text)) return text;
  return xmlSafeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * Every text cell of every sheet is written through here: neutralised against formula injection and cut
 * at Excel's cell limit (cell-text.ts), so no sheet's producer can forget it. Producers give the plain text.
 */
function inlineString(ref: string, style: string, plain: string): string {
  const text = cellText(plain).text;
  // Printable ASCII has one white space character: the space.
  const edged = isPlainXmlText(text)
    ? text.charCodeAt(0) === 0x20 || text.charCodeAt(text.length - 1) === 0x20
    : /^\s|\s$/.test(text);
  const space = edged ? ' xml:space="preserve"' : '';
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

  /**
   * `styleBlanks`: empty cells are written with their column's style too (a totals row ruled across
   * the sheet); otherwise they are left out.
   */
  constructor(
    columnCount: number,
    private readonly columnStyles: readonly string[],
    private readonly dateStyle: string,
    private readonly styleBlanks = false,
  ) {
    this.letters = Array.from({ length: columnCount }, (_, i) => columnLetter(i + 1));
  }

  row(cells: readonly CellValue[], r: number): string {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const style = this.columnStyles[i] ?? '';
      if (cell === null || cell === undefined) {
        if (this.styleBlanks && style !== '') xml += `<c r="${this.letters[i] ?? columnLetter(i + 1)}${r}"${style}/>`;
        continue;
      }
      const ref = `${this.letters[i] ?? columnLetter(i + 1)}${r}`;
      if (typeof cell === 'string') xml += inlineString(ref, style, cell);
      else if (typeof cell === 'number') xml += Number.isFinite(cell) ? `<c r="${ref}"${style}><v>${cell}</v></c>` : '';
      else if (typeof cell === 'boolean') xml += `<c r="${ref}"${style} t="b"><v>${cell ? 1 : 0}</v></c>`;
      else if (cell.kind === 'date')
        xml += hasDateSerial(cell.iso)
          ? `<c r="${ref}"${this.dateStyle}><v>${isoToSerial(cell.iso)}</v></c>`
          : inlineString(ref, style, cell.iso);
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

/** The column of a header input's label (its value sits right of it): one blank column after the table. */
export function headerInputColumn(columnCount: number, index: number): number {
  return columnCount + 2 + index * 2;
}

function inputValueXml(ref: string, value: HeaderInput['value'], dateStyle: string): string {
  if (typeof value === 'string') return inlineString(ref, '', value);
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
  return hasDateSerial(value.iso)
    ? `<c r="${ref}"${dateStyle}><v>${isoToSerial(value.iso)}</v></c>`
    : inlineString(ref, '', value.iso);
}

/** Points per line of header text (Calibri 11 and its stand-ins). */
const LINE_HEIGHT_PT = 15;

/** Lines a header takes when wrapped between words in a column `width` characters wide (bold text: one less). */
export function headerLines(header: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 1);
  let lines = 1;
  let used = 0;
  for (const word of header.split(/\s+/).filter((w) => w !== '')) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (used > 0 && need > room) {
      lines += 1;
      used = word.length;
    } else used = need;
  }
  return lines;
}

/**
 * Row 1: the column headers, computed columns with their own style. Its height is set to the tallest
 * wrapped header of a column in view: LibreOffice keeps a row's default height on import, and wrapped
 * headers would otherwise spill over the first data row.
 */
export function headerRow(sheet: SheetModel, normal: string, computed: string, dateStyle = ''): string {
  const letters = sheet.columns.map((_, i) => columnLetter(i + 1));
  const cells = sheet.columns.map((c, i) =>
    inlineString(`${letters[i] ?? ''}1`, c.computed ? computed : normal, c.header),
  );
  (sheet.headerInputs ?? []).forEach((input, i) => {
    const column = headerInputColumn(sheet.columns.length, i);
    cells.push(inlineString(`${columnLetter(column)}1`, normal, input.label));
    cells.push(inputValueXml(`${columnLetter(column + 1)}1`, input.value, dateStyle));
  });
  const shown = sheet.columns.filter((c) => !c.hidden && c.group !== 'collapsed');
  const lines = Math.max(1, ...shown.map((c) => headerLines(c.header, c.width)));
  const height = lines > 1 ? ` ht="${lines * LINE_HEIGHT_PT}" customHeight="1"` : '';
  return `<row r="1"${height}>${cells.join('')}</row>`;
}

/**
 * The sheet's `<cols>`: widths, hidden columns and outline groups. Hidden = hidden or in a collapsed
 * group; the column right after a collapsed group carries `collapsed` (where Excel draws its + button),
 * one past the last column when the group ends the sheet.
 */
export function columnsXml(columns: readonly ColumnLayout[], headerInputs = 0): string {
  if (columns.length === 0) return '';
  let xml = '<cols>';
  const afterCollapsed = (i: number) => columns[i - 1]?.group === 'collapsed' && columns[i]?.group !== 'collapsed';
  columns.forEach((c, i) => {
    const n = i + 1;
    const hidden = c.hidden === true || c.group === 'collapsed';
    xml +=
      `<col min="${n}" max="${n}" width="${c.width}"${hidden ? ' hidden="1"' : ''}` +
      `${c.group ? ' outlineLevel="1"' : ''}${afterCollapsed(i) ? ' collapsed="1"' : ''} customWidth="1"/>`;
  });
  const end = columns.length + 1;
  if (afterCollapsed(columns.length)) xml += `<col min="${end}" max="${end}" width="9.140625" collapsed="1"/>`;
  // Header inputs: a label and a value wide enough for a date (a narrow date cell shows ####).
  for (let i = 0; i < headerInputs; i++) {
    const label = headerInputColumn(columns.length, i);
    xml += `<col min="${label}" max="${label + 1}" width="12" customWidth="1"/>`;
  }
  return `${xml}</cols>`;
}

/** The deepest outline level of a sheet's columns (0 or 1). */
export function columnOutlineLevel(columns: readonly ColumnLayout[]): number {
  return columns.some((c) => c.group !== undefined) ? 1 : 0;
}
