import { showValue } from '../safe-text';
import type { Micro } from '../money/rounding';

/**
 * Metered spend that may be on the bill too. A gateway (LiteLLM) names its spend by its own team, never
 * by the provider's project, so reconciliation cannot tell on its own that a gateway's requests are the
 * same money as a billed project's cost: both would be counted. This finds, per metered project, the days
 * it has spend on a model that billed cost of another project also has that day, and which billed
 * project's cost agrees with it day after day (the link to suggest: ProjectLink).
 */

/** One day × project's money by measure and model, as reconciliation groups it (unlinked metered only). */
export interface DayProjectSpend {
  readonly day: string;
  readonly project: string;
  /** Billed micro-USD by model; empty when the day × project has no billed cost. */
  readonly billedByModel: ReadonlyMap<string, Micro>;
  /** Metered micro-USD by model; empty when it has no metered spend. */
  readonly meteredByModel: ReadonlyMap<string, Micro>;
}

export interface MeteredOverlap {
  /** The metered records' project (a gateway team). */
  readonly metered: string;
  /** Days its spend is counted beside billed cost of the same model in another project. */
  readonly days: number;
  /** Its metered spend on those days: counted twice if it is on the bill. */
  readonly meteredMicro: Micro;
  /** The billed project whose cost of the same models agrees within 1% on at least half those days; null: none. */
  readonly suggested: string | null;
  /** On how many of those days the suggested project agrees. */
  readonly agreeingDays: number;
}

/** Within 1% of the larger, as the meter cross-check flags a gap over 1%. */
function agrees(a: Micro, b: Micro): boolean {
  const high = Math.max(Math.abs(a), Math.abs(b));
  return high > 0 && Math.abs(a - b) * 100 <= high;
}

/** Sum of `byModel` over the models of `models`; null when it has none of them. */
function sumOver(byModel: ReadonlyMap<string, Micro>, models: ReadonlyMap<string, Micro>): Micro | null {
  let total: Micro | null = null;
  for (const model of models.keys()) {
    const micro = byModel.get(model);
    if (micro !== undefined) total = (total ?? 0) + micro;
  }
  return total;
}

interface Tally {
  days: number;
  meteredMicro: Micro;
  readonly agreeing: Map<string, number>;
}

/** The overlaps of the metered projects that have any, in the order of their first day. */
export function meteredOverlaps(groups: readonly DayProjectSpend[]): MeteredOverlap[] {
  const byDay = new Map<string, DayProjectSpend[]>();
  for (const g of groups) {
    const list = byDay.get(g.day);
    if (list) list.push(g);
    else byDay.set(g.day, [g]);
  }
  const tallies = new Map<string, Tally>();
  for (const day of byDay.values()) {
    const billed = day.filter((g) => g.billedByModel.size > 0);
    for (const m of day) {
      // Metered spend in a day × project that has billed cost is that cost's evidence, not an overlap.
      if (m.meteredByModel.size === 0 || m.billedByModel.size > 0) continue;
      const same = billed
        .map((b) => ({ project: b.project, micro: sumOver(b.billedByModel, m.meteredByModel) }))
        .filter((b): b is { project: string; micro: Micro } => b.micro !== null);
      if (same.length === 0) continue;
      const tally = tallies.get(m.project) ?? { days: 0, meteredMicro: 0, agreeing: new Map<string, number>() };
      tallies.set(m.project, tally);
      tally.days += 1;
      let metered = 0;
      for (const micro of m.meteredByModel.values()) metered += micro;
      tally.meteredMicro += metered;
      for (const b of same)
        if (agrees(metered, b.micro)) tally.agreeing.set(b.project, (tally.agreeing.get(b.project) ?? 0) + 1);
    }
  }
  return [...tallies].map(([metered, t]) => {
    const [best, agreeingDays] = [...t.agreeing].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
    const suggested = best !== null && agreeingDays * 2 >= t.days ? best : null;
    return {
      metered,
      days: t.days,
      meteredMicro: t.meteredMicro,
      suggested,
      agreeingDays: suggested ? agreeingDays : 0,
    };
  });
}

/**
 * What an overlap means, in words both the CLI and the app show (each adds how to link on its surface):
 * `money` is its metered spend as the surface prints money.
 */
export function meteredOverlapText(o: MeteredOverlap, money: string): string {
  const days = `${o.days} day${o.days === 1 ? '' : 's'}`;
  const said = `metered spend of project "${showValue(o.metered)}" (${money} on ${days}) is counted beside billed cost of the same model: if its requests are on the bill, they are counted twice`;
  return o.suggested === null
    ? `${said}. Link it to the billed project it is billed under`
    : `${said}. Its daily spend agrees with billed project "${showValue(o.suggested)}" on ${o.agreeingDays} of ${days}: link the two`;
}
