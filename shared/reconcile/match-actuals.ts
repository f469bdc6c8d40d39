import type { Measure } from '../actuals/actual-record';
import { allocateInNumbers, allocateLargestRemainder, type Micro } from '../money/rounding';
import type { PlanRow } from '../plan/plan-schema';
import type { ActualPiece } from './actual-pieces';
import { dayNumber } from './day-math';
import type { ManualAssignment, MatchField, MatchRule } from './match-rules';

/**
 * Step two: each actual piece goes to campaign rows, in ordered passes from the strongest evidence to
 * the weakest, the first that applies deciding:
 * 1. a manual assignment of the piece's bucket (one row, or a split by percentages);
 * 2. a campaign (its tag or metadata) equal to a row's id or name;
 * 3. the plan's rules, in order: `field = value` → a row, or a team (split over the team's rows in
 *    proportion to their planned cost, among the rows running that day when any are);
 * 4. the same model within a row's start–end dates, when exactly one row can take it.
 * Whatever none of them places is Unassigned. Splits are exact (largest remainder).
 */

/** What placed an amount: "manual", "campaign", "rule:<id>" or "model". */
export type MatchedBy = string;

export interface MatchedPart {
  readonly piece: ActualPiece;
  /** The row id, or null for Unassigned. */
  readonly rowId: string | null;
  readonly micro: Micro;
  readonly images: number;
  readonly by: MatchedBy | null;
}

/**
 * A piece a team rule split over more than one row, its parts kept as numbers rather than an object each
 * (PlanReconciler holds millions of such parts in a large ledger): part k is on row `split.ids[k]`, with
 * money `amounts[k]` and images `amounts[n + k]` (n rows).
 */
export interface TeamSplitPlacement {
  readonly piece: ActualPiece;
  readonly by: MatchedBy;
  readonly split: TeamSplit;
  /** The parts' money, then their images: 2n numbers. */
  readonly amounts: Float64Array;
}

/** Where one piece went: its parts, or a team split of it. */
export type Placement = readonly MatchedPart[] | TeamSplitPlacement;

export function isTeamSplit(placement: Placement): placement is TeamSplitPlacement {
  return !Array.isArray(placement);
}

/** A team split's parts as objects, with its amounts (or others of the same shape, after a re-split). */
export function partsOfSplit(placement: TeamSplitPlacement, amounts: Float64Array = placement.amounts): MatchedPart[] {
  const { piece, by, split } = placement;
  const n = split.ids.length;
  const parts = new Array<MatchedPart>(n);
  for (let k = 0; k < n; k++)
    parts[k] = { piece, rowId: split.ids[k] ?? null, micro: amounts[k] ?? 0, images: amounts[n + k] ?? 0, by };
  return parts;
}

/** What a row needs for matching: who it is, what it runs, when, and what it plans to spend. */
export interface MatchRow {
  readonly row: PlanRow;
  readonly planned: Micro;
}

function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The piece property each rule field (but tag, which tests the list) compares; the panel lists values by it. */
export const PIECE_FIELD: Record<Exclude<MatchField, 'tag'>, keyof ActualPiece> = {
  project: 'project',
  'api-key': 'apiKey',
  campaign: 'campaign',
  user: 'user',
  vendor: 'vendor',
  model: 'model',
  'line-item': 'lineItem',
};

export function ruleMatches(rule: MatchRule, piece: ActualPiece): boolean {
  return matchesValue(rule.when.field, rule.when.value.trim().toLowerCase(), piece);
}

/** `wanted` is the rule's value trimmed and in lower case (prepared once per rule). */
function matchesValue(field: MatchField, wanted: string, piece: ActualPiece): boolean {
  if (field === 'tag') return piece.tags.some((t) => t.toLowerCase() === wanted);
  const v = piece[PIECE_FIELD[field]];
  return typeof v === 'string' && v.toLowerCase() === wanted;
}

const moneyScratch = { parts: new Float64Array(256) };
const imageScratch = { parts: new Float64Array(256) };

/**
 * allocateLargestRemainder into a reused buffer when the weights are numbers whose products stay exact
 * (a team split of every piece of a day allocates no arrays), else its BigInt result.
 */
function splitAmount(
  total: number,
  weights: readonly (number | bigint)[],
  scratch: { parts: Float64Array },
): ArrayLike<number> {
  const n = weights.length;
  if (scratch.parts.length < n) scratch.parts = new Float64Array(n);
  if (typeof weights[0] === 'number' && allocateInNumbers(total, weights as readonly number[], n, scratch.parts))
    return scratch.parts;
  return allocateLargestRemainder(total, weights);
}

function runsOn(row: PlanRow, day: string): boolean {
  return row.startDate !== null && row.endDate !== null && row.startDate <= day && day <= row.endDate;
}

/** Adds `item` to the list `map` keeps under `key`, starting the list when there is none. */
export function pushTo<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** The matcher for one plan: its lookups built once, then `place` per piece. */
export class Matcher {
  private readonly byId = new Map<string, MatchRow>();
  /** Rows by name and by its slug, made on the first campaign no row id matches (see namesOf). */
  private byName: Map<string, MatchRow> | null = null;
  private readonly byModel = new Map<string, MatchRow[]>();
  /** Each team's rows, as indexes into the rows given (in their order). */
  private readonly byTeam = new Map<string, number[]>();
  private readonly manual = new Map<string, ManualAssignment>();
  private readonly wantedByRule = new Map<MatchRule, string>();

  constructor(
    private readonly rows: readonly MatchRow[],
    private readonly rules: readonly MatchRule[],
    assignments: readonly ManualAssignment[],
  ) {
    rows.forEach((r, index) => {
      this.byId.set(r.row.id, r);
      pushTo(this.byModel, r.row.model.toLowerCase(), r);
      pushTo(this.byTeam, r.row.team.trim().toLowerCase(), index);
    });
    for (const a of assignments) this.manual.set(a.bucket, a);
  }

  private wanted(rule: MatchRule): string {
    let w = this.wantedByRule.get(rule);
    if (w === undefined) this.wantedByRule.set(rule, (w = rule.when.value.trim().toLowerCase()));
    return w;
  }

  /** The parts of one piece: on rows, or one Unassigned part (a team split's as objects). */
  place(piece: ActualPiece): readonly MatchedPart[] {
    const placed = this.placement(piece);
    return isTeamSplit(placed) ? partsOfSplit(placed) : placed;
  }

  /** Where one piece goes, as `place` says, with a split over a team's rows kept as numbers. */
  placement(piece: ActualPiece): Placement {
    return (
      this.byManual(piece) ??
      this.byCampaign(piece) ??
      this.byRule(piece) ??
      this.byModelAndDates(piece) ?? [{ piece, rowId: null, micro: piece.micro, images: piece.images, by: null }]
    );
  }

  /** The whole piece on one row (most pieces): no weights to split by. */
  private whole(piece: ActualPiece, rowId: string, by: MatchedBy): MatchedPart[] {
    return [{ piece, rowId, micro: piece.micro, images: piece.images, by }];
  }

  private split(
    piece: ActualPiece,
    rows: readonly string[],
    weights: readonly (number | bigint)[],
    by: MatchedBy,
  ): MatchedPart[] {
    const n = rows.length;
    const only = n === 1 ? rows[0] : undefined;
    if (only !== undefined) return this.whole(piece, only, by);
    const money = splitAmount(piece.micro, weights, moneyScratch);
    const images = splitAmount(piece.images, weights, imageScratch);
    const parts: MatchedPart[] = new Array<MatchedPart>(n);
    for (let i = 0; i < n; i++)
      parts[i] = { piece, rowId: rows[i] ?? null, micro: money[i] ?? 0, images: images[i] ?? 0, by };
    return parts;
  }

  private byManual(piece: ActualPiece): MatchedPart[] | null {
    if (this.manual.size === 0) return null; // most plans: no key to hash per piece
    const a = this.manual.get(piece.key);
    if (!a) return null;
    const parts = a.parts.filter((p) => this.byId.has(p.rowId));
    if (parts.length === 0) return null;
    // Percentages in ten-thousandths, so "33.3333" is a whole weight.
    const weights = parts.map((p) => {
      const [whole = '0', frac = ''] = p.pct.split('.');
      return BigInt(whole) * 10_000n + BigInt(frac.padEnd(4, '0'));
    });
    return this.split(
      piece,
      parts.map((p) => p.rowId),
      weights,
      'manual',
    );
  }

  private readonly named = new Map<string, MatchRow | null>();

  /** The row a campaign names (id, name or its slug), remembered per text: a ledger repeats few campaigns. */
  private rowNamed(text: string): MatchRow | undefined {
    if (text === '') return undefined;
    let found = this.named.get(text);
    if (found === undefined) {
      found = this.byId.get(text) ?? null;
      if (found === null) {
        const names = this.namesOf();
        found = names.get(text.trim().toLowerCase()) ?? names.get(slug(text)) ?? null;
      }
      this.named.set(text, found);
    }
    return found ?? undefined;
  }

  /**
   * Rows by name (trimmed, lower case) and by its slug, the first row for each: made once, and only when
   * a campaign is not a row id (slugging 100k names cost a tenth of a large ledger's first match).
   */
  private namesOf(): Map<string, MatchRow> {
    if (this.byName === null) {
      const byName = new Map<string, MatchRow>();
      for (const r of this.rows)
        for (const name of [r.row.name.trim().toLowerCase(), slug(r.row.name)])
          if (name !== '' && !byName.has(name)) byName.set(name, r);
      this.byName = byName;
    }
    return this.byName;
  }

  private byCampaign(piece: ActualPiece): MatchedPart[] | null {
    let r = this.rowNamed(piece.campaign);
    for (let i = 0; !r && i < piece.tags.length; i++) {
      const tag = piece.tags[i] ?? '';
      if (tag.startsWith('campaign:')) r = this.rowNamed(tag.slice(9));
    }
    return r ? this.whole(piece, r.row.id, 'campaign') : null;
  }

  private readonly ruleTags = new Map<MatchRule, MatchedBy>();

  /** "rule:<id>", made once per rule. */
  private ruleTag(rule: MatchRule): MatchedBy {
    let by = this.ruleTags.get(rule);
    if (by === undefined) this.ruleTags.set(rule, (by = `rule:${rule.id}`));
    return by;
  }

  private byRule(piece: ActualPiece): Placement | null {
    for (const rule of this.rules) {
      if (!matchesValue(rule.when.field, this.wanted(rule), piece)) continue;
      const by = this.ruleTag(rule);
      if (rule.to.kind === 'row') {
        if (this.byId.has(rule.to.rowId)) return this.whole(piece, rule.to.rowId, by);
        continue;
      }
      const split = this.teamSplitOn(rule.to.team, piece.day);
      if (split === null) continue;
      return this.teamSplit(piece, split, by);
    }
    return null;
  }

  /** A piece split over a team's rows by their planned costs, kept as numbers (TeamSplitPlacement). */
  private teamSplit(piece: ActualPiece, split: TeamSplit, by: MatchedBy): Placement {
    const n = split.ids.length;
    const only = n === 1 ? split.ids[0] : undefined;
    if (only !== undefined) return this.whole(piece, only, by);
    const money = splitAmount(piece.micro, split.weights, moneyScratch);
    const images = splitAmount(piece.images, split.weights, imageScratch);
    const amounts = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      amounts[k] = money[k] ?? 0;
      amounts[n + k] = images[k] ?? 0;
    }
    return { piece, by, split, amounts };
  }

  private readonly teamDays = new Map<string, TeamSplit | null>();

  /**
   * The rows of a team a piece of `day` is split over (those running that day, else all) and their
   * weights, made once per team and day: a ledger has many pieces a day, and a team thousands of rows.
   */
  private teamSplitOn(teamName: string, day: string): TeamSplit | null {
    const key = `${teamName}\u0000${day}`;
    let split = this.teamDays.get(key);
    if (split === undefined) {
      const team = this.teamDates(teamName.trim().toLowerCase());
      const running = team.runningOn(day);
      const indexes = running.length > 0 ? running : team.indexes;
      const rows = indexes.map((index) => this.rows[index] as MatchRow);
      split =
        rows.length === 0
          ? null
          : {
              ids: rows.map((r) => r.row.id),
              weights: rows.map((r) => Math.max(0, r.planned)),
              rows: Int32Array.from(indexes),
            };
      this.teamDays.set(key, split);
    }
    return split;
  }

  private readonly teams = new Map<string, TeamDates>();

  /** A team's rows with their dates read once (a ledger's days each ask which of thousands of rows run). */
  private teamDates(team: string): TeamDates {
    let dates = this.teams.get(team);
    if (dates === undefined) {
      const indexes = this.byTeam.get(team) ?? [];
      dates = new TeamDates(
        indexes,
        indexes.map((i) => (this.rows[i] as MatchRow).row),
      );
      this.teams.set(team, dates);
    }
    return dates;
  }

  private readonly modelDays = new Map<string, MatchRow | null>();

  /** The one row of a model running on a day, or null (none, or more than one), found once per model and day. */
  private byModelAndDates(piece: ActualPiece): MatchedPart[] | null {
    if (piece.model === '') return null;
    const key = `${piece.model}\u0000${piece.day}`;
    let only = this.modelDays.get(key);
    if (only === undefined) {
      only = null;
      let running = 0;
      for (const r of this.byModel.get(piece.model.toLowerCase()) ?? []) {
        if (!runsOn(r.row, piece.day)) continue;
        running += 1;
        only = running === 1 ? r : null;
        if (running > 1) break;
      }
      this.modelDays.set(key, only);
    }
    return only ? this.whole(piece, only.row.id, 'model') : null;
  }
}

/**
 * A team's rows (indexes into the Matcher's rows) with their start and end as day numbers (dayNumber),
 * read once: which rows run on a day is then a loop of number comparisons, not two string comparisons per
 * row and day (runsOn). A checked plan's dates are real YYYY-MM-DD days, whose numbers order as their texts.
 */
class TeamDates {
  /** NaN for a row without the date: it runs on no day, as runsOn says. */
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;

  constructor(
    readonly indexes: readonly number[],
    rows: readonly PlanRow[],
  ) {
    this.starts = Float64Array.from(rows, (r) => (r.startDate === null ? NaN : dayNumber(r.startDate)));
    this.ends = Float64Array.from(rows, (r) => (r.endDate === null ? NaN : dayNumber(r.endDate)));
  }

  /** The indexes of the rows running on `day`, in order. */
  runningOn(day: string): number[] {
    const at = dayNumber(day);
    const { starts, ends } = this;
    const running: number[] = [];
    for (let k = 0; k < starts.length; k++)
      if ((starts[k] as number) <= at && at <= (ends[k] as number)) running.push(this.indexes[k] as number);
    return running;
  }
}

/** The rows a team rule splits a day's pieces over, one object per team and day (shared by those pieces). */
export interface TeamSplit {
  readonly ids: readonly string[];
  /** Their planned costs when matched (what the split was weighted by). */
  readonly weights: readonly number[];
  /** Their indexes in the rows the Matcher was given, ascending. */
  readonly rows: Int32Array;
}

/** Every piece placed: the parts, in piece order. */
export function matchPieces(
  pieces: readonly ActualPiece[],
  rows: readonly MatchRow[],
  rules: readonly MatchRule[],
  assignments: readonly ManualAssignment[],
): MatchedPart[] {
  const matcher = new Matcher(rows, rules, assignments);
  const out: MatchedPart[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const parts = matcher.place(pieces[i] as ActualPiece);
    for (let k = 0; k < parts.length; k++) out.push(parts[k] as MatchedPart);
  }
  return out;
}

/** Which measures a set of parts' money comes from: one, "mixed", or null for none. */
export function measureOf(measures: ReadonlySet<Measure>): Measure | 'mixed' | null {
  if (measures.size === 0) return null;
  if (measures.size > 1) return 'mixed';
  return [...measures][0] ?? null;
}
