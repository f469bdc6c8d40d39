import type { ActualPiece } from './actual-pieces';
import { PIECE_FIELD } from './match-actuals';
import { MATCH_FIELDS, type MatchField } from './match-rules';

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
