import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActualRecord, ActualSource } from '../../../shared/actuals/actual-record';
import { type ActualsGroup, groupActuals } from '../../../shared/actuals/ledger/actuals-report';
import type { ImportMeta } from '../../../shared/actuals/ledger/import-types';
import { type ActualsLedger, emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { removeBatch } from '../../../shared/actuals/ledger/remove-batch';
import { toDecimalString } from '../../../shared/money/exact';
import { BOOK, commit, importInto, preview } from './support/ledger-steps';
import { meta, record } from './support/records';

/**
 * Properties of the ledger over generated imports: overlapping exports, any order, removal of any batch.
 * Deep equality is of the stored ledger itself (what a plan file holds), not of totals.
 */

const DAYS = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'];

/** An amount of any scale, from micro-dollars to 39 decimals, occasionally negative (a credit). */
const amount = fc
  .tuple(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 22n }), fc.integer({ min: 0, max: 39 }))
  .map(([units, scale]) => toDecimalString({ units, scale }));

/** An aggregated fact: its key (day, project, line item) and figures. */
interface Fact {
  readonly day: string;
  readonly project: string;
  readonly lineItem: string;
  readonly amount: string;
}

const fact: fc.Arbitrary<Fact> = fc.record({
  day: fc.constantFrom(...DAYS),
  project: fc.constantFrom('p1', 'p2', 'p|3'),
  lineItem: fc.constantFrom('gpt-image-2 image, output', 'gpt-5-mini, input', 'whisper'),
  amount,
});

const factKey = (f: Fact) => `${f.day}/${f.project}/${f.lineItem}`;

function factRecord(f: Fact, line: number): ActualRecord {
  return record(f.day, f.amount, { line, dims: { project: f.project, lineItem: f.lineItem, vendor: 'openai' } });
}

/** A request of a per-request log; an id of null is a request without an id. */
interface Request {
  readonly id: string | null;
  readonly day: string;
  readonly campaign: string;
  readonly amount: string;
  readonly failed: boolean;
}

const request: fc.Arbitrary<Request> = fc.record({
  id: fc.option(fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'), { nil: null, freq: 4 }),
  day: fc.constantFrom(...DAYS),
  campaign: fc.constantFrom('spring', 'ugc', ''),
  amount,
  failed: fc.boolean(),
});

function requestRecord(r: Request, line: number): ActualRecord {
  return record(r.day, r.failed ? '0' : r.amount, {
    line,
    requestId: r.id,
    requests: 1,
    failedRequests: r.failed ? 1 : 0,
    images: r.failed ? 0 : 1,
    dims: { campaign: r.campaign, tags: r.campaign ? [`campaign:${r.campaign}`] : [], model: 'gpt-image-2' },
  });
}

/** Everything a report shows, per day and measure, as exact text: what "the same totals" means. */
function totals(ledger: ActualsLedger): Record<string, unknown> {
  const show = (g: ActualsGroup) => [
    g.billedUsd === null ? null : toDecimalString(g.billedUsd),
    g.meteredUsd === null ? null : toDecimalString(g.meteredUsd),
    g.byMeasure.metered.requests,
    g.byMeasure.metered.failedRequests,
  ];
  return Object.fromEntries(groupActuals(ledger, ['day', 'project', 'campaign'], BOOK).map((g) => [g.key, show(g)]));
}

function importAll(files: readonly (readonly [ImportMeta, readonly ActualRecord[]])[]): ActualsLedger {
  let ledger = emptyActualsLedger();
  for (const [m, records] of files) ledger = importInto(ledger, m, records);
  return ledger;
}

/** Splits items into `parts` overlapping files: each item goes to its home part and maybe to others. */
function overlapping<T>(items: readonly T[], homes: readonly number[], extra: readonly number[], parts: number): T[][] {
  const files: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => {
    const home = (homes[i] ?? 0) % parts;
    files[home]?.push(item);
    const also = (extra[i] ?? 0) % (parts + 1);
    if (also !== home && also < parts) files[also]?.push(item);
  });
  return files;
}

const runs = { numRuns: 60 };

describe('properties of the ledger', () => {
  it('overlapping exports of aggregated facts, imported in any order, give the totals of the whole', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fact, { selector: factKey, minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        (facts, homes, extra, parts, order) => {
          const whole = importAll([[meta('openai-costs', 'whole.csv'), facts.map((f, i) => factRecord(f, i + 2))]]);
          const files = overlapping(facts, homes, extra, parts).map(
            (fs, p) =>
              [
                meta(p % 2 ? 'openai-costs-api' : 'openai-costs', `part-${p}.csv`),
                fs.map((f, i) => factRecord(f, i + 2)),
              ] as const,
          );
          const shuffled = [...files].sort((a, b) => (order[files.indexOf(a)] ?? 0) - (order[files.indexOf(b)] ?? 0));
          expect(totals(importAll(shuffled))).toEqual(totals(whole));
        },
      ),
      runs,
    );
  });

  it('overlapping exports of a request log, imported in any order, give the totals of the whole', () => {
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        (generated, homes, extra, parts, order) => {
          // One log: an id names one request (the first row with it); rows without an id are in one file only.
          const seen = new Map<string, Request>();
          const requests = generated.map((r) => (r.id === null ? r : (seen.get(r.id) ?? (seen.set(r.id, r), r))));
          const whole = importAll([[meta('litellm', 'whole.csv'), requests.map((r, i) => requestRecord(r, i + 2))]]);
          const noIdOnce = requests.map((r, i) => (r.id === null ? (homes[i] ?? 0) % parts : (extra[i] ?? 0)));
          const files = overlapping(requests, homes, noIdOnce, parts).map(
            (rs, p) => [meta('litellm', `part-${p}.csv`), rs.map((r, i) => requestRecord(r, i + 2))] as const,
          );
          const shuffled = [...files].sort((a, b) => (order[files.indexOf(a)] ?? 0) - (order[files.indexOf(b)] ?? 0));
          expect(totals(importAll(shuffled))).toEqual(totals(whole));
        },
      ),
      runs,
    );
  });

  /** Files of any kind, conflicting freely: keys with other amounts, ids with other requests, repeats. */
  type FileSpec =
    | { readonly source: ActualSource; readonly facts: readonly Fact[] }
    | { readonly source: ActualSource; readonly requests: readonly Request[] };

  const anyFile: fc.Arbitrary<FileSpec> = fc.oneof(
    fc.record({
      source: fc.constantFrom<ActualSource>('openai-costs', 'openai-costs-api', 'litellm-daily'),
      facts: fc.array(fact, { maxLength: 8 }),
    }),
    fc.record({
      source: fc.constantFrom<ActualSource>('litellm', 'jsonl'),
      requests: fc.array(request, { maxLength: 8 }),
    }),
  );

  function filesOf(specs: readonly FileSpec[]): (readonly [ImportMeta, readonly ActualRecord[]])[] {
    return specs.map((spec, n) => {
      const records =
        'facts' in spec
          ? spec.facts.map((f, i) => factRecord(f, i + 2))
          : spec.requests.map((r, i) => requestRecord(r, i + 2));
      return [meta(spec.source, `file-${n}`, { importedAt: `2026-11-2${n % 10}T09:30:00Z` }), records] as const;
    });
  }

  it('import then rollback is the identity', () => {
    fc.assert(
      fc.property(fc.array(anyFile, { maxLength: 4 }), anyFile, (earlier, last) => {
        const files = filesOf([...earlier, last]);
        const before = importAll(files.slice(0, -1));
        const [m, records] = files[files.length - 1] ?? [meta('csv', 'none'), []];
        const p = preview(before, m, records);
        const after = commit(before, p);
        if (p.batch === null) {
          expect(after).toBe(before);
          return;
        }
        const r = removeBatch(after, p.batch.id);
        expect(r.ok && r.value).toEqual(before);
      }),
      runs,
    );
  });

  it('removing any batch leaves exactly the ledger of never importing it', () => {
    fc.assert(
      fc.property(fc.array(anyFile, { minLength: 1, maxLength: 5 }), fc.nat(), (specs, pick) => {
        const files = filesOf(specs);
        const ledger = importAll(files);
        if (ledger.batches.length === 0) return;
        const gone = ledger.batches[pick % ledger.batches.length];
        const r = removeBatch(ledger, gone?.id ?? '');
        const never = importAll(files.filter(([m]) => m.fileName !== gone?.fileName));
        expect(r.ok && r.value).toEqual(never);
        expect(r.ok && totals(r.value)).toEqual(totals(never));
      }),
      runs,
    );
  });

  it('import order does not change totals when the overlapping figures agree', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fact, { selector: factKey, minLength: 1, maxLength: 20 }),
        fc.uniqueArray(request, { selector: (r) => r.id, minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ log: fc.boolean(), picks: fc.uniqueArray(fc.nat({ max: 19 }), { maxLength: 12 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (facts, pool, specs) => {
          // Agreeing figures: a key or a request id means the same thing in every file that has it.
          const requests = pool.filter((r) => r.id !== null);
          const files = specs.map(({ log, picks }, n) =>
            log
              ? ([
                  meta('litellm', `log-${n}`),
                  picks.flatMap((i) => requests.slice(i % 8, (i % 8) + 1)).map(requestRecord),
                ] as const)
              : ([
                  meta('openai-costs', `costs-${n}`),
                  picks.flatMap((i) => facts.slice(i, i + 1)).map(factRecord),
                ] as const),
          );
          const forward = totals(importAll(files));
          expect(totals(importAll([...files].reverse()))).toEqual(forward);
          expect(totals(importAll([...files.slice(1), ...files.slice(0, 1)]))).toEqual(forward);
        },
      ),
      runs,
    );
  });
});
