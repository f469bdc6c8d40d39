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

/** The names within two edits of `word` (case aside), closest first: what it may have meant. */
export function closeNames(word: string, names: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  return [...names]
    .map((name) => ({ name, d: distance(lower, name.toLowerCase()) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)
    .map(({ name }) => name);
}
