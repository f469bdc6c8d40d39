import { describe, expect, it } from 'vitest';
import { blankRow } from '../../../shared/plan/new-plan';
import { parseCellInput } from '../../../renderer/src/grid/cell-input';
import type { EditableField } from '../../../renderer/src/state/commands';

const row = blankRow('r1');

describe('cell input: what the editors and paste store', () => {
  it.each<[EditableField, string, string | number | null]>([
    ['finals', '24', 24],
    ['finals', '12*2', 24],
    ['finals', '1,000', 1000],
    ['draftsPerFinal', '0,125', '0.125'],
    ['finals', ' 48 ', 48],
    ['iterationFactor', '1,5', '1.5'],
    ['iterationFactor', 'exploring', '1.8'],
    ['iterationFactor', 'strict', '1.2'],
    ['iterationFactor', '2.25', '2.25'],
    ['draftsPerFinal', '0', '0'],
    ['budgetCapUsd', '$1,200.50', '1200.5'],
    ['budgetCapUsd', '12,5', '12.5'],
    ['budgetCapUsd', '', null],
    ['cachedSharePct', '25%', 25],
    ['promptTokens', '', null],
    ['size', '1536x1024', '1536x1024'],
    ['size', '16:9', '1536x864'],
    ['size', '1536 × 1024', '1536x1024'],
    ['size', 'auto', 'auto'],
    ['quality', 'HIGH', 'high'],
    ['model', 'GPT Image 1', 'gpt-image-1'],
    ['surface', 'Batch', 'batch'],
    ['startDate', '2027-01-31', '2027-01-31'],
    ['draftQuality', '', null],
    ['referenceSize', '1440 x 900', '1440x900'],
    ['name', 'Hero =1+1', 'Hero =1+1'],
  ])('%s ← %j', (field, text, expected) => {
    const parsed = parseCellInput(field, text, row);
    expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each<[EditableField, string, RegExp]>([
    ['finals', '2.5', /not a whole number/],
    ['finals', '-3', /out of range/],
    ['finals', 'many', /not a number/],
    ['nPerRequest', '11', /out of range: use 1 to 10/],
    ['iterationFactor', '0.5', /at least 1/],
    ['iterationFactor', '10/3', /too many decimals/],
    ['size', '1000x1000', /not a valid size for gpt-image-2.*Nearest valid/],
    ['size', 'big', /not a size/],
    ['quality', 'ultra', /use one of low, medium, high, auto/],
    ['model', 'dall-e-9', /not a known model/],
    ['startDate', '31/01/2027', /YYYY-MM-DD/],
    ['budgetCapUsd', '-5', /cannot be negative/],
  ])('%s rejects %j', (field, text, message) => {
    const parsed = parseCellInput(field, text, row);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('checks quality against the row model', () => {
    const dalle = blankRow('r2', { model: 'dall-e-3', quality: 'standard', size: '1024x1024' });
    expect(parseCellInput('quality', 'hd', dalle)).toEqual({ ok: true, value: 'hd' });
    expect(parseCellInput('quality', 'high', dalle).ok).toBe(false);
  });
});
