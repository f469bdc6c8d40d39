import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { modelScenario } from '../../shared/estimate/model-scenario';
import { blankRow } from '../../shared/plan/new-plan';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { builtinContext } from './support/fixtures';

const AS_OF = '2026-11-28';
const plan = createSamplePlan(AS_OF);
const { priceBook } = builtinContext(AS_OF);

describe('price this plan on model X (issue 15)', () => {
  it('overrides every row’s model and maps sizes and qualities to the nearest the model offers, saying so', () => {
    const made = modelScenario(plan.rows, 'dall-e-3', priceBook, AS_OF);
    if (!made.ok) throw new Error(made.error);
    const { overrides, mappings, name } = made.value;
    expect(name).toBe('On dall-e-3');
    for (const row of plan.rows) expect(overrides).toContainEqual({ rowId: row.id, field: 'model', value: 'dall-e-3' });
    const hero = plan.rows.find((r) => r.size === '1536x864');
    expect(overrides).toContainEqual({ rowId: hero?.id, field: 'size', value: '1792x1024' });
    expect(mappings.some((m) => m.startsWith(`${hero?.name ?? ''}: Size 1536x864 → 1792x1024`))).toBe(true);
  });

  it('makes a scenario the engine prices like any other, every row on the model', () => {
    const made = modelScenario(plan.rows, 'dall-e-3', priceBook, AS_OF);
    if (!made.ok) throw new Error(made.error);
    const doc = {
      ...plan,
      scenarios: [
        ...plan.scenarios,
        { id: 'on-dalle', name: made.value.name, description: '', overrides: [...made.value.overrides] },
      ],
    };
    const priced = estimatePlan(doc, { scenario: 'on-dalle' });
    if (!priced.ok) throw new Error(priced.error);
    expect(priced.value.rows.every((r) => r.row.model === 'dall-e-3')).toBe(true);
  });

  it('leaves rows already on the model alone, and refuses an unknown model with the reason', () => {
    const same = modelScenario(plan.rows, 'gpt-image-2', priceBook, AS_OF);
    expect(same.ok && same.value.overrides).toEqual([]);
    const unknown = modelScenario(plan.rows, 'no-such-model', priceBook, AS_OF);
    expect(unknown.ok ? '' : unknown.error).toContain('"no-such-model" is not a known model');
  });

  it('groups the mappings: one per change made alike, the size left out once the rows had different ones', () => {
    // 30 rows of their own square-ish sizes, all mapped to 1024x1024; 10 more at 1536x864, mapped alike.
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => blankRow(`s${i}`, { size: `${1008 + 16 * (i % 3)}x1024` })),
      ...Array.from({ length: 10 }, (_, i) => blankRow(`w${i}`, { size: '1536x864', quality: 'medium' })),
    ];
    const made = modelScenario(rows, 'gpt-image-1.5', priceBook, AS_OF);
    if (!made.ok) throw new Error(made.error);
    const offered = 'the nearest gpt-image-1.5 offers (1024x1024, 1024x1536, 1536x1024)';
    expect(made.value.mappingGroups).toEqual([
      { text: `Size → 1024x1024: ${offered}`, count: 20, firstRows: [0, 2, 3] },
      { text: `Size 1536x864 → 1536x1024: ${offered}`, count: 10, firstRows: [30, 31, 32] },
    ]);
    // Row by row, as before, for --verbose and --json.
    expect(made.value.mappings).toHaveLength(30);
  });
});

describe('rows the model has no price for on their billing surface', () => {
  it('are counted by surface in the notes, and are exactly the rows the engine leaves unpriced', () => {
    const rows = [
      blankRow('a', { surface: 'api' }),
      blankRow('c1', { surface: 'credits' }),
      blankRow('c2', { surface: 'credits' }),
      blankRow('r', { surface: 'reseller' }),
    ];
    const made = modelScenario(rows, 'gpt-image-1.5', priceBook, AS_OF);
    if (!made.ok) throw new Error(made.error);
    expect(made.value.notes).toEqual([
      `2 rows are billed “credits”, which has no price for gpt-image-1.5 on ${AS_OF}: not priced on it until the price book has one.`,
      `1 row is billed “reseller”, which has no price for gpt-image-1.5 on ${AS_OF}: not priced on it until the price book has one.`,
    ]);
    const doc = {
      ...plan,
      rows,
      scenarios: [{ id: 's', name: made.value.name, description: '', overrides: [...made.value.overrides] }],
      activeScenarioId: 's',
    };
    const priced = estimatePlan(doc);
    if (!priced.ok) throw new Error(priced.error);
    expect(priced.value.rows.filter((r) => !r.estimate.ok).map((r) => r.row.id)).toEqual(['c1', 'c2', 'r']);
  });
});
