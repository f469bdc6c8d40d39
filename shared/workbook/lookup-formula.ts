/**
 * Key lookups that work alike in Excel and LibreOffice: INDEX/MATCH with exact match over a bounded
 * range. Keys are built only from characters that are neither wildcards (* ? ~) nor regular-expression
 * syntax, so MATCH compares them literally whatever the application's wildcard or regex setting.
 */

export interface KeyTable {
  readonly sheet: string;
  readonly keyColumn: string;
  readonly valueColumn: string;
  /** Last row of the table (at least 2, so an empty table is still a valid range). */
  readonly lastRow: number;
}

export function lookupFormula(table: KeyTable, keyExpression: string): string {
  const { sheet, keyColumn, valueColumn, lastRow } = table;
  return `INDEX(${sheet}!$${valueColumn}$2:$${valueColumn}$${lastRow},MATCH(${keyExpression},${sheet}!$${keyColumn}$2:$${keyColumn}$${lastRow},0))`;
}

/** A quoted string literal for a formula. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Stands for "*" (any quality / any size) inside keys, because "*" is a wildcard to MATCH. */
export const ANY_KEY = 'ANY';

export function keyPart(tableKey: string): string {
  return tableKey === '*' ? ANY_KEY : tableKey;
}

export function tableKeyFromPart(part: string): string {
  return part === ANY_KEY ? '*' : part;
}
