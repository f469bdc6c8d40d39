/**
 * How deeply a JSON text nests, checked in one pass before it is parsed: a plan holds nothing deeper
 * than a few levels, and a text nested millions deep would make parsing, validation and export
 * overflow the stack or take seconds.
 */

export const MAX_JSON_DEPTH = 64;

/** Null when `text` nests at most `max` deep; otherwise the message saying so. Strings are skipped. */
export function jsonDepthProblem(text: string, max = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max)
        return `the data nests more than ${max} levels deep (at character ${(i + 1).toLocaleString('en-US')}); no Pixel Ledger plan does`;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return null;
}
