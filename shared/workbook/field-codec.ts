import { exactFromNumber, parseExact, toDecimalString } from '../money/exact';
import type { PlanRow } from '../plan/plan-schema';
import type { RowField } from '../plan/row-field-kinds';
import { ROW_FIELD_KEYS, ROW_FIELDS } from '../plan/row-fields';
import { fail, ok, type Result } from '../result';
import { cellText, restoreText } from './cell-text';
import { DAY_MS, MAX_DATE_SERIAL, PHANTOM_LEAP_DAY_SERIAL, hasDateSerial, serialToDate } from './excel-date';
import type { CellValue } from './workbook-types';

/**
 * How each row field is written to a Plan cell and read back. Writing and reading are each other's
 * inverse for every value the schema allows, except where a spreadsheet cannot hold the exact text
 * (e.g. "12.00" becomes the number 12): those values are kept in the row's hidden "Exact values" cell.
 */

/** A cell as read back from a workbook (after Excel or LibreOffice may have touched it). */
export type RawCell =
  | null
  | string
  | number
  | boolean
  | Date
  /** A formula cell: its cached result (the formula text may be left empty by readers that skip it). */
  | { readonly formula: string; readonly result: string | number | boolean | Date | null | undefined }
  | { readonly error: string };

export type FieldKind =
  'text' | 'nullable-text' | 'date' | 'integer' | 'nullable-integer' | 'factor' | 'nullable-decimal';

/** How a field's cells are written and read, by its kind in the registry. */
export function codecKindOf(field: RowField): FieldKind {
  switch (field.kind) {
    case 'id':
    case 'text':
    case 'size':
    case 'image-size':
      return 'text';
    case 'choice':
      return field.nullable ? 'nullable-text' : 'text';
    case 'entry-id':
      return 'nullable-text';
    case 'date':
      return 'date';
    case 'integer':
      return field.nullable ? 'nullable-integer' : 'integer';
    case 'decimal':
      return 'factor';
    case 'money':
      return 'nullable-decimal';
  }
}

function byField<T>(value: (field: RowField) => T): Record<keyof PlanRow, T> {
  const out: Partial<Record<keyof PlanRow, T>> = {};
  for (const key of ROW_FIELD_KEYS) out[key] = value(ROW_FIELDS[key]);
  return out as Record<keyof PlanRow, T>;
}

// Looked up once per cell of an export: kept as plain records.
export const FIELD_KINDS: Record<keyof PlanRow, FieldKind> = byField(codecKindOf);

/** What a field expects, in the words of an error message ("expected a whole number of finals ..."). */
export const FIELD_EXPECTATIONS: Record<keyof PlanRow, string> = byField((field) => field.expectation);

export interface WrittenField {
  readonly cell: CellValue;
  /** Text cut at the cell limit (kept in the hidden cell so import restores it). */
  readonly cutTail: string;
}

function isoToUtcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function writeField(field: keyof PlanRow, value: PlanRow[keyof PlanRow]): WrittenField {
  const kind = FIELD_KINDS[field];
  if (value === null) return { cell: null, cutTail: '' };
  switch (kind) {
    case 'text':
    case 'nullable-text': {
      const text = String(value);
      if (text === '') return { cell: null, cutTail: '' };
      // The plain text: the sheet writer neutralises and cuts every text cell (sheet-xml-writer.ts).
      return { cell: text, cutTail: cellText(text).cutTail };
    }
    case 'date':
      return { cell: { kind: 'date', iso: String(value) }, cutTail: '' };
    case 'integer':
    case 'nullable-integer':
    case 'factor':
    case 'nullable-decimal':
      return { cell: Number(value), cutTail: '' };
  }
}

/** The cell as a reader will see it after the file round trip (dates come back as Date objects). */
export function asReadBack(cell: CellValue): RawCell {
  if (typeof cell === 'string') return cellText(cell).text;
  if (cell === null || typeof cell !== 'object') return cell;
  if (cell.kind === 'date') return hasDateSerial(cell.iso) ? isoToUtcDate(cell.iso) : cell.iso;
  return { formula: cell.kind === 'formula' ? cell.formula : '', result: cell.result };
}

/** The value a formula left in an input cell, or the cell itself. */
function plainValue(cell: RawCell): string | number | boolean | Date | null | { error: string } {
  if (cell === null || typeof cell !== 'object' || cell instanceof Date) return cell;
  if ('error' in cell) return cell;
  return cell.result ?? null;
}

function show(v: string | number | boolean | Date): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoFromDate(d: Date): string {
  // Dates are written at UTC midnight; a reader in another time zone may shift by hours, never a day
  // boundary we cannot repair: round to the nearest UTC day.
  const day = Math.round(d.getTime() / DAY_MS) * DAY_MS;
  return new Date(day).toISOString().slice(0, 10);
}

function parseWhole(v: string | number | boolean | Date): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v.trim());
  return null;
}

/**
 * The decimal a spreadsheet number stands for: spreadsheets show and compute 15 significant digits, so
 * binary noise from a formula (1.2*1.5 = 1.7999999999999998) reads as the decimal a person sees (1.8).
 */
export function spreadsheetDecimal(v: number): string | null {
  if (!Number.isFinite(v)) return null;
  return toDecimalString(exactFromNumber(Number(v.toPrecision(15))));
}

function parseDecimalText(v: string | number | boolean | Date): string | null {
  if (typeof v === 'number') return spreadsheetDecimal(v);
  if (typeof v === 'string') {
    // Text typed in a European spreadsheet may use a decimal comma ("1,8").
    const text = v.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
    const e = parseExact(text);
    return e === null ? null : toDecimalString(e);
  }
  return null;
}

/**
 * Reads one field from a cell. Errors say what was expected and what was found; the caller adds the
 * sheet and cell address.
 */
export function readField(field: keyof PlanRow, raw: RawCell): Result<PlanRow[keyof PlanRow]> {
  const kind = FIELD_KINDS[field];
  const v = plainValue(raw);
  const expected = FIELD_EXPECTATIONS[field];
  if (v !== null && typeof v === 'object' && !(v instanceof Date))
    return fail(`expected ${expected}, found the error ${v.error}`);
  const blank = v === null || (typeof v === 'string' && v.trim() === '');
  switch (kind) {
    case 'text':
      if (blank) return ok('');
      return ok(typeof v === 'string' ? restoreText(v) : show(v));
    case 'nullable-text':
      if (blank) return ok(null);
      return ok(typeof v === 'string' ? restoreText(v).trim() : show(v));
    case 'date': {
      if (blank) return ok(null);
      if (v instanceof Date)
        return Number.isNaN(v.getTime())
          ? fail(`expected ${expected}, found a date no calendar holds`)
          : ok(isoFromDate(v));
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < 1 || v > MAX_DATE_SERIAL)
          return fail(
            `expected ${expected}, found the number ${show(v)}, which is no date (Excel's dates run from 1 to ${MAX_DATE_SERIAL})`,
          );
        if (Math.floor(v + 1e-9) === PHANTOM_LEAP_DAY_SERIAL)
          return fail(
            `expected ${expected}, found the number 60, which Excel shows as 1900-02-29, a day that never was: type the date as text (YYYY-MM-DD)`,
          );
        return ok(isoFromDate(serialToDate(v)));
      }
      if (typeof v === 'string' && ISO_DATE.test(v.trim())) return ok(v.trim());
      return fail(`expected ${expected}, found '${show(v)}'`);
    }
    case 'integer':
    case 'nullable-integer': {
      if (blank) return kind === 'nullable-integer' ? ok(null) : fail(`expected ${expected}, found an empty cell`);
      const n = parseWhole(v);
      return n === null ? fail(`expected ${expected}, found '${show(v)}'`) : ok(n);
    }
    case 'factor':
    case 'nullable-decimal': {
      if (blank) return kind === 'nullable-decimal' ? ok(null) : fail(`expected ${expected}, found an empty cell`);
      const d = parseDecimalText(v);
      return d === null ? fail(`expected ${expected}, found '${show(v)}'`) : ok(d);
    }
  }
}
