import { describe, expect, it } from 'vitest';
import type { ActualRecord } from '../../../shared/actuals/actual-record';
import type { ImportMeta } from '../../../shared/actuals/ledger/import-types';
import { emptyActualsLedger, type ActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { meteredOverlaps } from '../../../shared/reconcile/metered-overlap';
import { withProjectLink, withoutProjectLink } from '../../../shared/reconcile/project-links';
import { ledgerMeteredOverlaps, meteredOverlapsOfChange } from '../../../shared/reconcile/import-overlaps';
import { spendChangeOf } from '../../../shared/reconcile/spend-groups';
import { fixture, readActuals } from '../actuals/support/read-actuals';
import { ledgerOf, preview } from '../actuals/support/ledger-steps';
import { meta } from '../actuals/support/records';
import { costLine, ledger, planWith, reconcile, record, request, usd } from './support';

/**
 * A gateway's log (LiteLLM) names its spend by the gateway's team, never by the provider's project, so
 * the same requests billed on the OpenAI invoice would be counted twice: once billed, once metered.
 * Reconciliation says so, suggests the project whose bill agrees, and once linked counts them once.
 */
const STOREFRONT = 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ';

function sampleFile(
  source: 'openai-costs' | 'openai-costs-api' | 'litellm',
  name: string,
): [ImportMeta, readonly ActualRecord[]] {
  return [meta(source, name), readActuals(fixture(name), { fileName: name }).records];
}

/** The sample organisation's two cost exports and its LiteLLM log, imported as a user would. */
const billedOnly = ledgerOf(
  sampleFile('openai-costs', 'openai-costs-export.csv'),
  sampleFile('openai-costs-api', 'openai-costs-api.json'),
);
const withGateway = ledgerOf(
  sampleFile('openai-costs', 'openai-costs-export.csv'),
  sampleFile('openai-costs-api', 'openai-costs-api.json'),
  sampleFile('litellm', 'litellm-spendlogs.csv'),
);
const reconciled = (l: ActualsLedger) => reconcile(planWith([], l), { asOf: '2026-11-30' });

describe('metered spend that is on the bill too', () => {
  const team = reconciled(withGateway).meteredOverlaps[0]?.metered ?? '';

  it('unlinked, it is named with the project its daily spend agrees with (every day with spend, to the cent here)', () => {
    const rec = reconciled(withGateway);
    expect(team).not.toBe(STOREFRONT);
    expect(rec.meteredOverlaps).toEqual([
      { metered: team, days: 25, meteredMicro: expect.any(Number), suggested: STOREFRONT, agreeingDays: 25 },
    ]);
    expect(usd(rec.meteredOverlaps[0]?.meteredMicro ?? 0)).toBe('56.614957');
    // Counted twice until linked: the total is the bill plus the gateway's spend.
    expect(rec.ledgerTotal - reconciled(billedOnly).ledgerTotal).toBe(rec.meteredOverlaps[0]?.meteredMicro);
  });

  it('linked, the gateway spend is the bill: the total is the bill, split by the gateway’s campaigns', () => {
    const link = withProjectLink(withGateway, team, STOREFRONT);
    if (!link.ok) throw new Error(link.error);
    const rec = reconciled(link.value);
    expect(rec.meteredOverlaps).toEqual([]);
    expect(rec.ledgerTotal).toBe(reconciled(billedOnly).ledgerTotal);
    expect(rec.pieces.every((p) => p.measure === 'billed')).toBe(true);
    const campaigns = new Set(rec.pieces.filter((p) => p.project === STOREFRONT).map((p) => p.campaign));
    // Days before the gateway's log began, and its unattributed requests, name no campaign.
    expect([...campaigns].sort()).toEqual(['', 'saas-hero', 'spring-catalog', 'ugc-hooks']);
    // The two meters are compared on the linked days, and agree.
    const linkedDays = rec.crossChecks.filter((c) => c.project === STOREFRONT && c.metered !== null);
    expect(linkedDays).toHaveLength(25);
    expect(linkedDays.some((c) => c.flagged)).toBe(false);
    // Unlinked again: counted twice again, and said.
    const unlinked = withoutProjectLink(link.value, team);
    if (!unlinked.ok) throw new Error(unlinked.error);
    expect(unlinked.value.projectLinks).toBeUndefined();
    expect(reconciled(unlinked.value).meteredOverlaps).toHaveLength(1);
  });

  it('a link names projects the actuals have: a typo is refused with the choices', () => {
    const wrongTeam = withProjectLink(withGateway, 'team-typo', STOREFRONT);
    expect(wrongTeam).toEqual({
      ok: false,
      error: `no metered actual has the project "team-typo": metered projects (gateway teams) in the ledger: ${team}`,
    });
    const wrongProject = withProjectLink(withGateway, team, 'proj_nope');
    expect(wrongProject.ok ? '' : wrongProject.error).toMatch(
      /^no billed actual has the project "proj_nope": billed projects in the ledger: proj_BeqP.*, proj_ZnvgdxvT3Vmtfrht9gLZOZfH/,
    );
    expect(withoutProjectLink(withGateway, team)).toMatchObject({ ok: false });
    expect(withoutProjectLink(emptyActualsLedger(), 'x')).toMatchObject({ ok: false });
  });
});

describe('the overlaps an import makes (what the import dialog says before it commits)', () => {
  const costs = sampleFile('openai-costs', 'openai-costs-export.csv');
  const costsApi = sampleFile('openai-costs-api', 'openai-costs-api.json');
  const gateway = sampleFile('litellm', 'litellm-spendlogs.csv');
  const gatewayOnly = ledgerOf(gateway);
  const costsOnly = ledgerOf(costs);
  const both = ledgerOf(costs, gateway);
  const overlap = { days: 25, suggested: STOREFRONT, agreeingDays: 25 };

  /** As the dialog finds them: the change the host sends with the preview, added to the ledger's grouping. */
  function overlapsOfImporting(before: ActualsLedger, file: [ImportMeta, readonly ActualRecord[]]) {
    return meteredOverlapsOfChange(before, spendChangeOf(before, preview(before, ...file).batch));
  }

  it('the LiteLLM log onto the bill, and the bill onto the LiteLLM log, both make the one overlap', () => {
    expect(overlapsOfImporting(costsOnly, gateway)).toEqual([expect.objectContaining(overlap)]);
    expect(overlapsOfImporting(gatewayOnly, costs)).toEqual([expect.objectContaining(overlap)]);
  });

  it('none for a file alone, the bill alone, or a file that leaves an overlap as it was', () => {
    expect(overlapsOfImporting(emptyActualsLedger(), gateway)).toEqual([]);
    expect(overlapsOfImporting(costsOnly, costsApi)).toEqual([]);
    // The Costs API export bills days the Costs export has already: the gateway's overlap stays as it was.
    expect(overlapsOfImporting(both, costsApi)).toEqual([]);
  });

  it('none once the team is linked (what import-actuals says after writing)', () => {
    const [found] = ledgerMeteredOverlaps(both);
    expect(found).toEqual(expect.objectContaining(overlap));
    const linked = withProjectLink(both, found?.metered ?? '', STOREFRONT);
    if (!linked.ok) throw new Error(linked.error);
    expect(ledgerMeteredOverlaps(linked.value)).toEqual([]);
  });
});

describe('meteredOverlaps', () => {
  const day = (d: string, project: string, billed: [string, number][], metered: [string, number][]) => ({
    day: d,
    project,
    billedByModel: new Map(billed),
    meteredByModel: new Map(metered),
  });

  it('spend on another model than the bill’s is no overlap (a gateway routing to another provider)', () => {
    expect(meteredOverlaps([day('d1', 'p', [['gpt-image-2', 5]], []), day('d1', 't', [], [['flux', 5]])])).toEqual([]);
  });

  it('suggests no project when no bill agrees on at least half the days; still names the overlap', () => {
    const groups = [
      day('d1', 'p', [['gpt-image-2', 1_000_000]], []),
      day('d1', 't', [], [['gpt-image-2', 400_000]]),
      day('d2', 'p', [['gpt-image-2', 1_000_000]], []),
      day('d2', 't', [], [['gpt-image-2', 1_005_000]]),
      day('d3', 'p', [['gpt-image-2', 1_000_000]], []),
      day('d3', 't', [], [['gpt-image-2', 300_000]]),
    ];
    expect(meteredOverlaps(groups)).toEqual([
      { metered: 't', days: 3, meteredMicro: 1_705_000, suggested: null, agreeingDays: 0 },
    ]);
  });
});

describe('usage the price book cannot price', () => {
  it('is not compared with billed cost as $0 (no false 100% gap)', () => {
    const unpriced = record('2027-01-05', null, {
      images: 3,
      requests: 3,
      dims: { project: 'proj_a', model: 'gpt-image-2', size: '1024x1024', modality: 'image', vendor: 'openai' },
    });
    const rec = reconcile(planWith([], ledger({ billed: [costLine('2027-01-05', '1.22')], usage: [unpriced] })));
    expect(rec.unpricedUsage).toBe(1);
    expect(rec.crossChecks).toEqual([]);
  });

  it('priced usage is still compared', () => {
    const rec = reconcile(
      planWith([], ledger({ billed: [costLine('2027-01-05', '1.22')], metered: [request('2027-01-05', '1.21', 'x')] })),
    );
    expect(rec.crossChecks).toHaveLength(1);
  });
});
