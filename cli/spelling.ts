/**
 * Edits to turn one text into the other: a letter inserted, removed, changed, or two neighbours swapped
 * (optimal string alignment distance; "modle" is one edit from "model"): for "did you mean" on a
 * mistyped option, command or field.
 */
export function distance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1] ?? [];
      let best = Math.min(
        (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        (above[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
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
