import { describe, expect, it } from 'vitest';
import { blankRow } from '../../../shared/plan/new-plan';
import { ROW_FIELDS } from '../../../shared/plan/row-fields';
import { choiceListFor, matchChoices } from '../../../renderer/src/grid/choice-list';

const row = blankRow('r', { model: 'dall-e-3', quality: 'hd' });
const values = (field: 'model' | 'quality' | 'surface' | 'draftQuality' | 'iterationFactor', text: string) =>
  matchChoices(choiceListFor(field, ROW_FIELDS[field], row), text).options.map((o) => o.value);

describe('choice lists', () => {
  it('offer the field’s options from the registry; qualities follow the row’s model', () => {
    expect(values('quality', '')).toEqual(['standard', 'hd']);
    expect(values('surface', '')).toEqual(['api', 'responses', 'batch', 'credits', 'reseller']);
    expect(values('draftQuality', '')).toEqual(['', 'standard', 'hd']);
  });

  it('match what was typed: exact first, then words starting with it, then (two letters on) containing it', () => {
    expect(values('surface', 're')).toEqual(['responses', 'reseller', 'credits']);
    expect(values('model', 'gpt-image-1')[0]).toBe('gpt-image-1');
    // A word starting with the text beats one merely containing it ("gemini").
    expect(values('model', 'mini')[0]).toBe('gpt-image-1-mini');
    expect(values('model', 'mini')).toContain('gemini-3-pro-image');
    expect(values('model', 'flux-2-p')).toEqual(['flux-2-pro']);
    expect(values('model', 'e')).not.toContain('gpt-image-2');
  });

  it('the empty choice of an optional list matches "empty", not the words that explain it', () => {
    expect(values('draftQuality', 'st')).toEqual(['standard']);
    expect(values('draftQuality', 'empty')).toEqual(['']);
  });

  it('generations per final: presets by name or factor, and a number matches only its own value', () => {
    const list = choiceListFor('iterationFactor', ROW_FIELDS.iterationFactor, row);
    expect(list.allowsCustom).toBe(true);
    expect(values('iterationFactor', 'strict')).toEqual(['1.2']);
    expect(values('iterationFactor', '1')).toEqual([]);
    expect(values('iterationFactor', '1.80')).toEqual(['1.8']);
    expect(values('iterationFactor', '2,5')).toEqual(['2.5']);
  });
});
