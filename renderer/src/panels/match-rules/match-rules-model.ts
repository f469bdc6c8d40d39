import { groupInteger } from '../../../../shared/money/format';
import { allocateLargestRemainder, type Micro } from '../../../../shared/money/rounding';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import { rowFinder } from '../../state/row-ops';
import type { ActualPiece } from '../../../../shared/reconcile/actual-pieces';
import type { MatchRule, MatchTarget } from '../../../../shared/reconcile/match-rules';
import { grouped, usd } from '../../grid/money-text';

/**
 * What the Match rules panel shows, computed from the plan and its reconciliation (issue 12 §2): the
 * rules in pass order with what each matched, the values the ledger has for each field (offered when
 * adding a rule), the targets a rule or an assignment can name, and the checks and preview of a split.
 */

export { ledgerValues } from '../../../../shared/reconcile/ledger-values';

export interface RuleLine {
  readonly rule: MatchRule;
  /** 1-based: rules are tried in this order, the first that matches wins. */
  readonly order: number;
  readonly target: string;
  /** Buckets (actual pieces) the rule placed, and their money; a stronger pass's pieces are not counted. */
  readonly buckets: number;
  readonly micro: Micro;
}

/** A target in words: the row's name (and id), or the team. */
export function targetText(
  doc: PlanDocument,
  to: MatchTarget,
  findRow: (id: string) => PlanDocument['rows'][number] | undefined = rowFinder(doc, 1),
): string {
  if (to.kind === 'team') return `team ${to.team} (by planned cost)`;
  const row = findRow(to.rowId);
  return row ? `${row.name} (${row.id})` : `${to.rowId} (no such row)`;
}

/** The plan's rules in pass order, each with the buckets and money it placed (the reconciliation's byRule). */
export function ruleLines(
  doc: PlanDocument,
  byRule: ReadonlyMap<string, { readonly pieces: number; readonly micro: Micro }>,
): RuleLine[] {
  const findRow = rowFinder(doc, doc.actuals.rules.length);
  return doc.actuals.rules.map((rule, i) => {
    const m = byRule.get(rule.id);
    const target = targetText(doc, rule.to, findRow);
    return { rule, order: i + 1, target, buckets: m?.pieces ?? 0, micro: m?.micro ?? 0 };
  });
}

export interface TargetOption {
  /** What planAddRule reads: a row id, or team:NAME. */
  readonly value: string;
  readonly label: string;
}

/** Each row as a choice: its name and id. */
export function rowOptions(doc: PlanDocument): TargetOption[] {
  return doc.rows.map((r) => ({ value: r.id, label: `${r.name || '(unnamed)'} (${r.id})` }));
}

/** The rows (by name) and the teams a rule can send spend to. */
export function targetOptions(doc: PlanDocument): { rows: TargetOption[]; teams: TargetOption[] } {
  const teams = [...new Set(doc.rows.map((r) => r.team.trim()).filter((t) => t !== ''))];
  return {
    rows: rowOptions(doc),
    teams: teams.map((t) => ({ value: `team:${t}`, label: `Team ${t}: split by planned cost` })),
  };
}

/**
 * Rows a row picker lists at once: a 100k-row plan's every row in one drop-down took seconds to open the
 * panel, and no one scrolls such a list; the words typed above it reach the others.
 */
export const ROWS_LISTED = 500;

/** The first `limit` items whose text holds every word of the query (holdsEveryWord), in their order. */
function firstHoldingEveryWord<T>(items: readonly T[], text: (item: T) => string, query: string, limit: number): T[] {
  const words = queryWords(query);
  const found: T[] = [];
  for (const item of items) {
    if (found.length === limit) break;
    if (holdsEveryWord(text(item), words)) found.push(item);
  }
  return found;
}

/** The options whose label holds every word of the query (holdsEveryWord), at most `limit`. */
export function rowsMatching(options: readonly TargetOption[], query: string, limit: number): TargetOption[] {
  return firstHoldingEveryWord(options, (option) => option.label, query, limit);
}

/**
 * The most ledger values a rule's value box suggests at once: a ledger of a large organisation can hold
 * tens of thousands of users or tags, more than a suggestion list can usefully show or quickly draw.
 */
export const VALUES_OFFERED = 500;

/** The suggestions for a rule's value: the field's values holding every word typed, the first `limit`. */
export function valuesOffered(values: readonly string[], typed: string, limit = VALUES_OFFERED): string[] {
  return firstHoldingEveryWord(values, (value) => value, typed, limit);
}

/** What the value box says when it suggests only some of a field's values; null when it suggests them all. */
export function valuesOfferedText(offered: number, total: number, typed: string): string | null {
  if (offered < VALUES_OFFERED || total <= VALUES_OFFERED) return null;
  const first = `Suggesting the first ${groupInteger(offered)}`;
  return typed.trim() === ''
    ? `${first} of ${groupInteger(total)} values: type part of a value to find others`
    : `${first} values holding “${typed.trim()}” (of ${groupInteger(total)}): type more to narrow them`;
}

/** A filter box's words, lower-cased: what holdsEveryWord looks for. */
function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** Whether the text holds every word, ignoring case (any text, for no words): the panel's filters' rule. */
function holdsEveryWord(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w));
}

/** The options listed, with the chosen one in front when it is not among them (a drop-down shows its value). */
export function withChosen(
  listed: readonly TargetOption[],
  all: readonly TargetOption[],
  chosen: string,
): TargetOption[] {
  if (chosen === '' || listed.some((o) => o.value === chosen)) return [...listed];
  const kept = all.find((o) => o.value === chosen);
  return kept ? [kept, ...listed] : [...listed];
}

/** What a row picker that lists only some rows says of them: how many of how many, or that none match. */
export function rowsListedText(found: number, total: number): string {
  if (found === 0) return "no row's name or id holds those words";
  if (found < ROWS_LISTED) return `${groupInteger(found)} of ${groupInteger(total)} rows match`;
  return `the first ${groupInteger(found)} of ${groupInteger(total)} rows listed: type part of a name or id to find others`;
}

/** A bucket in words: its day, measure and the dimensions that are set. */
export function bucketText(piece: ActualPiece): string {
  const dims = [
    piece.project,
    piece.apiKey,
    piece.user,
    piece.campaign,
    piece.tags.join(', '),
    piece.vendor,
    piece.model,
    piece.lineItem,
  ].filter((d) => d !== '');
  return `${piece.day} ${piece.measure}: ${dims.join(' · ') || '(no dimensions)'}`;
}

/**
 * The buckets whose words (bucketText: day, measure, project, key, user, campaign, tags, vendor, model,
 * line item) hold every word of the query, ignoring case; every bucket for a blank query.
 */
export function filterBuckets(pieces: readonly ActualPiece[], query: string): readonly ActualPiece[] {
  const words = queryWords(query);
  if (words.length === 0) return pieces;
  return pieces.filter((p) => holdsEveryWord(bucketText(p), words));
}

const sumMicro = (pieces: readonly ActualPiece[]): Micro => pieces.reduce((s, p) => s + p.micro, 0);
const buckets = (n: number) => `${grouped(n)} unassigned bucket${n === 1 ? '' : 's'}`;

/**
 * What the bucket list holds when it is not every Unassigned bucket: the cap (largest first) or the
 * filter, in plain numbers and money; null when every bucket is listed.
 */
export function bucketsShownText(
  shown: readonly ActualPiece[],
  matching: readonly ActualPiece[],
  all: readonly ActualPiece[],
  total: Micro,
  query: string,
): string | null {
  const q = query.trim();
  if (q === '') {
    if (shown.length >= all.length) return null;
    return `Showing ${grouped(shown.length)} of ${buckets(all.length)} (${usd(sumMicro(shown))} of ${usd(total)}), largest first: filter to reach the others.`;
  }
  if (matching.length === 0) return `No unassigned bucket matches “${q}” (of ${buckets(all.length)}, ${usd(total)}).`;
  const capped = shown.length < matching.length ? ', largest first' : '';
  return `Showing ${grouped(shown.length)} of ${grouped(matching.length)} matching “${q}”${capped} (${usd(sumMicro(shown))} of ${usd(sumMicro(matching))}); ${buckets(all.length)} in all (${usd(total)}).`;
}

/** A percentage as the plan keeps it: up to 3 whole digits and 4 decimals ("33.3333"). */
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** A percentage in ten-thousandths (the matcher's weights), or null when it is not one. */
export function percentWeight(text: string): bigint | null {
  const t = text.trim();
  if (!PERCENT.test(t)) return null;
  const [whole = '0', frac = ''] = t.split('.');
  return BigInt(whole) * 10_000n + BigInt(frac.padEnd(4, '0'));
}

function tenThousandthsText(n: bigint): string {
  const whole = n / 10_000n;
  const frac = (n % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac === '' ? whole.toString() : `${whole}.${frac}`;
}

export interface SplitPart {
  readonly rowId: string;
  readonly pct: string;
}

/** The percentages typed for a split: the rows with a percentage, blanks left out. */
export function splitParts(percents: Readonly<Record<string, string>>, rowIds: readonly string[]): SplitPart[] {
  return rowIds
    .filter((id) => (percents[id] ?? '').trim() !== '')
    .map((id) => ({ rowId: id, pct: percents[id]!.trim() }));
}

/** What the percentages add up to, as text ("90", "99.9999"), or null while one is not a percentage. */
export function percentSum(parts: readonly SplitPart[]): string | null {
  let sum = 0n;
  for (const p of parts) {
    const w = percentWeight(p.pct);
    if (w === null) return null;
    sum += w;
  }
  return tenThousandthsText(sum);
}

/** Why a split cannot be made (what, where, how to fix), or null when it can. */
export function splitProblem(parts: readonly SplitPart[], rowName: (id: string) => string): string | null {
  if (parts.length === 0) return 'Type a percentage for at least one row.';
  for (const p of parts)
    if (percentWeight(p.pct) === null)
      return `"${p.pct}" for ${rowName(p.rowId)} is not a percentage: write a number from 0 to 100 with at most 4 decimals, such as 50 or 33.3333.`;
  const sum = percentSum(parts);
  if (sum !== '100')
    return `The percentages add up to ${sum ?? '?'}%; they must add up to exactly 100% (each bucket is split whole).`;
  return null;
}

/**
 * What each row gets from the selected buckets under a split: each bucket split by largest remainder,
 * as the engine does, so the parts of every bucket add up to it exactly.
 */
export function splitPreview(pieces: readonly ActualPiece[], parts: readonly SplitPart[]): Map<string, Micro> {
  const weights = parts.map((p) => percentWeight(p.pct) ?? 0n);
  const out = new Map<string, Micro>(parts.map((p) => [p.rowId, 0]));
  for (const piece of pieces) {
    const shares = allocateLargestRemainder(piece.micro, weights);
    parts.forEach((p, i) => out.set(p.rowId, (out.get(p.rowId) ?? 0) + (shares[i] ?? 0)));
  }
  return out;
}
