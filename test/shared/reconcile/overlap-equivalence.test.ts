import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActualRecord, ActualSource } from '../../../shared/actuals/actual-record';
import { type ActualsLedger, emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { actualPieces } from '../../../shared/reconcile/actual-pieces';
import { meteredOverlapsOfChange } from '../../../shared/reconcile/import-overlaps';
import type { MeteredOverlap } from '../../../shared/reconcile/metered-overlap';
import { withProjectLink } from '../../../shared/reconcile/project-links';
import { meteredOverlapsWithoutPieces, spendChangeOf } from '../../../shared/reconcile/spend-groups';
import { BOOK, commit, preview } from '../actuals/support/ledger-steps';
import { meta, record } from '../actuals/support/records';

/**
 * The import checks find gateway spend beside the bill without making reconciliation's pieces
 * (meteredOverlapsWithoutPieces): on any ledger they must find exactly what reconciliation finds over
 * every day (actualPieces with no as-of), and the overlaps the host sends with a preview exactly what the
 * import dialog first found by reconciling the ledger before and after, whether grouped afresh or from the
 * ledger's grouping and the change the host works out with the preview (spendChangeOf). Random ledgers: Costs exports that
 * revise each other's facts, gateway logs that repeat requests, gateway roll-ups, usage, links, odd amounts
 * (refunds, $0, less than a micro-dollar).
 */

const DAYS = ['2027-01-03', '2027-01-04', '2027-01-05', '2027-01-06'];
const BILLED_PROJECTS = ['proj_a', 'proj_b'];
// A team and a model with "|" in them: grouping keys must not run them together.
const TEAMS = ['team', 'team|x', 'proj_a'];
const MODELS = ['gpt-image-2', 'x|gpt-image-2', 'gpt-5-mini'];
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
        // Mostly one line item: one export's facts often revise another's.
        item: fc.constantFrom('output', 'output', 'output', 'input'),
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

function previewOf(ledger: ActualsLedger, spec: FileSpec) {
  return preview(ledger, meta(spec.source, `file-${++fileCount}.csv`), spec.records);
}

function imported(ledger: ActualsLedger, spec: FileSpec): ActualsLedger {
  return commit(ledger, previewOf(ledger, spec));
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
        const filePreview = previewOf(before, next);
        const after = commit(before, filePreview);
        expect(meteredOverlapsWithoutPieces(before)).toEqual(reconciliationOverlaps(before));
        expect(meteredOverlapsWithoutPieces(after)).toEqual(reconciliationOverlaps(after));
        const byReconciling = importOverlapsByReconciling(before, after);
        // The dialog's way: the change the host works out with the preview, added to the ledger's grouping.
        const change = spendChangeOf(before, filePreview.batch);
        expect(meteredOverlapsOfChange(before, change)).toEqual(byReconciling);
        // The ledger's own grouping is kept as it was, for the next preview.
        expect(meteredOverlapsOfChange(before, change)).toEqual(byReconciling);
        expect(meteredOverlapsWithoutPieces(before)).toEqual(reconciliationOverlaps(before));
      }),
      { numRuns: 300 },
    );
  });

  it('a Costs export that revises billed facts: each fact it puts out leaves the sums, and the bill now agrees', () => {
    const line = (day: string, usd: string) =>
      record(day, usd, { dims: { project: 'proj_a', model: 'gpt-image-2', lineItem: 'gpt-image-2, output' } });
    const spend = (day: string, id: string) =>
      record(day, '10', { requestId: id, requests: 1, dims: { project: 'team', model: 'gpt-image-2' } });
    const [d1, d2, d3] = DAYS as [string, string, string];
    let before = imported(emptyActualsLedger(), {
      source: 'openai-costs',
      records: [line(d1, '30'), line(d2, '30'), line(d3, '10')],
    });
    before = imported(before, { source: 'litellm', records: [spend(d1, 'a'), spend(d2, 'b'), spend(d3, 'c')] });
    // One day of three agrees: no project is suggested yet.
    expect(meteredOverlapsWithoutPieces(before)).toMatchObject([{ metered: 'team', suggested: null }]);
    const revision = previewOf(before, { source: 'openai-costs', records: [line(d1, '10'), line(d2, '10')] });
    const overlaps = meteredOverlapsOfChange(before, spendChangeOf(before, revision.batch));
    expect(overlaps).toEqual([
      { metered: 'team', days: 3, meteredMicro: 30_000_000, suggested: 'proj_a', agreeingDays: 3 },
    ]);
    expect(overlaps).toEqual(importOverlapsByReconciling(before, commit(before, revision)));
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
