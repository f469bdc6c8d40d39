/**
 * The UTC day a bucket or request started, from the ways files write time: ISO 8601 with or without an offset
 * (naive times are UTC, as OpenAI's and LiteLLM's are), unix seconds or milliseconds, and day-month-year or
 * month-day-year. Only the last is ever ambiguous: `03/04/2026` is read once the order is known (given by
 * the user, or proved by the file: a first number over 12 proves DMY, a second one MDY), never guessed.
 */

export const DATE_ORDERS = ['ISO', 'DMY', 'MDY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export type DayText =
  | { readonly kind: 'day'; readonly day: string }
  /** Day and month could be either way round: the order must come from the user or the rest of the file. */
  | { readonly kind: 'ambiguous'; readonly first: number; readonly second: number; readonly year: number }
  /** A D/M/Y date that proves the order (a number over 12), with its day. */
  | { readonly kind: 'proof'; readonly order: 'DMY' | 'MDY'; readonly day: string }
  | { readonly kind: 'bad'; readonly reason: string };

const DAY_MS = 86_400_000;
/** Unix times in seconds from 1973 (9 digits) to 5138; in milliseconds from 1973 on. */
const MIN_SECONDS = 1e8;
const MIN_MILLIS = 1e11;
const MAX_MILLIS = 253_402_300_800_000; // 10000-01-01

/**
 * Reads a date or time as a UTC day. `order` is the D/M/Y order when known ('ISO' refuses D/M/Y dates).
 * The text should be trimmed.
 */
export function readDayText(text: string, order: DateOrder | null): DayText {
  if (text.length === 0) return { kind: 'bad', reason: 'the date is empty' };
  const c4 = text.charCodeAt(4);
  if (c4 === 45 /* - */ && isDigits(text, 0, 4)) return readIso(text);
  if (isUnixTime(text)) return readUnix(text);
  return readDmy(text, order);
}

function isDigits(text: string, from: number, to: number): boolean {
  if (to > text.length) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function num(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

/** YYYY-MM-DD, then optionally [T or space]HH:MM[:SS[.fff]] and Z, ±HH:MM, ±HHMM or ±HH. */
function readIso(text: string): DayText {
  if (text.length < 10 || text.charCodeAt(7) !== 45 || !isDigits(text, 5, 7) || !isDigits(text, 8, 10)) {
    return bad(text, 'is not a date (expected YYYY-MM-DD)');
  }
  const year = num(text, 0, 4);
  const month = num(text, 5, 7);
  const day = num(text, 8, 10);
  if (!validDate(year, month, day)) return bad(text, 'is not a calendar date');
  if (text.length === 10) return { kind: 'day', day: text };
  const sep = text[10];
  if (sep !== 'T' && sep !== ' ' && sep !== 't') return bad(text, 'is not an ISO 8601 date and time');
  const time = readTime(text, 11);
  if (time === null) return bad(text, 'has a time that is not HH:MM[:SS]');
  const shiftedMinutes = time.minutes - time.offsetMinutes;
  if (shiftedMinutes >= 0 && shiftedMinutes < 1440) return { kind: 'day', day: text.slice(0, 10) };
  const days = daysFromCivil(year, month, day) + Math.floor(shiftedMinutes / 1440);
  return { kind: 'day', day: civilFromDays(days) };
}

/** Minutes into the day and the offset east of UTC in minutes, or null. */
function readTime(text: string, start: number): { minutes: number; offsetMinutes: number } | null {
  const n = text.length;
  if (!isDigits(text, start, start + 2) || text[start + 2] !== ':' || !isDigits(text, start + 3, start + 5))
    return null;
  const hours = num(text, start, start + 2);
  const minutes = num(text, start + 3, start + 5);
  let i = start + 5;
  if (text[i] === ':') {
    if (!isDigits(text, i + 1, i + 3)) return null;
    i += 3;
    if (text[i] === '.' || text[i] === ',') {
      i++;
      const from = i;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      if (i === from) return null;
    }
  }
  if (hours > 24 || minutes > 59) return null;
  const offset = readOffset(text, i);
  if (offset === null) return null;
  return { minutes: hours * 60 + minutes, offsetMinutes: offset };
}

function readOffset(text: string, i: number): number | null {
  const n = text.length;
  if (i === n) return 0;
  const c = text[i];
  if ((c === 'Z' || c === 'z') && i + 1 === n) return 0;
  if (c !== '+' && c !== '-') return null;
  const sign = c === '-' ? -1 : 1;
  const rest = text.slice(i + 1);
  let hh: number;
  let mm = 0;
  if (/^\d\d$/.test(rest)) hh = Number(rest);
  else if (/^\d\d:?\d\d$/.test(rest)) {
    hh = Number(rest.slice(0, 2));
    mm = Number(rest.slice(-2));
  } else return null;
  if (hh > 14 || mm > 59) return null;
  return sign * (hh * 60 + mm);
}

/** Digits, optionally with a fraction ("1790812800", "1790812800.0", "1794528000000"). */
function isUnixTime(text: string): boolean {
  let i = 0;
  const n = text.length;
  while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === 0) return false;
  if (i === n) return true;
  if (text[i] !== '.') return false;
  return isDigits(text, i + 1, n) && i + 1 < n;
}

const epochDays = new Map<number, string>();

function readUnix(text: string): DayText {
  const value = Number(text);
  if (!(value >= MIN_SECONDS)) return bad(text, 'is not a date (a number too small for unix seconds)');
  const ms = value >= MIN_MILLIS ? value : value * 1000;
  if (ms >= MAX_MILLIS) return bad(text, 'is not a date (a number too large for unix milliseconds)');
  const days = Math.floor(ms / DAY_MS);
  let day = epochDays.get(days);
  if (day === undefined) {
    day = civilFromDays(days);
    if (epochDays.size < 10_000) epochDays.set(days, day);
  }
  return { kind: 'day', day };
}

/**
 * D/M/Y or M/D/Y with `/`, `.` or `-` and a four-digit year (an optional time after a space is ignored: it is
 * naive, so UTC), or Y/M/D with a four-digit year first.
 */
function readDmy(text: string, order: DateOrder | null): DayText {
  const m =
    /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:[ T,]+\d{1,2}:\d\d(?::\d\d(?:[.,]\d+)?)?(?:\s*[AaPp][Mm])?)?$/.exec(text);
  if (!m) return bad(text, 'is not a date (expected ISO YYYY-MM-DD, unix time, DD/MM/YYYY or MM/DD/YYYY)');
  const [, a = '', , b = '', c = ''] = m;
  if (a.length === 4) {
    const year = Number(a);
    return dayOrBad(text, year, Number(b), Number(c));
  }
  if (c.length !== 4) return bad(text, 'has no four-digit year');
  const first = Number(a);
  const second = Number(b);
  const year = Number(c);
  if (order === 'ISO') return bad(text, 'is not an ISO date (YYYY-MM-DD); choose the date format DMY or MDY');
  if (order === 'DMY') return dayOrBad(text, year, second, first, 'day/month/year');
  if (order === 'MDY') return dayOrBad(text, year, first, second, 'month/day/year');
  if (first > 12 && second <= 12) return proof(text, 'DMY', year, second, first);
  if (second > 12 && first <= 12) return proof(text, 'MDY', year, first, second);
  if (first === second) return dayOrBad(text, year, first, second);
  if (first > 12 && second > 12) return bad(text, 'is not a date in either day/month or month/day order');
  return { kind: 'ambiguous', first, second, year };
}

function proof(text: string, order: 'DMY' | 'MDY', year: number, month: number, day: number): DayText {
  const read = dayOrBad(text, year, month, day);
  return read.kind === 'day' ? { kind: 'proof', order, day: read.day } : read;
}

function dayOrBad(text: string, year: number, month: number, day: number, as = ''): DayText {
  if (!validDate(year, month, day)) return bad(text, as ? `is not a valid ${as} date` : 'is not a calendar date');
  return { kind: 'day', day: formatDay(year, month, day) };
}

/** The day of an ambiguous date once the order is known. */
export function resolveAmbiguous(
  date: { readonly first: number; readonly second: number; readonly year: number },
  order: 'DMY' | 'MDY',
): string | null {
  const [month, day] = order === 'DMY' ? [date.second, date.first] : [date.first, date.second];
  return validDate(date.year, month, day) ? formatDay(date.year, month, day) : null;
}

function bad(text: string, why: string): DayText {
  return { kind: 'bad', reason: `${quoteShort(text)} ${why}` };
}

function quoteShort(text: string): string {
  return JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatDay(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm: integer arithmetic, no Date object). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** YYYY-MM-DD of a count of days since 1970-01-01. */
export function civilFromDays(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatDay(year, month, day);
}
