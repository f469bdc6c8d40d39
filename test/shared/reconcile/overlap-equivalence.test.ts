import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActualRecord, ActualSource } from '../../../shared/actuals/actual-record';
import { type ActualsLedger, emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { actualPieces, meteredOverlapsWithoutPieces } from '../../../shared/reconcile/actual-pieces';
import { meteredOverlapsOfImport } from '../../../shared/reconcile/import-overlaps';
import type { MeteredOverlap } from '../../../shared/reconcile/metered-overlap';
import { withProjectLink } from '../../../shared/reconcile/project-links';
import { BOOK, commit, preview } from '../actuals/support/ledger-steps';
import { meta, record } from '../actuals/support/records';

/**
 * The import checks find gateway spend beside the bill without making reconciliation's pieces
 * (meteredOverlapsWithoutPieces): on any ledger they must find exactly what reconciliation finds over every
 * day (actualPieces with no as-of), and an import's overlaps exactly what the first version of the check
 * found by reconciling the ledger before and after. Random ledgers: Costs exports that revise each other's
 * facts, gateway logs that repeat requests, gateway roll-ups, usage, links, odd amounts (refunds, $0, less
 * than a micro-dollar).
 */

const DAYS = ['2027-01-03', '2027-01-04', '2027-01-05', '2027-01-06'];
const BILLED_PROJECTS = ['proj_a', 'proj_b'];
const TEAMS = ['team-1', 'team-2', 'proj_a'];
const MODELS = ['gpt-image-2', 'gpt-image-1', 'gpt-5-mini'];
const amount = fc.oneof(
  fc.integer({ min: -300, max: 3000 }).map((c) => (c / 100).toFixed(2)),
  fc.constantFrom('0', '0.0000004', '0.0000005', '1.0000015', '12.3456785'),
);

interface FileSpec {
  readonly source: ActualSource;
  readonly records: readonly ActualRecord[];
}

const costsFile: fc.Arbitrary<FileSpec> = fc
  .record({
    source: fc.constantFrom<ActualSource>('openai-costs', 'openai-costs-api'),
    lines: fc.array(
      fc.record({
        day: fc.constantFrom(...DAYS),
        amount,
        project: fc.constantFrom(...BILLED_PROJECTS),
        model: fc.constantFrom(...MODELS),
        item: fc.constantFrom('output', 'input'),
      }),
      { maxLength: 10 },
    ),
  })
  .map(({ source, lines }) => ({
    source,
    records: lines.map((l) =>
      record(l.day, l.amount, { dims: { project: l.project, model: l.model, lineItem: `${l.model}, ${l.item}` } }),
    ),
  }));

/** A gateway's requests by id from a small pool, so one log repeats what another holds. */
const gatewayFile: fc.Arbitrary<FileSpec> = fc
  .record({
    source: fc.constantFrom<ActualSource>('litellm', 'litellm-daily'),
    requests: fc.array(
      fc.record({
        id: fc.nat(30),
        day: fc.constantFrom(...DAYS),
        amount,
        team: fc.constantFrom(...TEAMS),
        model: fc.constantFrom(...MODELS),
        campaign: fc.constantFrom('', 'spring', 'hero'),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ source, requests }) => ({
    source,
    records: requests.map((r) =>
      record(r.day, r.amount, {
        requestId: source === 'litellm' ? `req-${r.id}` : null,
        requests: 1,
        images: 1,
        dims: { project: r.team, model: r.model, campaign: r.campaign },
      }),
    ),
  }));

const usageFile: fc.Arbitrary<FileSpec> = fc
  .array(fc.record({ day: fc.constantFrom(...DAYS), model: fc.constantFrom(...MODELS), images: fc.nat(4) }), {
    maxLength: 5,
  })
  .map((lines) => ({
    source: 'openai-images-usage',
    records: lines.map((l) =>
      record(l.day, null, { images: l.images, requests: 1, dims: { project: 'proj_a', model: l.model } }),
    ),
  }));

const file = fc.oneof(costsFile, gatewayFile, gatewayFile, usageFile);
const link = fc.option(fc.record({ metered: fc.constantFrom(...TEAMS), billed: fc.constantFrom(...BILLED_PROJECTS) }));

let fileCount = 0;

function imported(ledger: ActualsLedger, spec: FileSpec): ActualsLedger {
  return commit(ledger, preview(ledger, meta(spec.source, `file-${++fileCount}.csv`), spec.records));
}

function linked(ledger: ActualsLedger, l: { metered: string; billed: string } | null): ActualsLedger {
  const r = l === null ? null : withProjectLink(ledger, l.metered, l.billed);
  return r?.ok ? r.value : ledger;
}

/** Reconciliation's own finding over every day. */
const reconciliationOverlaps = (ledger: ActualsLedger) => actualPieces(ledger, BOOK, null).meteredOverlaps;

/** The import check as first written (commit 7472936): reconciliation of the ledger before and after. */
function importOverlapsByReconciling(before: ActualsLedger, after: ActualsLedger): readonly MeteredOverlap[] {
  const measures = (l: ActualsLedger) => new Set(l.batches.map((b) => b.measure));
  const of = (l: ActualsLedger) =>
    measures(l).has('billed') && measures(l).has('metered') ? reconciliationOverlaps(l) : [];
  const made = of(after);
  if (made.length === 0) return made;
  const known = new Map(of(before).map((o) => [o.metered, o]));
  return made.filter((o) => {
    const was = known.get(o.metered);
    return !was || was.days !== o.days || was.meteredMicro !== o.meteredMicro || was.suggested !== o.suggested;
  });
}

describe('the import checks find the overlaps reconciliation finds', () => {
  it('on any ledger, and for any file imported onto it', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 5 }), link, file, (files, l, next) => {
        const before = linked(files.reduce(imported, emptyActualsLedger()), l);
        const after = imported(before, next);
        expect(meteredOverlapsWithoutPieces(before)).toEqual(reconciliationOverlaps(before));
        expect(meteredOverlapsWithoutPieces(after)).toEqual(reconciliationOverlaps(after));
        expect(meteredOverlapsOfImport(before, after)).toEqual(importOverlapsByReconciling(before, after));
      }),
      { numRuns: 300 },
    );
  });

  it('the random ledgers do overlap: the property is not held on empty findings', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(file, { minLength: 2, maxLength: 5 }), link, (files, l) => {
        if (meteredOverlapsWithoutPieces(linked(files.reduce(imported, emptyActualsLedger()), l)).length > 0)
          found += 1;
      }),
      { numRuns: 100, seed: 7 },
    );
    expect(found).toBeGreaterThan(10);
  });
});
