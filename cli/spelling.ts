/** Levenshtein distance, for "did you mean" on a mistyped command or field. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The names within two edits of `word` (case aside), closest first: what it may have meant. A name more
 * than two characters longer or shorter is not compared, and a word no longer than its distance (any
 * two-letter word is two edits from "id") means nothing.
 */
export function closeNames(word: string, names: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  const close: { name: string; d: number }[] = [];
  for (const name of names) {
    if (Math.abs(name.length - word.length) > 2) continue;
    const d = distance(lower, name.toLowerCase());
    if (d <= 2 && d < word.length) close.push({ name, d });
  }
  return close.sort((a, b) => a.d - b.d).map(({ name }) => name);
}
