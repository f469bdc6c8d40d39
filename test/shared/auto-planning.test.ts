import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateRow, type RowEstimate } from '../../shared/estimate/estimate-row';
import { MODEL_SPECS, type ModelSpec } from '../../shared/estimate/models';
import { checkSize, parseSizeText } from '../../shared/estimate/sizes';
import { compare } from '../../shared/money/exact';
import type { PlanRow } from '../../shared/plan/plan-schema';
import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';
import type { BillingSurface, PriceEntry } from '../../shared/pricing/price-entry';
import { legalFlexibleSize } from './support/arbitraries';
import { bareRow, builtinContext } from './support/fixtures';

/**
 * The engine's rule for `auto`: plan it at the dearest choice the model has, so an estimate never
 * understates what auto can cost. Checked over every model's options: every price entry of every model
 * that has an auto quality or size, on every surface the entry covers, at every quality and every size
 * auto can choose (and, for the quality, at any legal size).
 */

const AUTO_MODELS = MODEL_SPECS.filter((m) => m.autoQuality !== null || m.autoSize !== null);

interface Pricing {
  readonly model: ModelSpec;
  readonly entry: PriceEntry;
  readonly surface: BillingSurface;
}

const PRICINGS: readonly Pricing[] = AUTO_MODELS.flatMap((model) =>
  BUILTIN_CATALOG.filter((e) => e.model === model.id).flatMap((entry) =>
    entry.surfaces.filter((s) => s !== 'credits').map((surface) => ({ model, entry, surface })),
  ),
);

function priced(p: Pricing, overrides: Partial<PlanRow>): RowEstimate {
  return estimateRow(
    bareRow({ model: p.model.id, surface: p.surface, priceEntryId: p.entry.id, ...overrides }),
    builtinContext(p.entry.effectiveFrom),
  );
}

const concreteQualities = (m: ModelSpec) => m.qualities.filter((q) => q !== 'auto');

describe('auto is planned at the dearest option', () => {
  it('every model with auto names an auto quality and size it offers, and auto sizes it accepts', () => {
    expect(AUTO_MODELS.length).toBeGreaterThan(0);
    for (const m of AUTO_MODELS) {
      expect(m.qualities.includes('auto'), m.id).toBe(m.autoQuality !== null);
      if (m.autoQuality !== null) expect(concreteQualities(m), m.id).toContain(m.autoQuality);
      if (m.autoSize !== null) expect(m.autoSizes, m.id).toContain(m.autoSize);
      for (const s of m.autoSizes) {
        const size = parseSizeText(s);
        expect(size && checkSize(m.sizes, size), `${m.id} ${s}`).toBeNull();
      }
    }
  });

  const everySizeAndQuality = PRICINGS.flatMap((p) =>
    p.model.autoSizes.flatMap((size) => concreteQualities(p.model).map((quality) => ({ ...p, size, quality }))),
  );
  it.each(everySizeAndQuality.map((c) => ({ ...c, name: `${c.entry.id} ${c.surface} ${c.size} ${c.quality}` })))(
    '$name: auto quality and auto size cost at least this',
    ({ size, quality, ...p }) => {
      const option = priced(p, { size, quality });
      expect(option.errors).toEqual([]);
      const autoQuality = priced(p, { size, quality: 'auto' });
      const autoSize = priced(p, { size: 'auto', quality });
      const autoBoth = priced(p, { size: 'auto', quality: 'auto' });
      for (const planned of [autoQuality, autoSize, autoBoth]) {
        expect(planned.errors).toEqual([]);
        expect(compare(planned.costPerFinalImage, option.costPerFinalImage)).toBeGreaterThanOrEqual(0);
      }
      // and it is the dearest option itself, not more: auto is priced as one of the choices.
      expect(
        compare(
          autoBoth.costPerFinalImage,
          priced(p, { size: p.model.autoSize ?? size, quality: p.model.autoQuality ?? quality }).costPerFinalImage,
        ),
      ).toBe(0);
    },
  );

  it('auto quality costs at least every quality at any legal size, with any inputs (property)', () => {
    const gptFamily = PRICINGS.filter((p) => p.model.sizes.kind === 'flexible');
    const arbitrary = fc.constantFrom(...gptFamily).chain((p) =>
      fc.record({
        p: fc.constant(p),
        size: p.model.sizes.kind === 'flexible' ? legalFlexibleSize(p.model.sizes) : fc.constant('1024x1024'),
        quality: fc.constantFrom(...concreteQualities(p.model)),
        partialImages: fc.integer({ min: 0, max: 3 }),
        promptTokens: fc.integer({ min: 0, max: 5000 }),
        referenceImages: fc.integer({ min: 0, max: 4 }),
      }),
    );
    fc.assert(
      fc.property(arbitrary, ({ p, size, quality, ...inputs }) => {
        const option = priced(p, { size, quality, ...inputs });
        const auto = priced(p, { size, quality: 'auto', ...inputs });
        if (!option.ok) return; // a size a reseller's table does not list: nothing to compare
        expect(auto.errors).toEqual([]);
        expect(compare(auto.costPerFinalImage, option.costPerFinalImage)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });

  it('the planned choice is named in the assumptions', () => {
    const e = estimateRow(
      bareRow({ model: 'gpt-image-2.6-sunburst', size: 'auto', quality: 'auto' }),
      builtinContext('2026-12-04'),
    );
    expect(e.assumptions.join(' ')).toMatch(/size auto planned as 1024x1024/);
    expect(e.assumptions.join(' ')).toMatch(/quality auto planned as max/);
    expect(e.outputTokensPerFinal).toBe(7024);
  });
});
