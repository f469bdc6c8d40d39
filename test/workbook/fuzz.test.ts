import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { parsePlanDocument, parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { buildPlanWorkbook } from '../../shared/workbook/build-workbook';
import { SheetFormatError, SheetRowScanner } from '../../shared/workbook/sheet-xml';
import { planArbitrary } from './support/plan-arbitrary';
import { imported, useWorkbookFiles } from './support/workbook-files';

/**
 * Issue 13's fuzz suite: generated plans and sheets with a fixed seed, bounded in time. FUZZ_RUNS sets
 * the number of pure runs per property (CI default below); the file round trip (slower: real files) runs
 * a twentieth of that. The CI default is 3 x 3,500 generated plans and sheets + 175 workbook files
 * (10,675 cases, seconds on 2 cores); `FUZZ_RUNS=10000 npx vitest run test/workbook/fuzz.test.ts` runs
 * 30,500.
 */

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? '3500'));
const FILE_RUNS = Math.max(5, Math.floor(RUNS / 20));
const SEED = 13;
const files = useWorkbookFiles('pl-fuzz-');

/** Text an attacker (or a careless paste) puts in a plan: formulas, escapes, XML's forbidden characters. */
const HOSTILE = fc.oneof(
  fc.constantFrom(
    "=cmd|'/C calc'!A0",
    '+1+1',
    '-2',
    '@SUM(1)',
    "'quoted",
    '\t=tab',
    '\u001b[2J\u001b]0;x\u0007',
    'a\uFFFEb\uFFFF',
    '<row r="4294967295"/>',
    ']]></t></is></c></row>',
    '&#99999999;&amp;',
    '\u202eevil',
    'x'.repeat(40_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A generated plan with hostile text in its names, notes and team, still a plan the schema accepts. */
const HOSTILE_PLAN = fc
  .tuple(planArbitrary({ minRows: 0, maxRows: 4 }), fc.array(HOSTILE, { minLength: 4, maxLength: 4 }))
  .map(([{ plan, scenarioId }, [name, notes, team, owner]]) => ({
    scenarioId,
    plan: {
      ...plan,
      meta: { ...plan.meta, owner: (owner ?? '').slice(0, 200) },
      rows: plan.rows.map((r) => ({
        ...r,
        name: name ?? r.name,
        notes: (notes ?? '').slice(0, 32_767),
        team: team ?? '',
      })),
    },
  }))
  .filter(({ plan }) => parsePlanDocument(plan).ok);

describe('fuzz: plans (issue 13)', () => {
  it(`every plan that validates estimates and lays out a workbook without throwing (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(HOSTILE_PLAN, ({ plan, scenarioId }) => {
        const read = parsePlanText(serializePlan(plan));
        expect(read.ok).toBe(true);
        expect(estimatePlan(plan, { scenario: scenarioId }).ok).toBe(true);
        const built = buildPlanWorkbook(plan, {
          scenarioId,
          appVersion: 'fuzz',
          exportedAt: '2026-12-05T00:00:00.000Z',
        });
        expect(built.ok).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`damaged plan text is refused with a message, never thrown (${RUNS} runs)`, () => {
    const text = serializePlan(planArbitrarySample());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: text.length }),
        fc.integer({ min: 0, max: 40 }),
        HOSTILE,
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

  it(`what validates is exported and imported back identical (${FILE_RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(HOSTILE_PLAN, async ({ plan, scenarioId }) => {
        expect(await imported(await files.exported(plan, scenarioId))).toEqual(plan);
      }),
      { numRuns: FILE_RUNS, seed: SEED },
    );
  });
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
