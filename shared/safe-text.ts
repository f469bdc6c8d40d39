/**
 * Text from a plan or a file, made safe to put in a message: bounded in length, and with control
 * characters shown escaped, so a plan's name cannot move a terminal's cursor, recolour it or hide text
 * (ANSI escape sequences, C1 controls, bidirectional overrides), and one bad value cannot make a
 * 150 MB error line. Escapes are written as JSON writes them (\u001b), so a message stays valid inside
 * a JSON string too.
 */

/** A message as a whole, at most this long (a value inside it: VALUE_MAX). */
export const MESSAGE_MAX = 2_000;
export const VALUE_MAX = 80;
/** How many problems a list shows before "and N more". */
export const LIST_MAX = 50;

// C0 controls (tab and line feed are kept where a message may have lines), DEL, C1 controls, the
// bidirectional embeddings, overrides and isolates, line and paragraph separators, U+FFFE/U+FFFF.
const UNSAFE_IN_LINE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_IN_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with unsafe characters escaped, cut at `max` characters (never inside a surrogate pair) and the
 * rest counted. It cuts before escaping: escaping a 150 MB value only to throw most of it away would be
 * the very hang this prevents.
 */
function escapedAndCut(text: string, max: number, unsafe: RegExp): string {
  if (text.length <= max) return text.replace(unsafe, escapeChar);
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const rest = (text.length - end).toLocaleString('en-US');
  return `${text.slice(0, end).replace(unsafe, escapeChar)}… (${rest} more characters)`;
}

/** A value quoted in a message (a name, a cell's text): one line, control characters escaped, short. */
export function showValue(value: unknown, max = VALUE_MAX): string {
  return escapedAndCut(typeof value === 'string' ? value : String(value), max, UNSAFE_IN_LINE);
}

/**
 * A whole message: control characters escaped (its own line breaks and tabs kept), at most `max`
 * characters, the rest counted.
 */
export function safeMessage(text: string, max = MESSAGE_MAX): string {
  return escapedAndCut(text, max, UNSAFE_IN_TEXT);
}

/** A message on one line: line breaks become spaces, then it is made safe. */
export function safeLine(text: string, max = MESSAGE_MAX): string {
  const oneLine = (text.length > max * 4 ? text.slice(0, max * 4) : text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const line = escapedAndCut(oneLine, max, UNSAFE_IN_LINE);
  return text.length > max * 4 && line.length <= max ? `${line}…` : line;
}

/** At most `max` items, then "and N more" in the caller's words ("problems", "rows"). */
export function limitList(items: readonly string[], noun: string, max = LIST_MAX): string[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max), `… and ${(items.length - max).toLocaleString('en-US')} more ${noun}`];
}

/** What a terminal is given: control characters other than line feed and tab shown escaped. */
export function terminalSafe(text: string): string {
  return plainText(text) ? text : text.replace(UNSAFE_IN_TEXT, escapeChar);
}

/**
 * True when `text` holds nothing UNSAFE_IN_TEXT matches. The usual output (a table of 100k rows, tens of
 * megabytes) is printable ASCII: a native scan (CANDIDATES) finds the few characters the pattern could
 * match, and only those are looked at closely; safe non-ASCII text ("…", "×", names in any script) passes.
 */
function plainText(text: string): boolean {
  const candidates = CANDIDATES;
  candidates.lastIndex = 0;
  for (let found = candidates.exec(text); found !== null; found = candidates.exec(text)) {
    const i = found.index;
    const c = text.charCodeAt(i);
    if (!safeCharAt(text, i, c)) return false;
    if (c >= 0xd800 && c <= 0xdbff) candidates.lastIndex = i + 2; // a whole surrogate pair, checked by safeCharAt
  }
  return true;
}

/** Every character UNSAFE_IN_TEXT could match (and some safe ones near them), by UTF-16 code unit. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CANDIDATES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e-\u206f\ud800-\uffff]/g;

/**
 * Whether the character at `i` (code `c`, outside printable ASCII and not a tab or line feed) is one
 * UNSAFE_IN_TEXT leaves alone (for a high surrogate: the whole pair it opens).
 */
export function safeCharAt(text: string, i: number, c: number): boolean {
  if (c < 0xa0) return false; // C0 controls (tab and line feed aside), DEL, C1 controls
  if (c === 0x200e || c === 0x200f || c === 0x2028 || c === 0x2029) return false;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfffe || c === 0xffff) return false;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff; // a high surrogate must open a pair
  }
  return !(c >= 0xdc00 && c <= 0xdfff); // a low surrogate here has no high one before it
}
