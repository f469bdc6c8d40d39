import { scaledToDecimalString } from '../shared/money/exact';
import { microToDecimalString } from '../shared/money/format';
import { floorQuotient, type Micro } from '../shared/money/rounding';
import { safeCharAt } from '../shared/safe-text';
import type { Column } from './format';

const SPACE = 0x20;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const LINE_FEED = 0x0a;
const TAB = 0x09;

/** The largest scale putScaledDecimal writes from the number (far past any price's: larger goes by string). */
const MAX_SCALED_DIGITS = 64;

/** What a cell usually takes (a name, an amount): the first guess at the buffer's size. */
const BYTES_PER_CELL = 10;

/** Bytes of lines gathered before each call of `write` (a 100k-row table is about 15 MB). */
const CHUNK_BYTES = 1 << 20;

/**
 * A plain-text table built as UTF-8 bytes, for tables too long to build as strings (the estimate of a
 * 100k-row plan): each cell is written into one growing buffer as it is formatted (digits, grouping and
 * money straight from numbers), with its length noted, so a row costs no strings, arrays or padding
 * copies; writeTo then pads the cells into lines and hands them on a chunk at a time.
 *
 * The text is writeTable's for the same cell strings (format.ts: columns two spaces apart, padded to
 * the widest cell, counted in UTF-16 code units as String.length counts), after terminalSafe, which the
 * CLI's streams apply: text cells are made terminal-safe as they are written. A line ends at its last
 * non-empty cell, its trailing spaces trimmed, which is what writeTable's trimEnd gives unless that cell's
 * own text ends in other whitespace (a tab, a line break); only free text could, so a table must not end
 * its lines with free text.
 *
 * Cells are written a piece at a time (put*), each cell closed by endCell; rows follow one another.
 */
export class ByteTable {
  private bytes: Uint8Array;
  private used = 0;
  /** Per cell: where its bytes end, and its length in UTF-16 code units (what a column's width counts). */
  private ends: Int32Array;
  private lengths: Int32Array;
  private cells = 0;
  /** The open cell's column. */
  private column = 0;
  /** The open cell's start (bytes) and length so far (code units). */
  private cellStart = 0;
  private cellLength = 0;
  /** Whether any byte is outside ASCII (then chunks are decoded as UTF-8, else as Latin-1: faster). */
  private nonAscii = false;
  private readonly widths: number[];
  private readonly right: boolean[];
  /** Rows written before the table's closing rows (its totals), which a rule sets apart; null: none. */
  private footerStart: number | null = null;

  /** `rows`: how many rows are coming, if known (the arrays are made that large at once, not grown). */
  constructor(
    private readonly columns: readonly Column[],
    rows = 1_000,
  ) {
    const cells = (rows + 4) * columns.length;
    this.ends = new Int32Array(cells);
    this.lengths = new Int32Array(cells);
    this.bytes = new Uint8Array(Math.max(1 << 16, cells * BYTES_PER_CELL));
    this.widths = columns.map(() => 0);
    this.right = columns.map((c) => c.align === 'right');
    this.addRow(columns.map((c) => c.header));
  }

  /** Rows so far, the header included. */
  get rowCount(): number {
    return Math.floor(this.cells / this.columns.length);
  }

  /** A whole row of text cells (the header, a footer row). */
  addRow(cells: readonly string[]): void {
    for (let i = 0; i < this.columns.length; i++) {
      this.putText(cells[i] ?? '');
      this.endCell();
    }
  }

  /** The rows added from now on are the footer, after a second rule. */
  startFooter(): void {
    this.footerStart = this.rowCount;
  }

  /** Text of any kind (a name from the plan): made terminal-safe, written as UTF-8. */
  putText(text: string): void {
    const length = text.length;
    this.ensure(length);
    const bytes = this.bytes;
    let at = this.used;
    let i = 0;
    // Printable ASCII, the usual text, byte by byte; anything else by putOtherText.
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < SPACE || c > 0x7e) break;
      bytes[at++] = c;
    }
    this.used = at;
    if (i < length) this.putOtherText(text, i);
    this.cellLength += length;
  }

  /**
   * The rest of putText's text from `from`, as terminalSafe and UTF-8 give it, encoded here character by
   * character: a plan whose names hold "×" or "é" in every row must not cost a string and a Buffer a row.
   */
  private putOtherText(text: string, from: number): void {
    const length = text.length;
    this.ensure(6 * (length - from)); // the most a code unit takes: "\u001b" escaped, 6 bytes
    const bytes = this.bytes;
    let at = this.used;
    for (let i = from; i < length; i++) {
      const c = text.charCodeAt(i);
      // Printable ASCII, and the tab and line feed terminalSafe keeps, as they are.
      if ((c >= SPACE && c <= 0x7e) || c === TAB || c === LINE_FEED) bytes[at++] = c;
      else if (!safeCharAt(text, i, c)) at = putEscaped(bytes, at, c);
      else if (c < 0x800) {
        this.nonAscii = true;
        bytes[at++] = 0xc0 | (c >> 6);
        bytes[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff) {
        // A whole surrogate pair (safeCharAt saw its low half): one code point, four bytes.
        this.nonAscii = true;
        const point = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
        bytes[at++] = 0xf0 | (point >> 18);
        bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
        bytes[at++] = 0x80 | (point & 0x3f);
      } else {
        this.nonAscii = true;
        bytes[at++] = 0xe0 | (c >> 12);
        bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.used = at;
  }

  /** Text known to be printable ASCII (the table's own words, decimal strings). */
  putAscii(text: string): void {
    const length = text.length;
    this.ensure(length);
    const bytes = this.bytes;
    let at = this.used;
    for (let i = 0; i < length; i++) bytes[at++] = text.charCodeAt(i);
    this.used = at;
    this.cellLength += length;
  }

  /** A whole number, digits grouped by three with commas when `grouped` (format.ts's integer). */
  putInteger(n: number, grouped: boolean): void {
    if (!Number.isSafeInteger(n)) {
      this.putGroupedDecimal(String(n), grouped);
      return;
    }
    this.ensure(32);
    if (n < 0) {
      this.bytes[this.used++] = MINUS;
      this.cellLength += 1;
      n = -n;
    }
    if (n < 1e9) {
      this.putDigits(n, grouped, 1);
      return;
    }
    // Larger: the digits above the last nine, then those nine, each part in 32-bit integer arithmetic.
    const high = floorQuotient(n, 1e9);
    const low = n - high * 1e9;
    this.putDigits(high, grouped, 1);
    if (grouped) {
      this.bytes[this.used++] = COMMA;
      this.cellLength += 1;
    }
    this.putDigits(low, grouped, 9);
  }

  /** The digits of `n` (0 <= n < 2^31), at least `minDigits` of them (leading zeros), grouped if asked. */
  private putDigits(n: number, grouped: boolean, minDigits: number): void {
    let value = n | 0;
    let digits = 1;
    for (let limit = 10; limit <= value; limit *= 10) digits += 1;
    if (digits < minDigits) digits = minDigits;
    const length = grouped ? digits + (((digits - 1) / 3) | 0) : digits;
    const bytes = this.bytes;
    let pos = this.used + length - 1;
    for (let k = 1; k <= digits; k++) {
      const next = (value / 10) | 0;
      bytes[pos--] = ZERO + value - next * 10;
      value = next;
      if (grouped && k % 3 === 0 && k < digits) bytes[pos--] = COMMA;
    }
    this.used += length;
    this.cellLength += length;
  }

  /**
   * A decimal string ("-12345.5") with its whole part grouped by three when `grouped`, as groupThousands
   * writes it (shared/money/format.ts), without making the grouped string.
   */
  putGroupedDecimal(decimal: string, grouped = true): void {
    const length = decimal.length;
    this.ensure(length * 2);
    const bytes = this.bytes;
    let at = this.used;
    const start = decimal.charCodeAt(0) === MINUS ? 1 : 0;
    let end = decimal.indexOf('.');
    if (end < 0) end = length;
    // A comma before each group of three whole digits but the first (groupThousands leaves three or fewer).
    let nextComma = grouped && end - start > 3 ? start + ((end - start) % 3 || 3) : end;
    for (let i = 0; i < length; i++) {
      if (i === nextComma && i < end) {
        bytes[at++] = COMMA;
        nextComma += 3;
      }
      bytes[at++] = decimal.charCodeAt(i);
    }
    this.cellLength += at - this.used;
    this.used = at;
  }

  /**
   * putGroupedDecimal(scaledToDecimalString(units, scale), grouped): `units` x 10^-scale written from the
   * number, trailing zeros of the fraction dropped, with no string made.
   */
  putScaledDecimal(units: number, scale: number, grouped = true): void {
    if (!Number.isSafeInteger(units) || !(scale >= 0 && scale <= MAX_SCALED_DIGITS) || !Number.isInteger(scale)) {
      this.putGroupedDecimal(scaledToDecimalString(units, scale), grouped);
      return;
    }
    if (units === 0) {
      this.putAscii('0'); // whatever the scale, as scaledToDecimalString gives it
      return;
    }
    if (units < 0) {
      this.putAscii('-');
      units = -units;
    }
    // The digits once, nine at a time in 32-bit integers; then the fraction's trailing zeros are dropped
    // from them (not divided out of a large double one by one).
    const digits = SCALED_DIGITS;
    let count = digitsOf(units, digits);
    while (scale > 0 && digits[count - 1] === ZERO) {
      count -= 1;
      scale -= 1;
    }
    const wholeDigits = count - scale; // <= 0: "0.0042", the fraction led by zeros
    this.ensure(2 * (count + 2) + scale);
    const bytes = this.bytes;
    let at = this.used;
    if (wholeDigits <= 0) bytes[at++] = ZERO;
    else {
      // A comma before each group of three whole digits but the first (as putGroupedDecimal).
      let nextComma = grouped && wholeDigits > 3 ? wholeDigits % 3 || 3 : wholeDigits;
      for (let i = 0; i < wholeDigits; i++) {
        if (i === nextComma) {
          bytes[at++] = COMMA;
          nextComma += 3;
        }
        bytes[at++] = digits[i] as number;
      }
    }
    if (scale > 0) {
      bytes[at++] = DOT;
      for (let i = wholeDigits; i < 0; i++) bytes[at++] = ZERO;
      for (let i = wholeDigits > 0 ? wholeDigits : 0; i < count; i++) bytes[at++] = digits[i] as number;
    }
    this.cellLength += at - this.used;
    this.used = at;
  }

  /** format.ts's usdText: an exact decimal string as USD ("$1,234.5", "-$0.21"). */
  putUsdDecimal(decimal: string): void {
    if (decimal.charCodeAt(0) === MINUS) {
      this.putAscii('-$');
      this.putGroupedDecimal(decimal.slice(1));
    } else {
      this.putAscii('$');
      this.putGroupedDecimal(decimal);
    }
  }

  /** format.ts's usdMicro: micro-USD with at least cents ("$50.5728", "$3.20", "-$1,000.00"). */
  putUsdMicro(value: Micro): void {
    if (!Number.isSafeInteger(value)) {
      this.putUsdDecimal(microToDecimalString(value, 2));
      return;
    }
    const negative = value < 0;
    const size = negative ? -value : value;
    const whole = floorQuotient(size, 1e6);
    const fraction = size - whole * 1e6;
    this.putAscii(negative ? '-$' : '$');
    this.putInteger(whole, true);
    // Six decimals with their trailing zeros dropped, but never fewer than two (cents).
    let micros = fraction | 0;
    let decimals = 6;
    while (decimals > 2 && micros % 10 === 0) {
      micros = (micros / 10) | 0;
      decimals -= 1;
    }
    this.ensure(decimals + 1);
    this.bytes[this.used++] = DOT;
    this.cellLength += 1;
    this.putDigits(micros, false, decimals);
  }

  /** Closes the cell written since the last one. */
  endCell(): void {
    const cell = this.cells;
    if (cell === this.ends.length) this.growCells();
    this.ends[cell] = this.used;
    this.lengths[cell] = this.cellLength;
    const column = this.column;
    if (this.cellLength > (this.widths[column] as number)) this.widths[column] = this.cellLength;
    this.column = column + 1 === this.widths.length ? 0 : column + 1;
    this.cells = cell + 1;
    this.cellStart = this.used;
    this.cellLength = 0;
  }

  /**
   * The table's text (no final line break), a chunk of lines per call of `write`; or per call of
   * `writeBytes`, when given, as the UTF-8 bytes (terminal-safe: see CliIo.stdoutBytes), each chunk its own.
   */
  writeTo(write: (text: string) => void, writeBytes?: (bytes: Uint8Array) => void): void {
    if (this.cellLength !== 0 || this.used !== this.cellStart) throw new Error('a table cell was left open');
    const rows = this.rowCount;
    const rule = new TextEncoder().encode(this.widths.map((w) => '-'.repeat(w)).join('  '));
    const widest = this.widths.reduce((sum, w) => sum + w + 2, 0);
    const encoding = this.nonAscii ? 'utf8' : 'latin1';
    // Chunks start as spaces (one native fill), so a cell's padding is a skip rather than bytes written.
    // A small table needs no 1 MB chunk: one as large as the test below could ask for with every row
    // (cells, each row's padding and line break, the rules twice over) holds it all in one write.
    const whole = this.used + rows * (widest + 1) + 4 * rule.length + 5;
    let chunk = spaces(Math.min(CHUNK_BYTES, whole));
    let at = 0;
    const footer = this.footerStart ?? rows;
    // Here the chunks and the rows with a rule, a few times per table; the rows between them in putLines.
    for (let row = 0; row < rows;) {
      const most = this.rowBytesAtMost(row, widest, rule.length);
      if (at + most > chunk.length) {
        handOn(chunk, at, encoding, write, writeBytes);
        // A chunk handed on as bytes is the writer's to keep: the next lines go into a new one.
        if (writeBytes !== undefined || most > chunk.length) chunk = spaces(Math.max(most, CHUNK_BYTES));
        else chunk.fill(SPACE, 0, at);
        at = 0;
      }
      if (row === 0 || row === footer) {
        if (row > 0) {
          chunk[at++] = LINE_FEED;
          chunk.set(rule, at);
          at += rule.length;
          chunk[at++] = LINE_FEED;
        }
        at = this.putLine(chunk, at, row * this.columns.length);
        if (row === 0) {
          chunk[at++] = LINE_FEED;
          chunk.set(rule, at);
          at += rule.length;
        }
        row += 1;
      } else {
        row = this.putLines(chunk, at, row, row < footer ? footer : rows, widest, rule.length);
        at = this.linesEnd;
      }
    }
    if (at > 0) handOn(chunk, at, encoding, write, writeBytes);
  }

  /** Where putLines stopped writing in its chunk. */
  private linesEnd = 0;

  /**
   * The lines of rows `from` to `to` (none with a rule before it), each after a line break, put in
   * `chunk` at `at` until one might not fit; returns the row it stopped at, and sets linesEnd. The
   * table's hot loop, with nothing in it that runs only now and then (writeTo does that).
   */
  private putLines(
    chunk: Uint8Array,
    at: number,
    from: number,
    to: number,
    widest: number,
    ruleLength: number,
  ): number {
    const columnCount = this.columns.length;
    let row = from;
    for (; row < to; row++) {
      if (at + this.rowBytesAtMost(row, widest, ruleLength) > chunk.length) break;
      chunk[at++] = LINE_FEED;
      at = this.putLine(chunk, at, row * columnCount);
    }
    this.linesEnd = at;
    return row;
  }

  /** The most a row's line can take: its cells' bytes, every column's width and gap, rules and line breaks. */
  private rowBytesAtMost(row: number, widest: number, ruleLength: number): number {
    const first = row * this.columns.length;
    const start = first === 0 ? 0 : (this.ends[first - 1] as number);
    return (this.ends[first + this.columns.length - 1] as number) - start + widest + 2 * ruleLength + 3;
  }

  /**
   * The line of the row whose first cell is `first`, padded, put in `chunk` at `at` (which holds spaces
   * from there on); returns its end.
   */
  private putLine(chunk: Uint8Array, at: number, first: number): number {
    const bytes = this.bytes;
    const ends = this.ends;
    const lengths = this.lengths;
    const widths = this.widths;
    const right = this.right;
    const lineStart = at;
    // The line ends at its last non-empty cell (writeTable trims the padding after it).
    let last = widths.length - 1;
    while (last > 0 && lengths[first + last] === 0) last -= 1;
    let start = first === 0 ? 0 : (ends[first - 1] as number);
    for (let column = 0; column <= last; column++) {
      const cell = first + column;
      const end = ends[cell] as number;
      const pad = (widths[column] as number) - (lengths[cell] as number);
      if (column > 0) at += 2;
      // The chunk holds spaces where nothing is written yet (see writeTo): padding is skipped over.
      if (right[column]) at += pad;
      for (let b = start; b < end; b++) chunk[at++] = bytes[b] as number;
      if (!right[column] && column < last) at += pad;
      start = end;
    }
    // The padding of a blank last cell (or text ending in spaces) is trimmed, as writeTable's trimEnd does.
    while (at > lineStart && chunk[at - 1] === SPACE) at -= 1;
    return at;
  }

  private ensure(more: number): void {
    if (this.used + more <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.used + more) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }

  private growCells(): void {
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
    const lengths = new Int32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}

/** A code unit terminalSafe escapes, as it writes it ("\u001b"), put at `at`; returns the end. */
function putEscaped(bytes: Uint8Array, at: number, c: number): number {
  bytes[at++] = 0x5c; // backslash
  bytes[at++] = 0x75; // u
  for (let shift = 12; shift >= 0; shift -= 4) bytes[at++] = HEX_DIGITS.charCodeAt((c >> shift) & 0xf);
  return at;
}
const HEX_DIGITS = '0123456789abcdef';

/** putScaledDecimal's scratch: a safe integer's digits (at most 16) as ASCII. */
const SCALED_DIGITS = new Uint8Array(16);

/**
 * The decimal digits of `n` (a safe integer > 0) as ASCII in `into`, most significant first; returns how
 * many. The last nine are split off by a division whose rounding near 2^53 is put right, then each part
 * is read in 32-bit integers.
 */
function digitsOf(n: number, into: Uint8Array): number {
  let high = n;
  let low = 0;
  let lowDigits = 0;
  if (n >= 1e9) {
    high = floorQuotient(n, 1e9);
    low = n - high * 1e9;
    lowDigits = 9;
  }
  let value = high | 0; // below 2^53 / 1e9 < 2^31
  let highDigits = 1;
  for (let limit = 10; limit <= value; limit *= 10) highDigits += 1;
  const count = highDigits + lowDigits;
  let pos = count - 1;
  let part = low | 0;
  for (let k = 0; k < lowDigits; k++) {
    const next = (part / 10) | 0;
    into[pos--] = ZERO + part - next * 10;
    part = next;
  }
  for (let k = 0; k < highDigits; k++) {
    const next = (value / 10) | 0;
    into[pos--] = ZERO + value - next * 10;
    value = next;
  }
  return count;
}

/** The first `length` bytes of a chunk of lines, to `writeBytes` as they are, else as text to `write`. */
function handOn(
  chunk: Uint8Array,
  length: number,
  encoding: 'latin1' | 'utf8',
  write: (text: string) => void,
  writeBytes: ((bytes: Uint8Array) => void) | undefined,
): void {
  if (writeBytes === undefined) write(Buffer.from(chunk.buffer, chunk.byteOffset, length).toString(encoding));
  else writeBytes(chunk.subarray(0, length));
}

/** A buffer of `size` spaces: what writeTo fills a table's lines into. */
function spaces(size: number): Uint8Array {
  return new Uint8Array(size).fill(SPACE);
}
