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
  return text.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return NAMED[name ?? ''] ?? '';
  });
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

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const FORMULA = /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const INLINE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;
const REF = /^([A-Z]+)(\d+)$/;
const ATTR_R = /(?:^|\s)r="([^"]*)"/;
const ATTR_T = /(?:^|\s)t="([^"]*)"/;

/**
 * Feeds sheet XML text in chunks and gets complete rows back. `keep` limits the columns kept (import
 * drops what it never reads as early as possible).
 */
export class SheetRowScanner {
  private buffer = '';
  private nextRow = 1;

  constructor(
    private readonly sharedStrings: readonly string[],
    private keep: ((column: number, row: number) => boolean) | null = null,
  ) {}

  setKeep(keep: ((column: number, row: number) => boolean) | null): void {
    this.keep = keep;
  }

  push(text: string): ScannedRow[] {
    this.buffer += text;
    return this.drain(false);
  }

  end(): ScannedRow[] {
    return this.drain(true);
  }

  private drain(final: boolean): ScannedRow[] {
    const out: ScannedRow[] = [];
    ROW.lastIndex = 0;
    let consumed = 0;
    for (let m = ROW.exec(this.buffer); m !== null; m = ROW.exec(this.buffer)) {
      const rowAttr = ATTR_R.exec(m[1] ?? '')?.[1] ?? null;
      const row = rowAttr !== null ? Number(rowAttr) : this.nextRow;
      this.nextRow = row + 1;
      out.push({ row, cells: this.cells(m[2] ?? '', row) });
      consumed = ROW.lastIndex;
    }
    // Keep only the unfinished tail (from the last "<row" on, or nothing when the sheet data ended).
    const rest = this.buffer.slice(consumed);
    const open = rest.lastIndexOf('<row');
    const openPrefixed = rest.search(/<\w+:row\b/);
    const start = open >= 0 ? open : openPrefixed;
    this.buffer = final ? '' : start >= 0 ? rest.slice(start) : rest.slice(Math.max(0, rest.length - 16));
    return out;
  }

  private cells(xml: string, row: number): Map<number, RawCell> {
    const cells = new Map<number, RawCell>();
    let column = 0;
    CELL.lastIndex = 0;
    for (let m = CELL.exec(xml); m !== null; m = CELL.exec(xml)) {
      const attrs = m[1] ?? '';
      const ref = ATTR_R.exec(attrs)?.[1] ?? null;
      const parsed = ref ? REF.exec(ref) : null;
      column = parsed ? columnNumber(parsed[1] ?? 'A') : column + 1;
      if (this.keep && !this.keep(column, row)) continue;
      const cell = this.cell(attrs, m[2] ?? '');
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
        value = v === undefined || v.trim() === '' ? null : Number(v);
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
