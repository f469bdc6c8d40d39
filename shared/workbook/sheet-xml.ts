import { showValue } from '../safe-text';
import { columnNumber } from './a1';
import type { RawCell } from './field-codec';

/**
 * A small SpreadsheetML reader for the parts import needs: workbook sheet list, shared strings and
 * worksheet rows, scanned incrementally so a 250 MB sheet never becomes one string. Pure: it gets text.
 * Cells come back as values (numbers, text, booleans, errors) and formula cells as formula + cached
 * result; styles are not read (import knows which fields are dates).
 */

/**
 * A copy of a string that does not keep its source alive: V8 represents substrings as slices of the
 * parent, and a kept cell text would otherwise pin the whole chunk of sheet XML it came from.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : null;
      // A reference to no character (&#99999999;) stays as written rather than throwing.
      if (code !== null) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      return NAMED[name ?? ''] ?? '';
    },
  );
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXml(m[1] ?? '') : null;
}

const T_RUN = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;

/** The text of an <si> or <is> element: every <t> run, phonetic guides left out. */
function runText(inner: string): string {
  let out = '';
  for (const m of inner.replace(PHONETIC, '').matchAll(T_RUN)) out += decodeXml(m[1] ?? '');
  return out;
}

export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(runText(m[1] ?? ''));
  return out;
}

export interface WorkbookSheet {
  readonly name: string;
  /** Zip path of the sheet part, e.g. "xl/worksheets/sheet1.xml". */
  readonly path: string;
}

export interface WorkbookParts {
  readonly sheets: readonly WorkbookSheet[];
  /** Dates count from 1904 (old Mac Excel) instead of 1900. */
  readonly date1904: boolean;
}

export function parseWorkbookParts(workbookXml: string, relsXml: string): WorkbookParts {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, target);
  }
  const sheets: WorkbookSheet[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? '';
    const name = attr(attrs, 'name');
    const rid = /(?:^|\s)r:id="([^"]*)"/.exec(attrs)?.[1] ?? attr(attrs, 'id');
    const target = rid ? targets.get(rid) : undefined;
    if (!name || !target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    sheets.push({ name, path: path.replace(/\/\.\//g, '/') });
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(workbookXml)?.[1] ?? '';
  const d1904 = attr(pr, 'date1904');
  return { sheets, date1904: d1904 === '1' || d1904 === 'true' };
}

export interface ScannedRow {
  /** 1-based sheet row. */
  readonly row: number;
  /** 1-based column → cell. */
  readonly cells: ReadonlyMap<number, RawCell>;
}

const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const FORMULA = /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const INLINE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;
const REF = /^([A-Z]+)(\d+)$/;
const DECIMAL_NUMBER = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const ATTR_R = /(?:^|\s)r="([^"]*)"/;
const ATTR_T = /(?:^|\s)t="([^"]*)"/;

/** Excel's own limits, and what a row's XML may take while it arrives. */
export interface SheetLimits {
  readonly maxRow: number;
  readonly maxColumn: number;
  readonly maxCellChars: number;
  readonly maxRowChars: number;
}

export const SHEET_LIMITS: SheetLimits = {
  maxRow: 1_048_576,
  maxColumn: 16_384,
  maxCellChars: 32_767,
  maxRowChars: 32 * 1024 * 1024,
};

/** Sheet XML that breaks a limit or cannot be a sheet: the message says which and where. */
export class SheetFormatError extends Error {}

const TAG_NAME = /^\/?(?:[\w.-]+:)?([\w.-]+)/;

/**
 * Feeds sheet XML text in chunks and gets complete rows back. `keep` limits the columns kept (import
 * drops what it never reads as early as possible). Linear time: a tag tokenizer moves through each
 * character once (a row's end is found where it arrives, never by rescanning what came before), and
 * the limits are checked as the text arrives.
 */
export class SheetRowScanner {
  /** The unread tail of the last chunk: a tag cut at the chunk's end. */
  private carry = '';
  /** The row being read, in the pieces it arrived in (joined once, when it ends). */
  private rowParts: string[] = [];
  private rowChars = 0;
  private inRow = false;
  private lastRow = 0;

  constructor(
    private readonly sharedStrings: readonly string[],
    private keep: ((column: number, row: number) => boolean) | null = null,
    private readonly limits: SheetLimits = SHEET_LIMITS,
  ) {}

  setKeep(keep: ((column: number, row: number) => boolean) | null): void {
    this.keep = keep;
  }

  push(text: string): ScannedRow[] {
    return this.drain(this.carry + text);
  }

  end(): ScannedRow[] {
    const out = this.drain(this.carry);
    if (this.inRow) throw new SheetFormatError(`row ${this.lastRow + 1} is cut short (the sheet ends inside it)`);
    this.carry = '';
    return out;
  }

  /** Tokenizes one chunk (with the carried tail of the last): each character is looked at once. */
  private drain(text: string): ScannedRow[] {
    const out: ScannedRow[] = [];
    let pos = 0;
    let rowStart = this.inRow ? 0 : -1;
    for (;;) {
      const lt = text.indexOf('<', pos);
      if (lt < 0) {
        pos = text.length;
        break;
      }
      const gt = text.indexOf('>', lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      pos = gt + 1;
      const name = TAG_NAME.exec(text.slice(lt + 1, Math.min(gt, lt + 40)))?.[1];
      if (name !== 'row') continue;
      if (text.charCodeAt(lt + 1) === 47) {
        // "</row>"
        if (!this.inRow) throw new SheetFormatError('a row ends that never started: the sheet XML is damaged');
        this.rowParts.push(text.slice(rowStart, pos));
        out.push(this.readRow(this.rowParts.join('')));
        this.rowParts = [];
        this.rowChars = 0;
        this.inRow = false;
        rowStart = -1;
      } else if (text.charCodeAt(gt - 1) === 47) out.push(this.readRow(text.slice(lt, pos)));
      else {
        this.inRow = true;
        rowStart = lt;
      }
    }
    if (this.inRow) {
      const piece = text.slice(rowStart, pos);
      this.rowParts.push(piece);
      this.rowChars += piece.length;
      if (this.rowChars > this.limits.maxRowChars)
        throw new SheetFormatError(
          `row ${this.lastRow + 1} holds more than ${this.limits.maxRowChars.toLocaleString('en-US')} characters of sheet XML, more than any workbook row Pixel Ledger reads`,
        );
    }
    this.carry = text.slice(pos);
    if (this.carry.length > this.limits.maxRowChars)
      throw new SheetFormatError('the sheet XML has a tag that never ends: the file is damaged');
    return out;
  }

  /** One whole `<row …>…</row>` (or `<row …/>`): its number checked, its cells read. */
  private readRow(xml: string): ScannedRow {
    const open = xml.slice(0, xml.indexOf('>') + 1);
    const rowAttr = ATTR_R.exec(open)?.[1] ?? null;
    const row = rowAttr === null ? this.lastRow + 1 : /^\d{1,10}$/.test(rowAttr) ? Number(rowAttr) : NaN;
    if (!Number.isInteger(row) || row < 1 || row > this.limits.maxRow)
      throw new SheetFormatError(
        `the row numbered "${showValue(rowAttr, 20)}" is not a row number a sheet can have (1 to ${this.limits.maxRow.toLocaleString('en-US')})`,
      );
    if (row <= this.lastRow)
      throw new SheetFormatError(`row ${row} comes after row ${this.lastRow}: rows must be in order, each once`);
    this.lastRow = row;
    const inner = open.endsWith('/>') ? '' : xml.slice(open.length, xml.lastIndexOf('<'));
    return { row, cells: this.cells(inner, row) };
  }

  private cells(xml: string, row: number): Map<number, RawCell> {
    const cells = new Map<number, RawCell>();
    let column = 0;
    CELL.lastIndex = 0;
    for (let m = CELL.exec(xml); m !== null; m = CELL.exec(xml)) {
      const attrs = m[1] ?? '';
      const ref = ATTR_R.exec(attrs)?.[1] ?? null;
      const parsed = ref ? REF.exec(ref) : null;
      const letters = parsed?.[1] ?? '';
      column = parsed ? (letters.length <= 3 ? columnNumber(letters) : Infinity) : column + 1;
      if (column > this.limits.maxColumn)
        throw new SheetFormatError(
          `row ${row} has a cell beyond the last column a sheet can have (${this.limits.maxColumn.toLocaleString('en-US')}, XFD)`,
        );
      if (this.keep && !this.keep(column, row)) continue;
      const cell = this.cell(attrs, m[2] ?? '');
      if (typeof cell === 'string' && cell.length > this.limits.maxCellChars)
        throw new SheetFormatError(
          `the cell in row ${row}, column ${column} holds ${cell.length.toLocaleString('en-US')} characters, more than a cell can (${this.limits.maxCellChars.toLocaleString('en-US')})`,
        );
      if (cell !== null) cells.set(column, cell);
    }
    return cells;
  }

  private cell(attrs: string, inner: string): RawCell {
    const type = ATTR_T.exec(attrs)?.[1] ?? 'n';
    const v = VALUE.exec(inner)?.[1];
    let value: string | number | boolean | Date | { error: string } | null;
    switch (type) {
      case 's': {
        const i = v === undefined ? NaN : Number(v);
        value = this.sharedStrings[i] ?? null;
        break;
      }
      case 'inlineStr': {
        const is = INLINE.exec(inner)?.[1];
        value = is === undefined ? null : detach(runText(is));
        break;
      }
      case 'str':
        value = v === undefined ? '' : detach(decodeXml(v));
        break;
      case 'b':
        value = v === undefined ? null : v.trim() === '1' || v.trim() === 'true';
        break;
      case 'e':
        value = { error: v === undefined ? '#ERROR' : decodeXml(v) };
        break;
      case 'd':
        value = v === undefined ? null : new Date(decodeXml(v));
        break;
      default:
        // Only a decimal number is a number: Number() would also read "0x10", "0b11000" and "Infinity".
        value = v === undefined || v.trim() === '' ? null : DECIMAL_NUMBER.test(v) ? Number(v) : detach(decodeXml(v));
    }
    const f = FORMULA.exec(inner);
    if (f) {
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) return value;
      // The formula text itself is never used by import: keep it out of memory.
      return { formula: '', result: value };
    }
    return value;
  }
}
