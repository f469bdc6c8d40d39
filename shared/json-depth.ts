/**
 * How deeply a JSON text nests, checked in one pass before it is parsed: a plan holds nothing deeper
 * than a few levels, and a text nested millions deep would make parsing, validation and export
 * overflow the stack or take seconds.
 */

export const MAX_JSON_DEPTH = 64;

/** Null when `text` nests at most `max` deep; otherwise the message saying so. Strings are skipped. */
export function jsonDepthProblem(text: string, max = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i + 1);
      if (i < 0) return null; // an unterminated string: nothing after it nests
    } else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max)
        return `the data nests more than ${max} levels deep (at character ${(i + 1).toLocaleString('en-US')}); no Pixel Ledger plan does`;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return null;
}

/**
 * The index of the quote closing a string whose text starts at `from`, or -1 when none does. Found with
 * indexOf (a native scan: a plan's text is mostly strings), a quote escaped by an odd run of
 * backslashes skipped.
 */
function stringEnd(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote >= 0) {
    let backslashes = 0;
    while (quote - 1 - backslashes >= from && text.charCodeAt(quote - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

/**
 * Whether a parsed JSON value nests more than `max` deep (counted as jsonDepthProblem counts the text
 * it came from). A walk of the value, a few comparisons per value: cheaper than scanning the text, and
 * it stops `max` levels down, so it never recurses far.
 */
export function valueNestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  return typeof value === 'object' && value !== null && containerDeeperThan(value, 1, max);
}

function containerDeeperThan(container: object, depth: number, max: number): boolean {
  if (depth > max) return true;
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const item: unknown = container[i];
      if (typeof item === 'object' && item !== null && containerDeeperThan(item, depth + 1, max)) return true;
    }
    return false;
  }
  const record = container as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === 'object' && item !== null && containerDeeperThan(item, depth + 1, max)) return true;
  }
  return false;
}
