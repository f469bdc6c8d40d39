import fc from 'fast-check';
import { GENERATED_AS_OF, GENERATED_MODELS, generatedNMax } from '../../../shared/plan/plan-generator';
import { findModel, type SizeRule } from '../../../shared/estimate/models';
import { checkSize, sizeKey } from '../../../shared/estimate/sizes';
import { blankRow } from '../../../shared/plan/new-plan';
import type { PlanRow } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { createPriceBook } from '../../../shared/pricing/price-book';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';

/** Property tests price rows on the generator's date with the same price book as the benchmark. */
export const propertyContext: EstimateContext = {
  priceBook: createPriceBook(createSamplePlan(GENERATED_AS_OF).priceEntries),
  asOf: GENERATED_AS_OF,
};

/** A decimal text with up to 4 decimals, as the plan schema stores factors: units / 10^4. */
export function factorText(units: number): string {
  const whole = Math.floor(units / 10_000);
  const frac = String(units % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Any legal size for a flexible rule (both edges multiples of the step, within every bound). */
export function legalFlexibleSize(rule: Extract<SizeRule, { kind: 'flexible' }>): fc.Arbitrary<string> {
  const edge = fc.integer({ min: 1, max: Math.floor(rule.maxEdge / rule.multipleOf) }).map((n) => n * rule.multipleOf);
  return fc
    .tuple(edge, edge)
    .map(([width, height]) => ({ width, height }))
    .filter((s) => checkSize(rule, s) === null)
    .map(sizeKey);
}

function sizeFor(model: string): fc.Arbitrary<string> {
  const spec = findModel(model);
  if (!spec) throw new Error(`unknown model ${model}`);
  const rule = spec.sizes;
  return rule.kind === 'fixed' ? fc.constantFrom(...rule.sizes) : legalFlexibleSize(rule);
}

/** A valid, priced plan row across the generator's models and surfaces, with any legal size. */
export const validRow: fc.Arbitrary<PlanRow> = fc
  .constantFrom(...GENERATED_MODELS)
  .chain((choice) => {
    const spec = findModel(choice.model);
    if (!spec) throw new Error(`unknown model ${choice.model}`);
    const quality = fc.constantFrom(...spec.qualities);
    return fc.record({
      model: fc.constant(choice.model),
      surface: fc.constantFrom(...choice.surfaces),
      size: sizeFor(choice.model),
      quality,
      finals: fc.integer({ min: 0, max: 1_000_000 }),
      iterationFactor: fc.integer({ min: 10_000, max: 99_999 }).map(factorText),
      draftsPerFinal: fc.oneof(fc.constant('0'), fc.integer({ min: 0, max: 99_999 }).map(factorText)),
      draftQuality: fc.option(quality, { nil: null }),
      nPerRequest: fc.integer({ min: 1, max: spec.nMax }),
      promptTokens: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
      promptChars: fc.option(fc.integer({ min: 0, max: 32_000 }), { nil: null }),
      referenceImages: fc.integer({ min: 0, max: 16 }),
      referenceSize: fc
        .tuple(fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 1, max: 6000 }))
        .map(([w, h]) => `${w}x${h}`),
      cachedSharePct: fc.integer({ min: 0, max: 100 }),
      partialImages: fc.integer({ min: 0, max: 3 }),
    });
  })
  // A price may take fewer images per request than the model (fal's gpt-image-2: 4).
  .map((inputs) => {
    const spec = findModel(inputs.model);
    const nMax = spec ? generatedNMax(spec, inputs.surface) : inputs.nPerRequest;
    return blankRow('generated', { ...inputs, nPerRequest: Math.min(inputs.nPerRequest, nMax) });
  });
