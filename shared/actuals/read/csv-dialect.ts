import { CsvTokenizer } from './csv-tokenizer';

/**
 * The dialect of a CSV file, sniffed from its first lines: the delimiter (`,` `;` tab `|`) and the decimal
 * separator its numbers use (European exports write `;` and `1.234,56`). The user can always override both.
 */

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DECIMAL_SEPARATORS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];

/** Records of the sample tokenized with one delimiter (complete records only; the last may be cut). */
export function sampleRecords(sample: string, delimiter: Delimiter, complete: boolean, max = 50): string[][] {
  const rows: string[][] = [];
  const tokenizer = new CsvTokenizer(delimiter, {
    record: (view) => {
      if (rows.length < max) rows.push(view.fields());
    },
    reject: () => undefined,
  });
  tokenizer.push(sample);
  if (complete) tokenizer.end();
  return rows;
}

/**
 * The delimiter whose header has the most columns among those that split the following lines into the same
 * number of columns. Ties go to the order of DELIMITERS (`,` first); a one-column file is `,`.
 */
export function sniffDelimiter(sample: string, complete: boolean): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const rows = sampleRecords(sample, delimiter, complete, 20);
    const header = rows[0]?.length ?? 0;
    if (header < 2) continue;
    const body = rows.slice(1);
    const consistent = body.length === 0 ? 1 : body.filter((r) => r.length === header).length / body.length;
    const score = Math.round(consistent * 100) * 10_000 + header;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

const DOT_PROOF = [/^[-+]?\d+\.(\d{1,2}|\d{4,})$/, /^[-+]?\d{1,3}(,\d{3})+\.\d+$/, /^[-+]?\d+\.\d+[eE][-+]?\d+$/];
const COMMA_PROOF = [
  /^[-+]?\d+,(\d{1,2}|\d{4,})$/,
  /^[-+]?\d{1,3}([.\u0020\u00a0\u202f]\d{3})+,\d+$/,
  /^[-+]?\d+,\d+[eE][-+]?\d+$/,
];

/**
 * The decimal separator the sample's numbers prove (`0.0529`, `1,234.5` prove a point; `1,5`, `1.234,56`
 * prove a comma; `1.234` proves nothing). Without proof: a comma in `;` files (European Excel), else a point.
 */
export function sniffDecimalSeparator(rows: readonly (readonly string[])[], delimiter: Delimiter): DecimalSeparator {
  let dot = 0;
  let comma = 0;
  for (const row of rows.slice(1)) {
    for (const raw of row) {
      const cell = raw.trim();
      if (cell.length === 0 || cell.length > 40) continue;
      if (DOT_PROOF.some((p) => p.test(cell))) dot++;
      else if (COMMA_PROOF.some((p) => p.test(cell))) comma++;
    }
  }
  if (dot !== comma) return dot > comma ? '.' : ',';
  return delimiter === ';' ? ',' : '.';
}
