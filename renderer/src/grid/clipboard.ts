/**
 * Tab-separated text as Excel, LibreOffice and Google Sheets put on the clipboard: cells split by tabs,
 * rows by newlines (CRLF or LF), a cell holding a tab, newline or quote wrapped in double quotes with
 * inner quotes doubled. One trailing newline is not an extra row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (atCellStart && ch === '"') {
      // Quoted cell: runs to the closing quote that is not doubled.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        const c = text.charAt(j);
        if (c === '"') {
          if (text.charAt(j + 1) === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += c;
        j += 1;
      }
      const next = text.charAt(j);
      if (closed && (j >= text.length || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: read the quote literally.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const NEEDS_QUOTES = /[\t\n\r"]/;

function quoteCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The inverse of parseTsv: what goes on the clipboard for a block of cells. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteCell).join('\t')).join('\r\n') + '\r\n';
}

/**
 * toTsv of rows top..bottom, each row's cells given by `texts` (one per column), or empty where `rowAt`
 * has no row. Each line is joined from one reused array: a whole sheet is millions of cells, and this
 * was the fastest of the ways tried (one string added to cell by cell, an array per row).
 */
export function tsvOfRows<Row>(
  top: number,
  bottom: number,
  rowAt: (rowIndex: number) => Row | null,
  texts: readonly ((row: Row) => string)[],
): string {
  const lines: string[] = [];
  const cells: string[] = texts.map(() => '');
  const emptyLine = cells.join('\t');
  for (let rowIndex = top; rowIndex <= bottom; rowIndex++) {
    const row = rowAt(rowIndex);
    if (row === null) {
      lines.push(emptyLine);
      continue;
    }
    for (let c = 0; c < texts.length; c++) cells[c] = quoteCell((texts[c] as (row: Row) => string)(row));
    lines.push(cells.join('\t'));
  }
  return lines.join('\r\n') + '\r\n';
}
