/**
 * Excel's date serials (the 1900 date system): whole days since 1899-12-30, which is right for every date
 * from 1900-03-01 on (Excel counts a 1900-02-29 that never was).
 */

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export const DAY_MS = 86_400_000;

/** A workbook in the 1904 date system (old Mac Excel) has serials this many days smaller. */
export const DAYS_1900_TO_1904 = 1462;

/** The serial of an ISO date (YYYY-MM-DD). */
export function isoToSerial(iso: string): number {
  return (Date.parse(`${iso}T00:00:00.000Z`) - EXCEL_EPOCH_MS) / DAY_MS;
}

/** Excel's last date, 9999-12-31: larger serials are no date any spreadsheet shows. */
export const MAX_DATE_SERIAL = 2_958_465;

/**
 * UTC midnight of the day a serial falls on: a time of day (46398.75 is 18:00) stays on its day. A
 * tiny float error below a whole day (46398.9999999999) still counts as that whole day.
 */
export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial + 1e-9) * DAY_MS);
}
