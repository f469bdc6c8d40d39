import { effectiveBuckets } from '../actuals/ledger/effective-buckets';
import type { ActualsLedger, ProjectLink } from '../actuals/ledger/ledger-schema';
import { fail, ok, type Result } from '../result';
import { showValue } from '../safe-text';
import { namedValues } from './ledger-values';

/**
 * Adding and removing the ledger's project links (ProjectLink: a gateway team's metered spend is on the
 * bill under a provider's project), for the CLI's `match --link-project` and the app's Reconcile tab.
 * The projects named must be ones the ledger's actuals have, so a typo is refused with the choices.
 */

/** The projects the ledger's metered and billed actuals name, each sorted. */
export function projectsByMeasure(ledger: ActualsLedger): { metered: string[]; billed: string[] } {
  const metered = new Set<string>();
  const billed = new Set<string>();
  for (const b of effectiveBuckets(ledger)) {
    if (b.measure === 'metered') metered.add(b.dimensions.project);
    else if (b.measure === 'billed') billed.add(b.dimensions.project);
  }
  return { metered: [...metered].sort(), billed: [...billed].sort() };
}

/** The ledger with `metered` linked to `billed` (replacing any link it had). */
export function withProjectLink(ledger: ActualsLedger, metered: string, billed: string): Result<ActualsLedger> {
  const known = projectsByMeasure(ledger);
  if (!known.metered.includes(metered))
    return fail(
      `no metered actual has the project "${showValue(metered)}": metered projects (gateway teams) in the ledger: ${namedValues(known.metered)}`,
    );
  if (!known.billed.includes(billed))
    return fail(
      `no billed actual has the project "${showValue(billed)}": billed projects in the ledger: ${namedValues(known.billed)}`,
    );
  const links: ProjectLink[] = (ledger.projectLinks ?? []).filter((l) => l.metered !== metered);
  return ok({ ...ledger, projectLinks: [...links, { metered, billed }] });
}

/** The ledger without the link of `metered`; an error naming the links there are when it has none. */
export function withoutProjectLink(ledger: ActualsLedger, metered: string): Result<ActualsLedger> {
  const links = ledger.projectLinks ?? [];
  if (!links.some((l) => l.metered === metered))
    return fail(
      `the metered project "${showValue(metered)}" is not linked; links: ${namedValues(links.map((l) => `${l.metered}=${l.billed}`))}`,
    );
  const rest = links.filter((l) => l.metered !== metered);
  const { projectLinks: _dropped, ...withoutLinks } = ledger;
  return ok(rest.length > 0 ? { ...ledger, projectLinks: rest } : withoutLinks);
}
