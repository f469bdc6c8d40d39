/**
 * Excel's date serials (the 1900 date system): whole days since 1899-12-30, which is right for every date
 * from 1900-03-01 on (Excel counts a 1900-02-29 that never was).
 */

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export const DAY_MS = 86_400_000;

/** A workbook in the 1904 date system (old Mac Excel) has serials this many days smaller. */
export const DAYS_1900_TO_1904 = 1462;

/**
 * The first day Excel's serials show right: before it, Excel counts a 1900-02-29 that never was (and
 * before 1900 it has no serials at all), so earlier dates are written as their text (YYYY-MM-DD).
 */
export const FIRST_SERIAL_DATE = '1900-03-01';

/** Whether a date (YYYY-MM-DD) is written as a date serial, not as its text. */
export function hasDateSerial(iso: string): boolean {
  return iso >= FIRST_SERIAL_DATE;
}

/** The serial of 1900-02-29, a day Excel counts that never was. */
export const PHANTOM_LEAP_DAY_SERIAL = 60;

/** The serial of an ISO date (YYYY-MM-DD), from 1900-03-01 on. */
export function isoToSerial(iso: string): number {
  return (Date.parse(`${iso}T00:00:00.000Z`) - EXCEL_EPOCH_MS) / DAY_MS;
}

/** Excel's last date, 9999-12-31: larger serials are no date any spreadsheet shows. */
export const MAX_DATE_SERIAL = 2_958_465;

/**
 * UTC midnight of the day a serial falls on: a time of day (46398.75 is 18:00) stays on its day. A
 * tiny float error below a whole day (46398.9999999999) still counts as that whole day. Serials below
 * 60 are Excel's January and February 1900, one day later than the count from 1899-12-30 gives (Excel
 * counts 1900-02-29); serial 60 is that day, which is no date (callers refuse it).
 */
export function serialToDate(serial: number): Date {
  const day = Math.floor(serial + 1e-9);
  return new Date(EXCEL_EPOCH_MS + (day < PHANTOM_LEAP_DAY_SERIAL ? day + 1 : day) * DAY_MS);
}
