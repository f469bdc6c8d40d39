import type { ActualPiece } from './actual-pieces';
import { PIECE_FIELD } from './match-actuals';
import { MATCH_FIELDS, type MatchField } from './match-rules';
import { showValue } from '../safe-text';

/**
 * The values a match rule can test, as the compared actuals have them: the Match rules panel offers them
 * while a rule is typed, and the CLI's `match` names them when a new rule matches nothing.
 */

/** Per field, the distinct non-empty values the compared actuals have, sorted. */
export function ledgerValues(pieces: readonly ActualPiece[]): Record<MatchField, string[]> {
  const seen = new Map<MatchField, Set<string>>(MATCH_FIELDS.map((f) => [f, new Set<string>()]));
  for (const piece of pieces) {
    for (const tag of piece.tags) if (tag !== '') seen.get('tag')?.add(tag);
    for (const [field, key] of Object.entries(PIECE_FIELD) as [Exclude<MatchField, 'tag'>, keyof ActualPiece][]) {
      const v = piece[key];
      if (typeof v === 'string' && v !== '') seen.get(field)?.add(v);
    }
  }
  const out = {} as Record<MatchField, string[]>;
  for (const f of MATCH_FIELDS) out[f] = [...(seen.get(f) ?? [])].sort();
  return out;
}

/** How many values a message names before "… (N in all)". */
const VALUES_NAMED = 8;

/** Values of the ledger named in a message: the first few, quoted safely, then how many there are in all. */
export function namedValues(values: readonly string[]): string {
  if (values.length === 0) return 'none';
  const named = values.slice(0, VALUES_NAMED).map((v) => showValue(v === '' ? '(none)' : v));
  return values.length > VALUES_NAMED ? `${named.join(', ')}, … (${values.length} in all)` : named.join(', ');
}
