/**
 * User text in cells: neutralised against formula injection (CWE-1236) and cut at Excel's cell limit.
 *
 * Text that begins with = + - @ tab or CR gets a leading apostrophe, so no spreadsheet (or a CSV opened
 * in one) reads it as a formula. Text that already begins with an apostrophe gets one too, which makes
 * the rule reversible: import strips exactly one leading apostrophe. Numbers are never touched.
 */

export const EXCEL_CELL_TEXT_LIMIT = 32_767;

const NEEDS_QUOTE = /^[=+\-@\t\r']/;

/** Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE/FFFF, lone surrogates). */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML cannot carry is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a workbook can hold it: characters XML cannot carry are dropped (the row keeps the exact text). */
export function xmlSafeText(text: string): string {
  return isPlainXmlText(text) ? text : text.replace(NOT_IN_XML, '');
}

/**
 * Whether text is printable ASCII with none of & < >: XML carries it as it is (most cells: ids, names,
 * models, projects). A 100k-row workbook writes millions of text cells; regular expressions are kept for
 * the rest.
 */
export function isPlainXmlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x26 || c === 0x3c || c === 0x3e) return false;
  }
  return true;
}

/**
 * JSON that text cells carry whole: JSON.stringify already escapes control characters and lone
 * surrogates, but not U+FFFE / U+FFFF, which XML cannot hold (the writer would drop them).
 */
export function jsonForCells(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export function neutralizeText(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

export function restoreText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

export interface CellText {
  /** What goes in the cell. */
  readonly text: string;
  /** The part cut off at the cell limit ('' when nothing was cut). */
  readonly cutTail: string;
}

/** Neutralised and cut to the cell limit; the cut tail is kept so import can restore the full text. */
export function cellText(original: string): CellText {
  const text = xmlSafeText(original);
  const safe = neutralizeText(text);
  if (safe.length <= EXCEL_CELL_TEXT_LIMIT) return { text: safe, cutTail: '' };
  // Keep the cut off part measured in the original text, so restore + tail gives it back exactly.
  const kept = safe.slice(0, EXCEL_CELL_TEXT_LIMIT);
  const keptOriginal = restoreText(kept);
  return { text: kept, cutTail: text.slice(keptOriginal.length) };
}
