/**
 * User text inside an error message: quoted, bounded, with control characters escaped, so a hostile cell
 * (a 5 MB value, a line break, an escape sequence) cannot flood or forge the preview, a log or a terminal.
 */

const MAX_QUOTED = 60;

export function quoteForMessage(text: string, max = MAX_QUOTED): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  // JSON.stringify escapes quotes, backslashes and C0 controls; C1 controls and bidi marks are escaped here.
  const escaped = JSON.stringify(cut).replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
  return text.length > max ? `${escaped.slice(0, -1)}…" (${text.length} characters)` : escaped;
}

/** A whole message bounded in length, for reasons built from several parts. */
export function boundMessage(message: string, max = 300): string {
  return message.length > max ? message.slice(0, max - 1) + '…' : message;
}
