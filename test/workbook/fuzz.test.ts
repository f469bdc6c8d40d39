import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { SheetFormatError, SheetRowScanner } from '../../shared/workbook/sheet-xml';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { anyValidPlan, ODD_TEXT } from './support/any-plan-arbitrary';
import { roundTripInMemory } from './support/in-memory-workbook';
import { planArbitrary } from './support/plan-arbitrary';
import { useWorkbookFiles } from './support/workbook-files';

/**
 * Issue 13's fuzz suite: generated plans and sheets with a fixed seed, bounded in time. For any plan that
 * validates (any-plan-arbitrary.ts: models and qualities the catalog lacks, scenarios overriding any
 * input, figures past 15 significant digits, U+FFFF and formula-like text everywhere, any date, any
 * budget), every scenario estimates without throwing and export → import gives the identical plan: in
 * memory (the file writer's sheet XML read by the importer's scanner; only the zip left out) for most
 * plans, through real .xlsx files for a twentieth. FUZZ_RUNS sets the runs of each pure property; the CI
 * default is 4,000 round-tripped plans + 3,500 damaged plan texts + 3,500 sheet XMLs + 200 workbook
 * files (11,200 cases, about a minute on 2 cores); `FUZZ_RUNS=20000 npx vitest run
 * test/workbook/fuzz.test.ts` runs 5x that.
 */

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? '3500'));
const ROUND_TRIP_RUNS = Math.ceil((RUNS * 8) / 7);
const FILE_RUNS = Math.max(5, Math.floor(ROUND_TRIP_RUNS / 20));
const SEED = 13;
/** Generous bounds that only a hang (or a quadratic blow-up) would reach. */
const MINUTES = 60_000;
const files = useWorkbookFiles('pl-fuzz-');

/** A plan as its file gives it back (fast-check may build objects without a prototype). */
function asSaved(plan: PlanDocument): PlanDocument {
  return JSON.parse(serializePlan(plan)) as PlanDocument;
}

describe('fuzz: plans (issue 13)', () => {
  it(
    `every plan that validates estimates in every scenario and comes back identical from its workbook (${ROUND_TRIP_RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(anyValidPlan(), ({ plan, scenarioId }) => {
          for (const scenario of [null, ...plan.scenarios.map((s) => s.id)])
            expect(estimatePlan(plan, { scenario }).ok).toBe(true);
          expect(parsePlanText(serializePlan(plan)).ok).toBe(true);
          const back = roundTripInMemory(plan, scenarioId);
          if (!back.ok) throw new Error(back.error);
          expect(back.value.document).toEqual(asSaved(plan));
          expect(back.value.priceEdits).toEqual([]);
        }),
        { numRuns: ROUND_TRIP_RUNS, seed: SEED },
      );
    },
    10 * MINUTES,
  );

  it(`damaged plan text is refused with a message, never thrown (${RUNS} runs)`, () => {
    const text = serializePlan(planArbitrarySample());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: text.length }),
        fc.integer({ min: 0, max: 40 }),
        ODD_TEXT,
        (at, cut, put) => {
          const damaged = text.slice(0, at) + put + text.slice(Math.min(text.length, at + cut));
          const r = parsePlanText(damaged);
          if (!r.ok) expect(r.error.length).toBeLessThan(5_000);
          else expect(() => estimatePlan(r.value, {})).not.toThrow();
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(
    `what validates is exported to a file and imported back identical (${FILE_RUNS} files)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(anyValidPlan(), async ({ plan, scenarioId }) => {
          const r = await importPlanWorkbook(await files.exported(plan, scenarioId));
          if (!r.ok) throw new Error(r.error);
          expect(r.value.document).toEqual(asSaved(plan));
          expect(r.value.priceEdits).toEqual([]);
        }),
        { numRuns: FILE_RUNS, seed: SEED + 1 },
      );
    },
    10 * MINUTES,
  );
});

describe('fuzz: sheet XML (issue 13)', () => {
  const TOKENS = fc.constantFrom(
    '<row r="1">',
    '<row r="2">',
    '<row r="4294967295">',
    '<row>',
    '<row r="NaN"/>',
    '</row>',
    '<x:row r="3">',
    '</x:row>',
    '<c r="A1"><v>1</v></c>',
    '<c r="XFE1"><v>1</v></c>',
    '<c r="B1" t="inlineStr"><is><t>text &amp; &#1;</t></is></c>',
    '<c r="C1"><v>0x10</v></c>',
    '<c t="s"><v>99</v></c>',
    '<',
    '>',
    '"',
    'row',
  );
  it(`any sheet XML, in any chunking, gives rows or a SheetFormatError (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(TOKENS, { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (tokens, chunk) => {
        const xml = tokens.join('');
        const scanner = new SheetRowScanner(['shared']);
        try {
          for (let i = 0; i < xml.length; i += chunk) scanner.push(xml.slice(i, i + chunk));
          scanner.end();
        } catch (error) {
          expect(error).toBeInstanceOf(SheetFormatError);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

function planArbitrarySample(): PlanDocument {
  const [sample] = fc.sample(planArbitrary({ minRows: 3, maxRows: 3 }), { numRuns: 1, seed: SEED });
  if (!sample) throw new Error('no sample plan');
  return sample.plan;
}
