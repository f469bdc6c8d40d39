/**
 * One copy of each repeated value (project ids, key hashes, model names, days), detached from the chunk of
 * file text it was sliced from. A sliced string keeps its whole parent alive in V8, so records that hold
 * slices of 64 KB chunks would keep the file in memory; a million records share a few hundred values.
 */

const MAX_POOLED = 100_000;

export class StringPool {
  private readonly values = new Map<string, string>();

  get(text: string): string {
    if (text.length === 0) return '';
    const known = this.values.get(text);
    if (known !== undefined) return known;
    const own = detach(text);
    if (this.values.size < MAX_POOLED) this.values.set(own, own);
    return own;
  }
}

/** A copy of the text that does not reference the string it was sliced from. */
export function detach(text: string): string {
  // Concatenation builds a new string; slicing it flattens that into fresh storage of this length only.
  return (' ' + text).slice(1);
}
